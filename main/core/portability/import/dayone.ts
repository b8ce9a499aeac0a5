/**
 * Day One JSON export (`metadata.version`, `entries[]` with `uuid`, `creationDate` in UTC, an IANA
 * `timeZone`, `tags`, Markdown `text`). Real exports carry much more — location, weather, photos,
 * audio, richText, starred … — which Fulcrum has no place for and ignores: unknown fields never make
 * an import fail. An entry's first line, when it is a heading, becomes the title.
 */
import { z } from 'zod';
import { LIMITS, TimeZone } from '../../../../shared/schemas.js';
import { IsoTime } from '../../../../shared/portability.js';
import { FOREIGN_ENTRY_DEFAULTS, emptyPlan, checkEntry, fold, issuesAsProblems, problem, type ImportPlan, type PlannedEntry } from './plan.js';
import { note } from './words.js';
import { invalid } from './text.js';

const DayOneEntry = z.object({
  uuid: z.string().min(1).max(200),
  creationDate: z.string().max(40),
  modifiedDate: z.string().max(40).optional(),
  timeZone: z.string().max(64).optional(),
  text: z.string().optional(),
  tags: z.array(z.string().max(LIMITS.label * 4)).max(100).optional(),
});

export function isDayOne(json: unknown): boolean {
  return typeof json === 'object' && json !== null && Array.isArray((json as { entries?: unknown }).entries) && !('format' in json);
}

const validZone = (tz: string) => TimeZone.safeParse(tz).success;

/** Day One escapes Markdown punctuation in plain text ("Hello\!"); the escapes are not the user's words. */
const unescape = (s: string) => s.replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1');
/** Photo, video and audio references (`![](dayone-moment://…)`) point into the Day One library, not here. */
const MOMENT = /!\[[^\]]*\]\(dayone-moment:\/\/[^)]*\)/g;

export function splitText(text: string): { title: string; body: string } {
  const clean = text.replace(/\r\n?/g, '\n').replace(MOMENT, '').replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim();
  const m = /^#{1,6}[ \t]+(.+?)[ \t#]*(?:\n|$)/.exec(clean);
  if (m && Array.from(m[1]!).length <= LIMITS.title) {
    return { title: unescape(m[1]!.trim()), body: unescape(clean.slice(m[0].length).trim()) };
  }
  return { title: '', body: unescape(clean) };
}

export function planDayOne(json: unknown, defaultZone: string, maxEntries: number): ImportPlan {
  const raw = (json as { entries: unknown[] }).entries;
  if (raw.length > maxEntries) throw tooManyDayOne(raw.length, maxEntries);
  const planner = dayOnePlanner(defaultZone);
  raw.forEach((item, i) => {
    const e = planner.entry(item, i);
    if (e) planner.plan.entries.push(e);
  });
  return planner.finish(raw.length);
}

export const tooManyDayOne = (count: number, maxEntries: number) =>
  invalid(`The file has ${count.toLocaleString('en')} entries; at most ${maxEntries.toLocaleString('en')} can be imported at once.`);

/**
 * Plans a Day One export an entry at a time, in the file's order: `entry` answers the planned entry
 * (or null, with its problems added to `plan`), `finish` adds the tags and notes gathered on the way.
 * The entries are not kept in `plan`: the caller decides (planDayOne keeps them; a streamed reading does not).
 */
export function dayOnePlanner(defaultZone: string) {
  const plan = emptyPlan('dayone-json');
  const tags = new Map<string, string>();
  const uuids = new Map<string, number>();
  let zoneDefaults = 0;
  const entry = (item: unknown, i: number): PlannedEntry | null => {
    const where = `entries[${i}]`;
    const parsed = DayOneEntry.safeParse(item);
    if (!parsed.success) {
      issuesAsProblems(plan, where, null, parsed.error.issues);
      return null;
    }
    const e = parsed.data;
    const uuid = e.uuid.toUpperCase();
    if (uuids.has(uuid)) {
      problem(plan, `${where}.uuid`, null, { code: 'duplicate-id', of: `entries[${uuids.get(uuid)}]` }, `the same uuid as entries[${uuids.get(uuid)}] (duplicate ids)`);
      return null;
    }
    uuids.set(uuid, i);
    const when = IsoTime.safeParse(e.creationDate);
    if (!when.success) {
      problem(plan, `${where}.creationDate`, null, { code: 'date-time-not-real' });
      return null;
    }
    const at = when.data;
    let timeZone = e.timeZone ?? '';
    if (!validZone(timeZone)) {
      timeZone = defaultZone;
      zoneDefaults++;
    }
    const { title, body } = splitText(e.text ?? '');
    const tagKeys: string[] = [];
    for (const label of e.tags ?? []) {
      const t = label.trim();
      if (!t) continue;
      const key = `t:${fold(t)}`;
      if (!tags.has(key)) tags.set(key, Array.from(t).slice(0, LIMITS.label).join(''));
      if (!tagKeys.includes(key)) tagKeys.push(key);
    }
    const planned: PlannedEntry = {
      where,
      line: null,
      occurredAt: at,
      timeZone,
      title,
      body,
      ...FOREIGN_ENTRY_DEFAULTS,
      domains: [],
      powerSources: [],
      personKeys: [],
      tagKeys,
      source: 'dayone',
      sourceRef: uuid,
      createdAt: null,
      updatedAt: null,
    };
    return checkEntry(plan, planned) ? planned : null;
  };
  const finish = (count: number): ImportPlan => {
    for (const [key, label] of tags) {
      plan.tags.push({ key, label, polarity: 'neutral', category: 'other', color: null, builtinSlug: null, archivedAt: null, foreign: 'tag' });
    }
    if (zoneDefaults) {
      plan.notes.push(note({ code: 'dayone-zone-assumed', count: zoneDefaults, zone: defaultZone }));
    }
    if (count === 0) plan.notes.push(note({ code: 'no-entries' }));
    return plan;
  };
  return { plan, entry, finish };
}
