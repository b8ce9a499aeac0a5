/**
 * Every insight of the overview and the pattern history, computed from the in-memory index
 * (memindex.ts) instead of SQL: one pass over the range's entries per chart, with the filter and the
 * admitted patterns as lookup arrays. The semantics are exactly those of the SQL in sql.ts (which
 * entries a filter admits, which of their patterns count); the brute-force tests check both.
 */
import { CATEGORIES, POLARITIES, type Category, type Domain, DOMAINS, type Polarity } from '../../../../shared/catalogue.js';
import {
  daysBetween,
  SCORE_MEASURES,
  type BalanceSeries,
  type BalanceTrend,
  type DomainBreakdown,
  type HealthyShare,
  type HeatMap,
  type PatternCounts,
  type PatternHistory,
  type PatternRef,
  type PeopleComparison,
  type PersonMeasures,
  type ScoreTrends,
  type TopPatterns,
} from '../../../../shared/insights.js';
import type { DB } from '../index.js';
import { dayNumber, monthNumber, type DayBlock, type InsightIndex } from './memindex.js';
import type { Scope } from './range.js';
import { healthyShareOf, movingMean, ratio } from './mean.js';
import { prepared } from './sql.js';

type TagRow = { tagId: number; label: string; category: PatternRef['category']; polarity: PatternRef['polarity']; color: string | null };

/** What one call needs from the index, resolved once per scope. */
export interface IndexedScope {
  ix: InsightIndex;
  tags: Map<number, TagRow>;
  /** tag id → admitted by the filter's pattern conditions (1) or not (0). */
  admitted: Uint8Array;
  /** tag id → matches the filter's categories/polarity (1), for the entry condition. */
  kindMatch: Uint8Array;
  /** tag id → polarity code (POL_CODE) */
  polarity: Uint8Array;
  /** tag id → position of its (category, polarity) in `kinds`. */
  kindOf: Int32Array;
  kinds: { category: Category; polarity: Polarity }[];
  /** Person code → in the filter (1); null: no person filter. */
  personSet: Uint8Array | null;
  domainSet: Uint8Array | null;
  /** Tag id → in the filter's tagIds (1). */
  tagSet: Uint8Array | null;
  hasKind: boolean;
  /** Blocks of [pfrom, to] in day order, and which of them fall before `from`. */
  blocks: DayBlock[];
  from: string;
  /** Bucket position of a block (-1: the previous period). */
  bucketOf: (b: DayBlock) => number;
  /**
   * Per block, the positions of the entries the filter admits (null: no filter, every entry): the
   * charts loop over these only. Kept on the index per filter (see selectionsFor) for the next call.
   */
  sels: (Int32Array | null)[] | null;
  /** What decides which entries the filter admits: the filter, and the kinds of the patterns when it has one. */
  filterKey: string;
  filtered: boolean;
  /** Measure sums, shared by the balance and score charts of one call. */
  sums: Sums | null;
}

/** Polarity codes: 1 + position in POLARITIES (0: unknown). */
const POL_CODE = new Map<string, number>(POLARITIES.map((p, i) => [p, i + 1]));
const IMBALANCE = POL_CODE.get('imbalance')!;
const HEALTHY = POL_CODE.get('healthy')!;

export function indexedScope(db: DB, ix: InsightIndex, s: Scope): IndexedScope {
  const tagRows = prepared(db, 'SELECT id AS tagId, label, category, polarity, color FROM tags').all() as TagRow[];
  const maxId = tagRows.reduce((m, t) => Math.max(m, t.tagId), 0) + 1;
  const admitted = new Uint8Array(maxId);
  const kindMatch = new Uint8Array(maxId);
  const polarity = new Uint8Array(maxId);
  const kindOf = new Int32Array(maxId).fill(-1);
  const kinds: { category: Category; polarity: Polarity }[] = [];
  const kindKeys = new Map<string, number>();
  const f = s.filter;
  const tagIds = f.tagIds ? new Set(f.tagIds) : null;
  const cats = f.categories ? new Set<string>(f.categories) : null;
  const tags = new Map<number, TagRow>();
  for (const t of tagRows) {
    tags.set(t.tagId, t);
    const kind = (!cats || cats.has(t.category)) && (!f.polarity || f.polarity === t.polarity);
    kindMatch[t.tagId] = kind ? 1 : 0;
    admitted[t.tagId] = kind && (!tagIds || tagIds.has(t.tagId)) ? 1 : 0;
    polarity[t.tagId] = POL_CODE.get(t.polarity) ?? 0;
    const key = `${t.category}/${t.polarity}`;
    let k = kindKeys.get(key);
    if (k === undefined) {
      k = kinds.length;
      kinds.push({ category: t.category, polarity: t.polarity });
      kindKeys.set(key, k);
    }
    kindOf[t.tagId] = k;
  }
  let tagSet: Uint8Array | null = null;
  if (tagIds) {
    tagSet = new Uint8Array(maxId);
    for (const t of tagIds) if (t < maxId) tagSet[t] = 1;
  }
  let personSet: Uint8Array | null = null;
  if (f.personIds) {
    for (const p of f.personIds) ix.personCode(p);
    personSet = new Uint8Array(ix.people.length);
    for (const p of f.personIds) personSet[ix.personCode(p)] = 1;
  }
  let domainSet: Uint8Array | null = null;
  if (f.domains) {
    domainSet = new Uint8Array(ix.domains.length + f.domains.length);
    for (const d of f.domains) domainSet[ix.domainCode(d)] = 1;
  }
  const period = s.period!;
  const from = period.from;
  const bucket = s.axis.bucket;
  const first = s.axis.buckets[0]!.key;
  const firstDay = dayNumber(first);
  const firstMonth = monthNumber(first);
  const bucketOf =
    bucket === 'day'
      ? (b: DayBlock) => (b.day < from ? -1 : b.dayNum - firstDay)
      : bucket === 'week'
        ? (b: DayBlock) => (b.day < from ? -1 : Math.floor((b.dayNum - firstDay) / 7))
        : (b: DayBlock) => (b.day < from ? -1 : b.monthNum - firstMonth);
  return {
    ix,
    tags,
    admitted,
    kindMatch,
    polarity,
    kindOf,
    kinds,
    personSet,
    domainSet,
    tagSet,
    hasKind: !!(f.categories || f.polarity),
    blocks: ix.range(s.previous?.from ?? from, period.to),
    from,
    bucketOf,
    sels: null,
    filterKey: `${JSON.stringify(f)}|${f.categories || f.polarity ? kindMatch.join('') : ''}`,
    filtered: !!(f.personIds || f.domains || f.tagIds || f.categories || f.polarity),
    sums: null,
  };
}

/** Does the filter admit entry i of block b? */
function admits(x: IndexedScope, b: DayBlock, i: number): boolean {
  if (x.personSet) {
    let ok = false;
    for (let k = b.personStart[i]!; k < b.personStart[i + 1]! && !ok; k++) ok = x.personSet[b.people[k]!] === 1;
    if (!ok) return false;
  }
  if (x.domainSet) {
    let ok = false;
    for (let k = b.domainStart[i]!; k < b.domainStart[i + 1]! && !ok; k++) ok = x.domainSet[b.domains[k]!] === 1;
    if (!ok) return false;
  }
  if (x.tagSet) {
    let ok = false;
    for (let k = b.tagStart[i]!; k < b.tagStart[i + 1]! && !ok; k++) ok = x.tagSet[b.tags[k]!] === 1;
    if (!ok) return false;
  }
  if (x.hasKind) {
    let ok = false;
    for (let k = b.tagStart[i]!; k < b.tagStart[i + 1]! && !ok; k++) ok = x.kindMatch[b.tags[k]!] === 1;
    if (!ok) return false;
  }
  return true;
}

/** The selection of a day none of whose entries the filter admits (shared: it is never written). */
const NONE = new Int32Array(0);

function selections(x: IndexedScope): (Int32Array | null)[] {
  if (!x.sels) {
    if (!x.filtered) x.sels = x.blocks.map(() => null);
    else {
      // A block reloaded after a write is a new object: its selection is computed again.
      const cache = x.ix.selectionsFor(x.filterKey);
      let scratch = new Int32Array(0);
      // The Insights page filtered by people (the usual filter) scans only the people of each entry.
      const people = x.personSet && !x.domainSet && !x.tagSet && !x.hasKind ? x.personSet : null;
      x.sels = x.blocks.map((b) => {
        let sel = cache.get(b);
        if (!sel) {
          if (scratch.length < b.n) scratch = new Int32Array(Math.max(b.n, 2 * scratch.length));
          let c = 0;
          if (people) {
            const start = b.personStart;
            const codes = b.people;
            for (let i = 0; i < b.n; i++) {
              for (let k = start[i]!, end = start[i + 1]!; k < end; k++) {
                if (people[codes[k]!] === 1) {
                  scratch[c++] = i;
                  break;
                }
              }
            }
          } else for (let i = 0; i < b.n; i++) if (admits(x, b, i)) scratch[c++] = i;
          sel = c === 0 ? NONE : scratch.slice(0, c);
          cache.set(b, sel);
        }
        return sel;
      });
    }
  }
  return x.sels;
}

/**
 * Calls fn for every block of the range (current and, when `previous`, the previous period) with the
 * positions of the entries the filter admits (null: all) and its bucket; the charts loop over the entries
 * themselves (a call per entry costs more than the work it does).
 */
function forBlocks(x: IndexedScope, previous: boolean, fn: (b: DayBlock, sel: Int32Array | null, bucket: number) => void): void {
  const ms = selections(x);
  for (let k = 0; k < x.blocks.length; k++) {
    const b = x.blocks[k]!;
    const bucket = x.bucketOf(b);
    if (bucket < 0 && !previous) continue;
    fn(b, ms[k] ?? null, bucket);
  }
}

/** Bit 1: the entry has an admitted imbalance pattern; bit 2: an admitted healthy one. */
function shows(x: IndexedScope, b: DayBlock, i: number): number {
  let m = 0;
  for (let k = b.tagStart[i]!; k < b.tagStart[i + 1]!; k++) {
    const t = b.tags[k]!;
    if (x.admitted[t] !== 1) continue;
    const p = x.polarity[t]!;
    if (p === IMBALANCE) m |= 1;
    else if (p === HEALTHY) m |= 2;
  }
  return m;
}

const zeros = (n: number) => new Array<number>(n).fill(0);

export function patternCountsIx(x: IndexedScope, s: Scope): PatternCounts {
  const n = s.axis.buckets.length;
  const byPolarity = POLARITIES.map((polarity) => ({ polarity, values: zeros(n), total: 0, previousTotal: s.previous ? 0 : null as number | null }));
  const perKind: (number[] | undefined)[] = [];
  const seenKinds = new Int32Array(x.kinds.length).fill(-1);
  const seenPol = new Int32Array(POLARITIES.length + 1).fill(-1);
  let serial = 0;
  forBlocks(x, true, (b, sel, bucket) => {
    for (let j = 0, end = sel ? sel.length : b.n; j < end; j++) {
      const i = sel ? sel[j]! : j;
      serial++;
      for (let k = b.tagStart[i]!; k < b.tagStart[i + 1]!; k++) {
        const t = b.tags[k]!;
        if (x.admitted[t] !== 1) continue;
        const p = x.polarity[t]!;
        if (seenPol[p] !== serial) {
          seenPol[p] = serial;
          const ser = byPolarity[p - 1];
          if (ser) {
            if (bucket < 0) ser.previousTotal = (ser.previousTotal ?? 0) + 1;
            else {
              ser.values[bucket]! += 1;
              ser.total += 1;
            }
          }
        }
        if (bucket < 0) continue;
        const kind = x.kindOf[t]!;
        if (seenKinds[kind] === serial) continue;
        seenKinds[kind] = serial;
        let values = perKind[kind];
        if (!values) perKind[kind] = values = zeros(n);
        values[bucket]! += 1;
      }
    }
  });
  const catOrder = (c: string) => (CATEGORIES as readonly string[]).indexOf(c);
  const polOrder = (p: string) => (POLARITIES as readonly string[]).indexOf(p);
  const series = perKind
    .flatMap((values, k) => (values ? [{ ...x.kinds[k]!, values, total: values.reduce((a, v) => a + v, 0) }] : []))
    .sort((a, b) => catOrder(a.category) - catOrder(b.category) || polOrder(a.polarity) - polOrder(b.polarity) || a.category.localeCompare(b.category));
  return { axis: s.axis, series, byPolarity };
}

interface Sums {
  n: number[];
  rated: number[][];
  sums: number[][];
  prevN: number[];
  prevS: number[];
}
const MEASURE_COLS = ['balance', 'heard', 'respected', 'valued', 'involved'] as const;
const columns = (b: DayBlock) => [b.balance, b.heard, b.respected, b.valued, b.involved];

function measureSums(x: IndexedScope, len: number): Sums {
  if (x.sums) return x.sums;
  const out: Sums = { n: zeros(len), rated: MEASURE_COLS.map(() => zeros(len)), sums: MEASURE_COLS.map(() => zeros(len)), prevN: zeros(5), prevS: zeros(5) };
  const ms = selections(x);
  for (let k = 0; k < x.blocks.length; k++) {
    const b = x.blocks[k]!;
    const sel = ms[k];
    const bucket = x.bucketOf(b);
    const cols = columns(b);
    for (let m = 0; m < 5; m++) {
      const col = cols[m]!;
      let c = 0;
      let sum = 0;
      for (let j = 0, end = sel ? sel.length : b.n; j < end; j++) {
        const i = sel ? sel[j]! : j;
        const v = col[i]!;
        if (v === v) {
          c++;
          sum += v;
        }
      }
      if (bucket < 0) {
        out.prevN[m]! += c;
        out.prevS[m]! += sum;
      } else {
        out.rated[m]![bucket]! += c;
        out.sums[m]![bucket]! += sum;
      }
    }
    if (bucket >= 0) {
      out.n[bucket]! += sel ? sel.length : b.n;
    }
  }
  x.sums = out;
  return out;
}

function series(personId: number | null, s: Scope, entries: number[], rated: number[], sums: number[], prev: { n: number; s: number }, window: number): BalanceSeries {
  return {
    personId,
    values: sums.map((v, i) => ratio(v, rated[i]!)),
    moving: movingMean(sums, rated, window),
    rated,
    entries,
    mean: ratio(
      sums.reduce((a, b) => a + b, 0),
      rated.reduce((a, b) => a + b, 0),
    ),
    previousMean: s.previous ? ratio(prev.s, prev.n) : null,
  };
}

export function balanceTrendIx(x: IndexedScope, s: Scope, window: number): BalanceTrend {
  const len = s.axis.buckets.length;
  const all = measureSums(x, len);
  const overall = series(null, s, all.n, all.rated[0]!, all.sums[0]!, { n: all.prevN[0]!, s: all.prevS[0]! }, window);
  const people: ({ n: number[]; rated: number[]; sums: number[]; prev: { n: number; s: number } } | undefined)[] = [];
  forBlocks(x, true, (b, sel, bucket) => {
    for (let j = 0, end = sel ? sel.length : b.n; j < end; j++) {
      const i = sel ? sel[j]! : j;
      const v = b.balance[i]!;
      for (let k = b.personStart[i]!; k < b.personStart[i + 1]!; k++) {
        const p = b.people[k]!;
        if (x.personSet && x.personSet[p] !== 1) continue;
        let acc = people[p];
        if (!acc) people[p] = acc = { n: zeros(len), rated: zeros(len), sums: zeros(len), prev: { n: 0, s: 0 } };
        if (bucket < 0) {
          if (!Number.isNaN(v)) {
            acc.prev.n += 1;
            acc.prev.s += v;
          }
          continue;
        }
        acc.n[bucket]! += 1;
        if (!Number.isNaN(v)) {
          acc.rated[bucket]! += 1;
          acc.sums[bucket]! += v;
        }
      }
    }
  });
  const list = people
    .flatMap((a, p) => (a ? [series(x.ix.people[p]!, s, a.n, a.rated, a.sums, a.prev, window)] : []))
    .filter((ser) => ser.entries.some((v) => v > 0))
    .sort((a, b) => (a.personId ?? 0) - (b.personId ?? 0));
  return { axis: s.axis, window, overall, people: list };
}

export function scoreTrendsIx(x: IndexedScope, s: Scope): ScoreTrends {
  const len = s.axis.buckets.length;
  const all = measureSums(x, len);
  return {
    axis: s.axis,
    entries: all.n,
    series: SCORE_MEASURES.map((measure) => {
      const m = MEASURE_COLS.indexOf(measure);
      const rated = all.rated[m]!;
      const sums = all.sums[m]!;
      return {
        measure,
        values: sums.map((v, i) => ratio(v, rated[i]!)),
        rated,
        mean: ratio(
          sums.reduce((a, b) => a + b, 0),
          rated.reduce((a, b) => a + b, 0),
        ),
        previousMean: s.previous ? ratio(all.prevS[m]!, all.prevN[m]!) : null,
      };
    }),
  };
}

export function healthyShareIx(x: IndexedScope, s: Scope): HealthyShare {
  const len = s.axis.buckets.length;
  const healthy = zeros(len);
  const imbalance = zeros(len);
  const prev = { h: 0, i: 0 };
  forBlocks(x, true, (b, sel, bucket) => {
    for (let j = 0, end = sel ? sel.length : b.n; j < end; j++) {
      const i = sel ? sel[j]! : j;
      for (let k = b.tagStart[i]!; k < b.tagStart[i + 1]!; k++) {
        const t = b.tags[k]!;
        if (x.admitted[t] !== 1) continue;
        const p = x.polarity[t];
        if (p === HEALTHY) {
          if (bucket < 0) prev.h++;
          else healthy[bucket]! += 1;
        } else if (p === IMBALANCE) {
          if (bucket < 0) prev.i++;
          else imbalance[bucket]! += 1;
        }
      }
    }
  });
  return healthyShareOf(s, healthy, imbalance, prev);
}

export function topPatternsIx(x: IndexedScope, s: Scope, limit: number): TopPatterns {
  const current = new Float64Array(x.admitted.length);
  const before = new Float64Array(x.admitted.length);
  forBlocks(x, true, (b, sel, bucket) => {
    for (let j = 0, end = sel ? sel.length : b.n; j < end; j++) {
      const i = sel ? sel[j]! : j;
      const into = bucket < 0 ? before : current;
      for (let k = b.tagStart[i]!; k < b.tagStart[i + 1]!; k++) {
        const t = b.tags[k]!;
        if (x.admitted[t] === 1) into[t]! += 1;
      }
    }
  });
  const ids: number[] = [];
  current.forEach((c, t) => c > 0 && ids.push(t));
  const items = ids
    .sort((a, b) => current[b]! - current[a]! || a - b)
    .slice(0, Math.max(0, limit))
    .map((t) => ({
      ...x.tags.get(t)!,
      count: current[t]!,
      previousCount: s.previous ? before[t]! : null,
      change: s.previous ? current[t]! - before[t]! : null,
    }));
  return { period: s.period, previous: s.previous, items };
}

export function patternHistoryIx(x: IndexedScope, s: Scope): PatternHistory {
  const acc = new Map<number, { count: number; days: number; first: string; last: string; lastNum: number; gap: number | null }>();
  forBlocks(x, false, (b, sel, _bucket) => {
    for (let j = 0, end = sel ? sel.length : b.n; j < end; j++) {
      const i = sel ? sel[j]! : j;
      for (let k = b.tagStart[i]!; k < b.tagStart[i + 1]!; k++) {
        const t = b.tags[k]!;
        if (x.admitted[t] !== 1) continue;
        const a = acc.get(t);
        if (!a) {
          acc.set(t, { count: 1, days: 1, first: b.day, last: b.day, lastNum: b.dayNum, gap: null });
          continue;
        }
        a.count++;
        if (a.last !== b.day) {
          const g = b.dayNum - a.lastNum;
          if (a.gap === null || g > a.gap) a.gap = g;
          a.days++;
          a.last = b.day;
          a.lastNum = b.dayNum;
        }
      }
    }
  });
  const items = [...acc.entries()]
    .sort((a, b) => b[1].count - a[1].count || a[0] - b[0])
    .map(([t, a]) => ({
      ...x.tags.get(t)!,
      count: a.count,
      days: a.days,
      firstSeen: a.first,
      lastSeen: a.last,
      longestGapDays: a.gap,
      daysSinceLast: Math.max(0, daysBetween(a.last, s.today)),
    }));
  return { today: s.today, period: s.period, items };
}

export function heatMapIx(x: IndexedScope, s: Scope): HeatMap {
  const days: HeatMap['days'] = [];
  const ms = selections(x);
  for (let k = 0; k < x.blocks.length; k++) {
    const b = x.blocks[k]!;
    const sel = ms[k];
    if (b.day < x.from) continue;
    let n = 0;
    let nx = 0;
    let sx = 0;
    for (let j = 0, end = sel ? sel.length : b.n; j < end; j++) {
      const i = sel ? sel[j]! : j;
      n++;
      const v = b.intensity[i]!;
      if (!Number.isNaN(v)) {
        nx++;
        sx += v;
      }
    }
    if (n > 0) days.push({ day: b.day, entries: n, meanIntensity: nx > 0 ? sx / nx : null });
  }
  return { period: s.period, maxEntries: days.reduce((m, d) => Math.max(m, d.entries), 0), days };
}

export function domainBreakdownIx(x: IndexedScope, s: Scope): DomainBreakdown {
  const rows = new Map<number, { entries: number; previousEntries: number; imbalance: number; healthy: number }>();
  let total = 0;
  forBlocks(x, true, (b, sel, bucket) => {
    for (let j = 0, end = sel ? sel.length : b.n; j < end; j++) {
      const i = sel ? sel[j]! : j;
      if (bucket >= 0) total++;
      const m = bucket >= 0 ? shows(x, b, i) : 0;
      for (let k = b.domainStart[i]!; k < b.domainStart[i + 1]!; k++) {
        const d = b.domains[k]!;
        if (x.domainSet && x.domainSet[d] !== 1) continue;
        let r = rows.get(d);
        if (!r) rows.set(d, (r = { entries: 0, previousEntries: 0, imbalance: 0, healthy: 0 }));
        if (bucket < 0) r.previousEntries++;
        else {
          r.entries++;
          if (m & 1) r.imbalance++;
          if (m & 2) r.healthy++;
        }
      }
    }
  });
  const order = (d: string) => (DOMAINS as readonly string[]).indexOf(d);
  return {
    period: s.period,
    previous: s.previous,
    total,
    items: [...rows.entries()]
      .filter(([, r]) => r.entries > 0)
      .map(([d, r]) => ({ domain: x.ix.domains[d] as Domain, ...r, previousEntries: s.previous ? r.previousEntries : null }))
      .sort((a, b) => b.entries - a.entries || order(a.domain) - order(b.domain)),
  };
}

export function peopleComparisonIx(x: IndexedScope, s: Scope): PeopleComparison {
  const acc: ({ n: number; c: number[]; s: number[]; imb: number; hea: number } | undefined)[] = [];
  let cols = columns(x.blocks[0] ?? ({} as DayBlock));
  let colsOf: DayBlock | null = null;
  forBlocks(x, false, (b, sel, _bucket) => {
    for (let j = 0, end = sel ? sel.length : b.n; j < end; j++) {
      const i = sel ? sel[j]! : j;
      if (colsOf !== b) {
        cols = columns(b);
        colsOf = b;
      }
      let m = -1;
      for (let k = b.personStart[i]!; k < b.personStart[i + 1]!; k++) {
        const p = b.people[k]!;
        if (x.personSet && x.personSet[p] !== 1) continue;
        if (m < 0) m = shows(x, b, i);
        let a = acc[p];
        if (!a) acc[p] = a = { n: 0, c: zeros(5), s: zeros(5), imb: 0, hea: 0 };
        a.n++;
        for (let j = 0; j < 5; j++) {
          const v = cols[j]![i]!;
          if (v === v) {
            a.c[j]! += 1;
            a.s[j]! += v;
          }
        }
        if (m & 1) a.imb++;
        if (m & 2) a.hea++;
      }
    }
  });
  const items: PersonMeasures[] = acc
    .flatMap((a, p) => (a ? [{ a, personId: x.ix.people[p]! }] : []))
    .map(({ a, personId }) => ({
      personId,
      entries: a.n,
      balance: ratio(a.s[0]!, a.c[0]!),
      heard: ratio(a.s[1]!, a.c[1]!),
      respected: ratio(a.s[2]!, a.c[2]!),
      valued: ratio(a.s[3]!, a.c[3]!),
      involved: ratio(a.s[4]!, a.c[4]!),
      imbalance: a.imb,
      healthy: a.hea,
    }))
    .sort((a, b) => b.entries - a.entries || a.personId - b.personId);
  return { period: s.period, items };
}
