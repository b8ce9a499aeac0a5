/**
 * Foreign tags (a Day One tag, a Daylio activity or mood, a CSV tag) and where each goes: a pattern
 * (by default one with the tag's name), an existing person, an area of life, or nothing. The preview
 * proposes a target for each; the user may change any before importing.
 *
 * Proposals: a tag whose name is a person's name (whatever its capitals) is that person; a Daylio mood
 * goes nowhere (a mood is not a pattern of behaviour between people, so it is not made into one unless
 * the user asks); anything else is a pattern of that name.
 */
import { FulcrumError } from '../../../../shared/errors.js';
import type { ForeignTag, TagTarget } from '../../../../shared/portability.js';
import type { DB } from '../../db/index.js';
import { listPeople, listTags } from '../../db/repos/index.js';
import { fold, type ImportPlan, type PlannedEntry, type PlannedPerson, type PlannedTag } from './plan.js';

/** The file's foreign tags that some entry carries, with their proposed targets. */
export function foreignTagsOf(db: DB, plan: ImportPlan): ForeignTag[] {
  const uses = new Map<string, number>();
  for (const e of plan.entries) countTags(uses, e);
  return foreignTagsFrom(db, plan.tags, uses);
}

/** Adds an entry's tags to `uses` (tag key → entries that carry it). */
export function countTags(uses: Map<string, number>, e: PlannedEntry): void {
  for (const k of e.tagKeys) uses.set(k, (uses.get(k) ?? 0) + 1);
}

/** The foreign tags among `planTags` that some entry carries (`uses`), with their proposed targets. */
export function foreignTagsFrom(db: DB, planTags: readonly PlannedTag[], uses: ReadonlyMap<string, number>): ForeignTag[] {
  const people = new Map<string, number>();
  // Only people the user still sees in their lists: an archived person is not proposed.
  for (const p of listPeople(db)) if (!people.has(fold(p.name))) people.set(fold(p.name), p.id);
  const labels = new Set(listTags(db, { includeArchived: true }).map((t) => fold(t.label)));
  const out: ForeignTag[] = [];
  for (const t of planTags) {
    if (!t.foreign || !uses.has(t.key)) continue;
    const person = people.get(fold(t.label));
    const target: TagTarget = t.foreign === 'mood' ? { to: 'nothing' } : person !== undefined ? { to: 'person', personId: person } : { to: 'pattern' };
    out.push({ key: t.key, label: t.label, kind: t.foreign, entries: uses.get(t.key)!, target, newPattern: !labels.has(fold(t.label)) });
  }
  return out;
}

/**
 * The plan with each foreign tag sent where `given` says (or, for tags it does not name, where the
 * preview proposed). A person or pattern that is no longer in the journal is refused, by name of the tag.
 */
export function applyTagMapping(db: DB, plan: ImportPlan, foreign: readonly ForeignTag[], given: Readonly<Record<string, TagTarget>> = {}): ImportPlan {
  if (foreign.length === 0 && plan.tags.every((t) => !t.foreign)) return plan;
  const m = tagMapper(db, plan, foreign, given);
  return { ...m.plan, entries: plan.entries.map(m.entry) };
}

/**
 * The mapping as a plan without its entries (patterns and people as the mapping makes them) and a
 * function that maps one entry: for imports that read their entries one at a time.
 */
export function tagMapper(db: DB, plan: ImportPlan, foreign: readonly ForeignTag[], given: Readonly<Record<string, TagTarget>> = {}) {
  const targets = new Map<string, TagTarget>(foreign.map((f) => [f.key, Object.hasOwn(given, f.key) ? given[f.key]! : f.target]));
  const people = new Map(listPeople(db, { includeArchived: true }).map((p) => [p.id, p]));
  const tagIds = new Set(listTags(db, { includeArchived: true }).map((t) => t.id));
  const mappedPeople = new Map<number, PlannedPerson>();
  for (const f of foreign) {
    const t = targets.get(f.key)!;
    if (t.to === 'person') {
      const p = people.get(t.personId);
      if (!p) throw new FulcrumError('VALIDATION', `The person chosen for “${f.label}” is no longer in your journal. Choose again.`);
      mappedPeople.set(p.id, { key: `mapped-person:${p.id}`, name: p.name, kind: p.kind, color: p.color, notes: '', archivedAt: null, createdAt: null, mapTo: p.id });
    }
    if (t.to === 'pattern' && t.tagId !== undefined && !tagIds.has(t.tagId)) {
      throw new FulcrumError('VALIDATION', `The pattern chosen for “${f.label}” is no longer in your journal. Choose again.`);
    }
  }
  const entry = (e: PlannedEntry): PlannedEntry => {
    if (!e.tagKeys.some((k) => targets.has(k))) return e;
    const tagKeys: string[] = [];
    const personKeys = [...e.personKeys];
    const domains = [...e.domains];
    for (const k of e.tagKeys) {
      const t = targets.get(k);
      if (!t || t.to === 'pattern') tagKeys.push(k);
      else if (t.to === 'person') {
        const key = `mapped-person:${t.personId}`;
        if (!personKeys.includes(key)) personKeys.push(key);
      } else if (t.to === 'area') {
        if (!domains.includes(t.area)) domains.push(t.area);
      }
    }
    return { ...e, tagKeys, personKeys, domains };
  };
  const tags = plan.tags.flatMap((t) => {
    if (!t.foreign) return [t];
    const target = targets.get(t.key);
    // A tag that no entry (left) carries is not created.
    if (!target || target.to !== 'pattern') return [];
    return [target.tagId === undefined ? t : { ...t, mapTo: target.tagId }];
  });
  return { plan: { ...plan, entries: [], tags, people: [...plan.people, ...mappedPeople.values()] }, entry };
}
