/**
 * Matching a plan against the journal (which people and patterns already exist, which entries were
 * imported before) and writing it: all of it in one transaction, or nothing.
 */
import { BUILTIN_PATTERNS } from '../../../../shared/catalogue.js';
import { FulcrumError } from '../../../../shared/errors.js';
import type { ImportResult } from '../../../../shared/portability.js';
import type { DB } from '../../db/index.js';
import { createEntry, createPerson, createTag, listPeople, listTags, saveCheckIn, updatePerson, updateTag } from '../../db/repos/index.js';
import {
  addTherapySession,
  beginImmediate,
  commit,
  countSameMinute,
  hasCheckIn,
  hasOwnEntry,
  hasSourceRef,
  hasTherapySession,
  rollbackIfOpen,
  setUpdatedAt,
  tagLooks,
  takenMinuteRefs,
} from '../../db/repos/imports.js';
import { throwIfCancelled } from '../../jobs/cooperate.js';
import { stepPauses, type StepPause } from './steps.js';
import { createStrength, listStrengths } from '../../db/repos/strengths.js';
import { fold, type ImportPlan, type PlannedEntry } from './plan.js';

export interface Resolution {
  /** plan key → existing id, or null = to be created. */
  people: Map<string, number | null>;
  tags: Map<string, number | null>;
  entryDuplicate: boolean[];
  checkinDuplicate: boolean[];
  strengthDuplicate: boolean[];
  sessionDuplicate: boolean[];
}

const CATALOGUE_LABEL = new Map(BUILTIN_PATTERNS.map((p) => [p.slug, p.label]));

/**
 * Whether each entry, taken in the file's order, is already in the journal. Entries known only by
 * their minute: the k-th with a given minute and text in the file is a duplicate when the journal
 * holds at least k such entries.
 */
export function duplicateChecker(db: DB, plan: Pick<ImportPlan, 'originJournalId'>, journalId: string): (e: PlannedEntry) => boolean {
  const sameJournal = plan.originJournalId === journalId;
  const sameMinute = new Map<string, number>();
  return (e) => {
    if (e.refIsMinute) {
      const key = JSON.stringify([e.source, e.sourceRef, e.title, e.body]);
      const k = (sameMinute.get(key) ?? 0) + 1;
      sameMinute.set(key, k);
      return countSameMinute(db, e) >= k;
    }
    if (hasSourceRef(db, e.source, e.sourceRef)) return true;
    // An export of this very journal: its own entries carry no reference, only their id here.
    return (
      sameJournal &&
      e.originId !== undefined &&
      hasOwnEntry(db, e.originId, e.occurredAt)
    );
  };
}

export function resolvePlan(db: DB, plan: ImportPlan, journalId: string): Resolution {
  const sameJournal = plan.originJournalId === journalId;
  const people = listPeople(db, { includeArchived: true });
  const peopleById = new Map(people.map((p) => [p.id, p]));
  const peopleByName = new Map<string, number>();
  for (const p of people) if (!peopleByName.has(fold(p.name))) peopleByName.set(fold(p.name), p.id);
  const personMap = new Map<string, number | null>();
  for (const p of plan.people) {
    const mapped = p.mapTo !== undefined ? peopleById.get(p.mapTo) : undefined;
    if (mapped) {
      personMap.set(p.key, mapped.id);
      continue;
    }
    const byId = sameJournal && p.originId !== undefined ? peopleById.get(p.originId) : undefined;
    personMap.set(p.key, byId && fold(byId.name) === fold(p.name) ? byId.id : (peopleByName.get(fold(p.name)) ?? null));
  }

  const tags = listTags(db, { includeArchived: true });
  const tagsById = new Map(tags.map((t) => [t.id, t]));
  const builtinBySlug = new Map(tags.filter((t) => t.builtin).map((t) => [t.slug, t.id]));
  const tagsByLabel = new Map<string, number>();
  for (const t of tags) if (!tagsByLabel.has(fold(t.label))) tagsByLabel.set(fold(t.label), t.id);
  const tagMap = new Map<string, number | null>();
  for (const t of plan.tags) {
    const byId = sameJournal && t.originId !== undefined ? tagsById.get(t.originId) : undefined;
    const id =
      (t.mapTo !== undefined ? tagsById.get(t.mapTo)?.id : undefined) ??
      (t.builtinSlug ? builtinBySlug.get(t.builtinSlug) : undefined) ??
      (byId && fold(byId.label) === fold(t.label) ? byId.id : undefined) ??
      tagsByLabel.get(fold(t.label)) ??
      null;
    tagMap.set(t.key, id);
  }

  const entryDuplicate = plan.entries.map(duplicateChecker(db, plan, journalId));

  // A person new to this journal has no check-ins here yet; two in the file for the same week are a plan problem.
  const weeks = new Set<string>();
  const checkinDuplicate = plan.checkins.map((c) => {
    const person = personMap.get(c.personKey) ?? null;
    if (person === null) return false;
    const key = `${person}|${c.week}`;
    const dup = weeks.has(key) || hasCheckIn(db, person, c.week);
    weeks.add(key);
    return dup;
  });

  const strengths = new Set(listStrengths(db).map((s) => `${s.personId}|${fold(s.text)}`));
  const strengthDuplicate = plan.strengths.map((s) => {
    const person = s.personKey === null ? null : (personMap.get(s.personKey) ?? undefined);
    if (person === undefined) return false;
    const key = `${person}|${fold(s.text)}`;
    const dup = strengths.has(key);
    strengths.add(key);
    return dup;
  });

  const sessionDuplicate = plan.sessions.map(
    (s) => hasTherapySession(db, s.day, s.note),
  );
  return { people: personMap, tags: tagMap, entryDuplicate, checkinDuplicate, strengthDuplicate, sessionDuplicate };
}

/** The first free reference for another entry at this minute: the minute itself, then "#2", "#3" …. */
function freeMinuteRef(db: DB, source: string, ref: string): string {
  const taken = new Set(takenMinuteRefs(db, source, ref));
  if (!taken.has(ref)) return ref;
  let n = 2;
  while (taken.has(`${ref} #${n}`)) n++;
  return `${ref} #${n}`;
}

export interface CommitOptions {
  journalId: string;
  now: number;
  progress?: (done: number, total: number) => void;
  /** Entries written between two progress reports. */
  chunk?: number;
  /**
   * The entries, read one at a time, instead of `plan.entries` (a large file is never held as a
   * list). Each is checked for a duplicate just before it is written.
   */
  stream?: { total: number; entries: AsyncIterable<PlannedEntry> };
  /**
   * Aborted when the journal starts to lock: the import stops between two entries and rolls back
   * (CANCELLED), so a lock or quick exit never waits for it and the journal is left as it was.
   */
  signal?: AbortSignal;
  /** Gives way between entries (steps.ts); by default, a pause that listens to `signal`. */
  pause?: StepPause;
  /** Runs inside the transaction right after an entry is written (a ZIP import attaches its files); answers how many files. */
  afterEntry?: (entry: PlannedEntry, id: number) => Promise<number>;
  /** The same for a check-in (`where` is its place in the file). */
  afterCheckIn?: (where: string, id: number) => Promise<number>;
}

/**
 * Writes the plan in one transaction (BEGIN IMMEDIATE … COMMIT; the repositories' own transactions
 * nest inside it as savepoints). Any failure, or a lock (CANCELLED), rolls everything back. The
 * transaction yields to the event loop now and then so that progress reaches the window and a lock is
 * heard; calls are serialised by dispatch, so no other change can slip in between. A lock does not
 * wait for it (dispatch.ts rolls the transaction back while it waits): so after every wait it checks
 * the lock before writing again.
 */
export async function commitPlan(db: DB, plan: ImportPlan, opts: CommitOptions): Promise<ImportResult> {
  const { now } = opts;
  const chunk = opts.chunk ?? 500;
  const pause = opts.pause ?? stepPauses(opts.signal);
  // After anything awaited: the journal is still open and not locking, or nothing more is written.
  const still = () => {
    if (opts.signal) throwIfCancelled(opts.signal);
    if (!db.open) throw lockedDuring();
  };
  const result: ImportResult = {
    imported: { entries: 0, people: 0, tags: 0, checkins: 0, strengths: 0, sessions: 0 },
    skipped: { entries: 0, checkins: 0, strengths: 0 },
  };
  beginImmediate(db);
  try {
    const r = resolvePlan(db, plan, opts.journalId);

    const personIds = new Map<string, number>();
    for (const p of plan.people) {
      const existing = r.people.get(p.key);
      if (existing != null) {
        personIds.set(p.key, existing);
        continue;
      }
      const created = createPerson(db, { name: p.name, kind: p.kind, color: p.color, notes: p.notes }, p.createdAt ?? now);
      if (p.archivedAt !== null) updatePerson(db, created.id, { archived: true }, p.archivedAt);
      personIds.set(p.key, created.id);
      result.imported.people++;
    }

    const tagIds = new Map<string, number>();
    const createdByLabel = new Map<string, number>();
    for (const t of plan.tags) {
      const existing = r.tags.get(t.key);
      if (existing != null) {
        tagIds.set(t.key, existing);
        if (t.builtinSlug) customiseBuiltin(db, existing, t, now);
        continue;
      }
      const same = createdByLabel.get(fold(t.label));
      if (same !== undefined) {
        tagIds.set(t.key, same);
        continue;
      }
      const created = createTag(db, { label: t.label, polarity: t.polarity, category: t.category, ...(t.color ? { color: t.color } : {}) }, now);
      if (t.archivedAt !== null) updateTag(db, created.id, { archived: true }, t.archivedAt);
      tagIds.set(t.key, created.id);
      createdByLabel.set(fold(t.label), created.id);
      result.imported.tags++;
    }

    const total = opts.stream ? opts.stream.total : plan.entries.length;
    const isDuplicate = opts.stream ? duplicateChecker(db, plan, opts.journalId) : (_e: PlannedEntry, i: number) => r.entryDuplicate[i]!;
    let i = 0;
    for await (const entry of opts.stream ? opts.stream.entries : plan.entries) {
      if (i % chunk === 0 && i > 0) opts.progress?.(i, total);
      // Yields to the event loop now and then (so progress gets out and a lock is heard); throws CANCELLED on a lock.
      await pause('write');
      still();
      if (isDuplicate(entry, i++)) {
        result.skipped.entries++;
        continue;
      }
      const { where: _w, line: _l, personKeys, tagKeys, source, sourceRef, createdAt, updatedAt, originId: _o, refIsMinute, ...fields } = entry;
      // Two keys can land on one id (a tag mapped onto a person or pattern that the file also names).
      const unique = (ids: number[]) => [...new Set(ids)];
      const created = createEntry(
        db,
        { ...fields, personIds: unique(personKeys.map((k) => personIds.get(k)!)), tagIds: unique(tagKeys.map((k) => tagIds.get(k)!)) },
        createdAt ?? now,
        { source, sourceRef: refIsMinute ? freeMinuteRef(db, source, sourceRef) : sourceRef },
      );
      if (updatedAt !== null && updatedAt !== created.updatedAt) setUpdatedAt(db, 'entries', created.id, updatedAt);
      result.imported.entries++;
      if (opts.afterEntry) {
        const files = await opts.afterEntry(entry, created.id);
        still();
        if (files) result.imported.attachments = (result.imported.attachments ?? 0) + files;
      }
    }
    opts.progress?.(total, total);

    for (const [i, c] of plan.checkins.entries()) {
      if (r.checkinDuplicate[i]) {
        result.skipped.checkins++;
        continue;
      }
      const { where, personKey, createdAt, updatedAt, ...answers } = c;
      const saved = saveCheckIn(db, { ...answers, personId: personIds.get(personKey)! }, createdAt ?? now);
      if (updatedAt !== null && updatedAt !== saved.updatedAt) setUpdatedAt(db, 'checkins', saved.id, updatedAt);
      result.imported.checkins++;
      if (opts.afterCheckIn) {
        const files = await opts.afterCheckIn(where, saved.id);
        still();
        if (files) result.imported.attachments = (result.imported.attachments ?? 0) + files;
      }
    }

    plan.strengths.forEach((s, i) => {
      if (r.strengthDuplicate[i]) {
        result.skipped.strengths++;
        return;
      }
      const personId = s.personKey === null ? null : personIds.get(s.personKey)!;
      const saved = createStrength(db, { personId, text: s.text }, s.createdAt ?? now);
      if (s.updatedAt !== null && s.updatedAt !== saved.updatedAt) setUpdatedAt(db, 'strengths', saved.id, s.updatedAt);
      result.imported.strengths++;
    });

    plan.sessions.forEach((s, i) => {
      if (r.sessionDuplicate[i]) return;
      addTherapySession(db, s.day, s.note, s.createdAt ?? now);
      result.imported.sessions++;
    });

    await pause('finish');
    still();
    commit(db);
    return result;
  } catch (e) {
    rollbackIfOpen(db);
    // Stopped by a lock (which may already have closed the connection): CANCELLED, nothing written.
    if (opts.signal) throwIfCancelled(opts.signal);
    if (!db.open) throw lockedDuring();
    throw e;
  }
}

const lockedDuring = () => new FulcrumError('LOCKED', 'The journal was locked during the import. Nothing was imported; unlock and import again.');

/**
 * A built-in pattern the user renamed, recoloured or archived in the exporting journal gets the same
 * changes here — but only when it is still as the catalogue made it here, so the user's own changes
 * in this journal win.
 */
function customiseBuiltin(db: DB, id: number, t: ImportPlan['tags'][number], now: number): void {
  const row = tagLooks(db, id);
  if (!row || row.label !== CATALOGUE_LABEL.get(t.builtinSlug!) || row.color !== null || row.archived_at !== null) return;
  if (t.label === row.label && t.color === null && t.archivedAt === null) return;
  try {
    updateTag(db, id, { label: t.label, color: t.color, archived: t.archivedAt !== null }, t.archivedAt ?? now);
  } catch (e) {
    // Another pattern already has that name here: keep the catalogue's name.
    if (!(e instanceof FulcrumError && e.code === 'CONFLICT')) throw e;
  }
}
