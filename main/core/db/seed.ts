import { BUILTIN_PATTERNS } from '../../../shared/catalogue.js';
import type { DB } from './index.js';

/** Writes what every new journal starts with: its identity and the built-in pattern catalogue. */
export function seedJournal(db: DB, journalId: string, now: number): void {
  db.transaction(() => {
    db.prepare("INSERT INTO meta (key, value) VALUES ('journal_id', ?)").run(journalId);
    const insert = db.prepare(
      'INSERT INTO tags (slug, label, polarity, category, color, builtin, created_at) VALUES (?, ?, ?, ?, NULL, 1, ?)',
    );
    for (const p of BUILTIN_PATTERNS) insert.run(p.slug, p.label, p.polarity, p.category, now);
  })();
}

export function readJournalId(db: DB): string | null {
  const row = db.prepare("SELECT value FROM meta WHERE key = 'journal_id'").get() as { value: string } | undefined;
  return row?.value ?? null;
}
