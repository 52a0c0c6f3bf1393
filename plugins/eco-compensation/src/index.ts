import { serveAlone } from '@cppcc/kit';
import { ecoCompensation } from './manifest.js';

await serveAlone(ecoCompensation.module);
