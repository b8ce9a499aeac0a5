/**
 * Daylio CSV export, in the two layouts Daylio has written (recognised by the header):
 *
 * - current: `full_date,date,weekday,time,mood,activities,note_title,note` — full_date is 2021-09-28;
 * - older:   `year,date,weekday,time,mood,activities,note` — the year alone, and `date` the day and
 *   month in words ("18 May", also "May 18" and abbreviated months), with no note title.
 *
 * Each row is an entry at its date and time. Daylio stores times without a zone, as the clock on the
 * phone showed them, so they are read in the zone the user's computer is set to. The mood and each
 * activity (separated by " | ") are the entry's foreign tags: the preview lets the user map each to a
 * person, a pattern, an area of life or nothing (moods map to nothing unless the user says otherwise).
 * note_title and note become the title and text. Extra columns (newer Daylio "scales", goals …) are fine.
 *
 * Daylio has no id for an entry: two rows at the same minute are told apart by their text, so an entry
 * is a duplicate only when one at the same minute with the same title and text is already there.
 */
import { LIMITS } from '../../../../shared/schemas.js';
import { Day } from '../../../../shared/schemas.js';
import { zonedInstant } from '../../reminders/zone.js';
import type { CsvRows } from './csvread.js';
import { unguard } from './csvread.js';
import { FOREIGN_ENTRY_DEFAULTS, emptyPlan, checkEntry, fold, problem, type ImportPlan, type PlannedEntry, type PlannedTag } from './plan.js';
import { note } from './words.js';
import { invalid } from './text.js';

export type DaylioLayout = 'full-date' | 'year-day-month';

const WEEKDAY = ['weekday', 'week_day', 'week day', 'day of week'];

/** The layout the header is in, or null when it is not a Daylio export. */
export function daylioLayout(header: readonly string[]): DaylioLayout | null {
  const h = header.map((c) => c.trim().toLowerCase());
  const has = (c: string) => h.includes(c);
  if (!has('time') || !has('mood') || !has('activities')) return null;
  if (has('full_date')) return 'full-date';
  if (has('year') && has('date') && WEEKDAY.some(has)) return 'year-day-month';
  return null;
}

export const isDaylio = (header: readonly string[]): boolean => daylioLayout(header) !== null;

/** "10:00 pm", "10:00 PM", "22:00", "7:05 a.m." → "22:00"; null when not a time. */
export function parseClock(s: string): string | null {
  const m = /^(\d{1,2})[:.](\d{2})(?::\d{2})?\s*([ap])?\.?\s*m?\.?$/i.exec(s.trim());
  if (!m) return null;
  let h = Number(m[1]);
  const min = Number(m[2]);
  const ampm = m[3]?.toLowerCase();
  if (min > 59) return null;
  if (ampm) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (ampm === 'p' ? 12 : 0);
  } else if (h > 23) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A month name, full or abbreviated to at least three letters ("Sep", "Sept."), as 1–12; 0 when not one. */
function monthOf(word: string): number {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return 0;
  return MONTHS.findIndex((m) => m.startsWith(w)) + 1;
}

/** The older layout's year + "18 May" / "May 18" → "2018-05-18"; null when not a real day. */
export function dayFromYearAndDayMonth(year: string, dayMonth: string): string | null {
  if (!/^\d{4}$/.test(year)) return null;
  const parts = dayMonth.trim().replace(/,/g, ' ').split(/\s+/);
  if (parts.length !== 2) return null;
  const [a, b] = parts as [string, string];
  const [dayText, month] = /^\d{1,2}$/.test(a) ? [a, monthOf(b)] : [b, monthOf(a)];
  if (!/^\d{1,2}$/.test(dayText) || month === 0) return null;
  const day = `${year}-${String(month).padStart(2, '0')}-${dayText.padStart(2, '0')}`;
  return Day.safeParse(day).success ? day : null;
}

const label = (s: string) => Array.from(s.replace(/\s+/g, ' ').trim()).slice(0, LIMITS.label).join('');

/**
 * Reads Daylio rows one at a time: `row` returns the row's entry (or null, with a problem added to
 * `plan`), and `finish` adds the patterns and notes once every row has been seen. `plan.entries` is
 * left to the caller, so a large file need not be held as a list of entries.
 */
export function daylioPlanner(header: readonly string[], timeZone: string) {
  const plan = emptyPlan('daylio-csv');
  const layout = daylioLayout(header);
  const col = (...names: string[]) => header.findIndex((h) => names.includes(h.trim().toLowerCase()));
  const c = {
    fullDate: col('full_date'),
    year: col('year'),
    dayMonth: col('date'),
    time: col('time'),
    mood: col('mood'),
    activities: col('activities'),
    title: col('note_title'),
    note: col('note'),
  };
  if (!layout) {
    throw invalid('This is not a Daylio export: it needs the columns time, mood and activities, and either full_date or year, date and weekday.');
  }
  const tags = new Map<string, { label: string; foreign: NonNullable<PlannedTag['foreign']> }>();
  const tagKey = (text: string, foreign: 'mood' | 'activity') => {
    const key = `${foreign === 'mood' ? 'm' : 't'}:${fold(text)}`;
    if (!tags.has(key)) tags.set(key, { label: text, foreign });
    return key;
  };
  function row(cells: readonly string[], line: number): PlannedEntry | null {
    const where = `line ${line}`;
    const cell = (i: number) => (i >= 0 ? unguard((cells[i] ?? '').trim()) : '');
    let day: string | null;
    if (layout === 'full-date') {
      day = cell(c.fullDate);
      if (!Day.safeParse(day).success) {
        problem(plan, where, line, { code: 'date-not-real', example: '2021-09-28' });
        return null;
      }
    } else {
      day = dayFromYearAndDayMonth(cell(c.year), cell(c.dayMonth));
      if (!day) {
        problem(plan, where, line, { code: 'year-day-not-real' });
        return null;
      }
    }
    const clock = parseClock(cell(c.time));
    if (!clock) {
      problem(plan, where, line, { code: 'time-not-real', example: '10:00 pm' });
      return null;
    }
    const tagKeys: string[] = [];
    const mood = label(cell(c.mood));
    if (mood) tagKeys.push(tagKey(label(`Mood: ${mood}`), 'mood'));
    for (const a of cell(c.activities).split('|')) {
      const t = label(a);
      if (t && !tagKeys.includes(`t:${fold(t)}`)) tagKeys.push(tagKey(t, 'activity'));
    }
    const planned: PlannedEntry = {
      where,
      line,
      occurredAt: zonedInstant(day, clock, timeZone),
      timeZone,
      title: cell(c.title).replace(/\s+/g, ' '),
      body: cell(c.note).replace(/<br\s*\/?>/gi, '\n'),
      ...FOREIGN_ENTRY_DEFAULTS,
      domains: [],
      powerSources: [],
      personKeys: [],
      tagKeys,
      source: 'daylio',
      // The minute; the commit adds " #2", " #3" … when another entry at that minute is already there.
      sourceRef: `${day} ${clock}`,
      refIsMinute: true,
      createdAt: null,
      updatedAt: null,
    };
    return checkEntry(plan, planned) ? planned : null;
  }
  function finish(): ImportPlan {
    for (const [key, t] of tags) {
      plan.tags.push({ key, label: t.label, polarity: 'neutral', category: 'other', color: null, builtinSlug: null, archivedAt: null, foreign: t.foreign });
    }
    if (layout === 'year-day-month') plan.notes.push(note({ code: 'daylio-old-layout' }));
    plan.notes.push(zoneNote(timeZone));
    return plan;
  }
  return { plan, row, finish };
}

export function planDaylio(csv: CsvRows, timeZone: string): ImportPlan {
  const planner = daylioPlanner(csv.header, timeZone);
  for (const { cells, line } of csv.rows) {
    const e = planner.row(cells, line);
    if (e) planner.plan.entries.push(e);
  }
  return planner.finish();
}

/** The same note wherever a file's times carry no zone: what happened, in plain terms. */
export const zoneNote = (timeZone: string) => note({ code: 'zone-assumed', zone: timeZone });
