/**
 * Gathers what an export contains: the entries in scope (the same filter semantics as the timeline's
 * search, through the entries repository), the people and patterns they name, check-ins, strengths
 * and therapy sessions. Entries in the trash are never exported.
 */
import type { z } from 'zod';
import type { ExportScope } from '../../../../shared/portability.js';
import type { CheckIn, Entry, Person, Tag } from '../../../../shared/schemas.js';
import type { Strength } from '../../../../shared/insights.js';
import type { DB } from '../../db/index.js';
import { listCheckIns, listPeople, listTags, searchEntries } from '../../db/repos/index.js';
import { entryBodies, therapySessionsOldestFirst } from '../../db/repos/export.js';
import { listStrengths } from '../../db/repos/strengths.js';

export type Scope = z.output<typeof ExportScope>;

export interface TherapySession {
  id: number;
  day: string;
  note: string;
  createdAt: number;
}

export interface ExportEntryRow extends Entry {
  sourceRef: string | null;
}

export interface ExportData {
  scope: Scope;
  /** Everyone the export mentions (the chosen people and anyone else in the chosen entries). */
  people: Person[];
  /** Every pattern of the journal (built-in and the user's own, archived too): entries refer to them by id. */
  tags: Tag[];
  /** Oldest first. */
  entries: ExportEntryRow[];
  checkins: CheckIn[];
  strengths: Strength[];
  sessions: TherapySession[];
}

export type Progress = (done: number, total: number) => void;

const PAGE = 500;

export function collectExport(db: DB, scope: Scope, progress: Progress = () => {}): ExportData {
  const personIds = scope.personIds?.length ? scope.personIds : undefined;
  const filter = { from: scope.from, to: scope.to, personIds };

  const summaries: Omit<Entry, 'body'>[] = [];
  let cursor = null;
  for (;;) {
    const page = searchEntries(db, { filter, cursor, limit: PAGE }, { trash: false });
    summaries.push(...page.items);
    progress(summaries.length, 0);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  summaries.reverse();

  // Bodies and source references, a page of ids at a time (the search rows carry only an excerpt).
  const extra = new Map<number, { body: string; source_ref: string | null }>();
  for (let i = 0; i < summaries.length; i += PAGE) {
    const ids = summaries.slice(i, i + PAGE).map((e) => e.id);
    for (const r of entryBodies(db, ids)) extra.set(r.id, r);
  }
  const entries: ExportEntryRow[] = summaries.map((e) => {
    const x = extra.get(e.id);
    const { excerpt: _excerpt, ...rest } = e as Omit<Entry, 'body'> & { excerpt?: string };
    return { ...rest, body: x?.body ?? '', sourceRef: x?.source_ref ?? null };
  });

  const allPeople = listPeople(db, { includeArchived: true });
  const wanted = new Set<number>(personIds ?? allPeople.map((p) => p.id));
  for (const e of entries) for (const id of e.personIds) wanted.add(id);
  const people = allPeople.filter((p) => wanted.has(p.id));

  const inRange = (day: string) => (!scope.from || day >= scope.from) && (!scope.to || day <= scope.to);
  const chosen = (id: number | null) => id === null || !personIds || personIds.includes(id);
  const checkins = listCheckIns(db, { from: scope.from, to: scope.to })
    .filter((c) => chosen(c.personId))
    .sort((a, b) => a.week.localeCompare(b.week) || a.personId - b.personId);
  // Strengths are words the user wrote: they go only with the text.
  const strengths = scope.includeText ? listStrengths(db).filter((s) => chosen(s.personId)) : [];
  const sessions = therapySessionsOldestFirst(db).filter((s) => inRange(s.day));

  return { scope, people, tags: listTags(db, { includeArchived: true }), entries, checkins, strengths, sessions };
}
