import { serveAlone } from '@cppcc/kit';
import { consultation } from './module.js';

await serveAlone(consultation);
