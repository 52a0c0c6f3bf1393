export * from './auth.js';
export * from './gateway.js';
export * from './engines/index.js';
export * from './supergraph.js';
export * from './dev-tokens.js';
export { FIRST_QUERY } from './explorer.js';
