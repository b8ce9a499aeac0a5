/**
 * A check-in question over the weeks (1–5), as a tiny line in a table cell: the printed report's
 * check-ins table, where a full chart per question would take a page per person. Its colours are the
 * charts' palette (theme.ts); its name (`label`) carries the numbers for assistive technology.
 */
import { SERIES_COLOR, GRID_COLOR } from './theme.js';

/** Line segments through the points; a week without a check-in is skipped, and the line bridges it. */
function bridged(values: readonly (number | null)[], x: (i: number) => number, y: (v: number) => number): string {
  let d = '';
  values.forEach((v, i) => {
    if (v === null) return;
    d += `${d === '' ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
  });
  return d;
}

export function Sparkline({ values, label }: { values: readonly (number | null)[]; label: string }) {
  const w = 110;
  const h = 22;
  const n = values.length;
  const x = (i: number) => (n <= 1 ? w / 2 : 3 + (i / (n - 1)) * (w - 6));
  const y = (v: number) => 3 + ((5 - v) / 4) * (h - 6);
  return (
    <svg className="chart-spark" viewBox={`0 0 ${w} ${h}`} width={w} height={h} role="img" aria-label={label}>
      <line x1="0" x2={w} y1={y(3)} y2={y(3)} stroke={GRID_COLOR} strokeWidth="0.8" />
      <path d={bridged(values, x, y)} fill="none" stroke={SERIES_COLOR} strokeWidth="1.4" />
      {values.map((v, i) => (v === null ? null : <circle key={i} cx={x(i)} cy={y(v)} r="1.8" fill={SERIES_COLOR} />))}
    </svg>
  );
}
