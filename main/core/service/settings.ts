import type { HandlersFor } from './types.js';
import { readSettings, updateSettings } from '../db/analytics/index.js';

export const settingsHandlers: HandlersFor<'settings'> = {
  'settings.get': (_input, { vault }) => readSettings(vault.database()),
  'settings.update': (patch, ctx) => {
    const settings = updateSettings(ctx.vault.database(), patch);
    // A new schedule or week start takes effect at once.
    ctx.reminders.reload();
    return settings;
  },
};
