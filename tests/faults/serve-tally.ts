// One of the fault suite's modules as its own process, the way `npm start -w subgraphs/NAME`
// serves a subgraph: `tsx tests/faults/serve-tally.ts producer|consumer` (PORT, DATABASE_URL,
// REDIS_URL, REDIS_STREAM from the environment).
import { serveAlone } from '@cppcc/kit';
import { tallyConsumer, tallyProducer } from './tally-modules.js';

const which = process.argv[2];
if (which !== 'producer' && which !== 'consumer') {
  console.error('serve-tally: name producer or consumer');
  process.exit(2);
}
await serveAlone(which === 'producer' ? tallyProducer : tallyConsumer);
