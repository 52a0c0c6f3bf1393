import { serveAlone } from '@cppcc/plugin-sdk';
import { interCityExchange } from './manifest.js';

await serveAlone(interCityExchange.module);
