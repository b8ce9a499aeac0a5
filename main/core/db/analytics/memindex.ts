/**
 * The in-memory insight index: every live entry's day, measures, patterns, people and domains in
 * typed arrays, one block per calendar day. A filtered insight over SQL reads every entry of the
 * range once per chart (a person filter cannot use the per-day rollups); over this index the whole
 * range is one pass over a few arrays (see indexed.ts).
 *
 * - Built off the request path: `startInsightIndex` loads it in slices of days, yielding to the event
 *   loop between slices (jobs/cooperate.ts); until it is ready, insights are served from SQL.
 * - Kept current through the rollups' dirty-day triggers, copied into a TEMP list of its own (see
 *   trackDirtyDays): a day marked there is reloaded from SQL, inside the caller's read transaction,
 *   before the index answers. Patterns are kept as ids only: a pattern moved to another
 *   category or polarity needs no reload, the kinds are read from `tags` on every call.
 * - Memory only, per database handle, and discarded the moment the journal starts to lock (the
 *   vault's lock signal): nothing of it outlives the lock.
 */
import type { DB } from '../index.js';
import { cooperate, nextTurn } from '../../jobs/cooperate.js';
import { prepared } from './sql.js';

const DAY_MS = 86_400_000;
/** Days since 1970-01-01 of a calendar day label. */
export const dayNumber = (day: string): number => Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10)) / DAY_MS;
/** Months since year 0 (consecutive months differ by one). */
export const monthNumber = (day: string): number => +day.slice(0, 4) * 12 + (+day.slice(5, 7) - 1);

/** Filters whose selections are kept (each at most 4 bytes per entry it admits). */
const SELECTIONS_KEPT = 3;

/** The live entries of one calendar day. Scores are NaN where the entry has none. */
export interface DayBlock {
  day: string;
  dayNum: number;
  monthNum: number;
  n: number;
  balance: Float64Array;
  heard: Float64Array;
  respected: Float64Array;
  valued: Float64Array;
  involved: Float64Array;
  intensity: Float64Array;
  /** Entry i's pattern ids are tags[tagStart[i] .. tagStart[i + 1]); the same for people and domains. */
  tagStart: Int32Array;
  tags: Int32Array;
  personStart: Int32Array;
  /** Person codes: positions in InsightIndex.people (dense, so per-person sums are plain arrays). */
  people: Int32Array;
  domainStart: Int32Array;
  /** Domain codes: positions in InsightIndex.domains. */
  domains: Int32Array;
}

export class InsightIndex {
  private blocks = new Map<string, DayBlock>();
  private sorted: DayBlock[] | null = [];
  /** Live entries held (null: count again, after a load). */
  private entryCount: number | null = 0;
  readonly domains: string[] = [];
  private domainCodes = new Map<string, number>();
  readonly people: number[] = [];
  private personCodes = new Map<number, number>();
  ready = false;
  discarded = false;
  /**
   * Which entries of each block the last few filters admitted (positions, see indexed.ts), so the
   * calls of one page (the overview, then the pattern history) and the next visit with the same filter
   * do not test every entry again. Keyed by block object: a reloaded day is a new block.
   */
  private selections = new Map<string, WeakMap<DayBlock, Int32Array>>();
  /** Settles when the build ends: the index, or null when it was stopped. */
  built: Promise<InsightIndex | null> = Promise.resolve(null);

  personCode(id: number): number {
    let c = this.personCodes.get(id);
    if (c === undefined) {
      c = this.people.length;
      this.people.push(id);
      this.personCodes.set(id, c);
    }
    return c;
  }

  domainCode(domain: string): number {
    let c = this.domainCodes.get(domain);
    if (c === undefined) {
      c = this.domains.length;
      this.domains.push(domain);
      this.domainCodes.set(domain, c);
    }
    return c;
  }

  /** The cached selections of a filter (the most recently used few filters are kept). */
  selectionsFor(key: string): WeakMap<DayBlock, Int32Array> {
    let cache = this.selections.get(key);
    if (cache) this.selections.delete(key);
    else cache = new WeakMap();
    this.selections.set(key, cache);
    for (const old of this.selections.keys()) {
      if (this.selections.size <= SELECTIONS_KEPT) break;
      this.selections.delete(old);
    }
    return cache;
  }

  /** Loads the live entries with a day in [from, to] (replacing what the index held for those days). */
  loadDays(db: DB, from: string, to: string, only?: ReadonlySet<string>): void {
    const p = { from, to };
    const live = 'entries e INDEXED BY entries_live_day';
    const where = 'e.deleted_at IS NULL AND e.day >= :from AND e.day <= :to';
    const rows = prepared(
      db,
      `SELECT e.id AS id, e.day AS day, e.balance AS b, e.heard AS h, e.respected AS r, e.valued AS v, e.involved AS i, e.intensity AS x
       FROM ${live} WHERE ${where} ORDER BY e.day, e.id`,
    ).raw().all(p) as [number, string, number | null, number | null, number | null, number | null, number | null, number | null][];
    const links = (sql: string) => prepared(db, sql).raw().all(p) as [number, number | string][];
    const group = (pairs: [number, number | string][]) => {
      const m = new Map<number, (number | string)[]>();
      for (const [id, v] of pairs) {
        const list = m.get(id);
        if (list) list.push(v);
        else m.set(id, [v]);
      }
      return m;
    };
    const tags = group(links(`SELECT et.entry_id, et.tag_id FROM ${live} CROSS JOIN entry_tags et ON et.entry_id = e.id WHERE ${where}`));
    const people = group(links(`SELECT ep.entry_id, ep.person_id FROM ${live} CROSS JOIN entry_people ep ON ep.entry_id = e.id WHERE ${where}`));
    const domains = group(links(`SELECT ed.entry_id, ed.domain FROM ${live} CROSS JOIN entry_domains ed ON ed.entry_id = e.id WHERE ${where}`));

    // Every day asked for is replaced, including days that no longer have entries.
    for (const [day] of this.blocks) {
      if (day >= from && day <= to && (!only || only.has(day))) this.blocks.delete(day);
    }
    let start = 0;
    while (start < rows.length) {
      const day = rows[start]![1];
      let end = start;
      while (end < rows.length && rows[end]![1] === day) end++;
      if (!only || only.has(day)) this.blocks.set(day, this.block(rows.slice(start, end), day, tags, people, domains));
      start = end;
    }
    this.sorted = null;
    this.entryCount = null;
  }

  private block(
    rows: [number, string, number | null, number | null, number | null, number | null, number | null, number | null][],
    day: string,
    tags: Map<number, (number | string)[]>,
    people: Map<number, (number | string)[]>,
    domains: Map<number, (number | string)[]>,
  ): DayBlock {
    const n = rows.length;
    const col = (k: number) => Float64Array.from(rows, (r) => (r[k] === null ? NaN : (r[k] as number)));
    const csr = (m: Map<number, (number | string)[]>, code: (v: number | string) => number) => {
      const start = new Int32Array(n + 1);
      const values: number[] = [];
      rows.forEach((r, i) => {
        for (const v of m.get(r[0]) ?? []) values.push(code(v));
        start[i + 1] = values.length;
      });
      return [start, Int32Array.from(values)] as const;
    };
    const [tagStart, tagIds] = csr(tags, Number);
    const [personStart, personIds] = csr(people, (p) => this.personCode(Number(p)));
    const [domainStart, domainCodes] = csr(domains, (d) => this.domainCode(String(d)));
    return {
      day,
      dayNum: dayNumber(day),
      monthNum: monthNumber(day),
      n,
      balance: col(2),
      heard: col(3),
      respected: col(4),
      valued: col(5),
      involved: col(6),
      intensity: col(7),
      tagStart,
      tags: tagIds,
      personStart,
      people: personIds,
      domainStart,
      domains: domainCodes,
    };
  }

  /** Reloads the days changed since they were loaded. Call inside the read transaction that then reads the index. */
  catchUp(db: DB): void {
    const days = prepared(db, 'SELECT day FROM temp.insight_dirty ORDER BY day').pluck().all() as string[];
    if (days.length === 0) return;
    // Up to 256 changed days per query: the query spans their first to last day and keeps only them.
    for (let i = 0; i < days.length; i += 256) {
      const group = days.slice(i, i + 256);
      this.loadDays(db, group[0]!, group.at(-1)!, new Set(group));
    }
    prepared(db, 'DELETE FROM temp.insight_dirty').run();
  }

  /** The day blocks with a day in [from, to], in day order. */
  range(from: string, to: string): DayBlock[] {
    if (!this.sorted) this.sorted = [...this.blocks.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    const all = this.sorted;
    const lower = (d: string) => {
      let lo = 0;
      let hi = all.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (all[mid]!.day < d) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const a = lower(from);
    let b = a;
    while (b < all.length && all[b]!.day <= to) b++;
    return all.slice(a, b);
  }

  /** Bytes the index's typed arrays hold. */
  get bytes(): number {
    let n = 0;
    for (const b of this.blocks.values()) {
      for (const a of [b.balance, b.heard, b.respected, b.valued, b.involved, b.intensity, b.tagStart, b.tags, b.personStart, b.people, b.domainStart, b.domains]) n += a.byteLength;
    }
    return n;
  }

  get entries(): number {
    if (this.entryCount === null) {
      let n = 0;
      for (const b of this.blocks.values()) n += b.n;
      this.entryCount = n;
    }
    return this.entryCount;
  }

  discard(): void {
    this.discarded = true;
    this.ready = false;
    this.blocks.clear();
    this.sorted = [];
    this.entryCount = 0;
    this.selections.clear();
  }
}

/** The ready index of this database handle, or null (still building, never started, or discarded). */
export function readyIndex(db: DB): InsightIndex | null {
  const ix = indexOf(db);
  return ix?.ready && db.open ? ix : null;
}

/**
 * The index's own dirty-day list: the rollups' triggers (migration 4), copied as TEMP triggers into a
 * TEMP table. TEMP objects live in memory (temp_store = MEMORY), belong to this connection only and
 * vanish when it closes; the rollups' list cannot serve both, as refreshing the rollups empties it.
 * The trigger on a pattern's kind is left out: the index keeps pattern ids only.
 */
function trackDirtyDays(db: DB): void {
  const triggers = db
    .prepare("SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger' AND name LIKE 'rollup\\_%' ESCAPE '\\' AND tbl_name <> 'tags'")
    .all() as { name: string; sql: string }[];
  db.exec('CREATE TEMP TABLE IF NOT EXISTS insight_dirty (day TEXT PRIMARY KEY) WITHOUT ROWID');
  for (const t of triggers) {
    const name = t.name.replace(/^rollup_/, 'insight_');
    const sql = t.sql
      .replace(/^CREATE TRIGGER\s+\S+/i, `CREATE TEMP TRIGGER IF NOT EXISTS ${name}`)
      .replaceAll('rollup_dirty', 'temp.insight_dirty');
    db.exec(sql);
  }
}

function untrackDirtyDays(db: DB): void {
  if (!db.open) return;
  const names = db.prepare("SELECT name FROM temp.sqlite_master WHERE type = 'trigger' AND name LIKE 'insight\\_%' ESCAPE '\\'").pluck().all() as string[];
  for (const n of names) db.exec(`DROP TRIGGER IF EXISTS temp.${n}`);
  db.exec('DROP TABLE IF EXISTS temp.insight_dirty');
}

/** The index the connection owns (it is dropped with the connection, see Connection.close). */
const indexOf = (db: DB): InsightIndex | null => (db.insightIndex instanceof InsightIndex ? db.insightIndex : null);

export function discardInsightIndex(db: DB): void {
  const ix = indexOf(db);
  if (!ix) return;
  ix.discard();
  db.insightIndex = null;
  try {
    untrackDirtyDays(db);
  } catch {
    // Inside a transaction or closing: the TEMP objects go with the connection.
  }
}

/** Entries per slice of the build (a slice takes a few milliseconds; whole days per slice). */
const SLICE = 1000;

/**
 * Starts building the index of `db` unless it exists or is being built. Never blocks the caller: the
 * work runs in slices between other calls. `signal` is the vault's lock signal: aborting it stops the
 * build and discards the index. Resolves with the index once ready (null if stopped); a second call
 * while it builds returns the same promise.
 */
export function startInsightIndex(db: DB, signal: AbortSignal, opts: { sliceEntries?: number; afterSlice?: () => void } = {}): Promise<InsightIndex | null> {
  const existing = indexOf(db);
  if (existing) return existing.built;
  if (signal.aborted) return Promise.resolve(null);
  const ix = new InsightIndex();
  db.insightIndex = ix;
  // From now on every write marks its days; a day written after its slice was read is reloaded.
  trackDirtyDays(db);
  const onAbort = () => discardInsightIndex(db);
  signal.addEventListener('abort', onAbort, { once: true });
  const pause = cooperate(signal, 8);
  const slice = opts.sliceEntries ?? SLICE;
  const build = async (): Promise<InsightIndex | null> => {
    // Yield first: the call that started the build is answered from SQL before any slice runs.
    await nextTurn();
    let after: string | null = null;
    for (;;) {
      await pause();
      await nextTurn();
      if (ix.discarded || !db.open) return null;
      const more = db.transaction(() => {
        // The last day of this slice: `slice` live entries on from `after`, then that whole day.
        const first = (prepared(db, 'SELECT min(day) FROM entries WHERE deleted_at IS NULL AND day > :after').pluck().get({ after: after ?? '' }) as string | null) ?? null;
        if (first === null) return false;
        const last =
          (prepared(db, 'SELECT day FROM entries INDEXED BY entries_live_day WHERE deleted_at IS NULL AND day >= :first ORDER BY day LIMIT 1 OFFSET :n')
            .pluck()
            .get({ first, n: slice - 1 }) as string | undefined) ??
          (prepared(db, 'SELECT max(day) FROM entries WHERE deleted_at IS NULL').pluck().get() as string);
        ix.loadDays(db, first, last);
        after = last;
        return true;
      })();
      opts.afterSlice?.();
      if (!more) break;
    }
    ix.ready = true;
    return ix;
  };
  ix.built = build().catch(() => {
    // Cancelled by the lock, or the database closed under it: nothing is kept.
    discardInsightIndex(db);
    return null;
  });
  return ix.built;
}
