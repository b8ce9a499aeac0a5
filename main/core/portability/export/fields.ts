/** Words and numbers an entry is shown with in the Markdown and CSV exports (the app's own labels). */
import { BALANCE_LABELS, DOMAIN_LABELS, POWER_SOURCE_LABELS } from '../../../../shared/catalogue.js';
import type { Person, Tag } from '../../../../shared/schemas.js';
import type { ExportData, ExportEntryRow } from './collect.js';

const timeFormats = new Map<string, Intl.DateTimeFormat>();
/** "20:12" on the wall clock where the entry happened. */
export function localTime(at: number, timeZone: string): string {
  let f = timeFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    timeFormats.set(timeZone, f);
  }
  return f.format(new Date(at));
}

const dayFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
/** "Saturday 2 March 2024" for a YYYY-MM-DD day. */
export const longDay = (day: string) => dayFormat.format(new Date(`${day}T00:00:00Z`));

export interface Lookup {
  person(id: number): Person | undefined;
  tag(id: number): Tag | undefined;
}

export function lookup(data: ExportData): Lookup {
  const people = new Map(data.people.map((p) => [p.id, p]));
  const tags = new Map(data.tags.map((t) => [t.id, t]));
  return { person: (id) => people.get(id), tag: (id) => tags.get(id) };
}

export const peopleOf = (e: ExportEntryRow, l: Lookup) => e.personIds.map((id) => l.person(id)?.name ?? '?');
export const tagsOf = (e: ExportEntryRow, l: Lookup) => e.tagIds.map((id) => l.tag(id)).filter((t): t is Tag => t !== undefined);
export const domainsOf = (e: ExportEntryRow) => e.domains.map((d) => DOMAIN_LABELS[d]);
export const powerSourcesOf = (e: ExportEntryRow) => e.powerSources.map((s) => POWER_SOURCE_LABELS[s]);

export function polarityCounts(e: ExportEntryRow, l: Lookup): { imbalance: number; healthy: number; neutral: number } {
  const out = { imbalance: 0, healthy: 0, neutral: 0 };
  for (const t of tagsOf(e, l)) out[t.polarity] += 1;
  return out;
}

export const balanceWords = (b: number | null) => (b === null ? '' : BALANCE_LABELS[b] ?? '');

export function flagsOf(e: ExportEntryRow): string[] {
  const flags: string[] = [];
  if (e.raiseWithTherapist) flags.push('raise with therapist');
  if (e.safetyConcern) flags.push('safety concern');
  return flags;
}

export const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
