import { serveAlone } from '@cppcc/plugin-sdk';
import { riverChief } from './manifest.js';

await serveAlone(riverChief.module);
