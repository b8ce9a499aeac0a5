/**
 * Domain types as zod schemas. Every value crossing a trust boundary (IPC, HTTP, imported files) is
 * parsed with one of these; the TypeScript types are inferred, never written twice.
 */
import { z } from 'zod';
import { CATEGORIES, DOMAINS, PERSON_KINDS, POLARITIES, POWER_SOURCES } from './catalogue.js';
import { ERROR_CODES } from './errors.js';

/** Limits keep a hostile payload from exhausting memory; they are far above any honest use. */
export const LIMITS = {
  name: 120,
  title: 300,
  body: 200_000,
  note: 20_000,
  label: 80,
  query: 500,
  listIds: 1_000,
  passphrase: 1_024,
} as const;

export const Id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export type Id = z.infer<typeof Id>;

/** Milliseconds since the epoch (UTC); from the last day of 1899, the first of 1900 somewhere on Earth. */
export const Timestamp = z
  .number()
  .int()
  .min(Date.UTC(1899, 11, 31))
  .max(Date.UTC(2200, 0, 1));
export type Timestamp = z.infer<typeof Timestamp>;

/** Why a calendar day is refused, in words for the screen. */
export const DAY_PROBLEMS = {
  DAY_FORMAT: 'A date must be written as year-month-day with a four-digit year, like 2026-03-04.',
  DAY_NOT_REAL: 'That date does not exist on the calendar. Check the day and the month.',
} as const;

/** A calendar day in the user's time zone, YYYY-MM-DD. */
export const Day = z
  .string({ error: DAY_PROBLEMS.DAY_FORMAT })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: DAY_PROBLEMS.DAY_FORMAT, abort: true })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, DAY_PROBLEMS.DAY_NOT_REAL);
export type Day = z.infer<typeof Day>;

/**
 * Zones already seen to be valid. Building an Intl.DateTimeFormat costs ~0.2 ms, which an import of
 * 10 000 entries pays 10 000 times; valid zone names are a few hundred, and only they are kept.
 */
const knownZones = new Set<string>();
/** An IANA time zone name as the OS reports it ("Europe/Berlin"). */
export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => {
    if (knownZones.has(tz)) return true;
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      knownZones.add(tz);
      return true;
    } catch {
      return false;
    }
  }, 'unknown time zone');

// ---------------------------------------------------------------- entry dates
/** The years an entry may be dated in, inclusive, in the entry's own time zone. */
export const ENTRY_YEARS = { min: 1900, max: 2100 } as const;
/** Why an entry's date is refused: a code importers can group by, and a sentence for the screen. */
export const DATE_PROBLEMS = {
  DATE_NOT_A_MOMENT: 'The date is not a real moment in time. Check the date and time.',
  DATE_OUT_OF_RANGE: `The year must be between ${ENTRY_YEARS.min} and ${ENTRY_YEARS.max}. Check the year of the date.`,
} as const;
export type DateProblem = keyof typeof DATE_PROBLEMS;
/** Messages written for people, shown as they are (without a field path) wherever validation fails. */
export const PLAIN_MESSAGES: ReadonlySet<string> = new Set([...Object.values(DATE_PROBLEMS), ...Object.values(DAY_PROBLEMS)]);

const HOUR = 3_600_000;
/** Outside these instants the year is out of range in every time zone (zones span −12 h … +14 h). */
const EARLIEST = Date.UTC(ENTRY_YEARS.min, 0, 1) - 14 * HOUR;
const LATEST = Date.UTC(ENTRY_YEARS.max + 1, 0, 1) + 12 * HOUR - 1;
const yearFormats = new Map<string, Intl.DateTimeFormat>();
function yearIn(ms: number, timeZone: string): number {
  let f = yearFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { year: 'numeric', era: 'short', timeZone });
    if (yearFormats.size < 500) yearFormats.set(timeZone, f);
  }
  const parts = f.formatToParts(ms);
  const year = Number(parts.find((p) => p.type === 'year')?.value);
  const bc = parts.find((p) => p.type === 'era')?.value.startsWith('B') ?? false;
  return bc ? 1 - year : year;
}

/** The part of the rule that holds whatever the zone: out of range everywhere, or not a moment. */
function dateProblemInAnyZone(ms: unknown): DateProblem | null {
  if (typeof ms !== 'number' || !Number.isSafeInteger(ms)) return 'DATE_NOT_A_MOMENT';
  return ms < EARLIEST || ms > LATEST ? 'DATE_OUT_OF_RANGE' : null;
}

/**
 * The one rule for an entry's date, shared by the editor, the API and every import: a whole number
 * of milliseconds whose year, in the entry's time zone (UTC when none is known), is 1900…2100.
 * Returns null when the date is fine, else the problem's code.
 */
export function checkEntryDate(ms: unknown, timeZone?: string): DateProblem | null {
  const rough = dateProblemInAnyZone(ms);
  if (rough !== null || typeof ms !== 'number') return rough ?? 'DATE_NOT_A_MOMENT';
  // Near either end the answer depends on the zone; elsewhere it cannot.
  if (ms < EARLIEST + 2 * 14 * HOUR || ms > LATEST - 2 * 14 * HOUR) {
    let year: number;
    try {
      year = yearIn(ms, timeZone ?? 'UTC');
    } catch {
      year = yearIn(ms, 'UTC');
    }
    if (year < ENTRY_YEARS.min || year > ENTRY_YEARS.max) return 'DATE_OUT_OF_RANGE';
  }
  return null;
}

/** An entry's moment: checked for any zone here, and in the entry's own zone by the entry schemas. */
export const EntryDate = z.custom<number>((v) => dateProblemInAnyZone(v) === null, {
  error: (iss) => DATE_PROBLEMS[dateProblemInAnyZone(iss.input) ?? 'DATE_NOT_A_MOMENT'],
});

export const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #0072B2');
/** Free text from the user: no NUL bytes (they break C strings in SQLite tooling and exports). */
const text = (max: number) => z.string().max(max).refine((s) => !s.includes('\u0000'), 'contains a NUL byte');
const name = (max: number) => text(max).transform((s) => s.trim()).pipe(z.string().min(1, 'must not be empty'));

export const Score = z.number().int().min(1).max(5);
export const Balance = z.number().int().min(-3).max(3);

export const PersonKind = z.enum(PERSON_KINDS);
export const Category = z.enum(CATEGORIES);
export const Polarity = z.enum(POLARITIES);
export const DomainSchema = z.enum(DOMAINS);
export const PowerSourceSchema = z.enum(POWER_SOURCES);

// ---------------------------------------------------------------- people
export const PersonInput = z
  .object({
    name: name(LIMITS.name),
    kind: PersonKind,
    color: Color,
    notes: text(LIMITS.note).default(''),
  })
  .strict();
export type PersonInput = z.input<typeof PersonInput>;

export const PersonPatch = z
  .object({
    name: name(LIMITS.name).optional(),
    kind: PersonKind.optional(),
    color: Color.optional(),
    notes: text(LIMITS.note).optional(),
    archived: z.boolean().optional(),
  })
  .strict();
export type PersonPatch = z.input<typeof PersonPatch>;

export const Person = z.object({
  id: Id,
  name: z.string(),
  kind: PersonKind,
  color: Color,
  notes: z.string(),
  archivedAt: Timestamp.nullable(),
  createdAt: Timestamp,
});
export type Person = z.infer<typeof Person>;

// ---------------------------------------------------------------- tags (patterns)
export const TagInput = z
  .object({
    label: name(LIMITS.label),
    polarity: Polarity,
    category: Category,
    color: Color.optional(),
  })
  .strict();
export type TagInput = z.input<typeof TagInput>;

export const TagPatch = z
  .object({
    label: name(LIMITS.label).optional(),
    color: Color.nullable().optional(),
    category: Category.optional(),
    polarity: Polarity.optional(),
    archived: z.boolean().optional(),
  })
  .strict();
export type TagPatch = z.input<typeof TagPatch>;

export const Tag = z.object({
  id: Id,
  slug: z.string(),
  label: z.string(),
  polarity: Polarity,
  category: Category,
  color: Color.nullable(),
  builtin: z.boolean(),
  archivedAt: Timestamp.nullable(),
});
export type Tag = z.infer<typeof Tag>;

// ---------------------------------------------------------------- entries
const entryFields = {
  occurredAt: EntryDate,
  /** The zone the user was in; the entry's calendar day is computed in it. */
  timeZone: TimeZone,
  title: text(LIMITS.title).default(''),
  body: text(LIMITS.body).default(''),
  personIds: z.array(Id).max(50).default([]),
  tagIds: z.array(Id).max(100).default([]),
  domains: z.array(DomainSchema).max(DOMAINS.length).default([]),
  powerSources: z.array(PowerSourceSchema).max(POWER_SOURCES.length).default([]),
  balance: Balance.nullable().default(null),
  intensity: Score.nullable().default(null),
  heard: Score.nullable().default(null),
  respected: Score.nullable().default(null),
  valued: Score.nullable().default(null),
  involved: Score.nullable().default(null),
  outcome: text(LIMITS.note).default(''),
  raiseWithTherapist: z.boolean().default(false),
  safetyConcern: z.boolean().default(false),
  /**
   * The entry's attachments in order (ids from an upload). Omitted: they stay as they are. Naming a
   * list links the unlinked ones, orders them, and moves the ones left out to the trash.
   */
  attachments: z.array(Id).max(50).optional(),
};

/** The date again in the entry's own zone: "1 January 1900, 00:30" in Berlin is still 1900. */
function dateInZone(e: { occurredAt?: number | undefined; timeZone?: string | undefined }, ctx: z.RefinementCtx): void {
  // A date already refused on its own is not reported twice.
  if (e.occurredAt === undefined || dateProblemInAnyZone(e.occurredAt) !== null) return;
  const problem = checkEntryDate(e.occurredAt, e.timeZone);
  if (problem) ctx.addIssue({ code: 'custom', path: ['occurredAt'], message: DATE_PROBLEMS[problem] });
}

export const EntryInput = z.object(entryFields).strict().superRefine(dateInZone);
export type EntryInput = z.input<typeof EntryInput>;
export type EntryInputParsed = z.output<typeof EntryInput>;

/** A patch names only what changes: the defaults are removed, or `{ title }` would blank the body. */
type NoDefault<T> = T extends z.ZodDefault<infer I> ? I : T;
export const EntryPatch = z
  .object(
    Object.fromEntries(
      Object.entries(entryFields).map(([k, v]) => [k, (v instanceof z.ZodDefault ? v.removeDefault() : v).optional()]),
    ) as { [K in keyof typeof entryFields]: z.ZodOptional<NoDefault<(typeof entryFields)[K]>> },
  )
  .strict()
  .superRefine(dateInZone);
export type EntryPatch = z.input<typeof EntryPatch>;

export const Entry = z.object({
  id: Id,
  occurredAt: Timestamp,
  timeZone: z.string(),
  day: z.string(),
  title: z.string(),
  body: z.string(),
  personIds: z.array(Id),
  tagIds: z.array(Id),
  domains: z.array(DomainSchema),
  powerSources: z.array(PowerSourceSchema),
  balance: Balance.nullable(),
  intensity: Score.nullable(),
  heard: Score.nullable(),
  respected: Score.nullable(),
  valued: Score.nullable(),
  involved: Score.nullable(),
  outcome: z.string(),
  raiseWithTherapist: z.boolean(),
  safetyConcern: z.boolean(),
  source: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  deletedAt: Timestamp.nullable(),
});
export type Entry = z.infer<typeof Entry>;

/** A timeline/search row: enough to draw a card without loading the whole body. */
export const EntrySummary = Entry.omit({ body: true }).extend({
  /** Start of the body, or a snippet around the match with «…» marking highlights. */
  excerpt: z.string(),
});
export type EntrySummary = z.infer<typeof EntrySummary>;

/** Highlight markers in snippets: private-use code points, so user text can never forge them. */
export const HIGHLIGHT_START = '\uE000';
export const HIGHLIGHT_END = '\uE001';

export const EntryFilter = z
  .object({
    text: z.string().max(LIMITS.query).optional(),
    personIds: z.array(Id).max(LIMITS.listIds).optional(),
    tagIds: z.array(Id).max(LIMITS.listIds).optional(),
    categories: z.array(Category).max(CATEGORIES.length).optional(),
    polarity: Polarity.optional(),
    domains: z.array(DomainSchema).max(DOMAINS.length).optional(),
    from: Day.optional(),
    to: Day.optional(),
    raiseWithTherapist: z.boolean().optional(),
    safetyConcern: z.boolean().optional(),
  })
  .strict();
export type EntryFilter = z.infer<typeof EntryFilter>;

/**
 * Keyset cursor: the (occurredAt, id) of the last row of the previous page. Opaque to the renderer:
 * pass `nextCursor` back unchanged. (In the trash, sorted by deletion time, `occurredAt` carries the
 * last row's deletion time.)
 */
export const Cursor = z.object({ occurredAt: Timestamp, id: Id }).strict();
export type Cursor = z.infer<typeof Cursor>;

export const SearchInput = z
  .object({
    filter: EntryFilter.default({}),
    cursor: Cursor.nullable().default(null),
    limit: z.number().int().min(1).max(500).default(50),
  })
  .strict();
export type SearchInput = z.input<typeof SearchInput>;

export const SearchPage = z.object({
  items: z.array(EntrySummary),
  nextCursor: Cursor.nullable(),
  /** How many entries match in all, on the first page of a filtered search only (one count query). */
  total: z.number().int().min(0).optional(),
  /** True when more entries match than `total` says: a text search counts no further than 1,000. */
  totalCapped: z.literal(true).optional(),
});
export type SearchPage = z.infer<typeof SearchPage>;

// ---------------------------------------------------------------- check-ins
/** ISO week start day (YYYY-MM-DD of the first day of the user's week). */
export const CheckInInput = z
  .object({
    personId: Id,
    week: Day,
    heard: Score.nullable().default(null),
    respected: Score.nullable().default(null),
    involved: Score.nullable().default(null),
    fairShare: Score.nullable().default(null),
    boundaries: Score.nullable().default(null),
    safe: Score.nullable().default(null),
    note: text(LIMITS.note).default(''),
    forTherapist: z.boolean().default(false),
  })
  .strict();
export type CheckInInput = z.input<typeof CheckInInput>;

export const CheckIn = z.object({
  id: Id,
  personId: Id,
  week: z.string(),
  heard: Score.nullable(),
  respected: Score.nullable(),
  involved: Score.nullable(),
  fairShare: Score.nullable(),
  boundaries: Score.nullable(),
  safe: Score.nullable(),
  note: z.string(),
  forTherapist: z.boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type CheckIn = z.infer<typeof CheckIn>;

// ---------------------------------------------------------------- drafts
/** A draft is the editor's state, kept loosely typed (the user may be half-way through anything). */
export const DraftKey = z.string().regex(/^(new|entry-\d{1,16})$/);
export const DraftInput = z
  .object({
    key: DraftKey,
    /** The editor's state as JSON text; validated for size only. */
    content: text(LIMITS.body + 50_000),
  })
  .strict();
export type DraftInput = z.infer<typeof DraftInput>;
export const Draft = z.object({ key: z.string(), content: z.string(), updatedAt: Timestamp });
export type Draft = z.infer<typeof Draft>;

// ---------------------------------------------------------------- vault
export const Passphrase = z.string().min(1).max(LIMITS.passphrase);
export const RecoveryKeyText = z.string().min(1).max(200);

export const VaultStatus = z.object({
  /** Is there a journal in the data folder at all? */
  exists: z.boolean(),
  unlocked: z.boolean(),
  /** When set, the journal cannot be opened and this says why (corrupt vault, newer version…). */
  problem: z.string().nullable(),
  /** The same as a code (and a reason, shared/errors.ts) for the screen to word in the person's language. */
  problemCode: z.object({ code: z.enum(ERROR_CODES), reason: z.string().optional() }).nullable().default(null),
  /** Milliseconds until another unlock attempt is accepted (throttling after failures). */
  retryAfterMs: z.number().int().min(0),
});
export type VaultStatus = z.infer<typeof VaultStatus>;

export const StrengthReport = z.object({
  acceptable: z.boolean(),
  /** 0 (very weak) … 4 (very strong), from zxcvbn. */
  score: z.number().int().min(0).max(4),
  /** Why it is refused, or empty (English, for logs and tests; the screen words `problem`). */
  reason: z.string(),
  /** Why it is refused, for the screen: too short (with the minimum), or too easy to guess. */
  problem: z.enum(['tooShort', 'guessable']).nullable().default(null),
  minLength: z.number().int().min(0).default(0),
  suggestions: z.array(z.string()),
});
export type StrengthReport = z.infer<typeof StrengthReport>;
