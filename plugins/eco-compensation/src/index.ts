import { serveAlone } from '@cppcc/plugin-sdk';
import { ecoCompensation } from './manifest.js';

await serveAlone(ecoCompensation.module);
