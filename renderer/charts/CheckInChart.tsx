/**
 * Check-in answers week by week (1–5). Two uses: one answer for several people (insights), or every
 * answer for one person (the person view). Check-ins are not entries, so nothing here drills down.
 */
import { memo, useMemo, type ReactNode } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis, type DotItemDotProps } from 'recharts';
import { CHECKIN_MEASURES, type CheckInMeasure, type CheckInTrends } from '../../shared/insights.js';
import { bucketTick, num, rangeLabel } from './format.js';
import { formatInteger } from '../lib/format.js';
import { addDays } from '../../shared/insights.js';
import { ChartFrame, Legend, Point, TipBox, useRtl } from './parts.js';
import { useT } from '../i18n/index.js';
import { checkInSummary, personCheckInSummary } from './summaries.js';
import { CHECKIN_COLORS, CHECKIN_QUESTIONS, chartSize, dashFor, inkFor, markerFor, type MarkerShape } from './theme.js';
import { useDarkMode } from './dark.js';
import type { ChartProps } from './types.js';

export interface CheckInLine {
  key: string;
  label: string;
  color: string;
  values: readonly (number | null)[];
}

interface Drawn extends CheckInLine {
  dash: string;
  marker: MarkerShape;
}

export function CheckInLines(props: Omit<ChartProps, 'onDrill'> & { title: string; summary: string; empty: string | null; weeks: readonly string[]; lines: readonly CheckInLine[]; controls?: ReactNode }) {
  const { weeks, print } = props;
  const t = useT();
  const rtl = useRtl();
  const dark = useDarkMode() && !print;
  const lines = useMemo<Drawn[]>(() => props.lines.map((l, i) => ({ ...l, color: inkFor(l.color, dark), dash: dashFor(i), marker: markerFor(i) })), [props.lines, dark]);
  const rows = useMemo(
    () =>
      weeks.map((w, i) => {
        const row: { key: string; i: number } & Record<string, number | null | string> = { key: w, i };
        for (const l of lines) row[l.key] = l.values[i] ?? null;
        return row;
      }),
    [weeks, lines],
  );
  const weekLabel = (w: string) => t('charts.checkins.weekOf', { range: rangeLabel(w, addDays(w, 6)) });
  const dot = (l: Drawn) =>
    function CheckInDot(p: DotItemDotProps) {
      if (p.value === null || p.value === undefined || p.cx === undefined || p.cy === undefined) return <g key={`${l.key}-${p.index}`} />;
      const w = (p.payload as { key?: string } | undefined)?.key;
      if (!w) return <g key={`${l.key}-${p.index}`} />;
      return <Point key={`${l.key}-${p.index}`} cx={p.cx} cy={p.cy} shape={l.marker} color={l.color} r={4} info={{ value: Number(p.value), from: w, to: addDays(w, 6), series: l.key }} />;
    };
  const answered = weeks.map((_, i) => lines.some((l) => l.values[i] !== null && l.values[i] !== undefined));
  return (
    <ChartFrame
      title={props.title}
      level={props.level}
      summary={props.summary}
      tableOpen={props.tableOpen}
      controls={props.controls}
      empty={props.empty}
      legend={<Legend items={lines.map((l) => ({ label: l.label, color: l.color, dash: l.dash, marker: l.marker, kind: 'line' as const }))} note={t('charts.checkins.note')} />}
      table={
        <table>
          <caption className="visually-hidden">{t('charts.checkins.caption', { title: props.title })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('charts.col.week')}</th>
              {lines.map((l) => (
                <th scope="col" key={l.key} dir="auto">
                  {l.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeks.map((w, i) =>
              answered[i] ? (
                <tr key={w}>
                  <th scope="row">{weekLabel(w)}</th>
                  {lines.map((l) => (
                    <td key={l.key}>{num(l.values[i] ?? null)}</td>
                  ))}
                </tr>
              ) : null,
            )}
          </tbody>
        </table>
      }
    >
      <LineChart {...chartSize(240, print)} data={rows} margin={{ top: 8, right: 12, bottom: 0, left: -12 }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} />
        <XAxis dataKey="key" tickFormatter={(k: string) => bucketTick(k, 'week')} minTickGap={16} tickLine={false} reversed={rtl} />
        <YAxis domain={[1, 5]} ticks={[1, 2, 3, 4, 5]} tickFormatter={(v: number) => formatInteger(v)} width={44} />
        {!print && (
          <Tooltip
            cursor={{ className: 'chart-cursor-line' }}
            isAnimationActive={false}
            content={({ active, payload }) => {
              const row = active ? (payload?.[0]?.payload as (typeof rows)[number] | undefined) : undefined;
              if (!row) return null;
              const items = lines.filter((l) => l.values[row.i] !== null && l.values[row.i] !== undefined).map((l) => ({ label: l.label, value: num(l.values[row.i] ?? null), color: l.color }));
              return <TipBox title={weekLabel(row.key)} rows={items} hint={items.length === 0 ? t('charts.checkins.noAnswer') : undefined} />;
            }}
          />
        )}
        {lines.map((l) => (
          <Line key={l.key} dataKey={l.key} name={l.label} stroke={l.color} strokeWidth={2} strokeDasharray={l.dash || undefined} dot={dot(l)} activeDot={false} connectNulls isAnimationActive={print ? false : 'auto'} />
        ))}
      </LineChart>
    </ChartFrame>
  );
}

/** One answer (e.g. "felt heard"), a line per person. */
export const CheckInTrendsChart = memo(function CheckInTrendsChart(
  props: Omit<ChartProps, 'onDrill'> & { data: CheckInTrends; measure: CheckInMeasure; personOf: (id: number) => { name: string; color: string }; controls?: ReactNode },
) {
  const { data, measure, personOf, when } = props;
  const t = useT();
  const lines = useMemo(() => data.series.map((s) => ({ key: `p${s.personId}`, label: personOf(s.personId).name, color: personOf(s.personId).color, values: s.values[measure] })), [data, measure, personOf]);
  return (
    <CheckInLines
      {...props}
      title={props.title ?? t('charts.checkins.title')}
      summary={checkInSummary(data, measure, when, (id) => personOf(id).name)}
      empty={data.series.length === 0 ? t('charts.checkins.empty', { when }) : null}
      weeks={data.weeks}
      lines={lines}
    />
  );
});

/** Every answer of one person's check-ins. */
export const PersonCheckInChart = memo(function PersonCheckInChart(props: Omit<ChartProps, 'onDrill'> & { data: CheckInTrends; personId: number }) {
  const { data, personId, when } = props;
  const t = useT();
  const s = data.series.find((x) => x.personId === personId);
  const lines = useMemo(
    () => (s ? CHECKIN_MEASURES.filter((m) => s.mean[m] !== null).map((m) => ({ key: m, label: CHECKIN_QUESTIONS[m].short, color: CHECKIN_COLORS[m], values: s.values[m] })) : []),
    // The questions are read in the interface's language: a new `t` is a new language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [s, t],
  );
  return (
    <CheckInLines
      {...props}
      title={props.title ?? t('charts.checkins.title')}
      summary={personCheckInSummary(data, personId, when)}
      empty={!s ? t('charts.checkins.emptyPerson', { when }) : null}
      weeks={data.weeks}
      lines={lines}
    />
  );
});
