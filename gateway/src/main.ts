import { processSettings, startOrExit, startTracing, stopOnSignal } from '@cppcc/kit';

// `node gateway/dist/main.js`: every setting (PORT, HOST, GATEWAY_ENGINE, SUPERGRAPH_PATH,
// SUBGRAPH_URL_<NAME>, …) comes from the one settings module. Settings first: a bad one ends the
// process with one line before the engines are even loaded.
const settings = processSettings();
startTracing(settings, 'gateway');
const { createGateway } = await import('./gateway.js');
const gateway = await startOrExit('gateway', () =>
  createGateway({
    settings,
    supergraphPath: settings.supergraphPath,
    engine: settings.gatewayEngine,
    port: settings.port ?? 4000,
    host: settings.host,
  }),
);
stopOnSignal(() => gateway.stop());
