export * from './zone.js';
export * from './scheduler.js';
export { ReminderService, remindersFor, wroteOn, type ReminderContext, type ReminderOptions } from './service.js';
