import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSettings, stopOnSignal } from '@cppcc/kit';
import type { EngineKind } from './engines/index.js';

// Settings first: a bad one ends the process with one line before the engines are even loaded.
const settings = readSettings();
const { createGateway } = await import('./gateway.js');
const here = path.dirname(fileURLToPath(import.meta.url));
const gateway = await createGateway({
  settings,
  supergraphPath: process.env.SUPERGRAPH_PATH ?? path.resolve(here, '../../schema/supergraph.graphql'),
  engine: process.env.GATEWAY_ENGINE as EngineKind | undefined,
  port: Number(process.env.PORT ?? 4000),
  host: process.env.HOST ?? '127.0.0.1',
});
stopOnSignal(() => gateway.stop());
