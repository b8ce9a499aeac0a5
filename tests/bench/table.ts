/** The one table `npm run bench` prints (Markdown, so the README can quote it as is). */
import type { SizeResult } from './measures/common.js';

export interface RowDef {
  id: string;
  measure: string;
  target: string;
  /** What the baseline is, when there is one. */
  baseline?: string;
  unit?: 'ms' | 'MB';
  /** What the ratio is computed from, when not p50 ÷ p50. */
  ratioNote?: string;
  /** Measured once, not per journal size. */
  once?: boolean;
  /** Pass/fail at the largest size; null = no target to judge. */
  judge: (r: SizeResult) => boolean | null;
}

export interface RowResult {
  def: RowDef;
  bySize: Record<string, SizeResult>;
  unavailable?: string;
  pass?: boolean | null;
}

function num(x: number): string {
  if (!Number.isFinite(x)) return '—';
  const a = Math.abs(x);
  if (a >= 1000) return Math.round(x).toLocaleString('en-US');
  if (a >= 100) return x.toFixed(0);
  if (a >= 10) return x.toFixed(1);
  if (a >= 1) return x.toFixed(2);
  return x.toFixed(3);
}
const withUnit = (x: number, unit: string) => (Number.isFinite(x) ? `${num(x)} ${unit}` : '—');
function ratio(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return '—';
  if (x >= 10) return `${x.toFixed(0)}×`;
  if (x >= 0.1) return `${x.toFixed(2)}×`;
  return `${x.toPrecision(2)}×`;
}

/** Judges every row at the largest size that has a result. */
export function judge(rows: RowResult[], labels: readonly string[]): void {
  for (const row of rows) {
    const largest = [...labels].reverse().find((l) => row.bySize[l] && !row.bySize[l]!.unavailable);
    if (row.unavailable || !largest || largest !== labels.at(-1)) {
      const why = Object.values(row.bySize).find((r) => r.unavailable)?.unavailable;
      row.unavailable ??= why ?? (largest ? `measured only up to ${largest}` : 'not measured');
      row.pass = null;
      continue;
    }
    row.pass = row.def.judge(row.bySize[largest]!);
  }
}

export function formatTable(rows: RowResult[], labels: readonly string[]): string {
  judge(rows, labels);
  const top = labels.at(-1)!;
  const head = ['Measure', 'Target', `p50 (${top})`, `p95 (${top})`, 'Baseline p50 / p95', 'Ratio', `Growth, p50 ${labels.join(' → ')}`, 'Result'];
  const lines = [head, head.map(() => '---')];
  for (const row of rows) {
    const unit = row.def.unit ?? 'ms';
    const r = row.bySize[top];
    const ok = r && !r.unavailable;
    const baseline = ok && r.baseline ? `${row.def.baseline}: ${num(r.baseline.p50)} / ${withUnit(r.baseline.p95, unit)}` : (row.def.baseline ?? '—');
    const growth = row.def.once ? '—' : labels.map((l) => (row.bySize[l] && !row.bySize[l]!.unavailable ? num(row.bySize[l]!.value.p50) : '—')).join(' → ');
    let note = '';
    if (ok && row.def.id === 'insert' && r.extra) {
      const above = r.extra.aboveFsyncP95 as number;
      const slower = r.extra.jsonSlowerBy as number;
      note = ` (p95 ${above >= 0 ? '+' : ''}${num(above)} ms vs fsync; JSON ${num(slower)}× slower)`;
    }
    const result = row.unavailable ? `n/a — ${row.unavailable}` : row.pass === null ? '—' : row.pass ? 'pass' : '**FAIL**';
    lines.push([
      row.def.measure,
      row.def.target,
      ok ? withUnit(r.value.p50, unit) : '—',
      ok ? withUnit(r.value.p95, unit) : '—',
      baseline,
      ok ? `${ratio(r.ratio)}${row.def.ratioNote && r.ratio !== undefined ? ` (${row.def.ratioNote})` : ''}` : '—',
      growth,
      result + note,
    ]);
  }
  return lines.map((cells) => `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`).join('\n');
}
