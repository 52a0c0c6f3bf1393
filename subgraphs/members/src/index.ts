import { serveAlone } from '@cppcc/kit';
import { members } from './module.js';

await serveAlone(members);
