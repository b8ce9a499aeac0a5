/**
 * The report's charts: small, static SVG (vector in the PDF, no animation, no measuring of the page),
 * drawn from the series the analytics core returns. Each has a text alternative, and colour is never
 * the only signal: healthy bars are hatched, lines differ by dash and marker.
 */
import { useId } from 'react';
import type { Axis, BalanceTrend, DomainBreakdown, PatternCounts, ScoreMeasure, ScoreTrends } from '../../shared/insights.js';
import { useT, type MessageId } from '../i18n/index.js';
import { useVocabulary } from '../i18n/vocabulary.js';
import { useReportFormat } from './format.js';

const W = 640;
const M = { top: 14, right: 14, bottom: 30, left: 44 };
const INK = '#2b2f36';
const GRID = '#d9d6cf';
const MUTED = '#5b6068';
export const IMBALANCE_COLOR = '#b3541e';
export const HEALTHY_COLOR = '#1f7a5a';

/** A step of 1, 2 or 5 × 10ⁿ giving at most `ticks` intervals up to `max`. */
function niceMax(max: number, ticks = 4): { top: number; step: number } {
  if (max <= 0) return { top: 1, step: 1 };
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const s = Math.max(1, step);
  return { top: Math.ceil(max / s) * s, step: s };
}

/** Indices of the bucket labels to print (about 8, evenly spread, always the first). */
function labelled(n: number, most = 8): Set<number> {
  const every = Math.max(1, Math.ceil(n / most));
  const out = new Set<number>();
  for (let i = 0; i < n; i += every) out.add(i);
  return out;
}

function XLabels({ axis, x, y }: { axis: Axis; x: (i: number) => number; y: number }) {
  const { bucketLabel } = useReportFormat();
  const show = labelled(axis.buckets.length);
  return (
    <g fontSize="10" fill={MUTED} textAnchor="middle">
      {axis.buckets.map((b, i) =>
        show.has(i) ? (
          <text key={b.key} x={x(i)} y={y}>
            {bucketLabel(b.key, axis.bucket)}
          </text>
        ) : null,
      )}
    </g>
  );
}


export function PolarityBars({ patterns }: { patterns: PatternCounts }) {
  const t = useT();
  const f = useReportFormat();
  const hatch = useId().replace(/:/g, '');
  const axis = patterns.axis;
  const imb = patterns.byPolarity.find((p) => p.polarity === 'imbalance')!;
  const hea = patterns.byPolarity.find((p) => p.polarity === 'healthy')!;
  const n = axis.buckets.length;
  const H = 190;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const { top, step } = niceMax(Math.max(1, ...imb.values, ...hea.values));
  const band = plotW / Math.max(1, n);
  const bar = Math.max(1.5, Math.min(14, band * 0.36));
  const y = (v: number) => M.top + plotH - (v / top) * plotH;
  const cx = (i: number) => M.left + band * (i + 0.5);
  const ticks: number[] = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);
  const label = t('report.chart.polarity', { bucket: axis.bucket, imbalance: f.integer(imb.total), healthy: f.integer(hea.total) });
  return (
    <svg className="rp-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      <defs>
        <pattern id={hatch} width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="4" height="4" fill="#e3f1ec" />
          <line x1="0" y1="0" x2="0" y2="4" stroke={HEALTHY_COLOR} strokeWidth="2.2" />
        </pattern>
      </defs>
      <g stroke={GRID} strokeWidth="0.8">
        {ticks.map((v) => (
          <line key={v} x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} />
        ))}
      </g>
      <g fontSize="10" fill={MUTED} textAnchor="end">
        {ticks.map((v) => (
          <text key={v} x={M.left - 6} y={y(v) + 3.5}>
            {f.integer(v)}
          </text>
        ))}
      </g>
      {axis.buckets.map((b, i) => (
        <g key={b.key}>
          {imb.values[i]! > 0 && <rect x={cx(i) - bar - 0.5} y={y(imb.values[i]!)} width={bar} height={y(0) - y(imb.values[i]!)} fill={IMBALANCE_COLOR} />}
          {hea.values[i]! > 0 && (
            <rect x={cx(i) + 0.5} y={y(hea.values[i]!)} width={bar} height={y(0) - y(hea.values[i]!)} fill={`url(#${hatch})`} stroke={HEALTHY_COLOR} strokeWidth="0.8" />
          )}
        </g>
      ))}
      <line x1={M.left} x2={W - M.right} y1={y(0)} y2={y(0)} stroke={INK} strokeWidth="1" />
      <XLabels axis={axis} x={cx} y={H - 10} />
    </svg>
  );
}

export function PolarityLegend() {
  const t = useT();
  return (
    <p className="rp-legend">
      <span className="rp-key rp-key-imbalance" aria-hidden="true" /> {t('report.chart.legendImbalance')}
      <span className="rp-key rp-key-healthy" aria-hidden="true" /> {t('report.chart.legendHealthy')}
    </p>
  );
}

/** Line segments through the non-null points: a gap where a bucket has no value, unless `bridge`. */
function paths(values: readonly (number | null)[], x: (i: number) => number, y: (v: number) => number, bridge = false): string {
  let d = '';
  let open = false;
  values.forEach((v, i) => {
    if (v === null) {
      if (!bridge) open = false;
      return;
    }
    d += `${open ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    open = true;
  });
  return d;
}

export function BalanceLine({ balance }: { balance: BalanceTrend }) {
  const t = useT();
  const f = useReportFormat();
  const axis = balance.axis;
  const n = axis.buckets.length;
  const H = 200;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const band = plotW / Math.max(1, n);
  const x = (i: number) => M.left + band * (i + 0.5);
  const y = (v: number) => M.top + ((3 - v) / 6) * plotH;
  const o = balance.overall;
  const label = t('report.chart.balance', { bucket: axis.bucket, mean: o.mean === null ? t('report.chart.noRated') : f.decimal(o.mean) });
  return (
    <svg className="rp-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      <g stroke={GRID} strokeWidth="0.8">
        {[-3, -2, -1, 1, 2, 3].map((v) => (
          <line key={v} x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} />
        ))}
      </g>
      <line x1={M.left} x2={W - M.right} y1={y(0)} y2={y(0)} stroke={INK} strokeWidth="1" />
      <g fontSize="10" fill={MUTED} textAnchor="end">
        {[-3, -2, -1, 0, 1, 2, 3].map((v) => (
          <text key={v} x={M.left - 6} y={y(v) + 3.5}>
            {v > 0 ? `+${f.integer(v)}` : v < 0 ? `−${f.integer(-v)}` : f.integer(0)}
          </text>
        ))}
      </g>
      <g fontSize="9.5" fill={MUTED}>
        <text x={M.left + 4} y={y(3) + 11}>
          {t('report.chart.iMore')}
        </text>
        <text x={M.left + 4} y={y(-3) - 4}>
          {t('report.chart.theyMore')}
        </text>
      </g>
      <path d={paths(o.moving, x, y)} fill="none" stroke={MUTED} strokeWidth="1.4" strokeDasharray="5 3" />
      <path d={paths(o.values, x, y)} fill="none" stroke="#2c5a85" strokeWidth="1.8" />
      {o.values.map((v, i) => (v === null ? null : <circle key={i} cx={x(i)} cy={y(v)} r="2.6" fill="#2c5a85" />))}
      <XLabels axis={axis} x={x} y={H - 10} />
    </svg>
  );
}

export const SCORE_STYLE: Record<ScoreMeasure, { color: string; dash: string; label: MessageId; marker: 'circle' | 'square' | 'triangle' | 'diamond' }> = {
  heard: { color: '#0072B2', dash: '', label: 'report.doc.measure.heard', marker: 'circle' },
  respected: { color: '#D55E00', dash: '6 3', label: 'report.doc.measure.respected', marker: 'square' },
  valued: { color: '#009E73', dash: '2 2', label: 'report.doc.measure.valued', marker: 'triangle' },
  involved: { color: '#8a4f7d', dash: '8 3 2 3', label: 'report.doc.measure.involved', marker: 'diamond' },
};

function Marker({ kind, x, y, color }: { kind: 'circle' | 'square' | 'triangle' | 'diamond'; x: number; y: number; color: string }) {
  if (kind === 'circle') return <circle cx={x} cy={y} r="2.6" fill={color} />;
  if (kind === 'square') return <rect x={x - 2.4} y={y - 2.4} width="4.8" height="4.8" fill={color} />;
  if (kind === 'triangle') return <path d={`M${x},${y - 3.2}L${x + 3},${y + 2.4}L${x - 3},${y + 2.4}Z`} fill={color} />;
  return <path d={`M${x},${y - 3.2}L${x + 3},${y}L${x},${y + 3.2}L${x - 3},${y}Z`} fill={color} />;
}

export function ScoreLines({ scores }: { scores: ScoreTrends }) {
  const t = useT();
  const f = useReportFormat();
  const axis = scores.axis;
  const n = axis.buckets.length;
  const H = 190;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const band = plotW / Math.max(1, n);
  const x = (i: number) => M.left + band * (i + 0.5);
  const y = (v: number) => M.top + ((5 - v) / 4) * plotH;
  const means = scores.series
    .map((s) => t('report.chart.scoreMean', { measure: t(SCORE_STYLE[s.measure].label).toLocaleLowerCase(f.locale), value: s.mean === null ? t('report.chart.notRated') : f.decimal(s.mean) }))
    .join(', ');
  return (
    <svg className="rp-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('report.chart.scores', { bucket: axis.bucket, means })}>
      <g stroke={GRID} strokeWidth="0.8">
        {[1, 2, 3, 4, 5].map((v) => (
          <line key={v} x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} />
        ))}
      </g>
      <g fontSize="10" fill={MUTED} textAnchor="end">
        {[1, 2, 3, 4, 5].map((v) => (
          <text key={v} x={M.left - 6} y={y(v) + 3.5}>
            {f.integer(v)}
          </text>
        ))}
      </g>
      {scores.series.map((s) => {
        const st = SCORE_STYLE[s.measure];
        return (
          <g key={s.measure}>
            <path d={paths(s.values, x, y)} fill="none" stroke={st.color} strokeWidth="1.6" strokeDasharray={st.dash || undefined} />
            {s.values.map((v, i) => (v === null ? null : <Marker key={i} kind={st.marker} x={x(i)} y={y(v)} color={st.color} />))}
          </g>
        );
      })}
      <XLabels axis={axis} x={x} y={H - 10} />
    </svg>
  );
}

export function ScoreLegend() {
  const t = useT();
  return (
    <p className="rp-legend">
      {(Object.keys(SCORE_STYLE) as ScoreMeasure[]).map((m) => (
        <span key={m} className="rp-legend-item">
          <svg width="26" height="10" viewBox="0 0 26 10" aria-hidden="true">
            <line x1="1" x2="25" y1="5" y2="5" stroke={SCORE_STYLE[m].color} strokeWidth="1.8" strokeDasharray={SCORE_STYLE[m].dash || undefined} />
            <Marker kind={SCORE_STYLE[m].marker} x={13} y={5} color={SCORE_STYLE[m].color} />
          </svg>
          {t(SCORE_STYLE[m].label)}
        </span>
      ))}
    </p>
  );
}

export function AreaBars({ domains }: { domains: DomainBreakdown }) {
  const t = useT();
  const f = useReportFormat();
  const v = useVocabulary();
  const items = domains.items;
  const row = 22;
  const H = 8 + items.length * row;
  const labelW = 120;
  const plotW = W - labelW - 70;
  const max = Math.max(1, ...items.map((i) => Math.max(i.entries, i.previousEntries ?? 0)));
  const w = (v: number) => (v / max) * plotW;
  const label = t('report.chart.areas', {
    items: items
      .map((i) =>
        i.previousEntries === null
          ? t('report.chart.area', { area: v.domain(i.domain), count: f.integer(i.entries) })
          : t('report.chart.areaBefore', { area: v.domain(i.domain), count: f.integer(i.entries), before: f.integer(i.previousEntries) }),
      )
      .join(', '),
  });
  return (
    <svg className="rp-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      {items.map((it, k) => {
        const top = 4 + k * row;
        return (
          <g key={it.domain}>
            <text x={labelW - 8} y={top + 12} fontSize="10.5" fill={INK} textAnchor="end">
              {v.domain(it.domain)}
            </text>
            <rect x={labelW} y={top + 3} width={Math.max(1, w(it.entries))} height="10" fill="#4a6f94" />
            {it.previousEntries !== null && it.previousEntries > 0 && (
              <rect x={labelW} y={top + 15} width={w(it.previousEntries)} height="3" fill={MUTED} opacity="0.55" />
            )}
            <text x={labelW + w(it.entries) + 6} y={top + 12} fontSize="10" fill={INK}>
              {f.integer(it.entries)}
              {it.previousEntries !== null ? t('report.chart.before', { before: f.integer(it.previousEntries) }) : ''}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** A check-in measure over the weeks (1–5), as a tiny line. */
export function Sparkline({ values, label }: { values: readonly (number | null)[]; label: string }) {
  const w = 110;
  const h = 22;
  const n = values.length;
  const x = (i: number) => (n <= 1 ? w / 2 : 3 + (i / (n - 1)) * (w - 6));
  const y = (v: number) => 3 + ((5 - v) / 4) * (h - 6);
  return (
    <svg className="rp-spark" viewBox={`0 0 ${w} ${h}`} width={w} height={h} role="img" aria-label={label}>
      <line x1="0" x2={w} y1={y(3)} y2={y(3)} stroke={GRID} strokeWidth="0.8" />
      {/* A week without a check-in is a skipped check-in, not a break in the trend: the line bridges it. */}
      <path d={paths(values, x, y, true)} fill="none" stroke="#2c5a85" strokeWidth="1.4" />
      {values.map((v, i) => (v === null ? null : <circle key={i} cx={x(i)} cy={y(v)} r="1.8" fill="#2c5a85" />))}
    </svg>
  );
}
