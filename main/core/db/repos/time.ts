/**
 * Calendar arithmetic for entries. `day` is stored so analytics can group by day/week/month in SQL;
 * it is the date on the wall calendar where the user was (their IANA zone at the time of writing),
 * not the UTC date, so an 11 pm entry in New York stays on that day.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** YYYY-MM-DD of `at` (ms since the epoch) in `timeZone`. */
export function dayIn(at: number, timeZone: string): string {
  let y = '';
  let m = '';
  let d = '';
  for (const p of formatter(timeZone).formatToParts(new Date(at))) {
    if (p.type === 'year') y = p.value;
    else if (p.type === 'month') m = p.value;
    else if (p.type === 'day') d = p.value;
  }
  return `${y.padStart(4, '0')}-${m}-${d}`;
}

export const DAY_MS = 86_400_000;

/** Midnight UTC at the start of a YYYY-MM-DD day. */
export const utcStartOf = (day: string): number => Date.parse(`${day}T00:00:00Z`);
