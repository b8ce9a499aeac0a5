import type { Draft, DraftInput } from '../../../../shared/schemas.js';
import type { DB } from '../open.js';
import { all, get, run } from './sql.js';

/**
 * The editor's autosaved state, so nothing typed is lost to a crash or an auto-lock. Keys: 'new' for
 * an entry not yet saved, 'entry-<id>' for edits to an existing one. Content is opaque JSON text.
 */
interface DraftRow {
  key: string;
  content: string;
  updated_at: number;
}

const toDraft = (r: DraftRow): Draft => ({ key: r.key, content: r.content, updatedAt: r.updated_at });

export function getDraft(db: DB, key: string): Draft | null {
  const row = get<DraftRow>(db, 'SELECT key, content, updated_at FROM drafts WHERE key = ?', key);
  return row ? toDraft(row) : null;
}

/** Most recently saved first. */
export const listDrafts = (db: DB): Draft[] =>
  all<DraftRow>(db, 'SELECT key, content, updated_at FROM drafts ORDER BY updated_at DESC, key').map(toDraft);

export function saveDraft(db: DB, input: DraftInput, now: number): Draft {
  run(
    db,
    'INSERT INTO drafts (key, content, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET content = excluded.content, updated_at = excluded.updated_at',
    input.key,
    input.content,
    now,
  );
  return { key: input.key, content: input.content, updatedAt: now };
}

/** Discarding a draft that is not there is not an error: the result is the same. */
export function discardDraft(db: DB, key: string): void {
  run(db, 'DELETE FROM drafts WHERE key = ?', key);
}
