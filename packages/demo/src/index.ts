export * from './activity.js';
export * from './members.js';
export * from './organization.js';
export * from './donations.js';
export * from './government-units.js';
<<<<<<< HEAD
export * from './proposal-work.js';
export * from './opinion-work.js';
export * from './proposal-events.js';
=======
export * from './bodies.js';
export * from './committee-history.js';
>>>>>>> main
