/**
 * A synthetic journal for the insights journeys: two people, 48 entries over the last ~17 weeks with
 * known patterns, areas and ratings, dated relative to "now" in one zone. Seeded through the API; the
 * tests work out every number the charts should show from this list (never from the app).
 */
import type { Domain } from '../../shared/catalogue.js';
import type { PersonInput } from '../../shared/schemas.js';
import { tagIdsByLabel, type ApiCall } from './api.js';
import { wallClock } from './sample-journal.js';

export const ZONE = 'Europe/London';

export const SEED_PEOPLE: PersonInput[] = [
  { name: 'Robin', kind: 'romantic', color: '#E69F00', notes: '' },
  { name: 'Kai', kind: 'family', color: '#56B4E9', notes: '' },
];

/** Built-in patterns used, with their category and kind (as in shared/catalogue.ts). */
export const SEED_PATTERNS = {
  'Decided without me': { category: 'decisions', polarity: 'imbalance' },
  'Talked over': { category: 'communication', polarity: 'imbalance' },
  'My feelings were brushed aside': { category: 'emotional', polarity: 'imbalance' },
  'We decided together': { category: 'decisions', polarity: 'healthy' },
  'Really listened to': { category: 'communication', polarity: 'healthy' },
} as const;
export type SeedPattern = keyof typeof SEED_PATTERNS;

export interface SeedEntry {
  title: string;
  daysAgo: number;
  at: string;
  person: 'Robin' | 'Kai';
  patterns: SeedPattern[];
  domains: Domain[];
  balance: number | null;
  intensity: number | null;
  heard: number | null;
  respected: number | null;
}

const PATTERN_CYCLE: SeedPattern[][] = [['Decided without me'], ['Talked over', 'Decided without me'], ['We decided together'], ['Really listened to'], []];
const DOMAIN_CYCLE: Domain[][] = [['decisions'], ['household'], ['decisions', 'emotional'], []];

export const SEED_ENTRIES: SeedEntry[] = (() => {
  const out: SeedEntry[] = [];
  for (let k = 0; k < 40; k++) {
    const patterns = [...PATTERN_CYCLE[k % 5]!];
    if (k % 7 === 0) patterns.push('My feelings were brushed aside');
    const base = {
      daysAgo: k * 3,
      person: (k % 3 === 0 ? 'Kai' : 'Robin') as SeedEntry['person'],
      patterns,
      domains: DOMAIN_CYCLE[k % 4]!,
      balance: k % 8 === 0 ? null : (k % 6) - 3,
      intensity: 1 + (k % 5),
      heard: k % 9 === 0 ? null : 1 + ((k * 2) % 5),
      respected: 1 + ((k * 3) % 5),
    };
    out.push({ ...base, title: `Moment ${k + 1}`, at: '09:30' });
    // Some days have a second entry (the calendar's busier days).
    if (k % 5 === 1) out.push({ ...base, title: `Moment ${k + 1}, later`, at: '18:15', person: 'Robin', patterns: ['Really listened to'], domains: ['emotional'], balance: 0, heard: 4 });
  }
  return out;
})();

export interface Seeded {
  personIds: Map<string, number>;
  tagIds: Map<string, number>;
}

export async function seedInsightsJournal(call: ApiCall, now: number): Promise<Seeded> {
  const personIds = new Map<string, number>();
  for (const p of SEED_PEOPLE) personIds.set(p.name, (await call('people.create', p)).id);
  const tagIds = await tagIdsByLabel(call);
  for (const e of SEED_ENTRIES) {
    await call('entries.create', {
      occurredAt: wallClock(now, e.daysAgo, e.at, ZONE),
      timeZone: ZONE,
      title: e.title,
      body: 'A synthetic moment for the insights tests.',
      personIds: [personIds.get(e.person)!],
      tagIds: e.patterns.map((l) => tagIds.get(l)!),
      domains: e.domains,
      balance: e.balance,
      intensity: e.intensity,
      heard: e.heard,
      respected: e.respected,
    });
  }
  return { personIds, tagIds };
}

// ---------------------------------------------------------------- expectations, from the list above

/** "YYYY-MM-DD" of `now` in the seed's zone, `daysAgo` days back. */
export function dayOf(now: number, daysAgo: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - daysAgo);
  return d.toISOString().slice(0, 10);
}

export const inDays = (lo: number, hi: number) => (e: SeedEntry) => e.daysAgo >= lo && e.daysAgo <= hi;
export const hasKind = (e: SeedEntry, polarity: 'imbalance' | 'healthy', category?: string) =>
  e.patterns.some((p) => SEED_PATTERNS[p].polarity === polarity && (category === undefined || SEED_PATTERNS[p].category === category));

/** " (up from 2)" etc., the way the summaries compare with the period before. */
export function compared(current: number, previous: number, show: (x: number) => string = String): string {
  const a = show(current);
  const b = show(previous);
  if (a === b) return ' (the same as before)';
  return current > previous ? ` (up from ${b})` : ` (down from ${b})`;
}
export const entriesWord = (n: number) => `${n} ${n === 1 ? 'entry' : 'entries'}`;
/** One decimal with a real minus sign and a plus for positives, as the charts print a balance. */
export function signed(x: number): string {
  const s = Math.abs(x).toFixed(1);
  if (Number(s) === 0) return s;
  return x < 0 ? `−${s}` : `+${s}`;
}
export const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
