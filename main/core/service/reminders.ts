import type { HandlersFor } from './types.js';

export const reminderHandlers: HandlersFor<'reminders'> = {
  'reminders.status': (_input, { reminders }) => {
    reminders.sync();
    return reminders.status();
  },
  'reminders.snooze': ({ kind }, { reminders }) => {
    reminders.snooze(kind);
    return reminders.status();
  },
};
