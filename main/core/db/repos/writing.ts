/**
 * The writer's own entry templates (guided writing), in the order they chose, and the prompt-of-the-day
 * preference (a row of the encrypted `settings` table, like the journal's other settings).
 */
import { FulcrumError } from '../../../../shared/errors.js';
import {
  MAX_WRITING_TEMPLATES,
  WRITING_PREFERENCES_DEFAULTS,
  WritingPreferences,
  type WritingTemplate,
} from '../../../../shared/writing.js';
import type { DB } from '../open.js';
import { all, get, run, value } from './sql.js';

interface Row {
  id: number;
  name: string;
  body: string;
  position: number;
  created_at: number;
  updated_at: number;
}
const toTemplate = (r: Row): WritingTemplate => ({ id: r.id, name: r.name, body: r.body, position: r.position, createdAt: r.created_at, updatedAt: r.updated_at });
const COLUMNS = 'id, name, body, position, created_at, updated_at';
const notFound = () => new FulcrumError('NOT_FOUND', 'That template is no longer there (it may have been deleted). Reload and try again.');

/** In the writer's order. */
export function listWritingTemplates(db: DB): WritingTemplate[] {
  return all<Row>(db, `SELECT ${COLUMNS} FROM writing_templates ORDER BY position, id`).map(toTemplate);
}

function getWritingTemplate(db: DB, id: number): WritingTemplate {
  const row = get<Row>(db, `SELECT ${COLUMNS} FROM writing_templates WHERE id = ?`, id);
  if (!row) throw notFound();
  return toTemplate(row);
}

/** A new template goes last. */
export function createWritingTemplate(db: DB, input: { name: string; body: string }, now: number): WritingTemplate {
  const id = db.transaction(() => {
    const count = value<number>(db, 'SELECT count(*) FROM writing_templates') ?? 0;
    if (count >= MAX_WRITING_TEMPLATES)
      throw new FulcrumError('VALIDATION', `A journal keeps at most ${MAX_WRITING_TEMPLATES} templates. Delete one you no longer use first.`, { max: MAX_WRITING_TEMPLATES });
    const position = value<number>(db, 'SELECT coalesce(max(position) + 1, 0) FROM writing_templates') ?? 0;
    return Number(
      run(db, 'INSERT INTO writing_templates (name, body, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?)', input.name, input.body, position, now, now).lastInsertRowid,
    );
  })();
  return getWritingTemplate(db, id);
}

export function updateWritingTemplate(db: DB, input: { id: number; name?: string | undefined; body?: string | undefined }, now: number): WritingTemplate {
  const changed = db.transaction(
    () =>
      run(
        db,
        'UPDATE writing_templates SET name = coalesce(?, name), body = coalesce(?, body), updated_at = ? WHERE id = ?',
        input.name ?? null,
        input.body ?? null,
        now,
        input.id,
      ).changes,
  )();
  if (!changed) throw notFound();
  return getWritingTemplate(db, input.id);
}

/** The others close up behind it, so positions stay 0, 1, 2 … */
export function deleteWritingTemplate(db: DB, id: number): void {
  db.transaction(() => {
    const position = value<number>(db, 'SELECT position FROM writing_templates WHERE id = ?', id);
    if (position === undefined) throw notFound();
    run(db, 'DELETE FROM writing_templates WHERE id = ?', id);
    run(db, 'UPDATE writing_templates SET position = position - 1 WHERE position > ?', position);
  })();
}

/**
 * Puts the templates in the order given. The list must name every template exactly once (the schema
 * refuses repeats): one that is missing or unknown means the screen was out of date, and nothing moves.
 */
export function reorderWritingTemplates(db: DB, ids: readonly number[], now: number): WritingTemplate[] {
  db.transaction(() => {
    const known = new Set(all<{ id: number }>(db, 'SELECT id FROM writing_templates').map((r) => r.id));
    if (ids.length !== known.size || ids.some((id) => !known.has(id)))
      throw new FulcrumError('CONFLICT', 'The templates changed since this list was shown. Reload and try again.');
    ids.forEach((id, position) => run(db, 'UPDATE writing_templates SET position = ?, updated_at = ? WHERE id = ? AND position <> ?', position, now, id, position));
  })();
  return listWritingTemplates(db);
}

const PROMPT_KEY = 'writing.promptOfTheDay';

/** A stored value that no longer reads falls back to the default (the prompt shown). */
export function readWritingPreferences(db: DB): WritingPreferences {
  const raw = value<string>(db, 'SELECT value FROM settings WHERE key = ?', PROMPT_KEY);
  if (raw === undefined) return { ...WRITING_PREFERENCES_DEFAULTS };
  try {
    const parsed = WritingPreferences.shape.promptOfTheDay.safeParse(JSON.parse(raw));
    return { promptOfTheDay: parsed.success ? parsed.data : WRITING_PREFERENCES_DEFAULTS.promptOfTheDay };
  } catch {
    return { ...WRITING_PREFERENCES_DEFAULTS };
  }
}

export function updateWritingPreferences(db: DB, patch: Partial<WritingPreferences>): WritingPreferences {
  if (patch.promptOfTheDay !== undefined) {
    const on = patch.promptOfTheDay;
    db.transaction(() =>
      run(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', PROMPT_KEY, JSON.stringify(on)),
    )();
  }
  return readWritingPreferences(db);
}
