export * from './open.js';
export * from './migrate.js';
export { MIGRATIONS } from './migrations/index.js';
