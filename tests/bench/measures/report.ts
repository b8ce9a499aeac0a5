/**
 * The report's model in core (report.build) for the journal's last year, entries flagged "raise with
 * my therapist" (the builder's defaults otherwise), as the preview asks for it: timed over the same
 * read-only copy, warm (a first call, not timed, fills SQLite's page cache as an open journal has).
 * The same model with every flagged entry in full text is measured beside it as the baseline.
 */
import { weekStartSetting } from '../../../main/core/db/analytics/index.js';
import { buildReport } from '../../../main/core/report/index.js';
import { addDays } from '../../../shared/insights.js';
import { ReportConfig } from '../../../shared/report.js';
import { closeQuietly, openEncrypted, workCopy, type BenchJournal } from '../journals.js';
import { summarise, timeSync } from '../stats.js';
import type { SizeResult } from './common.js';

export function oneYearConfig(j: BenchJournal, fullText: 'first' | 'all') {
  return ReportConfig.parse({
    range: { kind: 'dates', from: addDays(j.meta.lastDay, -364), to: j.meta.lastDay },
    entries: { select: 'flagged', detail: 'full', fullText },
  });
}

export function measureReportModel(j: BenchJournal, samples: number): SizeResult {
  const copy = workCopy(j, 'report-model');
  const db = openEncrypted(copy.dbFile, j.key);
  try {
    const c = { today: j.meta.lastDay, now: j.meta.now, weekStart: weekStartSetting(db) };
    const short = oneYearConfig(j, 'first');
    const long = oneYearConfig(j, 'all');
    const first = buildReport(db, short, c);
    buildReport(db, long, c);
    const value: number[] = [];
    const baseline: number[] = [];
    for (let s = 0; s < samples; s++) {
      value.push(timeSync(() => buildReport(db, short, c)));
      baseline.push(timeSync(() => buildReport(db, long, c)));
    }
    const entries = first.entries ?? [];
    return {
      value: summarise(value),
      baseline: summarise(baseline),
      extra: { entries: entries.length, inFull: entries.filter((e) => e.shown === 'full').length },
    };
  } finally {
    closeQuietly(db);
  }
}
