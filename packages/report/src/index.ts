export * from './charts.js';
export * from './format.js';
export * from './gather.js';
export * from './render.js';
