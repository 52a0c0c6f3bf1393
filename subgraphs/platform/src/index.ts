import { installedPlugins } from '@cppcc/installation';
import { serveAlone } from '@cppcc/kit';
import { platformModule } from './module.js';

await serveAlone(platformModule(installedPlugins()));
