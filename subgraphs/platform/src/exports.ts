export { installedModules } from './installation.js';
export { platformModule } from './module.js';
