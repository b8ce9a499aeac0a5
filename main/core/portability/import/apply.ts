/**
 * Matching a plan against the journal (which people and patterns already exist, which entries were
 * imported before) and writing it: a slice at a time, shown all at once or not at all.
 */
import { BUILTIN_PATTERNS } from '../../../../shared/catalogue.js';
import { FulcrumError } from '../../../../shared/errors.js';
import type { ImportResult } from '../../../../shared/portability.js';
import type { DB } from '../../db/index.js';
import { createEntry, createPerson, createTag, listPeople, listTags, saveCheckInInBatch, updatePerson, updateTag } from '../../db/repos/index.js';
import {
  abandonBatches,
  addTherapySession,
  beginImmediate,
  commit,
  countSameMinute,
  hasCheckIn,
  hasOwnEntry,
  hasSourceRef,
  hasTherapySession,
  holdInBatch,
  revealBatch,
  rollbackIfOpen,
  setUpdatedAt,
  startBatch,
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

export function resolvePlan(db: DB, plan: ImportPlan, journalId: string, opts: { entries?: boolean } = {}): Resolution {
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

  // The commit checks each entry as it writes it (`entries: false`).
  const entryDuplicate = opts.entries === false ? [] : plan.entries.map(duplicateChecker(db, plan, journalId));

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
  /** Runs inside the slice's transaction right after an entry is written (a ZIP import attaches its files); answers how many files. */
  afterEntry?: (entry: PlannedEntry, id: number) => Promise<number>;
  /** The same for a check-in (`where` is its place in the file), inside its slice's transaction. */
  afterCheckIn?: (where: string, id: number) => Promise<number>;
  /**
   * Gives the call queue up between two slices, so saves sent meanwhile are written then, and
   * resolves when it is the import's turn again (ServiceContext.turn). Without it, nothing waits.
   */
  turn?: () => Promise<void>;
  /** How long one slice writes before its transaction commits (milliseconds). */
  sliceMs?: number;
  /** Tests only: called each time a slice's transaction has committed (1, 2, …), to crash there. */
  afterSlice?: (slice: number) => void | Promise<void>;
}

/** Milliseconds of writing per slice: a save queued behind the import waits about this long. */
export const SLICE_MS = 25;

/**
 * Writes the plan a slice at a time, all or nothing as the person sees it. Each slice is one short
 * transaction (BEGIN IMMEDIATE … COMMIT, about SLICE_MS of writing; the repositories' own
 * transactions nest inside as savepoints); between two, the import gives its turn up so that saves
 * queued meanwhile are written. Everything a slice writes belongs to the import's batch and stays
 * hidden (db/repos/imports.ts): its people and patterns first, then its entries with their files,
 * then its check-ins with theirs. The last transaction writes the rest (strengths, therapy sessions,
 * changes to built-in patterns) and shows the whole batch at once. A failure or a lock (CANCELLED) rolls the open
 * transaction back; what earlier slices wrote stays hidden, and the batch is abandoned (here, or by
 * the next unlock after a lock or a crash) and deleted for good in idle moments. After every wait it
 * checks the lock before writing again (dispatch.ts rolls the open transaction back when a lock comes).
 */
export async function commitPlan(db: DB, plan: ImportPlan, opts: CommitOptions): Promise<ImportResult> {
  const { now } = opts;
  const chunk = opts.chunk ?? 500;
  const sliceMs = opts.sliceMs ?? SLICE_MS;
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
  let batch: number | null = null;
  let slices = 0;
  let sliceStart = performance.now();
  /** Commits the slice, lets queued calls run, and opens the next. */
  const nextSlice = async () => {
    commit(db);
    slices++;
    await opts.afterSlice?.(slices);
    await opts.turn?.();
    still();
    beginImmediate(db);
    sliceStart = performance.now();
  };
  beginImmediate(db);
  try {
    batch = startBatch(db, now);
    const r = resolvePlan(db, plan, opts.journalId, { entries: false });

    const personIds = new Map<string, number>();
    for (const p of plan.people) {
      const existing = r.people.get(p.key);
      if (existing != null) {
        personIds.set(p.key, existing);
        continue;
      }
      const created = createPerson(db, { name: p.name, kind: p.kind, color: p.color, notes: p.notes }, p.createdAt ?? now);
      if (p.archivedAt !== null) updatePerson(db, created.id, { archived: true }, p.archivedAt);
      holdInBatch(db, 'people', created.id, batch, now);
      personIds.set(p.key, created.id);
      result.imported.people++;
    }

    const tagIds = new Map<string, number>();
    const createdByLabel = new Map<string, number>();
    const builtins: [number, ImportPlan['tags'][number]][] = [];
    for (const t of plan.tags) {
      const existing = r.tags.get(t.key);
      if (existing != null) {
        tagIds.set(t.key, existing);
        // A change to a pattern already shown waits for the last transaction.
        if (t.builtinSlug) builtins.push([existing, t]);
        continue;
      }
      const same = createdByLabel.get(fold(t.label));
      if (same !== undefined) {
        tagIds.set(t.key, same);
        continue;
      }
      const created = createTag(db, { label: t.label, polarity: t.polarity, category: t.category, ...(t.color ? { color: t.color } : {}) }, now);
      if (t.archivedAt !== null) updateTag(db, created.id, { archived: true }, t.archivedAt);
      holdInBatch(db, 'tags', created.id, batch, now);
      tagIds.set(t.key, created.id);
      createdByLabel.set(fold(t.label), created.id);
      result.imported.tags++;
    }

    const total = opts.stream ? opts.stream.total : plan.entries.length;
    const isDuplicate = duplicateChecker(db, plan, opts.journalId);
    let i = 0;
    for await (const entry of opts.stream ? opts.stream.entries : plan.entries) {
      if (i % chunk === 0 && i > 0) opts.progress?.(i, total);
      if (performance.now() - sliceStart >= sliceMs) await nextSlice();
      // Yields to the event loop now and then (so progress gets out and a lock is heard); throws CANCELLED on a lock.
      await pause('write');
      still();
      i++;
      if (isDuplicate(entry)) {
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
      holdInBatch(db, 'entries', created.id, batch, now);
    }
    // Check-ins too, hidden in the batch: the last transaction only shows them (one flag), whatever their number.
    for (const [i, c] of plan.checkins.entries()) {
      if (performance.now() - sliceStart >= sliceMs) await nextSlice();
      await pause('write');
      still();
      if (r.checkinDuplicate[i]) {
        result.skipped.checkins++;
        continue;
      }
      const { where, personKey, createdAt, updatedAt, ...answers } = c;
      const saved = saveCheckInInBatch(db, { ...answers, personId: personIds.get(personKey)! }, createdAt ?? now, batch);
      // The person saved one for that week while the import was being written: theirs is kept.
      if (!saved) {
        result.skipped.checkins++;
        continue;
      }
      if (updatedAt !== null && updatedAt !== saved.updatedAt) setUpdatedAt(db, 'checkins', saved.id, updatedAt);
      result.imported.checkins++;
      if (opts.afterCheckIn) {
        const files = await opts.afterCheckIn(where, saved.id);
        still();
        if (files) result.imported.attachments = (result.imported.attachments ?? 0) + files;
      }
    }
    opts.progress?.(total, total);
    // The last transaction begins: everything left, then the whole batch shown at once.
    await nextSlice();

    for (const [id, t] of builtins) customiseBuiltin(db, id, t, now);

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
    revealBatch(db, batch);
    commit(db);
    return result;
  } catch (e) {
    rollbackIfOpen(db);
    // Earlier slices' rows stay hidden; the batch is given up (after a lock, the next unlock does it).
    if (batch !== null && slices > 0 && db.open && !opts.signal?.aborted) {
      try {
        abandonBatches(db, batch);
      } catch {
        // The next unlock abandons every batch left.
      }
    }
    // Stopped by a lock (which may already have closed the connection): CANCELLED, nothing shown.
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
