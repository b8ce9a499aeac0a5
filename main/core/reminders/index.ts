export * from './zone.js';
export * from './scheduler.js';
export { ReminderService, wroteOn, type ReminderContext, type ReminderOptions } from './service.js';
