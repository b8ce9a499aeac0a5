/** The pieces every chart shares: its frame (title, summary, empty state, table), legend, markers, tooltip. */
import { useId, type ReactNode } from 'react';
import { Rectangle, type BarShapeProps } from 'recharts';
import '../styles/charts.css';
import type { MarkerShape } from './theme.js';
import { useT } from '../i18n/index.js';
import { directionOf } from '../i18n/translate.js';
import { formatInteger } from '../lib/format.js';
import { useChartWords } from './words.js';

export interface ChartFrameProps {
  title: string;
  /** 2 on the insights page, 3 inside a section (person view), 4 under the report's "Over time". */
  level?: 2 | 3 | 4;
  summary: string;
  /** Shown instead of the chart when there is nothing to draw. */
  empty?: string | null;
  /** A short key to the marks (HTML, so its text keeps the page's contrast). */
  legend?: ReactNode;
  /** The data as a table: the chart's text alternative, and its keyboard route to the drill-down. */
  table?: ReactNode;
  /** Open the table by default (print: the report may want it shown). */
  tableOpen?: boolean;
  /** Extra controls (a measure picker) next to the title. */
  controls?: ReactNode;
  className?: string;
  /** The children are a table already (no image wrapper, no second table). */
  plain?: boolean;
  children: ReactNode;
}

/**
 * A chart as a labelled section. The drawing itself is an image to assistive technology, named by the
 * summary; the table under "Show as table" carries the numbers (and a button per number that opens
 * its entries, which is how the drill-down works from the keyboard).
 */
export function ChartFrame(p: ChartFrameProps) {
  const headingId = useId();
  const t = useT();
  const Heading = p.level === 4 ? 'h4' : p.level === 3 ? 'h3' : 'h2';
  return (
    <section className={`chart-card ${p.className ?? ''}`} aria-labelledby={headingId}>
      <div className="chart-head">
        <Heading id={headingId} className="chart-title" dir="auto">
          {p.title}
        </Heading>
        {p.controls}
      </div>
      {p.empty ? (
        <p className="chart-empty">{p.empty}</p>
      ) : (
        <>
          {p.legend && <div className="chart-legend">{p.legend}</div>}
          {p.plain ? (
            p.children
          ) : (
            <div className="chart-drawing" role="img" aria-label={t(p.table ? 'charts.drawingWithTable' : 'charts.drawing', { title: p.title, summary: p.summary })}>
              {p.children}
            </div>
          )}
        </>
      )}
      {/* An empty chart's message says it already. */}
      {!p.empty && (
        <p className="chart-summary" dir="auto">
          {p.summary}
        </p>
      )}
      {!p.empty && p.table && (
        <details className="chart-table" open={p.tableOpen}>
          <summary>
            {t('charts.showTable')}
            <span className="visually-hidden">: {p.title}</span>
          </summary>
          {/* Focusable, so a keyboard can scroll a long table (and it is announced by name). */}
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('charts.tableName', { title: p.title })}>
            {p.table}
          </div>
        </details>
      )}
    </section>
  );
}

export interface LegendItem {
  label: string;
  color: string;
  dash?: string;
  marker?: MarkerShape;
  hatched?: boolean;
  kind?: 'line' | 'box';
}

/** The key, as a list: a small drawn sample of each mark and its name. */
export function Legend({ items, note }: { items: readonly LegendItem[]; note?: ReactNode }) {
  return (
    <>
      <ul className="legend-list">
        {items.map((it) => (
          <li key={it.label}>
            <svg width={it.kind === 'line' ? 30 : 14} height={14} aria-hidden="true" focusable="false">
              {it.kind === 'line' ? (
                <>
                  <line x1={1} y1={7} x2={29} y2={7} stroke={it.color} strokeWidth={2.5} strokeDasharray={it.dash || undefined} />
                  {it.marker && <Marker shape={it.marker} cx={15} cy={7} r={3.5} fill={it.color} />}
                </>
              ) : it.hatched ? (
                <HatchedRect x={1} y={1} width={12} height={12} rx={2} color={it.color} />
              ) : (
                <rect x={1} y={1} width={12} height={12} rx={2} fill={it.color} stroke={it.color} />
              )}
            </svg>
            <span dir="auto">{it.label}</span>
          </li>
        ))}
      </ul>
      {note && <p className="legend-note">{note}</p>}
    </>
  );
}

/** Right to left (Arabic): time axes run from right to left, as the page reads. */
export const useRtl = (): boolean => directionOf(useChartWords().language) === 'rtl';


/*
 * Healthy marks are hatched: diagonal stripes in their colour over a pale wash of it, so they are told
 * apart from imbalance without colour. The stripes are drawn as shapes, not filled from an SVG
 * <pattern>: Chromium prints every pattern-filled mark as a tiled image of its own, which made a
 * year's pattern chart cost ~0.4 s of a report's printing; plain shapes print as fast as solid bars.
 *
 * Stripes run at 45° (along x + y = constant), 1.5 units wide and 6 apart, fixed to the drawing's own
 * coordinates so they line up across stacked and neighbouring marks.
 */
const STRIPE_PERIOD = 6 * Math.SQRT2;
const STRIPE_WIDTH = 1.5 * Math.SQRT2;
const WASH_OPACITY = 0.35;

type Pt = readonly [number, number];

/** The part of a convex polygon on one side of the line x + y = bound (Sutherland–Hodgman, one edge). */
function clipAlongDiagonal(poly: readonly Pt[], bound: number, keepAbove: boolean): Pt[] {
  const inside = (p: Pt) => (keepAbove ? p[0] + p[1] >= bound : p[0] + p[1] <= bound);
  const out: Pt[] = [];
  for (let i = 0; i < poly.length; i++) {
    const p = poly[i]!;
    const q = poly[(i + 1) % poly.length]!;
    const pIn = inside(p);
    if (pIn) out.push(p);
    if (pIn !== inside(q)) {
      const sp = p[0] + p[1];
      const t = (bound - sp) / (q[0] + q[1] - sp);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return out;
}

const coord = (n: number) => String(Math.round(n * 100) / 100);

/** The stripes inside a rectangle, as one path (empty for an empty rectangle). Width or height may be negative. */
export function stripesPath(x: number, y: number, width: number, height: number): string {
  const x0 = Math.min(x, x + width);
  const x1 = Math.max(x, x + width);
  const y0 = Math.min(y, y + height);
  const y1 = Math.max(y, y + height);
  if (!(x1 > x0 && y1 > y0)) return '';
  const rect: Pt[] = [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
  let d = '';
  for (let c = Math.floor((x0 + y0 - STRIPE_WIDTH) / STRIPE_PERIOD) * STRIPE_PERIOD; c < x1 + y1; c += STRIPE_PERIOD) {
    const band = clipAlongDiagonal(clipAlongDiagonal(rect, c, true), c + STRIPE_WIDTH, false);
    if (band.length >= 3) d += `M${band.map((p) => `${coord(p[0])},${coord(p[1])}`).join('L')}Z`;
  }
  return d;
}

/** A hatched rectangle: the wash with its outline, and the stripes over it. */
export function HatchedRect({ x, y, width, height, rx, color }: { x: number; y: number; width: number; height: number; rx?: number; color: string }) {
  return (
    <>
      <rect x={x} y={y} width={width} height={height} rx={rx} fill={color} fillOpacity={WASH_OPACITY} stroke={color} />
      <path d={stripesPath(x, y, width, height)} fill={color} />
    </>
  );
}

/** A point marker: shape as well as colour tells lines apart. */
export function Marker({ shape, cx, cy, r, fill, stroke, strokeWidth }: { shape: MarkerShape; cx: number; cy: number; r: number; fill: string; stroke?: string; strokeWidth?: number }) {
  const common = { fill, stroke, strokeWidth };
  switch (shape) {
    case 'square':
      return <rect x={cx - r} y={cy - r} width={2 * r} height={2 * r} {...common} />;
    case 'triangle':
      return <path d={`M${cx},${cy - r * 1.2} L${cx + r * 1.1},${cy + r * 0.8} L${cx - r * 1.1},${cy + r * 0.8} Z`} {...common} />;
    case 'diamond':
      return <path d={`M${cx},${cy - r * 1.3} L${cx + r * 1.1},${cy} L${cx},${cy + r * 1.3} L${cx - r * 1.1},${cy} Z`} {...common} />;
    case 'cross': {
      const a = r * 0.45;
      return (
        <path
          d={`M${cx - a},${cy - r} h${2 * a} v${r - a} h${r - a} v${2 * a} h${-(r - a)} v${r - a} h${-2 * a} v${-(r - a)} h${-(r - a)} v${-2 * a} h${r - a} Z`}
          {...common}
        />
      );
    }
    case 'star': {
      const pts: string[] = [];
      for (let i = 0; i < 10; i++) {
        const rad = i % 2 === 0 ? r * 1.3 : r * 0.55;
        const a = (Math.PI / 5) * i - Math.PI / 2;
        pts.push(`${cx + rad * Math.cos(a)},${cy + rad * Math.sin(a)}`);
      }
      return <polygon points={pts.join(' ')} {...common} />;
    }
    default:
      return <circle cx={cx} cy={cy} r={r} {...common} />;
  }
}

/** The tooltip box (recharts positions it; this is its content). */
export function TipBox({ title, rows, hint }: { title: string; rows: readonly { label: string; value: string; color?: string }[]; hint?: string }) {
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-title" dir="auto">
        {title}
      </p>
      {rows.length > 0 && (
        <ul>
          {rows.map((r) => (
            <li key={r.label}>
              {r.color && <span className="swatch" style={{ backgroundColor: r.color }} aria-hidden="true" />}
              <span className="chart-tooltip-label" dir="auto">{r.label}</span>
              <span className="chart-tooltip-value">{r.value}</span>
            </li>
          ))}
        </ul>
      )}
      {hint && <p className="chart-tooltip-hint">{hint}</p>}
    </div>
  );
}

/** A number in a table that opens its entries on the timeline. */
export function DrillButton({ count, what, onDrill }: { count: number; what: string; onDrill?: (() => void) | undefined }) {
  const t = useT();
  const w = useChartWords();
  if (!onDrill || count === 0) return <>{formatInteger(count, w.locale)}</>;
  return (
    <button type="button" className="link-button drill-button" onClick={onDrill}>
      {formatInteger(count, w.locale)}
      <span className="visually-hidden">
        {' '}
        {t('charts.drill', { count, what })}
      </span>
    </button>
  );
}

/** What a mark stands for, written on it as data-* attributes (tests find a mark and its count by them). */
export interface MarkInfo {
  /** The entries it counts (what a click opens). */
  count?: number;
  /** The value drawn, for marks that are not counts (a check-in answer). */
  value?: number;
  from: string;
  to: string;
  series: string;
}
const markAttrs = (m: MarkInfo) => ({ 'data-count': m.count, 'data-value': m.value, 'data-from': m.from, 'data-to': m.to, 'data-series': m.series });

/** A bar shape that carries its MarkInfo and draws nothing for an empty bar; hatched in `hatch`'s colour when given. */
export function barShape(describe: (p: BarShapeProps) => MarkInfo | null, hatch?: string) {
  return function MarkedBar(p: BarShapeProps) {
    const m = describe(p);
    if (!m || !m.count) return <g />;
    return (
      <g className="chart-mark" {...markAttrs(m)}>
        {hatch ? (
          <>
            <Rectangle {...p} fill={hatch} fillOpacity={WASH_OPACITY} stroke={hatch} />
            <path d={stripesPath(p.x ?? 0, p.y ?? 0, p.width ?? 0, p.height ?? 0)} fill={hatch} />
          </>
        ) : (
          <Rectangle {...p} />
        )}
      </g>
    );
  };
}

/** A clickable point (a larger invisible target round the marker), carrying its MarkInfo. */
export function Point(props: { cx: number; cy: number; shape: MarkerShape; color: string; info: MarkInfo | null; onClick?: (() => void) | undefined; r?: number }) {
  const { cx, cy, info, onClick } = props;
  return (
    <g className={onClick ? 'chart-point chart-mark chart-clickable' : 'chart-point chart-mark'} onClick={onClick} {...(info ? markAttrs(info) : {})}>
      {onClick && <circle cx={cx} cy={cy} r={9} fill="transparent" />}
      <Marker shape={props.shape} cx={cx} cy={cy} r={props.r ?? 3.5} fill={props.color} />
    </g>
  );
}
