export * from './activity.js';
export * from './members.js';
export * from './organization.js';
export * from './donations.js';
export * from './government-units.js';
export * from './bodies.js';
export * from './committee-history.js';
export * from './party-building.js';
