/** Averages shared by the SQL-backed series and the in-memory index, so both draw the same numbers. */
import type { HealthyShare } from '../../../../shared/insights.js';
import type { Scope } from './range.js';

/** Σ ÷ n, or null when there is nothing to average. */
export const ratio = (sum: number, n: number): number | null => (n > 0 ? sum / n : null);

/** Trailing window over bucket positions: Σ sums ÷ Σ counts of the last `window` buckets. */
export function movingMean(sums: number[], counts: number[], window: number): (number | null)[] {
  return sums.map((_, i) => {
    let sum = 0;
    let n = 0;
    for (let j = Math.max(0, i - window + 1); j <= i; j++) {
      sum += sums[j]!;
      n += counts[j]!;
    }
    return ratio(sum, n);
  });
}

/** The healthy-share chart from its per-bucket counts and the previous period's totals. */
export function healthyShareOf(s: Scope, healthy: number[], imbalance: number[], prev: { h: number; i: number }): HealthyShare {
  const sumH = healthy.reduce((a, b) => a + b, 0);
  const sumI = imbalance.reduce((a, b) => a + b, 0);
  return {
    axis: s.axis,
    values: healthy.map((h, i) => ratio(h, h + imbalance[i]!)),
    healthy,
    imbalance,
    share: ratio(sumH, sumH + sumI),
    previousShare: s.previous ? ratio(prev.h, prev.h + prev.i) : null,
  };
}
