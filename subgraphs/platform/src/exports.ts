export { installedModules } from './installation.js';
export { platformModule } from './module.js';
export { askSettingsReviews } from './commands/review-plugin-settings.js';
export { announceDaysTurned } from './inbox-tick.js';
