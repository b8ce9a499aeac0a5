import type { z } from 'zod';
import { FulcrumError } from '../../../../shared/errors.js';
import type { Category, Polarity, Tag, TagInput, TagPatch } from '../../../../shared/schemas.js';
import type { DB } from '../open.js';
import { all, column, get, run } from './sql.js';
import { keepRevision } from './revisions.js';

type NewTag = z.output<typeof TagInput>;
type TagChanges = z.output<typeof TagPatch>;

interface TagRow {
  id: number;
  slug: string;
  label: string;
  polarity: z.infer<typeof Polarity>;
  category: z.infer<typeof Category>;
  color: string | null;
  builtin: 0 | 1;
  archived_at: number | null;
}

const COLS = 'id, slug, label, polarity, category, color, builtin, archived_at';

const toTag = (r: TagRow): Tag => ({
  id: r.id,
  slug: r.slug,
  label: r.label,
  polarity: r.polarity,
  category: r.category,
  color: r.color,
  builtin: r.builtin === 1,
  archivedAt: r.archived_at,
});

export const tagNotFound = () =>
  new FulcrumError('NOT_FOUND', 'That pattern is not in the journal (it may have been merged or removed). Reload and try again.');

const SLUG_MAX = 60;

/**
 * A stable identifier made from the label ("Talked over" → "talked-over"), used by import/export to
 * recognise a pattern. Letters of any script are kept; accents are dropped. It never changes on rename.
 */
export function slugify(label: string): string {
  const slug = label
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return Array.from(slug).slice(0, SLUG_MAX).join('').replace(/-+$/, '') || 'pattern';
}

function uniqueSlug(db: DB, label: string): string {
  const base = slugify(label);
  const taken = new Set(
    all<{ slug: string }>(db, "SELECT slug FROM tags WHERE slug = ? OR slug LIKE ? ESCAPE '\\'", base, `${base.replace(/[\\%_]/g, '\\$&')}-%`).map(
      (r) => r.slug,
    ),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

const sameLabel = (a: string, b: string) => a.normalize('NFC').toLocaleLowerCase() === b.normalize('NFC').toLocaleLowerCase();

/** Two patterns in use with the same name would be indistinguishable in the picker and the report. */
function refuseDuplicateLabel(db: DB, label: string, exceptId: number | null): void {
  const active = all<{ id: number; label: string }>(db, 'SELECT id, label FROM tags WHERE archived_at IS NULL');
  if (active.some((t) => t.id !== exceptId && sameLabel(t.label, label))) {
    throw new FulcrumError('CONFLICT', 'You already have a pattern with that name. Choose another name, or use the existing one.');
  }
}

export function getTag(db: DB, id: number): Tag | null {
  const row = get<TagRow>(db, `SELECT ${COLS} FROM tags WHERE id = ?`, id);
  return row ? toTag(row) : null;
}

/** Built-in patterns in catalogue order, then the user's own in the order they were made (not those of an import still being written). */
export function listTags(db: DB, opts: { includeArchived?: boolean } = {}): Tag[] {
  const rows = opts.includeArchived
    ? all<TagRow>(db, `SELECT ${COLS} FROM tags WHERE import_batch IS NULL ORDER BY builtin DESC, id`)
    : all<TagRow>(db, `SELECT ${COLS} FROM tags WHERE archived_at IS NULL AND import_batch IS NULL ORDER BY builtin DESC, id`);
  return rows.map(toTag);
}

export function createTag(db: DB, input: NewTag, now: number): Tag {
  return db.transaction(() => {
    refuseDuplicateLabel(db, input.label, null);
    const info = run(
      db,
      'INSERT INTO tags (slug, label, polarity, category, color, builtin, archived_at, created_at) VALUES (?, ?, ?, ?, ?, 0, NULL, ?)',
      uniqueSlug(db, input.label),
      input.label,
      input.polarity,
      input.category,
      input.color ?? null,
      now,
    );
    return getTag(db, Number(info.lastInsertRowid))!;
  })();
}

/**
 * Renames, recolours (null = the category's colour), re-categorises or (un)archives a pattern.
 * Built-in patterns keep their category and polarity: reports and the framework legend rely on them,
 * and a user who sees a pattern differently can make their own. Archiving hides a pattern from the
 * picker; entries keep it.
 */
export function updateTag(db: DB, id: number, patch: TagChanges, now: number): Tag {
  return db.transaction(() => {
    const row = get<TagRow>(db, `SELECT ${COLS} FROM tags WHERE id = ?`, id);
    if (!row) throw tagNotFound();
    const category = patch.category ?? row.category;
    const polarity = patch.polarity ?? row.polarity;
    if (row.builtin && (category !== row.category || polarity !== row.polarity)) {
      throw new FulcrumError(
        'CONFLICT',
        'Built-in patterns keep their category and whether they are healthy or an imbalance, so reports stay comparable. ' +
          'Create your own pattern instead.',
      );
    }
    const label = patch.label ?? row.label;
    const archivedAt = patch.archived === undefined ? row.archived_at : patch.archived ? (row.archived_at ?? now) : null;
    if (archivedAt === null && (label !== row.label || row.archived_at !== null)) refuseDuplicateLabel(db, label, id);
    run(
      db,
      'UPDATE tags SET label = ?, color = ?, category = ?, polarity = ?, archived_at = ? WHERE id = ?',
      label,
      patch.color === undefined ? row.color : patch.color,
      category,
      polarity,
      archivedAt,
      id,
    );
    return getTag(db, id)!;
  })();
}

/**
 * Moves every entry link of `from` to `into` (an entry that had both keeps one link) and then removes
 * `from`, all in one transaction. A built-in pattern cannot be merged away (it would come back as a gap
 * in the catalogue and break reports over time); archive it instead. Returns `into`.
 */
export function mergeTags(db: DB, from: number, into: number, now: number): Tag {
  if (from === into) throw new FulcrumError('VALIDATION', 'A pattern cannot be merged into itself.');
  return db.transaction(() => {
    const source = get<TagRow>(db, `SELECT ${COLS} FROM tags WHERE id = ?`, from);
    const target = get<TagRow>(db, `SELECT ${COLS} FROM tags WHERE id = ?`, into);
    if (!source || !target) throw tagNotFound();
    if (source.builtin) {
      throw new FulcrumError(
        'CONFLICT',
        'A built-in pattern cannot be merged away. Merge the other way round, or archive the built-in pattern to hide it.',
      );
    }
    // The entries that carried `from` read differently now: they count as edited, and keep a revision.
    const edited = column<number>(db, 'SELECT entry_id FROM entry_tags WHERE tag_id = ? ORDER BY entry_id', from);
    run(db, 'UPDATE entries SET updated_at = ? WHERE id IN (SELECT entry_id FROM entry_tags WHERE tag_id = ?)', now, from);
    run(db, 'INSERT OR IGNORE INTO entry_tags (entry_id, tag_id) SELECT entry_id, ? FROM entry_tags WHERE tag_id = ?', into, from);
    run(db, 'DELETE FROM entry_tags WHERE tag_id = ?', from);
    run(db, 'DELETE FROM tags WHERE id = ?', from);
    for (const id of edited) keepRevision(db, 'entry', id, now);
    return toTag(target);
  })();
}
