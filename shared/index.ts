export * from './api.js';
export * from './catalogue.js';
export * from './errors.js';
export * from './schemas.js';
