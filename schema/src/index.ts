export * from './compose.js';
export * from './modules.js';
