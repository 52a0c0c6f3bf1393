import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSettings, stopOnSignal } from '@cppcc/kit';
import { createGateway } from './gateway.js';
import type { EngineKind } from './engines/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const gateway = await createGateway({
  settings: readSettings(),
  supergraphPath: process.env.SUPERGRAPH_PATH ?? path.resolve(here, '../../schema/supergraph.graphql'),
  engine: process.env.GATEWAY_ENGINE as EngineKind | undefined,
  port: Number(process.env.PORT ?? 4000),
  host: process.env.HOST ?? '127.0.0.1',
});
stopOnSignal(() => gateway.stop());
