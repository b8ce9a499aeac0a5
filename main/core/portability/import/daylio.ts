/**
 * Daylio CSV export: `full_date,date,weekday,time,mood,activities,note_title,note`. Each row is an
 * entry at full_date + time (in the user's zone: Daylio stores local times). The mood becomes a
 * neutral pattern "Mood: <mood>", each activity (separated by " | ") a neutral pattern of its own,
 * in the category Other; note_title and note become the title and text. Older exports without
 * note_title, and extra columns (newer Daylio "scales", goals …), are fine.
 */
import { LIMITS } from '../../../../shared/schemas.js';
import { Day } from '../../../../shared/schemas.js';
import { zonedInstant } from '../../reminders/zone.js';
import type { CsvRows } from './csvread.js';
import { unguard } from './csvread.js';
import { FOREIGN_ENTRY_DEFAULTS, emptyPlan, checkEntry, fold, problem, type ImportPlan } from './plan.js';
import { invalid } from './text.js';

const REQUIRED = ['full_date', 'time', 'mood'] as const;

export function isDaylio(header: readonly string[]): boolean {
  const h = header.map((c) => c.toLowerCase());
  return REQUIRED.every((c) => h.includes(c)) && h.includes('activities');
}

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

const label = (s: string) => Array.from(s.replace(/\s+/g, ' ').trim()).slice(0, LIMITS.label).join('');

export function planDaylio(csv: CsvRows, timeZone: string): ImportPlan {
  const plan = emptyPlan('daylio-csv');
  const col = (name: string) => csv.header.findIndex((h) => h.toLowerCase() === name);
  const c = { date: col('full_date'), time: col('time'), mood: col('mood'), activities: col('activities'), title: col('note_title'), note: col('note') };
  if (c.date < 0 || c.time < 0 || c.mood < 0) throw invalid('This is not a Daylio export: the columns full_date, time and mood are missing.');
  const tags = new Map<string, string>();
  const seen = new Map<string, number>();
  const tagKey = (text: string) => {
    const key = `t:${fold(text)}`;
    if (!tags.has(key)) tags.set(key, text);
    return key;
  };
  for (const { cells, line } of csv.rows) {
    const where = `line ${line}`;
    const cell = (i: number) => (i >= 0 ? unguard((cells[i] ?? '').trim()) : '');
    const day = cell(c.date);
    if (!Day.safeParse(day).success) {
      problem(plan, where, line, 'full_date is not a real date like 2021-09-28');
      continue;
    }
    const clock = parseClock(cell(c.time));
    if (!clock) {
      problem(plan, where, line, 'time is not a time like 10:00 pm or 22:00');
      continue;
    }
    // Daylio can hold two entries at the same minute: the second gets #2, so references stay stable.
    const base = `${day} ${clock}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const tagKeys: string[] = [];
    const mood = label(cell(c.mood));
    if (mood) tagKeys.push(tagKey(label(`Mood: ${mood}`)));
    for (const a of cell(c.activities).split('|')) {
      const t = label(a);
      if (t && !tagKeys.includes(`t:${fold(t)}`)) tagKeys.push(tagKey(t));
    }
    const planned = {
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
      sourceRef: n === 1 ? base : `${base} #${n}`,
      createdAt: null,
      updatedAt: null,
    };
    if (checkEntry(plan, planned)) plan.entries.push(planned);
  }
  for (const [key, text] of tags) plan.tags.push({ key, label: text, polarity: 'neutral', category: 'other', color: null, builtinSlug: null, archivedAt: null });
  plan.notes.push(`Times were read as local times in ${timeZone}.`);
  return plan;
}
