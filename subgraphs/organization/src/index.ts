import { serveAlone } from '@cppcc/kit';
import { organization } from './module.js';

await serveAlone(organization);
