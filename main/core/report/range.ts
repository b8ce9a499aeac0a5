/** The report's range in days, from the builder's choice (fixed dates, the last N days, since the last session). */
import { FulcrumError } from '../../../shared/errors.js';
import { addDays, daysBetween } from '../../../shared/insights.js';
import type { ReportPeriod, ReportRange } from '../../../shared/report.js';
import type { DB } from '../db/index.js';
import { lastSessionDay } from '../db/repos/sessions.js';

export interface ResolvedRange {
  range: ReportPeriod;
  /** The equal-length period just before, for "up from 2". */
  previous: ReportPeriod;
  /** The session day the range starts from ("since my last session"), else null. */
  sinceSession: string | null;
}

const period = (from: string, to: string): ReportPeriod => ({ from, to, days: daysBetween(from, to) + 1 });

export function resolveRange(db: DB, range: ReportRange, today: string): ResolvedRange {
  let from: string;
  let to: string;
  let sinceSession: string | null = null;
  if (range.kind === 'dates') {
    from = range.from;
    to = range.to;
  } else if (range.kind === 'last') {
    from = addDays(today, -(range.days - 1));
    to = today;
  } else {
    sinceSession = lastSessionDay(db, today);
    if (!sinceSession) {
      throw new FulcrumError('NOT_FOUND', 'No therapy session is marked yet. Mark the day of your last session, or choose dates for the report.');
    }
    from = sinceSession;
    to = today;
  }
  const length = daysBetween(from, to) + 1;
  return { range: period(from, to), previous: period(addDays(from, -length), addDays(from, -1)), sinceSession };
}
