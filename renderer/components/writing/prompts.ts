/**
 * The prompt of the day: one of a fixed, localised list, the same all day (by the computer's local
 * calendar day) and a different one the next day, going through every prompt before any comes back.
 */
import type { MessageId } from '../../i18n/index.js';

export const DAILY_PROMPTS: readonly MessageId[] = [
  'templates.prompt.1',
  'templates.prompt.2',
  'templates.prompt.3',
  'templates.prompt.4',
  'templates.prompt.5',
  'templates.prompt.6',
  'templates.prompt.7',
  'templates.prompt.8',
  'templates.prompt.9',
  'templates.prompt.10',
  'templates.prompt.11',
  'templates.prompt.12',
  'templates.prompt.13',
  'templates.prompt.14',
  'templates.prompt.15',
  'templates.prompt.16',
  'templates.prompt.17',
  'templates.prompt.18',
  'templates.prompt.19',
  'templates.prompt.20',
  'templates.prompt.21',
  'templates.prompt.22',
  'templates.prompt.23',
  'templates.prompt.24',
];

/** Days since 1970-01-01 of the local calendar day of `at` (time zone and daylight saving do not shift it). */
export function localDayNumber(at: Date): number {
  return Math.round(Date.UTC(at.getFullYear(), at.getMonth(), at.getDate()) / 86_400_000);
}

/**
 * Which prompt a day gets. A step that shares no factor with the list's length visits every prompt
 * once per cycle, in an order that does not simply follow the list.
 */
export function promptIndexFor(day: number, count: number): number {
  if (!Number.isInteger(count) || count <= 0) throw new RangeError('no prompts');
  let step = 7;
  while (gcd(step, count) !== 1) step++;
  return (((day * step) % count) + count) % count;
}

export function promptOfTheDay(at: Date, prompts: readonly MessageId[] = DAILY_PROMPTS): MessageId {
  return prompts[promptIndexFor(localDayNumber(at), prompts.length)]!;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
