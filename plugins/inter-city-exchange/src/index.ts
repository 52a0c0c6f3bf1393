import { serveAlone } from '@cppcc/kit';
import { interCityExchange } from './manifest.js';

await serveAlone(interCityExchange.module);
