/**
 * Calendar heat map: one square per day, weeks as columns. The shade is the number of entries that
 * day; the dot in it, their mean intensity (1–5). Plain SVG (recharts has no calendar), up to the last
 * 53 weeks of the range.
 */
import { memo, useMemo, useRef, useState } from 'react';
import { formatDayParts, weekdayName } from '../lib/format.js';
import { useT } from '../i18n/index.js';
import { addDays, daysBetween, weekStartOf, type HeatMap } from '../../shared/insights.js';
import { dayLabel, num } from './format.js';
import { ChartFrame, DrillButton, useRtl } from './parts.js';
import { heatMapSummary } from './summaries.js';
import type { ChartProps } from './types.js';

const MAX_WEEKS = 53;

export const HeatMapChart = memo(function HeatMapChart(props: ChartProps & { data: HeatMap; weekStart: number }) {
  const { data, weekStart, when, onDrill, print } = props;
  const t = useT();
  // Right to left (Arabic): the weeks run from right to left, the weekday names on the right.
  const rtl = useRtl();
  const [hover, setHover] = useState<{ day: string; x: number; y: number } | null>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const layout = useMemo(() => {
    if (!data.period) return null;
    const lastWeek = weekStartOf(data.period.to, weekStart);
    const earliest = addDays(lastWeek, -(MAX_WEEKS - 1) * 7);
    const from = data.period.from < earliest ? earliest : data.period.from;
    const firstWeek = weekStartOf(from, weekStart);
    const weeks = daysBetween(firstWeek, lastWeek) / 7 + 1;
    const cell = weeks <= 6 ? 30 : weeks <= 14 ? 24 : weeks <= 27 ? 18 : 14;
    const gap = 3;
    const left = 34;
    const top = 18;
    const byDay = new Map(data.days.map((d) => [d.day, d]));
    const cells: { day: string; col: number; row: number; entries: number; intensity: number | null }[] = [];
    const months: { col: number; label: string }[] = [];
    for (let c = 0; c < weeks; c++) {
      for (let r = 0; r < 7; r++) {
        const day = addDays(firstWeek, c * 7 + r);
        if (day < from || day > data.period.to) continue;
        const d = byDay.get(day);
        cells.push({ day, col: c, row: r, entries: d?.entries ?? 0, intensity: d?.meanIntensity ?? null });
        if (day.endsWith('-01') || (c === 0 && day === from)) {
          if (!months.some((m) => m.col === c) && !months.some((m) => c - m.col < 3)) months.push({ col: c, label: formatDayParts(day, { month: 'short' }) });
        }
      }
    }
    return { from, clipped: from > data.period.from, weeks, cell, gap, left, top, cells, months, width: left + weeks * (cell + gap), height: top + 7 * (cell + gap) };
  }, [data, weekStart]);

  /** The left edge of a week's column, mirrored when the page reads right to left. */
  const colX = (col: number) => (layout ? (rtl ? layout.width - layout.left - (col + 1) * (layout.cell + layout.gap) + layout.gap : layout.left + col * (layout.cell + layout.gap)) : 0);
  const max = Math.max(1, data.maxEntries);
  const level = (n: number) => (n === 0 ? 0 : Math.min(4, Math.ceil((n / max) * 4)));
  const drill = (day: string, n: number) => n > 0 && onDrill?.({ from: day, to: day }, n, dayLabel(day));
  const hovered = hover ? data.days.find((d) => d.day === hover.day) : undefined;

  return (
    <ChartFrame
      title={props.title ?? t('charts.heat.title')}
      level={props.level}
      summary={heatMapSummary(data, when)}
      tableOpen={props.tableOpen}
      empty={data.days.length === 0 || !layout ? t('charts.heat.empty', { when }) : null}
      legend={
        <div className="heat-legend">
          <span>{t('charts.heat.fewer')}</span>
          <svg width={5 * 16} height={14} aria-hidden="true" focusable="false">
            {[0, 1, 2, 3, 4].map((l) => (
              <rect key={l} x={l * 16} y={1} width={12} height={12} rx={2} className={`heat-cell heat-${l}`} />
            ))}
          </svg>
          <span>{t('charts.heat.more')}</span>
          <span className="heat-legend-dot">
            <svg width={28} height={14} aria-hidden="true" focusable="false">
              <circle cx={5} cy={7} r={2} className="heat-dot" />
              <circle cx={20} cy={7} r={5} className="heat-dot" />
            </svg>
            {t('charts.heat.dot')}
          </span>
          {layout?.clipped && <span>{t('charts.heat.clipped')}</span>}
          {onDrill && !print && <span>{t('charts.heat.click')}</span>}
        </div>
      }
      table={
        <table>
          <caption className="visually-hidden">{t('charts.heat.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('charts.col.day')}</th>
              <th scope="col">{t('charts.col.entries')}</th>
              <th scope="col">{t('charts.heat.intensity')}</th>
            </tr>
          </thead>
          <tbody>
            {data.days.map((d) => (
              <tr key={d.day}>
                <th scope="row">{dayLabel(d.day)}</th>
                <td>
                  <DrillButton count={d.entries} what={dayLabel(d.day)} onDrill={onDrill ? () => drill(d.day, d.entries) : undefined} />
                </td>
                <td>{num(d.meanIntensity)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      {layout && (
        <div className="heat-wrap" ref={wrapRef} onMouseLeave={() => setHover(null)}>
          <svg
            className="heat-map"
            viewBox={`0 0 ${layout.width} ${layout.height}`}
            width={print ? Math.min(print.width ?? layout.width, layout.width) : layout.width}
            height={print ? Math.min(print.width ?? layout.width, layout.width) * (layout.height / layout.width) : layout.height}
          >
            {layout.months.map((m) => (
              <text key={m.col} x={rtl ? colX(m.col) + layout.cell : colX(m.col)} y={12} className="heat-label" textAnchor={rtl ? 'end' : 'start'}>
                {m.label}
              </text>
            ))}
            {[0, 2, 4, 6].map((r) => (
              <text key={r} x={rtl ? layout.width : 0} y={layout.top + r * (layout.cell + layout.gap) + layout.cell * 0.75} className="heat-label" textAnchor={rtl ? 'end' : 'start'}>
                {weekdayName((weekStart + r) % 7, 'short')}
              </text>
            ))}
            {layout.cells.map((c) => {
              const x = colX(c.col);
              const y = layout.top + c.row * (layout.cell + layout.gap);
              const clickable = onDrill && c.entries > 0;
              return (
                <g
                  key={c.day}
                  className={clickable ? 'heat-day heat-day-link' : 'heat-day'}
                  data-count={c.entries}
                  data-from={c.day}
                  data-to={c.day}
                  data-series="day"
                  onClick={clickable ? () => drill(c.day, c.entries) : undefined}
                  onMouseEnter={
                    print
                      ? undefined
                      : (e) => {
                          const r = e.currentTarget.getBoundingClientRect();
                          const w = wrapRef.current?.getBoundingClientRect();
                          if (w) setHover({ day: c.day, x: r.left - w.left + r.width / 2, y: r.top - w.top });
                        }
                  }
                >
                  <rect x={x} y={y} width={layout.cell} height={layout.cell} rx={3} className={`heat-cell heat-${level(c.entries)}`} />
                  {c.intensity !== null && <circle cx={x + layout.cell / 2} cy={y + layout.cell / 2} r={Math.max(1.5, (c.intensity / 5) * (layout.cell * 0.36))} className="heat-dot" />}
                </g>
              );
            })}
          </svg>
          {hover && !print && (
            <div className="chart-tooltip heat-tooltip" style={{ left: hover.x, top: hover.y }} aria-hidden="true">
              <p className="chart-tooltip-title">{dayLabel(hover.day)}</p>
              <p>
                {t('charts.entries', { count: hovered?.entries ?? 0 })}
                {hovered?.meanIntensity != null ? t('charts.heat.tipIntensity', { value: num(hovered.meanIntensity) }) : ''}
              </p>
              {onDrill && (hovered?.entries ?? 0) > 0 && <p className="chart-tooltip-hint">{t('charts.heat.clickThem')}</p>}
            </div>
          )}
        </div>
      )}
    </ChartFrame>
  );
});
