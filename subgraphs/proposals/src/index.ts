import { serveAlone } from '@cppcc/kit';
import { proposals } from './module.js';

await serveAlone(proposals);
