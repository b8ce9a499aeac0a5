/**
 * Journal settings (week start, reminder schedules) in the encrypted `settings` table, one row per key
 * with a JSON value. Kept inside the journal, not in the OS preferences store: even a reminder
 * schedule says something about the person. A stored value that no longer parses falls back to its
 * default rather than breaking the app.
 */
import { SETTINGS_DEFAULTS, Settings } from '../../../../shared/insights.js';
import type { DB } from '../index.js';
import { prepared } from './sql.js';

const KEYS = Object.keys(SETTINGS_DEFAULTS) as (keyof Settings)[];
/** Row keys are namespaced: other features keep their own settings in the same table. */
const rowKey = (k: keyof Settings) => `insights.${k}`;

export function readSettings(db: DB): Settings {
  const rows = prepared(db, `SELECT key, value FROM settings WHERE key IN (${KEYS.map(() => '?').join(', ')})`).all(
    ...KEYS.map(rowKey),
  ) as { key: string; value: string }[];
  const out: Record<string, unknown> = { ...SETTINGS_DEFAULTS };
  for (const { key, value } of rows) {
    const name = KEYS.find((k) => rowKey(k) === key)!;
    try {
      const parsed = Settings.shape[name].safeParse(JSON.parse(value));
      if (parsed.success) out[name] = parsed.data;
    } catch {
      // Unreadable JSON: keep the default.
    }
  }
  return out as Settings;
}

/** Writes the given keys (each replaced whole) in one transaction and returns the new settings. */
export function updateSettings(db: DB, patch: Partial<Settings>): Settings {
  const upsert = prepared(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  db.transaction(() => {
    for (const key of KEYS) {
      if (patch[key] !== undefined) upsert.run(rowKey(key), JSON.stringify(patch[key]));
    }
  })();
  return readSettings(db);
}

export function weekStartSetting(db: DB): number {
  return readSettings(db).weekStart;
}
