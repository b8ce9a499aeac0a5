/** Averages shared by the SQL-backed series and the in-memory index, so both draw the same numbers. */

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
