/** Weekly check-ins: which are due this week, and each person's answers over time. */
import {
  addDays,
  CHECKIN_MEASURES,
  weekStartOf,
  type CheckInMeasure,
  type CheckInsDue,
  type CheckInTrends,
} from '../../../../shared/insights.js';
import type { DB } from '../index.js';
import { bucketExpr, prepared } from './sql.js';
import { CHECKIN_SHOWN } from '../repos/checkins.js';

/**
 * Non-archived people without a check-in in the week holding `today`. A check-in counts for the
 * week if its stored week day falls inside it, so changing the week-start setting never makes a
 * week's check-in vanish.
 */
export function checkInsDue(db: DB, today: string, weekStart: number): CheckInsDue {
  const week = weekStartOf(today, weekStart);
  const weekEnd = addDays(week, 6);
  const rows = prepared(
    db,
    `SELECT p.id AS personId, (SELECT max(c.week) FROM checkins c WHERE c.person_id = p.id AND ${CHECKIN_SHOWN}) AS lastWeek
     FROM people p
     WHERE p.archived_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.person_id = p.id AND c.week >= :week AND c.week <= :weekEnd AND ${CHECKIN_SHOWN})
     ORDER BY p.id`,
  ).all({ week, weekEnd }) as { personId: number; lastWeek: string | null }[];
  return { week, weekEnd, due: rows.map((r) => ({ personId: r.personId, lastWeek: r.lastWeek ? weekStartOf(r.lastWeek, weekStart) : null })) };
}

const columns: Record<CheckInMeasure, string> = {
  heard: 'heard',
  respected: 'respected',
  involved: 'involved',
  fairShare: 'fair_share',
  boundaries: 'boundaries',
  safe: 'safe',
};

/**
 * Per person, the mean of each answer per week (normally one check-in per week; two only when the
 * week-start setting changed between them). Omitted `from`: the first check-in's week.
 */
export function checkInTrends(
  db: DB,
  q: { from?: string | undefined; to?: string | undefined; personIds?: number[] | undefined },
  today: string,
  weekStart: number,
): CheckInTrends {
  const to = q.to ?? today;
  const from = q.from ?? (prepared(db, `SELECT min(week) FROM checkins c WHERE ${CHECKIN_SHOWN}`).pluck().get() as string | null);
  const empty: CheckInTrends = { weekStart, period: null, weeks: [], series: [] };
  if (!from || from > to) return empty;
  const firstWeek = weekStartOf(from, weekStart);
  const lastWeek = weekStartOf(to, weekStart);
  const weeks: string[] = [];
  for (let w = firstWeek; w <= lastWeek; w = addDays(w, 7)) weeks.push(w);
  const index = new Map(weeks.map((w, i) => [w, i]));
  const means = CHECKIN_MEASURES.map((m) => `avg(c.${columns[m]}) AS ${m}`).join(', ');
  const rows = prepared(
    db,
    `SELECT c.person_id AS personId, ${bucketExpr('week', 'c.week')} AS w, count(*) AS n, ${means}
     FROM checkins c
     WHERE c.week >= :firstWeek AND c.week <= :lastDay AND ${CHECKIN_SHOWN}
       ${q.personIds?.length ? 'AND c.person_id IN (SELECT value FROM json_each(:personIds))' : ''}
     GROUP BY 1, 2`,
  ).all({ firstWeek, lastDay: addDays(lastWeek, 6), weekStart, personIds: q.personIds?.length ? JSON.stringify(q.personIds) : null }) as ({
    personId: number;
    w: string;
    n: number;
  } & Record<CheckInMeasure, number | null>)[];
  const byPerson = new Map<number, CheckInTrends['series'][number]>();
  const sums = new Map<number, Record<CheckInMeasure, { s: number; n: number }>>();
  for (const r of rows) {
    const i = index.get(r.w);
    if (i === undefined) continue;
    let ser = byPerson.get(r.personId);
    if (!ser) {
      ser = {
        personId: r.personId,
        count: 0,
        values: Object.fromEntries(CHECKIN_MEASURES.map((m) => [m, new Array<number | null>(weeks.length).fill(null)])) as Record<CheckInMeasure, (number | null)[]>,
        mean: Object.fromEntries(CHECKIN_MEASURES.map((m) => [m, null])) as Record<CheckInMeasure, number | null>,
      };
      byPerson.set(r.personId, ser);
      sums.set(r.personId, Object.fromEntries(CHECKIN_MEASURES.map((m) => [m, { s: 0, n: 0 }])) as Record<CheckInMeasure, { s: number; n: number }>);
    }
    ser.count += r.n;
    const acc = sums.get(r.personId)!;
    for (const m of CHECKIN_MEASURES) {
      ser.values[m][i] = r[m];
      if (r[m] !== null) {
        // The overall mean weighs each week once (a week's answers are one observation).
        acc[m].s += r[m];
        acc[m].n += 1;
      }
    }
  }
  for (const [p, ser] of byPerson) {
    const acc = sums.get(p)!;
    for (const m of CHECKIN_MEASURES) ser.mean[m] = acc[m].n ? acc[m].s / acc[m].n : null;
  }
  return { weekStart, period: { from: firstWeek, to: addDays(lastWeek, 6) }, weeks, series: [...byPerson.values()].sort((a, b) => a.personId - b.personId) };
}
