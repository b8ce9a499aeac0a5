import type { HandlersFor } from './types.js';
import { remindersFor } from '../reminders/index.js';

export const reminderHandlers: HandlersFor<'reminders'> = {
  'reminders.status': (_input, ctx) => {
    const r = remindersFor(ctx);
    r?.sync();
    return r?.status() ?? [];
  },
  'reminders.snooze': ({ kind }, ctx) => {
    const r = remindersFor(ctx);
    r?.snooze(kind);
    return r?.status() ?? [];
  },
};
