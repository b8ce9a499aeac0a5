/**
 * Random journals for the insights properties: a fast-check generator, a loader that writes a journal
 * straight into a real (encrypted) database, and a brute-force recomputation of every insight in plain
 * TypeScript — loops over the rows, no SQL, its own calendar arithmetic — to compare with the SQL.
 */
import fc from 'fast-check';
import { BUILTIN_PATTERNS, CATEGORIES, DOMAINS, POLARITIES, type Category, type Domain, type Polarity } from '../../shared/catalogue.js';
import {
  CHECKIN_MEASURES,
  SCORE_MEASURES,
  type Bucket,
  type BucketRef,
  type CheckInMeasure,
  type InsightFilter,
} from '../../shared/insights.js';
import type { DB } from '../../main/core/db/index.js';

// ---------------------------------------------------------------- calendar, written independently
const D = 86_400_000;
const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);
const day = (t: number) => new Date(t).toISOString().slice(0, 10);
export const plus = (d: string, n: number) => day(ms(d) + n * D);
const diff = (a: string, b: string) => Math.round((ms(b) - ms(a)) / D);
function bucketKey(d: string, bucket: Bucket, weekStart: number): string {
  if (bucket === 'day') return d;
  if (bucket === 'month') return d.slice(0, 7) + '-01';
  let k = d;
  while (new Date(ms(k)).getUTCDay() !== weekStart) k = plus(k, -1);
  return k;
}

// ---------------------------------------------------------------- the model
export interface RTag {
  id: number;
  label: string;
  category: Category;
  polarity: Polarity;
  color: string | null;
}
export interface REntry {
  day: string;
  deleted: boolean;
  balance: number | null;
  intensity: number | null;
  heard: number | null;
  respected: number | null;
  valued: number | null;
  involved: number | null;
  people: number[];
  tags: number[];
  domains: Domain[];
}
export interface RCheckIn {
  personId: number;
  week: string;
  values: Record<CheckInMeasure, number | null>;
}
export interface RJournal {
  people: { id: number; archived: boolean }[];
  custom: { category: Category; polarity: Polarity }[];
  entries: REntry[];
  checkins: RCheckIn[];
}

/** Days that catch bugs: DST changes (EU and US), year ends, a leap day, plus any day in two years. */
const SPECIAL_DAYS = [
  '2023-12-28', '2023-12-31', '2024-01-01', '2024-01-03', '2024-02-28', '2024-02-29', '2024-03-01',
  '2024-03-09', '2024-03-10', '2024-03-11', '2024-03-30', '2024-03-31', '2024-04-01',
  '2024-10-26', '2024-10-27', '2024-10-28', '2024-11-02', '2024-11-03', '2024-11-04',
  '2024-12-29', '2024-12-30', '2024-12-31', '2025-01-01', '2025-01-05',
];
export const dayArb = fc.oneof(fc.constantFrom(...SPECIAL_DAYS), fc.integer({ min: 0, max: 730 }).map((n) => plus('2023-07-01', n)));

const BUILTIN_COUNT = BUILTIN_PATTERNS.length;
/** A few built-in patterns across categories and polarities, and the custom ones (ids after them). */
export const builtinPool = [1, 2, 6, 7, 9, 11, 17, 20, 23, 29, 30, 45, 46];

const score = fc.option(fc.integer({ min: 1, max: 5 }), { nil: null, freq: 3 });
export const journalArb: fc.Arbitrary<RJournal> = fc
  .record({
    nPeople: fc.integer({ min: 0, max: 4 }),
    archived: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    custom: fc.array(fc.record({ category: fc.constantFrom(...CATEGORIES), polarity: fc.constantFrom(...POLARITIES) }), { maxLength: 3 }),
  })
  .chain(({ nPeople, archived, custom }) => {
    const personIds = Array.from({ length: nPeople }, (_, i) => i + 1);
    const tagIds = [...builtinPool, ...custom.map((_, i) => BUILTIN_COUNT + 1 + i)];
    const entry: fc.Arbitrary<REntry> = fc.record({
      day: dayArb,
      deleted: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
      balance: fc.option(fc.integer({ min: -3, max: 3 }), { nil: null, freq: 3 }),
      intensity: score,
      heard: score,
      respected: score,
      valued: score,
      involved: score,
      people: personIds.length ? fc.uniqueArray(fc.constantFrom(...personIds), { maxLength: 3 }) : fc.constant([]),
      tags: fc.uniqueArray(fc.constantFrom(...tagIds), { maxLength: 4 }),
      domains: fc.uniqueArray(fc.constantFrom(...DOMAINS), { maxLength: 3 }),
    });
    const checkin: fc.Arbitrary<RCheckIn> = fc.record({
      personId: personIds.length ? fc.constantFrom(...personIds) : fc.constant(0),
      week: dayArb,
      values: fc.record(Object.fromEntries(CHECKIN_MEASURES.map((m) => [m, score])) as Record<CheckInMeasure, typeof score>),
    });
    return fc.record({
      people: fc.constant(personIds.map((id) => ({ id, archived: archived[id - 1]! }))),
      custom: fc.constant(custom),
      entries: fc.oneof(fc.array(entry, { maxLength: 8 }), fc.array(entry, { maxLength: 80, size: 'large' })),
      checkins: personIds.length
        ? fc.uniqueArray(checkin, { maxLength: 12, selector: (c) => `${c.personId}/${c.week}` })
        : fc.constant([]),
    });
  });

export interface RQuery {
  from?: string;
  to?: string;
  bucket?: Bucket;
  filter: InsightFilter;
  today: string;
  weekStart: number;
  limit: number;
}
export const queryArb = (j: RJournal): fc.Arbitrary<RQuery> => {
  const personIds = j.people.map((p) => p.id);
  const tagIds = [...builtinPool, ...j.custom.map((_, i) => BUILTIN_COUNT + 1 + i)];
  const list = <T>(xs: T[]) => (xs.length ? fc.option(fc.uniqueArray(fc.constantFrom(...xs), { maxLength: 3 }), { nil: undefined, freq: 2 }) : fc.constant(undefined));
  return fc
    .record({
      a: fc.option(dayArb, { nil: undefined }),
      b: fc.option(dayArb, { nil: undefined }),
      bucket: fc.option(fc.constantFrom<Bucket>('day', 'week', 'month'), { nil: undefined }),
      today: dayArb,
      weekStart: fc.integer({ min: 0, max: 6 }),
      limit: fc.integer({ min: 1, max: 12 }),
      // The journal's default view has no filter (and reads the per-day rollups): a third of the runs.
      unfiltered: fc.integer({ min: 0, max: 2 }).map((n) => n === 0),
      filter: fc.record(
        {
          personIds: list(personIds),
          tagIds: list(tagIds),
          categories: list([...CATEGORIES]),
          polarity: fc.option(fc.constantFrom(...POLARITIES), { nil: undefined, freq: 3 }),
          domains: list([...DOMAINS]),
        },
        { requiredKeys: [] },
      ),
    })
    .map(({ a, b, bucket, today, weekStart, limit, filter, unfiltered }) => {
      const q: RQuery = { filter: unfiltered ? {} : clean(filter), today, weekStart, limit };
      if (bucket) q.bucket = bucket;
      if (a && b) {
        q.from = a < b ? a : b;
        q.to = a < b ? b : a;
      } else if (a) {
        q.from = a;
        if (a > today) q.today = a; // "from a day up to today" needs today after it
      } else if (b) q.to = b;
      return q;
    });
};
const clean = (f: InsightFilter): InsightFilter => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as InsightFilter;

// ---------------------------------------------------------------- loading into a real database
/** Replaces everything in the journal with `j` (built-in patterns stay; custom ones are re-created). */
export function load(db: DB, j: RJournal): RTag[] {
  db.transaction(() => {
    for (const t of ['entry_people', 'entry_tags', 'entry_domains', 'entry_power_sources', 'entries', 'checkins', 'strengths', 'people']) {
      db.prepare(`DELETE FROM ${t}`).run();
    }
    db.prepare('DELETE FROM tags WHERE builtin = 0').run();
    const person = db.prepare("INSERT INTO people (id, name, kind, color, archived_at, created_at, updated_at) VALUES (?, ?, 'other', '#000000', ?, 0, 0)");
    for (const p of j.people) person.run(p.id, `P${p.id}`, p.archived ? 1 : null);
    const tag = db.prepare('INSERT INTO tags (id, slug, label, polarity, category, color, builtin, created_at) VALUES (?, ?, ?, ?, ?, ?, 0, 0)');
    j.custom.forEach((c, i) => tag.run(BUILTIN_COUNT + 1 + i, `custom-${i}`, `Custom ${i}`, c.polarity, c.category, '#D55E00'));
    const entry = db.prepare(
      `INSERT INTO entries (occurred_at, time_zone, day, created_at, updated_at, deleted_at, title, body, balance, intensity, heard, respected, valued, involved)
       VALUES (?, 'UTC', ?, 0, 0, ?, 't', 'b', ?, ?, ?, ?, ?, ?)`,
    );
    const ep = db.prepare('INSERT INTO entry_people (entry_id, person_id) VALUES (?, ?)');
    const et = db.prepare('INSERT INTO entry_tags (entry_id, tag_id) VALUES (?, ?)');
    const ed = db.prepare('INSERT INTO entry_domains (entry_id, domain) VALUES (?, ?)');
    for (const e of j.entries) {
      const id = entry.run(ms(e.day) + 12 * 3_600_000, e.day, e.deleted ? 1 : null, e.balance, e.intensity, e.heard, e.respected, e.valued, e.involved).lastInsertRowid;
      for (const p of e.people) ep.run(id, p);
      for (const t of e.tags) et.run(id, t);
      for (const d of e.domains) ed.run(id, d);
    }
    const ci = db.prepare(
      `INSERT INTO checkins (person_id, week, heard, respected, involved, fair_share, boundaries, safe, note, for_therapist, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', 0, 0, 0)`,
    );
    for (const c of j.checkins) {
      const v = c.values;
      ci.run(c.personId, c.week, v.heard, v.respected, v.involved, v.fairShare, v.boundaries, v.safe);
    }
  })();
  return db.prepare('SELECT id, label, category, polarity, color FROM tags ORDER BY id').all() as RTag[];
}

// ---------------------------------------------------------------- brute force
const mean = (xs: (number | null)[]) => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
};
const share = (h: number, i: number) => (h + i > 0 ? h / (h + i) : null);
const byOrder = <T extends string>(order: readonly T[]) => (x: T) => order.indexOf(x);

export function brute(j: RJournal, tags: RTag[], q: RQuery) {
  const tagOf = new Map(tags.map((t) => [t.id, t]));
  const f = q.filter;
  const live = j.entries.filter((e) => !e.deleted);
  const nonEmpty = <T>(xs?: T[]) => (xs && xs.length ? xs : undefined);
  const personIds = nonEmpty(f.personIds);
  const tagIds = nonEmpty(f.tagIds);
  const categories = nonEmpty(f.categories);
  const domains = nonEmpty(f.domains);
  const polarity = f.polarity;
  const kindOk = (t: RTag) => (!categories || categories.includes(t.category)) && (!polarity || t.polarity === polarity);
  const admitted = (id: number) => {
    const t = tagOf.get(id)!;
    return (!tagIds || tagIds.includes(id)) && kindOk(t);
  };
  const passes = (e: REntry) =>
    (!personIds || e.people.some((p) => personIds.includes(p))) &&
    (!domains || e.domains.some((d) => domains.includes(d))) &&
    (!tagIds || e.tags.some((t) => tagIds.includes(t))) &&
    (!(categories || polarity) || e.tags.some((t) => kindOk(tagOf.get(t)!)));
  const inRange = (e: REntry, from: string, to: string) => e.day >= from && e.day <= to;
  const E = (from: string, to: string) => live.filter((e) => inRange(e, from, to) && passes(e));
  const hasAdmitted = (e: REntry, pred: (t: RTag) => boolean) => e.tags.some((id) => admitted(id) && pred(tagOf.get(id)!));

  // Range, bucket, previous period.
  const days = live.map((e) => e.day).sort();
  let from: string | null = q.from ?? days[0] ?? null;
  // Entries after tomorrow never set the end; "all time" ends on the last entry up to then.
  const tomorrow = plus(q.today, 1);
  const lastUpTo = days.filter((d) => d <= tomorrow).at(-1);
  const allTime = q.from === undefined;
  const to = q.to ?? (allTime ? (lastUpTo ?? q.today) : lastUpTo && lastUpTo > q.today ? lastUpTo : q.today);
  const later = days.filter((d) => d > tomorrow);
  const ahead = allTime && q.to === undefined && later.length ? { count: later.length, from: later[0]!, to: later.at(-1)! } : null;
  if (from && from > to) from = null;
  const len = from ? diff(from, to) + 1 : 0;
  const bucket: Bucket = q.bucket ?? (!from ? 'day' : len <= 31 ? 'day' : len <= 186 ? 'week' : 'month');
  const previous = from && q.from !== undefined ? { from: plus(from, -len), to: plus(from, -1) } : null;
  const buckets: BucketRef[] = [];
  if (from) {
    for (let d = from; d <= to; d = plus(d, 1)) {
      const key = bucketKey(d, bucket, q.weekStart);
      const last = buckets.at(-1);
      if (last && last.key === key) last.to = d;
      else buckets.push({ key, from: d, to: d });
    }
  }
  const period = from ? { from, to } : null;
  const axis = { bucket, weekStart: q.weekStart, period, previous, buckets };
  const inB = buckets.map((b) => E(b.from, b.to));
  const prevE = previous ? E(previous.from, previous.to) : [];
  const allE = from ? E(from, to) : [];

  // Patterns.
  const series: { category: Category; polarity: Polarity; values: number[]; total: number }[] = [];
  for (const c of CATEGORIES)
    for (const p of POLARITIES) {
      const values = inB.map((es) => es.filter((e) => hasAdmitted(e, (t) => t.category === c && t.polarity === p)).length);
      const total = values.reduce((a, b) => a + b, 0);
      if (total > 0) series.push({ category: c, polarity: p, values, total });
    }
  const byPolarity = POLARITIES.map((p) => {
    const values = inB.map((es) => es.filter((e) => hasAdmitted(e, (t) => t.polarity === p)).length);
    return {
      polarity: p,
      values,
      total: values.reduce((a, b) => a + b, 0),
      previousTotal: previous ? prevE.filter((e) => hasAdmitted(e, (t) => t.polarity === p)).length : null,
    };
  });

  // Balance.
  const balanceSeries = (personId: number | null, pick: (e: REntry) => boolean) => {
    const sel = inB.map((es) => es.filter(pick));
    const rated = sel.map((es) => es.filter((e) => e.balance !== null));
    const moving = buckets.map((_, i) => mean(sel.slice(Math.max(0, i - 2), i + 1).flat().map((e) => e.balance)));
    return {
      personId,
      values: sel.map((es) => mean(es.map((e) => e.balance))),
      moving,
      rated: rated.map((es) => es.length),
      entries: sel.map((es) => es.length),
      mean: mean(sel.flat().map((e) => e.balance)),
      previousMean: previous ? mean(prevE.filter(pick).map((e) => e.balance)) : null,
    };
  };
  const candidates = j.people.map((p) => p.id).filter((p) => !personIds || personIds.includes(p));
  const people = candidates
    .filter((p) => allE.some((e) => e.people.includes(p)))
    .map((p) => balanceSeries(p, (e) => e.people.includes(p)));
  const balance = { axis, window: 3, overall: balanceSeries(null, () => true), people };

  // Scores.
  const scores = {
    axis,
    entries: inB.map((es) => es.length),
    series: SCORE_MEASURES.map((m) => ({
      measure: m,
      values: inB.map((es) => mean(es.map((e) => e[m]))),
      rated: inB.map((es) => es.filter((e) => e[m] !== null).length),
      mean: mean(allE.map((e) => e[m])),
      previousMean: previous ? mean(prevE.map((e) => e[m])) : null,
    })),
  };

  // Healthy share (pattern tags, not entries).
  const countTags = (es: REntry[], p: Polarity) => es.reduce((n, e) => n + e.tags.filter((id) => admitted(id) && tagOf.get(id)!.polarity === p).length, 0);
  const healthy = inB.map((es) => countTags(es, 'healthy'));
  const imbalance = inB.map((es) => countTags(es, 'imbalance'));
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const healthyShare = {
    axis,
    values: healthy.map((h, i) => share(h, imbalance[i]!)),
    healthy,
    imbalance,
    share: share(sum(healthy), sum(imbalance)),
    previousShare: previous ? share(countTags(prevE, 'healthy'), countTags(prevE, 'imbalance')) : null,
  };

  // Top patterns and history.
  const ref = (t: RTag) => ({ tagId: t.id, label: t.label, category: t.category, polarity: t.polarity, color: t.color });
  const withTag = (es: REntry[], id: number) => es.filter((e) => e.tags.includes(id));
  const counted = tags
    .filter((t) => admitted(t.id))
    .map((t) => ({ t, count: withTag(allE, t.id).length, prev: withTag(prevE, t.id).length }))
    .filter((x) => x.count > 0)
    .sort((a, b) => b.count - a.count || a.t.id - b.t.id);
  const topPatterns = {
    period,
    previous,
    items: counted.slice(0, q.limit).map((x) => ({
      ...ref(x.t),
      count: x.count,
      previousCount: previous ? x.prev : null,
      change: previous ? x.count - x.prev : null,
    })),
  };
  const patternHistory = {
    today: q.today,
    period,
    items: counted.map(({ t, count }) => {
      const seen = [...new Set(withTag(allE, t.id).map((e) => e.day))].sort();
      const gaps = seen.slice(1).map((d, i) => diff(seen[i]!, d));
      return {
        ...ref(t),
        count,
        days: seen.length,
        firstSeen: seen[0]!,
        lastSeen: seen.at(-1)!,
        daysSinceLast: Math.max(0, diff(seen.at(-1)!, q.today)),
        longestGapDays: gaps.length ? Math.max(...gaps) : null,
      };
    }),
  };

  // Heat map.
  const heatDays = [...new Set(allE.map((e) => e.day))].sort().map((d) => {
    const es = allE.filter((e) => e.day === d);
    return { day: d, entries: es.length, meanIntensity: mean(es.map((e) => e.intensity)) };
  });
  const heatmap = { period, maxEntries: Math.max(0, ...heatDays.map((d) => d.entries)), days: heatDays };

  // Domains.
  const domainItems = DOMAINS.filter((d) => !domains || domains.includes(d))
    .map((d) => {
      const es = allE.filter((e) => e.domains.includes(d));
      return {
        domain: d,
        entries: es.length,
        previousEntries: previous ? prevE.filter((e) => e.domains.includes(d)).length : null,
        imbalance: es.filter((e) => hasAdmitted(e, (t) => t.polarity === 'imbalance')).length,
        healthy: es.filter((e) => hasAdmitted(e, (t) => t.polarity === 'healthy')).length,
      };
    })
    .filter((x) => x.entries > 0)
    .sort((a, b) => b.entries - a.entries || byOrder(DOMAINS)(a.domain) - byOrder(DOMAINS)(b.domain));
  const domainBreakdown = { period, previous, total: allE.length, items: from ? domainItems : [] };

  // People.
  const peopleItems = candidates
    .map((p) => {
      const es = allE.filter((e) => e.people.includes(p));
      return {
        personId: p,
        entries: es.length,
        balance: mean(es.map((e) => e.balance)),
        heard: mean(es.map((e) => e.heard)),
        respected: mean(es.map((e) => e.respected)),
        valued: mean(es.map((e) => e.valued)),
        involved: mean(es.map((e) => e.involved)),
        imbalance: es.filter((e) => hasAdmitted(e, (t) => t.polarity === 'imbalance')).length,
        healthy: es.filter((e) => hasAdmitted(e, (t) => t.polarity === 'healthy')).length,
      };
    })
    .filter((x) => x.entries > 0)
    .sort((a, b) => b.entries - a.entries || a.personId - b.personId);

  return {
    overview: {
      ahead,
      patterns: { axis, series, byPolarity },
      balance,
      scores,
      healthyShare,
      topPatterns,
      heatmap,
      domains: domainBreakdown,
      people: { period, items: peopleItems },
    },
    patternHistory,
    /** The entries each drillable number stands for, to compare with entries.search. */
    sets: { inB, allE, hasAdmitted },
  };
}

export function bruteCheckIns(j: RJournal, q: { from?: string; to?: string; personIds?: number[]; today: string; weekStart: number }) {
  const ws = q.weekStart;
  const wk = (d: string) => bucketKey(d, 'week', ws);
  const to = q.to ?? q.today;
  const weeksSorted = j.checkins.map((c) => c.week).sort();
  const from = q.from ?? weeksSorted[0];
  if (!from || from > to) return { weekStart: ws, period: null, weeks: [], series: [] };
  const weeks: string[] = [];
  for (let w = wk(from); w <= wk(to); w = plus(w, 7)) weeks.push(w);
  const people = [...new Set(j.checkins.map((c) => c.personId))]
    .filter((p) => !q.personIds?.length || q.personIds.includes(p))
    .sort((a, b) => a - b);
  const series = people
    .map((p) => {
      const mine = j.checkins.filter((c) => c.personId === p && weeks.includes(wk(c.week)));
      const values = Object.fromEntries(
        CHECKIN_MEASURES.map((m) => [m, weeks.map((w) => mean(mine.filter((c) => wk(c.week) === w).map((c) => c.values[m])))]),
      ) as Record<CheckInMeasure, (number | null)[]>;
      const meanOf = Object.fromEntries(CHECKIN_MEASURES.map((m) => [m, mean(values[m])])) as Record<CheckInMeasure, number | null>;
      return { personId: p, count: mine.length, values, mean: meanOf };
    })
    .filter((s) => s.count > 0);
  return { weekStart: ws, period: { from: weeks[0]!, to: plus(weeks.at(-1)!, 6) }, weeks, series };
}

export function bruteDue(j: RJournal, today: string, weekStart: number) {
  const week = bucketKey(today, 'week', weekStart);
  const weekEnd = plus(week, 6);
  return {
    week,
    weekEnd,
    due: j.people
      .filter((p) => !p.archived)
      .filter((p) => !j.checkins.some((c) => c.personId === p.id && c.week >= week && c.week <= weekEnd))
      .map((p) => {
        const last = j.checkins.filter((c) => c.personId === p.id).map((c) => c.week).sort().at(-1);
        return { personId: p.id, lastWeek: last ? bucketKey(last, 'week', weekStart) : null };
      }),
  };
}

/** Rounds every number (floating sums in SQL and JS differ in the last bits). */
export function rounded<T>(v: T): T {
  return JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === 'number' ? Math.round(x * 1e9) / 1e9 : x)));
}
