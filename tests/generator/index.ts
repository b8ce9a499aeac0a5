/**
 * Seeded synthetic journals: realistic shape, invented content, same seed → the same
 * journal. Writes through the real core — every input is parsed with the API contract's own schema
 * and stored by the repositories (their transactions, checks and FTS triggers) — in batched
 * transactions, so 100k entries take about a minute rather than an hour through `dispatch`.
 *
 *   const journal = await generateJournal({ seed: 42, entries: 10_000 }, service);
 *
 * Used by the benchmarks, by tests that need a lived-in journal, and for README screenshots.
 */
import { createHash } from 'node:crypto';
import { CATEGORIES, PALETTE, PERSON_KINDS, POWER_SOURCES, type Category, type Domain, type PersonKind, type PowerSource } from '../../shared/catalogue.js';
import { api } from '../../shared/api.js';
import { addDays, weekStartOf } from '../../shared/insights.js';
import { CheckInInput, DraftInput, TagInput, type Tag } from '../../shared/schemas.js';
import type { DB } from '../../main/core/db/index.js';
import { dayIn } from '../../main/core/db/repos/time.js';
import { indexUnspaced } from '../../main/core/db/unspaced.js';
import {
  createEntry,
  createPerson,
  createTag,
  listTags,
  saveCheckIn,
  saveDraft,
  trashEntry,
  updatePerson,
  updateTag,
} from '../../main/core/db/repos/index.js';
import type { Vault } from '../../main/core/vault/index.js';
import { createRng, type Rng } from './prng.js';
import { CUSTOM_PATTERNS, LANGUAGES, LEXICONS, NAMES, type Language, type Lexicon } from './words.js';

/**
 * Bump whenever a change here changes what a seed generates: cached benchmark journals are keyed on it
 * (with the seed and the schema version), so a stale cache is rebuilt rather than measured.
 */
export const GENERATOR_VERSION = 1;

export interface JournalOptions {
  seed: number;
  /** Live and trashed entries together. */
  entries: number;
  /** Years the journal spans, ending on `end`. Default 10. */
  years?: number;
  /** People written about; default 2–8, drawn from the seed. */
  people?: number;
  /**
   * The last day of the journal (YYYY-MM-DD); "now" is that evening. Default 2026-06-30 (fixed, so a
   * seed always means the same journal). Run the service with the returned `now` as its clock (or pass
   * today as `end`): with a later clock, the 30-day trash purge at unlock empties the generated trash.
   */
  end?: string;
  /** The writer's home zone; a few entries are written while travelling. Default Europe/Berlin. */
  timeZone?: string;
  /** Relative weights of the languages bodies are written in. Default mostly English, some of each other. */
  languages?: Partial<Record<Language, number>>;
  /** Share of entries in the trash (all trashed within the last 30 days, so none is due to be purged). Default 0.01. */
  trashShare?: number;
  /** Custom patterns to add beside the catalogue (0–8). Default 6. */
  customPatterns?: number;
  /** Weekly check-ins for every person (about 4 weeks in 5). Default true. */
  checkIns?: boolean;
  /** Autosaved editor drafts (0–2). Default 2. */
  drafts?: number;
  /** Entries per write transaction. Default 1000 (10,000 in bulk). */
  batch?: number;
  /**
   * Bulk mode, for journals of a million entries: the same seed draws the same entries, written with
   * a few prepared statements (the search index's triggers still run) instead of through
   * `createEntry`, and with no revision history (the history check has nothing to check on such a
   * journal: do not measure the ledger on it). Minutes instead of hours for 1M entries.
   */
  bulk?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface GeneratedJournal {
  seed: number;
  /** The journal's "now" (ms): the evening of its last day. Use it as the clock when measuring. */
  now: number;
  firstDay: string;
  lastDay: string;
  timeZone: string;
  personIds: number[];
  tagIds: number[];
  customTagIds: number[];
  entries: number;
  trashed: number;
  checkIns: number;
  drafts: number;
  /** Words that occur in the bodies, per language: realistic search terms for benchmarks. */
  vocabulary: Record<Language, string[]>;
  /** Names of the people (also searched for). */
  names: string[];
}

const DEFAULT_LANGUAGES: Record<Language, number> = { en: 0.55, de: 0.15, es: 0.15, ja: 0.075, ar: 0.075 };
const TRAVEL_ZONES = ['America/New_York', 'Asia/Tokyo', 'Europe/Madrid', 'Asia/Dubai', 'Europe/London'];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BODY_MIN = 20;
const BODY_MAX = 3_000;

/** Where a category's moments usually happen. */
const CATEGORY_DOMAINS: Record<Category, readonly Domain[]> = {
  money: ['finances'],
  decisions: ['decisions'],
  emotional: ['emotional'],
  communication: ['emotional', 'decisions'],
  boundaries: ['emotional', 'intimacy'],
  responsibilities: ['household', 'parenting'],
  social: ['social'],
  control: ['emotional', 'other'],
  connection: ['emotional', 'intimacy'],
  other: ['other', 'health'],
};
const CATEGORY_POWER: Partial<Record<Category, PowerSource>> = { money: 'money', social: 'social', responsibilities: 'role', decisions: 'personality' };

interface PersonProfile {
  id: number;
  name: string;
  kind: PersonKind;
  /** < 0: the relationship leans towards imbalance; > 0: towards healthy patterns. */
  tilt: number;
  /** Change of tilt over the whole span (therapy helps, or things get worse). */
  trend: number;
  /** How often they appear in entries, relative to others. */
  weight: number;
  /** Fraction of the span after which they enter the journal. */
  since: number;
}

interface TagInfo {
  id: number;
  polarity: Tag['polarity'];
  category: Category;
  slug: string;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** Words of a sentence in one language, leaning on the entry's topics. */
function sentence(rng: Rng, lex: Lexicon, topics: readonly string[], names: readonly string[]): string {
  const n = rng.int(5, 16);
  const words: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = rng.next();
    if (r < 0.3 && topics.length > 0) words.push(rng.pick(topics));
    else if (r < 0.34 && names.length > 0) words.push(rng.pick(names));
    else words.push(rng.pick(lex.common));
    if (i > 2 && i < n - 2 && rng.chance(0.08)) words[words.length - 1] += lex.comma;
  }
  let s = words.join(lex.join);
  if (lex.capitalise) s = s.charAt(0).toLocaleUpperCase() + s.slice(1);
  return s + lex.stop;
}

/** Text of about `length` characters (cut at a word), paragraphs now and then. */
function text(rng: Rng, lex: Lexicon, topics: readonly string[], names: readonly string[], length: number): string {
  let out = '';
  while (out.length < length) {
    const sep = out.length === 0 ? '' : rng.chance(0.15) ? '\n\n' : lex.join;
    out += sep + sentence(rng, lex, topics, names);
  }
  if (out.length > length) {
    const cut = lex.join === '' ? length : out.lastIndexOf(' ', length);
    const atWord = out.slice(0, cut).trimEnd();
    out = atWord.length >= Math.min(BODY_MIN, length) ? atWord : out.slice(0, length);
  }
  return out;
}

/** Entry times: spread over the span, denser in rough patches, mostly in the evening, oldest first. */
function entryTimes(rng: Rng, count: number, start: number, end: number): number[] {
  const months = Math.ceil((end - start) / (30 * DAY)) + 1;
  const density = Array.from({ length: months }, () => (rng.chance(0.15) ? 1.6 + rng.next() : 0.4 + rng.next() * 0.6));
  const max = Math.max(...density);
  const hours: [number, number][] = Array.from({ length: 24 }, (_, h) => [h, h < 7 ? 0.2 : h < 17 ? 1 : h < 23 ? 3 : 1]);
  const out: number[] = [];
  while (out.length < count) {
    const t = start + rng.next() * (end - start);
    if (!rng.chance(density[Math.floor((t - start) / (30 * DAY))]! / max)) continue;
    const day = Math.floor(t / DAY) * DAY;
    out.push(day + rng.weighted(hours) * HOUR + rng.int(0, 59) * 60_000);
  }
  out.sort((a, b) => a - b);
  return out.map((t) => Math.min(t, end));
}

/** SHA-256 of everything a seed determines (ids included); the journal's identity and clocks it does not control are left out. */
export function journalHash(db: DB): string {
  const h = createHash('sha256');
  const dump = (sql: string) => {
    for (const row of db.prepare(sql).raw().iterate()) h.update(`${JSON.stringify(row)}\n`);
  };
  dump('SELECT id, name, kind, color, notes, archived_at, created_at, updated_at FROM people ORDER BY id');
  dump('SELECT id, slug, label, polarity, category, color, builtin, archived_at FROM tags ORDER BY id');
  dump('SELECT * FROM entries ORDER BY id');
  dump('SELECT * FROM entry_people ORDER BY entry_id, person_id');
  dump('SELECT * FROM entry_tags ORDER BY entry_id, tag_id');
  dump('SELECT * FROM entry_domains ORDER BY entry_id, domain');
  dump('SELECT * FROM entry_power_sources ORDER BY entry_id, source');
  dump('SELECT * FROM checkins ORDER BY id');
  dump('SELECT * FROM drafts ORDER BY key');
  return h.digest('hex');
}

type NewEntryInput = Parameters<typeof createEntry>[1];

/**
 * Writes an entry's row and links as createEntry does (the same id, day and columns, so the same seed
 * gives the same journalHash), minus its revision: prepared once, one statement per row.
 */
function bulkWriter(db: DB): (input: NewEntryInput, writtenAt: number) => number {
  let id = (db.prepare('SELECT max(id) FROM entries').pluck().get() as number | null) ?? 0;
  const entry = db.prepare(
    `INSERT INTO entries (id, occurred_at, time_zone, day, created_at, updated_at, deleted_at, title, body, balance, intensity,
       heard, respected, valued, involved, outcome, raise_with_therapist, safety_flag, source, source_ref)
     VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'fulcrum', NULL)`,
  );
  const links = (table: string, col: string) => db.prepare(`INSERT INTO ${table} (entry_id, ${col}) VALUES (?, ?)`);
  const people = links('entry_people', 'person_id');
  const tags = links('entry_tags', 'tag_id');
  const domains = links('entry_domains', 'domain');
  const sources = links('entry_power_sources', 'source');
  const days = new Map<string, string>();
  return (input, writtenAt) => {
    id++;
    // Intl is the slow part of dayIn; every zone's offset is a whole number of quarter hours, so
    // all moments of one quarter hour share a day in a zone.
    const key = `${input.timeZone}|${Math.floor(input.occurredAt / 900_000)}`;
    let day = days.get(key);
    if (day === undefined) {
      day = dayIn(input.occurredAt, input.timeZone);
      days.set(key, day);
    }
    entry.run(
      id,
      input.occurredAt,
      input.timeZone,
      day,
      writtenAt,
      writtenAt,
      input.title,
      input.body,
      input.balance,
      input.intensity,
      input.heard,
      input.respected,
      input.valued,
      input.involved,
      input.outcome,
      input.raiseWithTherapist ? 1 : 0,
      input.safetyConcern ? 1 : 0,
    );
    indexUnspaced(db, id, input.title, input.body);
    for (const p of new Set(input.personIds)) people.run(id, p);
    for (const t of new Set(input.tagIds)) tags.run(id, t);
    for (const d of new Set(input.domains)) domains.run(id, d);
    for (const s of new Set(input.powerSources)) sources.run(id, s);
    return id;
  };
}

/**
 * Fills an unlocked, newly created journal. `service` is what createService returns (only its vault is
 * used). Throws if the journal already has people or entries: a seed describes a whole journal.
 */
export async function generateJournal(opts: JournalOptions, service: { vault: Vault }): Promise<GeneratedJournal> {
  const db = service.vault.database();
  const existing = db.prepare('SELECT (SELECT count(*) FROM entries) + (SELECT count(*) FROM people)').pluck().get() as number;
  if (existing > 0) throw new Error('generateJournal needs an empty journal');
  if (!Number.isInteger(opts.entries) || opts.entries < 0) throw new Error('entries must be a whole number ≥ 0');

  const root = createRng(opts.seed);
  const rngPeople = root.fork('people');
  const rngTags = root.fork('tags');
  const rngTimes = root.fork('times');
  const rngEntries = root.fork('entries');
  const rngCheckIns = root.fork('checkins');
  const rngTrash = root.fork('trash');
  const rngDrafts = root.fork('drafts');

  const years = opts.years ?? 10;
  const lastDay = opts.end ?? '2026-06-30';
  const end = dayMs(lastDay) + 20 * HOUR;
  const firstDay = addDays(lastDay, -Math.round(years * 365.25) + 1);
  const start = dayMs(firstDay);
  const now = end + HOUR;
  const span = end - start;
  const homeZone = opts.timeZone ?? 'Europe/Berlin';
  const languageWeights = Object.entries({ ...DEFAULT_LANGUAGES, ...(opts.languages ?? {}) }).filter(([, w]) => w > 0) as [Language, number][];
  if (languageWeights.length === 0) throw new Error('at least one language needs a weight above 0');

  // ---------------------------------------------------------------- people
  const personCount = opts.people ?? rngPeople.int(2, 8);
  const kinds: PersonKind[] = ['romantic', 'family', 'professional', 'social', 'family', 'social', 'other', 'professional'];
  const usedNames = new Set<string>();
  const people: PersonProfile[] = [];
  db.transaction(() => {
    for (let i = 0; i < personCount; i++) {
      const kind = i < kinds.length ? kinds[i]! : rngPeople.pick(PERSON_KINDS);
      let name: string;
      do {
        name = rngPeople.pick(NAMES[rngPeople.weighted(languageWeights)]);
        if (usedNames.has(name)) name = `${name} ${String.fromCharCode(65 + usedNames.size % 26)}.`;
      } while (usedNames.has(name));
      usedNames.add(name);
      const created = createPerson(
        db,
        api['people.create'].input.parse({ name, kind, color: PALETTE[i % PALETTE.length]!, notes: rngPeople.chance(0.5) ? `Synthetic person ${i + 1}.` : '' }),
        start + i * HOUR,
      );
      people.push({
        id: created.id,
        name,
        kind,
        tilt: clamp(rngPeople.normal() * 0.6 + (kind === 'professional' ? -0.3 : kind === 'social' ? 0.4 : 0), -1.5, 1.5),
        trend: rngPeople.normal() * 0.6,
        weight: kind === 'romantic' ? 6 : kind === 'family' ? 2 : 1 + rngPeople.next(),
        since: i < 2 ? 0 : rngPeople.next() * 0.6,
      });
    }
  })();

  // ---------------------------------------------------------------- patterns
  const customCount = clamp(opts.customPatterns ?? 6, 0, CUSTOM_PATTERNS.length);
  const customTagIds: number[] = [];
  db.transaction(() => {
    for (const p of rngTags.sample(CUSTOM_PATTERNS, customCount)) {
      const color = rngTags.chance(0.5) ? rngTags.pick(PALETTE) : undefined;
      customTagIds.push(createTag(db, TagInput.parse({ ...p, ...(color ? { color } : {}) }), start + DAY).id);
    }
  })();
  const tags: TagInfo[] = listTags(db).map((t) => ({ id: t.id, polarity: t.polarity, category: t.category, slug: t.slug }));
  const byPolarity = (pol: Tag['polarity'], cat?: Category) => tags.filter((t) => t.polarity === pol && (cat === undefined || t.category === cat));
  const safetySlugs = new Set(['threatened', 'intimidated', 'coerced']);
  const tagCountWeights: [number, number][] = [[0, 10], [1, 25], [2, 25], [3, 20], [4, 12], [5, 8]];

  // ---------------------------------------------------------------- entries
  const times = entryTimes(rngTimes, opts.entries, start, end);
  const batch = opts.batch ?? (opts.bulk ? 10_000 : 1000);
  const entryIds: number[] = [];
  const vocabulary = Object.fromEntries(LANGUAGES.map((l) => [l, new Set<string>()])) as Record<Language, Set<string>>;
  const names = people.map((p) => p.name);
  const logMin = Math.log(BODY_MIN);
  const logMax = Math.log(BODY_MAX);

  const oneEntry = (at: number) => {
    const rng = rngEntries;
    const f = (at - start) / span;
    const active = people.filter((p) => p.since <= f);
    const cast: PersonProfile[] = [];
    if (!rng.chance(0.08) && active.length > 0) {
      const first = rng.weighted(active.map((p) => [p, p.weight] as const));
      cast.push(first);
      if (rng.chance(0.15) && active.length > 1) cast.push(rng.pick(active.filter((p) => p !== first)));
    }
    const tilt = cast.length ? cast.reduce((s, p) => s + p.tilt + p.trend * (f - 0.5), 0) / cast.length : 0.5;
    const tone = tilt + rng.normal() * 0.7;
    const pImbalance = sigmoid(-2 * tone);

    const focus = rng.sample(CATEGORIES.filter((c): c is Exclude<Category, 'other'> => c !== 'other'), rng.int(1, 2));
    if (cast.some((p) => p.kind === 'professional') && rng.chance(0.5)) focus[0] = 'decisions';
    const chosen = new Map<number, TagInfo>();
    const nTags = rng.weighted(tagCountWeights);
    for (let i = 0; i < nTags * 2 && chosen.size < nTags; i++) {
      const polarity = rng.chance(0.04) ? 'neutral' : rng.chance(pImbalance) ? 'imbalance' : 'healthy';
      const cat = rng.chance(0.75) ? rng.pick(focus) : undefined;
      const pool = byPolarity(polarity, cat).length > 0 ? byPolarity(polarity, cat) : byPolarity(polarity);
      if (pool.length > 0) {
        const t = rng.pick(pool);
        chosen.set(t.id, t);
      }
    }
    const picked = [...chosen.values()];
    const nImb = picked.filter((t) => t.polarity === 'imbalance').length;
    const nHealthy = picked.filter((t) => t.polarity === 'healthy').length;
    // Tags pull the felt measures: an entry tagged with imbalances reads as one where power tilted away.
    const felt = tone * 0.6 + (nHealthy - nImb) * 0.35;

    const domains = new Set<Domain>();
    for (const c of focus) if (rng.chance(0.6)) domains.add(rng.pick(CATEGORY_DOMAINS[c]));
    if (cast.some((p) => p.kind === 'professional') && rng.chance(0.7)) domains.add('work');
    if (cast.some((p) => p.kind === 'family') && rng.chance(0.2)) domains.add('parenting');
    const powerSources = new Set<PowerSource>();
    if (nImb > 0 && rng.chance(0.5)) {
      const p = CATEGORY_POWER[focus[0]!];
      powerSources.add(p ?? rng.pick(POWER_SOURCES));
      if (cast.some((x) => x.kind === 'professional')) powerSources.add('work');
      if (rng.chance(0.2)) powerSources.add(rng.pick(POWER_SOURCES));
    }

    const score = (centre: number) => (rng.chance(0.8) ? Math.round(clamp(centre + rng.normal() * 0.7, 1, 5)) : null);
    const language = rng.weighted(languageWeights);
    const lex = LEXICONS[language];
    const topics = focus.flatMap((c) => lex.topics[c]);
    const castNames = cast.map((p) => p.name);
    const length = Math.round(Math.exp(logMin + rng.next() * (logMax - logMin)));
    const body = text(rng, lex, topics, castNames, length);
    for (const w of topics) vocabulary[language].add(w);
    const title = rng.chance(0.75) ? text(rng, { ...lex, stop: '' }, topics, castNames, rng.int(12, 48)) : '';
    const zone = rng.chance(0.04) ? rng.pick(TRAVEL_ZONES) : homeZone;
    const safety = picked.some((t) => safetySlugs.has(t.slug)) ? rng.chance(0.3) : rng.chance(0.002);

    const input = api['entries.create'].input.parse({
      occurredAt: at,
      timeZone: zone,
      title,
      body,
      personIds: cast.map((p) => p.id),
      tagIds: picked.map((t) => t.id),
      domains: [...domains],
      powerSources: [...powerSources],
      balance: rng.chance(0.85) ? Math.round(clamp(felt * 1.6 + rng.normal() * 0.8, -3, 3)) : null,
      intensity: rng.chance(0.75) ? Math.round(clamp(1 + nImb * 0.8 + Math.max(0, -tone) + rng.normal() * 0.6, 1, 5)) : null,
      heard: score(3 + felt * 1.4),
      respected: score(3 + felt * 1.5),
      valued: score(3.2 + felt * 1.3),
      involved: score(3 + felt * 1.2),
      outcome: rng.chance(0.25) ? rng.pick(lex.outcomes) : '',
      raiseWithTherapist: rng.chance(nImb >= 3 ? 0.2 : 0.04),
      safetyConcern: safety,
    });
    // Written a little after it happened (never after the journal's "now").
    const writtenAt = Math.min(now - HOUR, at + rng.int(5, 600) * 60_000);
    entryIds.push(write(input, writtenAt));
  };
  const write = opts.bulk ? bulkWriter(db) : (input: NewEntryInput, writtenAt: number) => createEntry(db, input, writtenAt).id;

  for (let i = 0; i < times.length; i += batch) {
    db.transaction(() => {
      for (const at of times.slice(i, i + batch)) oneEntry(at);
    })();
    opts.onProgress?.(Math.min(times.length, i + batch), times.length);
    // Let timers and I/O run between batches (progress output, a caller's watchdog).
    await new Promise((r) => setImmediate(r));
  }

  // ---------------------------------------------------------------- check-ins
  let checkIns = 0;
  if (opts.checkIns ?? true) {
    db.transaction(() => {
      for (const p of people) {
        const from = weekStartOf(addDays(firstDay, Math.round(p.since * (span / DAY))), 1);
        for (let week = from; dayMs(week) <= end; week = addDays(week, 7)) {
          const rng = rngCheckIns;
          if (!rng.chance(0.8)) continue;
          const f = (dayMs(week) - start) / span;
          const centre = 3 + (p.tilt + p.trend * (f - 0.5)) * 1.3;
          const s = () => (rng.chance(0.92) ? Math.round(clamp(centre + rng.normal() * 0.8, 1, 5)) : null);
          const input = CheckInInput.parse({
            personId: p.id,
            week,
            heard: s(),
            respected: s(),
            involved: s(),
            fairShare: s(),
            boundaries: s(),
            safe: s(),
            note: rng.chance(0.2) ? sentence(rng, LEXICONS[rng.weighted(languageWeights)], [], [p.name]) : '',
            forTherapist: rng.chance(0.05),
          });
          saveCheckIn(db, input, Math.min(now - HOUR, dayMs(week) + 6 * DAY + 19 * HOUR));
          checkIns++;
        }
      }
    })();
  }

  // ---------------------------------------------------------------- trash, archive, drafts
  const trashCount = Math.round(entryIds.length * (opts.trashShare ?? 0.01));
  const trashed = rngTrash.sample(entryIds, trashCount).sort((a, b) => a - b);
  db.transaction(() => {
    for (const id of trashed) trashEntry(db, id, now - rngTrash.int(1, 29 * 24) * HOUR);
    if (people.length >= 5) updatePerson(db, people.at(-1)!.id, { archived: true }, now - 90 * DAY);
    if (customTagIds.length >= 3) updateTag(db, customTagIds.at(-1)!, { archived: true }, now - 60 * DAY);
  })();

  const draftCount = clamp(opts.drafts ?? 2, 0, 2);
  const draftKeys = ['new', ...(entryIds.length > 0 ? [`entry-${entryIds.at(-1)}`] : [])].slice(0, draftCount);
  db.transaction(() => {
    for (const key of draftKeys) {
      const lex = LEXICONS[rngDrafts.weighted(languageWeights)];
      const content = JSON.stringify({ title: sentence(rngDrafts, { ...lex, stop: '' }, [], names), body: text(rngDrafts, lex, [], names, rngDrafts.int(40, 600)) });
      saveDraft(db, DraftInput.parse({ key, content }), now - rngDrafts.int(1, 72) * HOUR);
    }
  })();

  return {
    seed: opts.seed,
    now,
    firstDay,
    lastDay,
    timeZone: homeZone,
    personIds: people.map((p) => p.id),
    tagIds: tags.map((t) => t.id),
    customTagIds,
    entries: entryIds.length,
    trashed: trashed.length,
    checkIns,
    drafts: draftKeys.length,
    vocabulary: Object.fromEntries(LANGUAGES.map((l) => [l, [...vocabulary[l]].sort()])) as Record<Language, string[]>,
    names,
  };
}

export { createRng, type Rng } from './prng.js';
export { LANGUAGES, type Language } from './words.js';
