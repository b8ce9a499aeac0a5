/**
 * Any CSV with a mapping step: the preview proposes which column holds what (from the header's words,
 * in a few languages, and Fulcrum's own CSV export), the user corrects it, and the import reads the
 * rows with it. A re-import of the same rows finds them as duplicates: each entry's reference is a
 * hash of its date, time, title and text.
 */
import { createHash } from 'node:crypto';
import { DOMAINS, DOMAIN_LABELS, PALETTE, type Domain } from '../../../../shared/catalogue.js';
import { CSV_FIELDS, CsvMapping, IsoTime, type CsvMappingParsed } from '../../../../shared/portability.js';
import { Day, LIMITS } from '../../../../shared/schemas.js';
import { zonedInstant } from '../../reminders/zone.js';
import type { CsvRows } from './csvread.js';
import { zoneNote } from './daylio.js';
import { unguard } from './csvread.js';
import { parseClock } from './daylio.js';
import { emptyPlan, checkEntry, fold, problem, type ImportPlan, type PlannedEntry } from './plan.js';
import { note } from './words.js';

type Field = (typeof CSV_FIELDS)[number];

const SYNONYMS: Record<Field, string[]> = {
  date: ['date', 'day', 'full_date', 'datetime', 'date time', 'timestamp', 'created', 'created at', 'creation date', 'occurred at', 'when', 'datum', 'fecha', 'data'],
  time: ['time', 'hour', 'zeit', 'hora', 'heure'],
  title: ['title', 'subject', 'heading', 'note_title', 'titel', 'titre', 'título'],
  body: ['text', 'body', 'entry', 'note', 'notes', 'content', 'description', 'journal', 'inhalt', 'texte', 'texto'],
  tags: ['tags', 'tag', 'patterns', 'labels', 'activities', 'categories', 'keywords'],
  people: ['people', 'person', 'persons', 'with', 'who', 'personen'],
  domains: ['domains', 'domain', 'areas', 'area'],
  balance: ['balance'],
  intensity: ['intensity'],
  heard: ['heard'],
  respected: ['respected'],
  valued: ['valued'],
  involved: ['involved'],
  outcome: ['outcome', 'result'],
  flags: ['flags'],
};

/** The proposed mapping: each field takes the first column whose header is one of its words. */
export function proposeMapping(header: readonly string[]): CsvMappingParsed {
  const norm = header.map((h) => h.toLowerCase().replace(/[_-]+/g, ' ').trim());
  const used = new Set<number>();
  const mapping: Record<string, number | null> = {};
  for (const field of CSV_FIELDS) {
    let found: number | null = null;
    for (const word of SYNONYMS[field]) {
      const i = norm.findIndex((h, idx) => !used.has(idx) && h === word.replace(/_/g, ' '));
      if (i >= 0) {
        found = i;
        break;
      }
    }
    if (found !== null) used.add(found);
    mapping[field] = found;
  }
  return CsvMapping.parse({ ...mapping, dateOrder: 'auto', listSeparator: ';' });
}

const DATE_YMD = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(.*))?$/;
const DATE_XY = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T,]+(.*))?$/;
const HAS_ZONE = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const pad = (n: string) => n.padStart(2, '0');

const hashRef = (parts: readonly string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);

function domainOf(s: string): Domain | null {
  const f = fold(s);
  return DOMAINS.find((d) => d === f || fold(DOMAIN_LABELS[d]) === f) ?? null;
}

/**
 * Reads generic CSV rows with a mapping, in two passes over the rows: `observe` every row's date
 * (which order a dd/dd/yyyy column uses is decided from all of them), then `decide`, then `row` each
 * row again, then `finish`. `reading` turns false when the mapping or the dates make reading the rows
 * pointless (the problem is in `plan`). Entries are handed back, not kept, so a large file need not
 * be held as rows or entries.
 */
export function genericPlanner(header: readonly string[], delimiter: string, mapping: CsvMappingParsed | null, timeZone: string) {
  const plan = emptyPlan('csv');
  const m = mapping ?? proposeMapping(header);
  plan.csv = { delimiter, columns: [...header], mapping: m, sample: [] };
  for (const field of CSV_FIELDS) {
    const i = m[field];
    if (i !== null && i >= header.length) problem(plan, 'mapping', null, { code: 'column-missing', field, column: i + 1, columns: header.length });
  }
  if (m.date === null) problem(plan, 'mapping', null, { code: 'no-date-column' });
  const state = { reading: plan.problems.length === 0 };

  const cell = (cells: readonly string[], field: Field): string => {
    const i = m[field];
    return i === null ? '' : unguard((cells[i] ?? '').trim());
  };
  let order: 'ymd' | 'dmy' | 'mdy' = m.dateOrder === 'auto' ? 'dmy' : m.dateOrder;
  const seen = { dmy: false, mdy: false, xy: false };
  /** First pass: what a dd/dd/yyyy date column says about its order. */
  function observe(cells: readonly string[]): void {
    if (!state.reading || m.dateOrder !== 'auto') return;
    const x = DATE_XY.exec(cell(cells, 'date'));
    if (!x) return;
    seen.xy = true;
    if (Number(x[1]) > 12) seen.dmy = true;
    if (Number(x[2]) > 12) seen.mdy = true;
  }
  function decide(): void {
    if (!state.reading || m.dateOrder !== 'auto') return;
    if (seen.dmy && seen.mdy) {
      problem(plan, 'date column', null, { code: 'mixed-date-order' });
      state.reading = false;
    } else if (seen.dmy) order = 'dmy';
    else if (seen.mdy) order = 'mdy';
    else if (seen.xy) plan.notes.push(note({ code: 'day-first' }));
  }

  const people = new Map<string, string>();
  const tags = new Map<string, string>();
  const refs = new Map<string, number>();
  const unknownDomains = new Set<string>();
  let noTime = 0;
  let zoneless = 0;
  const list = (s: string) =>
    s
      .split(m.listSeparator)
      .map((x) => x.replace(/\s+/g, ' ').trim())
      .filter(Boolean);

  /** Second pass: the row's entry, or null (with its problem in `plan`). */
  function row(cells: readonly string[], line: number): PlannedEntry | null {
    const where = `line ${line}`;
    const before = plan.problems.length;
    const rawDate = cell(cells, 'date');
    let occurredAt: number | null = null;
    let dayPart: string | null = null;
    let timePart = cell(cells, 'time');
    if (HAS_ZONE.test(rawDate)) {
      const t = IsoTime.safeParse(rawDate);
      if (t.success) occurredAt = t.data;
    } else {
      const ymd = DATE_YMD.exec(rawDate);
      const xy = ymd ? null : DATE_XY.exec(rawDate);
      if (ymd) dayPart = `${ymd[1]}-${pad(ymd[2]!)}-${pad(ymd[3]!)}`;
      else if (xy && order !== 'ymd') dayPart = order === 'dmy' ? `${xy[3]}-${pad(xy[2]!)}-${pad(xy[1]!)}` : `${xy[3]}-${pad(xy[1]!)}-${pad(xy[2]!)}`;
      const rest = (ymd ?? xy)?.[4];
      if (rest && !timePart) timePart = rest;
      if (dayPart && !Day.safeParse(dayPart).success) dayPart = null;
    }
    if (occurredAt === null) {
      if (!dayPart) {
        problem(plan, where, line, rawDate ? { code: 'date-not-real', example: null } : { code: 'date-empty' });
        return null;
      }
      let clock = '12:00';
      if (timePart) {
        const c = parseClock(timePart);
        if (!c) {
          problem(plan, where, line, { code: 'time-not-real', example: '20:15' });
          return null;
        }
        clock = c;
      } else noTime++;
      occurredAt = zonedInstant(dayPart, clock, timeZone);
      zoneless++;
    }
    const score = (field: 'balance' | 'intensity' | 'heard' | 'respected' | 'valued' | 'involved'): number | null => {
      const v = cell(cells, field);
      if (v === '') return null;
      const n = Number(v.replace(/^\+/, ''));
      const [lo, hi] = field === 'balance' ? [-3, 3] : [1, 5];
      if (!Number.isInteger(n) || n < lo || n > hi) {
        problem(plan, where, line, { code: 'number-range', field, min: lo, max: hi });
        return null;
      }
      return n;
    };
    const scores = {
      balance: score('balance'),
      intensity: score('intensity'),
      heard: score('heard'),
      respected: score('respected'),
      valued: score('valued'),
      involved: score('involved'),
    };
    const personKeys: string[] = [];
    for (const name of list(cell(cells, 'people'))) {
      const n = Array.from(name).slice(0, LIMITS.name).join('');
      const key = `p:${fold(n)}`;
      if (!people.has(key)) people.set(key, n);
      if (!personKeys.includes(key)) personKeys.push(key);
    }
    const tagKeys: string[] = [];
    for (const t of list(cell(cells, 'tags'))) {
      const l = Array.from(t).slice(0, LIMITS.label).join('');
      const key = `t:${fold(l)}`;
      if (!tags.has(key)) tags.set(key, l);
      if (!tagKeys.includes(key)) tagKeys.push(key);
    }
    const domains: Domain[] = [];
    for (const d of list(cell(cells, 'domains'))) {
      const dom = domainOf(d);
      if (dom && !domains.includes(dom)) domains.push(dom);
      else if (!dom) unknownDomains.add(fold(d));
    }
    const flags = fold(cell(cells, 'flags'));
    const title = cell(cells, 'title').replace(/\s+/g, ' ');
    const body = cell(cells, 'body');
    if (plan.problems.length > before) return null;

    const base = hashRef([rawDate, timePart, title, body]);
    const n = (refs.get(base) ?? 0) + 1;
    refs.set(base, n);
    const planned: PlannedEntry = {
      where,
      line,
      occurredAt,
      timeZone,
      title,
      body,
      domains,
      powerSources: [],
      ...scores,
      outcome: cell(cells, 'outcome'),
      raiseWithTherapist: flags.includes('therapist'),
      safetyConcern: flags.includes('safety'),
      personKeys,
      tagKeys,
      source: 'csv',
      sourceRef: n === 1 ? base : `${base}#${n}`,
      createdAt: null,
      updatedAt: null,
    };
    return checkEntry(plan, planned) ? planned : null;
  }

  function finish(): ImportPlan {
    if (!state.reading) return plan;
  let colour = 0;
  for (const [key, name] of people) {
    plan.people.push({ key, name, kind: 'other', color: PALETTE[colour++ % PALETTE.length]!, notes: '', archivedAt: null, createdAt: null });
  }
  for (const [key, label] of tags) plan.tags.push({ key, label, polarity: 'neutral', category: 'other', color: null, builtinSlug: null, archivedAt: null, foreign: 'tag' });
  if (noTime) plan.notes.push(note({ code: 'no-time', count: noTime }));
  if (unknownDomains.size) plan.notes.push(note({ code: 'unknown-areas', count: unknownDomains.size }));
  if (zoneless) plan.notes.push(zoneNote(timeZone));
  const unmapped = header.filter((_, i) => !CSV_FIELDS.some((f) => m[f] === i)).length;
  if (unmapped) plan.notes.push(note({ code: 'unmapped-columns', count: unmapped }));
    return plan;
  }
  return { plan, state, observe, decide, row, finish };
}

export function planGenericCsv(csv: CsvRows, mapping: CsvMappingParsed | null, timeZone: string): ImportPlan {
  const planner = genericPlanner(csv.header, csv.delimiter, mapping, timeZone);
  planner.plan.csv!.sample = csv.rows.slice(0, 5).map((r) => r.cells);
  if (!planner.state.reading) return planner.plan;
  for (const r of csv.rows) planner.observe(r.cells);
  planner.decide();
  if (!planner.state.reading) return planner.plan;
  for (const { cells, line } of csv.rows) {
    const e = planner.row(cells, line);
    if (e) planner.plan.entries.push(e);
  }
  return planner.finish();
}
