/**
 * Fulcrum JSON (`FulcrumExport`, shared/portability.ts): the round trip of the JSON export. Entries
 * keep where they were first written (`source`) and get a stable reference: the one they already had
 * (a Day One uuid…), or `<journal id>:<entry id>` of the journal that exported them — so importing the
 * same file twice, or a file and a later export of the same journal, finds the duplicates.
 */
import type { z } from 'zod';
import { ExportEntry, FulcrumExport, EXPORT_FORMAT_NAME, EXPORT_VERSION, IMPORT_LIMITS } from '../../../../shared/portability.js';
import { BUILTIN_PATTERNS } from '../../../../shared/catalogue.js';
import { emptyPlan, checkEntry, issuesAsProblems, problem, type ImportPlan, type PlannedEntry } from './plan.js';
import { note } from './words.js';
import { invalid, hasBrokenUnicode } from './text.js';

const BUILTIN_SLUGS = new Set(BUILTIN_PATTERNS.map((p) => p.slug));

export function isFulcrumExport(json: unknown): boolean {
  return typeof json === 'object' && json !== null && (json as { format?: unknown }).format === EXPORT_FORMAT_NAME;
}

export function planFulcrum(json: unknown): ImportPlan {
  return plannedFulcrum(json).plan;
}

/** The plan, and the file as parsed for it (null when it did not parse), so that nothing parses it twice. */
function plannedFulcrum(json: unknown): { plan: ImportPlan; file: z.infer<typeof FulcrumExport> | null } {
  const plan = emptyPlan('fulcrum-json');
  const version = (json as { version?: unknown }).version;
  if (typeof version === 'number' && version > EXPORT_VERSION) {
    throw invalid(`This export was made by a newer version of Fulcrum (format ${version}). Update Fulcrum to import it.`);
  }
  const parsed = FulcrumExport.safeParse(json);
  if (!parsed.success) {
    issuesAsProblems(plan, '', null, parsed.error.issues);
    if (plan.problems.length === 0) problem(plan, 'file', null, { code: 'not-fulcrum-format' });
    return { plan, file: null };
  }
  const file = parsed.data;
  const j = file.journal;
  plan.originJournalId = file.origin.journalId;

  const dupes = (what: string, ids: number[]) => {
    const seen = new Map<number, number>();
    ids.forEach((id, i) => {
      if (seen.has(id)) problem(plan, `journal.${what}[${i}].id`, null, { code: 'duplicate-id', of: `journal.${what}[${seen.get(id)}]` });
      else seen.set(id, i);
    });
    return new Set(ids);
  };
  const personIds = dupes('people', j.people.map((p) => p.id));
  const tagIds = dupes('tags', j.tags.map((t) => t.id));
  dupes('entries', j.entries.map((e) => e.id));
  dupes('checkins', j.checkins.map((c) => c.id));

  j.people.forEach((p, i) => {
    if (hasBrokenUnicode(p.name) || hasBrokenUnicode(p.notes)) problem(plan, `journal.people[${i}]`, null, { code: 'broken-character' });
    plan.people.push({
      key: `p:${p.id}`,
      name: p.name,
      kind: p.kind,
      color: p.color,
      notes: p.notes,
      archivedAt: p.archivedAt,
      createdAt: p.createdAt,
      originId: p.id,
    });
  });
  j.tags.forEach((t, i) => {
    if (hasBrokenUnicode(t.label)) problem(plan, `journal.tags[${i}].label`, null, { code: 'broken-character' });
    plan.tags.push({
      key: `t:${t.id}`,
      label: t.label,
      polarity: t.polarity,
      category: t.category,
      color: t.color,
      builtinSlug: t.builtin && BUILTIN_SLUGS.has(t.slug) ? t.slug : null,
      archivedAt: t.archivedAt,
      originId: t.id,
    });
  });

  const planEntry = entryPlanner(plan, file.origin.journalId, personIds, tagIds);
  j.entries.forEach((e, i) => plan.entries.push(planEntry(e, i)));

  const weeks = new Set<string>();
  j.checkins.forEach((c, i) => {
    const where = `journal.checkins[${i}]`;
    if (!personIds.has(c.personId)) problem(plan, `${where}.personId`, null, { code: 'unknown-person', id: String(c.personId) });
    if (weeks.has(`${c.personId}/${c.week}`)) problem(plan, where, null, { code: 'second-checkin' });
    weeks.add(`${c.personId}/${c.week}`);
    if (hasBrokenUnicode(c.note)) problem(plan, `${where}.note`, null, { code: 'broken-character' });
    plan.checkins.push({ ...c, where, personKey: `p:${c.personId}` });
  });
  j.strengths.forEach((s, i) => {
    if (s.personId !== null && !personIds.has(s.personId)) problem(plan, `journal.strengths[${i}].personId`, null, { code: 'unknown-person', id: String(s.personId) });
    if (hasBrokenUnicode(s.text)) problem(plan, `journal.strengths[${i}].text`, null, { code: 'broken-character' });
    plan.strengths.push({ personKey: s.personId === null ? null : `p:${s.personId}`, text: s.text, createdAt: s.createdAt, updatedAt: s.updatedAt });
  });
  j.sessions.forEach((s, i) => {
    if (hasBrokenUnicode(s.note)) problem(plan, `journal.sessions[${i}].note`, null, { code: 'broken-character' });
    plan.sessions.push({ day: s.day, note: s.note, createdAt: s.createdAt });
  });
  if (file.scope.pseudonymised) plan.notes.push(note({ code: 'pseudonymised' }));
  if (!file.scope.includeText) plan.notes.push(note({ code: 'without-text' }));
  return { plan, file };
}

type ParsedEntry = z.output<typeof ExportEntry>;

/**
 * Plans the entries of an export one at a time, in the file's order, adding their problems (a person
 * or pattern not in the file, a second entry with the same source reference) to `plan`.
 */
function entryPlanner(plan: ImportPlan, originJournalId: string, personIds: ReadonlySet<number>, tagIds: ReadonlySet<number>) {
  const refs = new Map<string, number>();
  return (e: ParsedEntry, i: number): PlannedEntry => {
    const where = `journal.entries[${i}]`;
    for (const id of e.people) if (!personIds.has(id)) problem(plan, `${where}.people`, null, { code: 'unknown-person', id: String(id) });
    for (const id of e.tags) if (!tagIds.has(id)) problem(plan, `${where}.tags`, null, { code: 'unknown-pattern', id: String(id) });
    const sourceRef = e.sourceRef ?? `${originJournalId}:${e.id}`;
    const refKey = `${e.source}\u0000${sourceRef}`;
    if (refs.has(refKey)) problem(plan, `${where}.sourceRef`, null, { code: 'duplicate-entry', of: `journal.entries[${refs.get(refKey)}]` });
    else refs.set(refKey, i);
    const planned: PlannedEntry = {
      where,
      line: null,
      occurredAt: e.occurredAt,
      timeZone: e.timeZone,
      title: e.title,
      body: e.body,
      domains: [...new Set(e.domains)],
      powerSources: [...new Set(e.powerSources)],
      balance: e.balance,
      intensity: e.intensity,
      heard: e.heard,
      respected: e.respected,
      valued: e.valued,
      involved: e.involved,
      outcome: e.outcome,
      raiseWithTherapist: e.raiseWithTherapist,
      safetyConcern: e.safetyConcern,
      personKeys: [...new Set(e.people)].map((id) => `p:${id}`),
      tagKeys: [...new Set(e.tags)].map((id) => `t:${id}`),
      source: e.source,
      sourceRef,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
      ...(e.sourceRef === null ? { originId: e.id } : {}),
    };
    checkEntry(plan, planned);
    return planned;
  };
}

/**
 * A Fulcrum export read an entry at a time: `skeleton` is the file with `journal.entries` read as
 * `[]` (jsonstream.ts), parsed and planned as a whole (people, patterns, check-ins … are few); the
 * entries are then handed to `entries()`'s planner one by one, in the file's order. Null when the
 * file is not a Fulcrum export whose other parts all match the format; the planner answers null as
 * soon as an entry does not: the caller then reads the whole file the usual way, so a damaged file
 * gets the same problems, in the same order, as before. A file that passes both has no problems.
 */
export function fulcrumStream(skeleton: unknown): { head: ImportPlan; entries: () => (raw: unknown) => PlannedEntry | null } | null {
  if (!isFulcrumExport(skeleton)) return null;
  const { plan: head, file } = plannedFulcrum(skeleton); // a newer version's file is refused here, as in planFulcrum
  if (head.problems.length > 0 || !file) return null;
  const personIds = new Set(file.journal.people.map((p) => p.id));
  const tagIds = new Set(file.journal.tags.map((t) => t.id));
  const origin = file.origin.journalId;
  const entries = () => {
    const scratch = emptyPlan('fulcrum-json');
    const planEntry = entryPlanner(scratch, origin, personIds, tagIds);
    const ids = new Set<number>();
    let i = 0;
    return (raw: unknown): PlannedEntry | null => {
      if (i >= IMPORT_LIMITS.maxEntries) return null;
      const parsed = ExportEntry.safeParse(raw);
      if (!parsed.success || ids.has(parsed.data.id)) return null;
      ids.add(parsed.data.id);
      const planned = planEntry(parsed.data, i++);
      return scratch.problems.length > 0 ? null : planned;
    };
  };
  return { head, entries };
}
