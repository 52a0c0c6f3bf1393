export * from './compose.js';
export * from './modules.js';
export * from './plugins.js';
