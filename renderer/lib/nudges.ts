/**
 * When the home screen may nudge about check-ins. A weekly check-in asks how the past week with
 * someone went, so nobody is "due" before they have been in the journal for a week: a journal made
 * minutes ago, or a person just added, gets no "check-ins due" notice. The Check-ins page itself still
 * lists everyone, for a person who wants to start at once.
 */
import type { Person } from '../../shared/schemas.js';

export const CHECKIN_NUDGE_AFTER_MS = 7 * 24 * 60 * 60 * 1000;

/** How many of the people due this week the home screen should mention. */
export function checkInsToNudge(due: readonly { personId: number }[], personById: ReadonlyMap<number, Pick<Person, 'createdAt'>>, now: number): number {
  return due.filter((d) => {
    const person = personById.get(d.personId);
    return person !== undefined && now - person.createdAt >= CHECKIN_NUDGE_AFTER_MS;
  }).length;
}
