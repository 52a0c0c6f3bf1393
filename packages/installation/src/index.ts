export * from './modules.js';
export * from './plugins.js';
