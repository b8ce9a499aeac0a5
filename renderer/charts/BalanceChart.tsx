/** Balance of power per person over time: a point per bar-width, and a trailing moving average line. */
import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis, type DotItemDotProps } from 'recharts';
import type { BalanceSeries, BalanceTrend, BucketRef } from '../../shared/insights.js';
import { bucketLabel, bucketTick, signed } from './format.js';
import { formatInteger } from '../lib/format.js';
import { ChartFrame, DrillButton, Legend, Point, TipBox, useRtl } from './parts.js';
import { balanceSummary } from './summaries.js';
import { chartSize, dashFor, inkFor, markerFor, type MarkerShape } from './theme.js';
import { useDarkMode } from './dark.js';
import type { ChartProps } from './types.js';
import { useChartWords } from './words.js';
import { useT } from '../i18n/index.js';

export interface Who {
  name: string;
  color: string;
}

interface LineDef {
  key: string;
  who: Who;
  series: BalanceSeries;
  color: string;
  dash: string;
  marker: MarkerShape;
}

export const BalanceChart = memo(function BalanceChart(props: ChartProps & { data: BalanceTrend; personOf: (id: number) => Who }) {
  const { data, when, onDrill, print, personOf } = props;
  const t = useT();
  const w = useChartWords();
  const rtl = useRtl();
  const dark = useDarkMode() && !print;
  const bucket = data.axis.bucket;
  const lines = useMemo<LineDef[]>(() => {
    const list = data.people.length > 0 ? data.people : data.overall.entries.some((n) => n > 0) ? [data.overall] : [];
    return list.map((s, i) => {
      const who = s.personId === null ? { name: t('charts.balance.all'), color: '#0072B2' } : personOf(s.personId);
      return { key: `p${i}`, who, series: s, color: inkFor(who.color, dark), dash: dashFor(i), marker: markerFor(i) };
    });
  }, [data, personOf, dark, t]);
  const rows = useMemo(
    () =>
      data.axis.buckets.map((b, i) => {
        const row: BucketRef & { i: number } & Record<string, number | null | string> = { ...b, i };
        for (const l of lines) {
          row[`${l.key}v`] = l.series.values[i] ?? null;
          row[`${l.key}m`] = l.series.moving[i] ?? null;
        }
        return row;
      }),
    [data.axis.buckets, lines],
  );
  const rated = lines.some((l) => l.series.rated.some((n) => n > 0));
  const nameOf = (id: number) => personOf(id).name;
  const drill = (b: BucketRef, l: LineDef, i: number) => {
    const n = l.series.entries[i] ?? 0;
    if (n === 0) return;
    const target = l.series.personId === null ? { from: b.from, to: b.to } : { from: b.from, to: b.to, personId: l.series.personId };
    onDrill?.(target, n, `${l.who.name} · ${bucketLabel(b, bucket, w)}`);
  };

  const dot = (l: LineDef) =>
    function BalanceDot(p: DotItemDotProps) {
      const v = p.value as number | null;
      if (v === null || v === undefined || p.cx === undefined || p.cy === undefined) return <g key={`${l.key}-${p.index}`} />;
      // The point's own row (an index could be stale while the series change).
      const b = p.payload as (typeof rows)[number] | undefined;
      if (!b) return <g key={`${l.key}-${p.index}`} />;
      return (
        <Point
          key={`${l.key}-${p.index}`}
          cx={p.cx}
          cy={p.cy}
          shape={l.marker}
          color={l.color}
          info={{ count: l.series.entries[b.i] ?? 0, from: b.from, to: b.to, series: l.series.personId === null ? 'all' : `person-${l.series.personId}` }}
          onClick={onDrill ? () => drill(b, l, b.i) : undefined}
        />
      );
    };

  return (
    <ChartFrame
      title={props.title ?? t('charts.balance.title')}
      level={props.level}
      summary={balanceSummary(data, when, nameOf, w)}
      tableOpen={props.tableOpen}
      empty={!rated ? t('charts.balance.empty', { when }) : null}
      legend={
        <Legend
          items={lines.map((l) => ({ label: l.who.name, color: l.color, dash: l.dash, marker: l.marker, kind: 'line' as const }))}
          note={[t('charts.balance.note', { bucket, window: data.window }), onDrill && !print ? t('charts.clickPointSentence') : ''].join(' ').trim()}
        />
      }
      table={
        <table>
          <caption className="visually-hidden">{t('charts.balance.caption', { bucket })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('charts.col.bucket', { bucket })}</th>
              <th scope="col">{t('charts.col.person')}</th>
              <th scope="col">{t('charts.col.average')}</th>
              <th scope="col">{t('charts.col.moving')}</th>
              <th scope="col">{t('charts.col.entries')}</th>
            </tr>
          </thead>
          <tbody>
            {data.axis.buckets.flatMap((b, i) =>
              lines
                .filter((l) => (l.series.entries[i] ?? 0) > 0)
                .map((l) => (
                  <tr key={`${b.key}/${l.key}`}>
                    <th scope="row">{bucketLabel(b, bucket, w)}</th>
                    <td dir="auto">{l.who.name}</td>
                    <td>{signed(l.series.values[i], 1, w)}</td>
                    <td>{signed(l.series.moving[i], 1, w)}</td>
                    <td>
                      <DrillButton count={l.series.entries[i]!} what={`${l.who.name}, ${bucketLabel(b, bucket, w)}`} onDrill={onDrill ? () => drill(b, l, i) : undefined} />
                    </td>
                  </tr>
                )),
            )}
          </tbody>
        </table>
      }
    >
      <LineChart {...chartSize(260, print)} data={rows} margin={{ top: 8, right: 12, bottom: 0, left: -12 }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} />
        <XAxis dataKey="key" tickFormatter={(k: string) => bucketTick(k, bucket, w)} minTickGap={16} tickLine={false} reversed={rtl} />
        <YAxis domain={[-3, 3]} ticks={[-3, -2, -1, 0, 1, 2, 3]} tickFormatter={(v: number) => signed(v, 0, w)} width={44} />
        <ReferenceLine y={0} className="chart-zero" />
        {!print && (
          <Tooltip
            cursor={{ className: 'chart-cursor-line' }}
            isAnimationActive={false}
            content={({ active, payload }) => {
              const row = active ? (payload?.[0]?.payload as (typeof rows)[number] | undefined) : undefined;
              if (!row) return null;
              const items = lines
                .filter((l) => (l.series.entries[row.i] ?? 0) > 0)
                .map((l) => ({
                  label: l.who.name,
                  value: t('charts.balance.tip', { value: signed(l.series.values[row.i], 1, w), rated: formatInteger(l.series.rated[row.i] ?? 0, w.locale), entries: formatInteger(l.series.entries[row.i] ?? 0, w.locale), trend: signed(l.series.moving[row.i], 1, w) }),
                  color: l.color,
                }));
              return <TipBox title={bucketLabel(row, bucket, w)} rows={items} hint={items.length === 0 ? t('charts.noEntries') : onDrill ? t('charts.clickPoint') : undefined} />;
            }}
          />
        )}
        {lines.map((l) => (
          <Line
            key={`${l.key}m`}
            dataKey={`${l.key}m`}
            name={t('charts.balance.moving', { name: l.who.name })}
            type="monotone"
            stroke={l.color}
            strokeWidth={2.5}
            strokeDasharray={l.dash || undefined}
            dot={false}
            activeDot={false}
            connectNulls
            isAnimationActive={print ? false : 'auto'}
          />
        ))}
        {lines.map((l) => (
          <Line key={`${l.key}v`} dataKey={`${l.key}v`} name={l.who.name} stroke="none" dot={dot(l)} activeDot={false} isAnimationActive={false} />
        ))}
      </LineChart>
    </ChartFrame>
  );
});
