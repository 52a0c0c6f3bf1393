export * from './compose.js';
export * from './coverage.js';
