/** Healthy share of the patterns tagged, per bar-width, on a fixed 0–100 % axis. */
import { memo, useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis, type DotItemDotProps } from 'recharts';
import type { BucketRef, HealthyShare } from '../../shared/insights.js';
import { bucketLabel, bucketTick, percent, plural } from './format.js';
import { ChartFrame, DrillButton, Legend, Point, TipBox } from './parts.js';
import { healthySummary } from './summaries.js';
import { POLARITY_COLORS, chartSize } from './theme.js';
import type { ChartProps } from './types.js';

export const HealthyShareChart = memo(function HealthyShareChart(props: ChartProps & { data: HealthyShare; /** Entries per bucket (what a click opens). */ entries: readonly number[] }) {
  const { data, entries, when, onDrill, print } = props;
  const bucket = data.axis.bucket;
  const color = POLARITY_COLORS.healthy;
  const rows = useMemo(() => data.axis.buckets.map((b, i) => ({ ...b, i, share: data.values[i] === null ? null : Math.round(data.values[i]! * 1000) / 10 })), [data]);
  const drill = (b: BucketRef, i: number) => {
    const n = entries[i] ?? 0;
    if (n > 0) onDrill?.({ from: b.from, to: b.to }, n, bucketLabel(b, bucket));
  };
  function ShareDot(p: DotItemDotProps) {
    if (p.value === null || p.value === undefined || p.cx === undefined || p.cy === undefined) return <g key={`h-${p.index}`} />;
    const b = p.payload as (typeof rows)[number] | undefined;
    if (!b) return <g key={`h-${p.index}`} />;
    return (
      <Point
        key={`h-${p.index}`}
        cx={p.cx}
        cy={p.cy}
        shape="circle"
        color={color}
        info={{ count: entries[b.i] ?? 0, from: b.from, to: b.to, series: 'healthy-share' }}
        onClick={onDrill ? () => drill(b, b.i) : undefined}
      />
    );
  }

  return (
    <ChartFrame
      title={props.title ?? 'Healthy share'}
      level={props.level}
      summary={healthySummary(data, when)}
      tableOpen={props.tableOpen}
      empty={data.share === null ? `No healthy or imbalance patterns tagged ${when}.` : null}
      legend={
        <Legend
          items={[{ label: 'Healthy share of patterns', color, kind: 'line' }]}
          note={`Healthy patterns ÷ all healthy and imbalance patterns tagged, per ${bucket}. 50% is an even mix.${onDrill && !print ? ' Click a point to see the entries.' : ''}`}
        />
      }
      table={
        <table>
          <caption className="visually-hidden">Healthy share of patterns per {bucket}</caption>
          <thead>
            <tr>
              <th scope="col">{bucket === 'day' ? 'Day' : bucket === 'week' ? 'Week' : 'Month'}</th>
              <th scope="col">Healthy share</th>
              <th scope="col">Healthy patterns</th>
              <th scope="col">Imbalance patterns</th>
              <th scope="col">Entries</th>
            </tr>
          </thead>
          <tbody>
            {data.axis.buckets.map((b, i) =>
              data.values[i] === null ? null : (
                <tr key={b.key}>
                  <th scope="row">{bucketLabel(b, bucket)}</th>
                  <td>{percent(data.values[i])}</td>
                  <td>{data.healthy[i]}</td>
                  <td>{data.imbalance[i]}</td>
                  <td>
                    <DrillButton count={entries[i] ?? 0} what={bucketLabel(b, bucket)} onDrill={onDrill ? () => drill(b, i) : undefined} />
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      }
    >
      <AreaChart {...chartSize(220, print)} data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} />
        <XAxis dataKey="key" tickFormatter={(k: string) => bucketTick(k, bucket)} minTickGap={16} tickLine={false} />
        <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tickFormatter={(v: number) => `${v}%`} width={44} />
        <ReferenceLine y={50} className="chart-zero" strokeDasharray="4 4" />
        {!print && (
          <Tooltip
            cursor={{ className: 'chart-cursor-line' }}
            isAnimationActive={false}
            content={({ active, payload }) => {
              const row = active ? (payload?.[0]?.payload as (typeof rows)[number] | undefined) : undefined;
              if (!row) return null;
              const n = entries[row.i] ?? 0;
              return (
                <TipBox
                  title={bucketLabel(row, bucket)}
                  rows={data.values[row.i] === null ? [] : [{ label: 'Healthy share', value: `${percent(data.values[row.i])} (${data.healthy[row.i]} healthy, ${data.imbalance[row.i]} imbalance)`, color }]}
                  hint={`${plural(n, 'entry', 'entries')}${onDrill && n > 0 ? ' · click to see them' : ''}`}
                />
              );
            }}
          />
        )}
        <Area dataKey="share" name="Healthy share" type="linear" stroke={color} strokeWidth={2} fill={color} fillOpacity={0.15} connectNulls dot={ShareDot} activeDot={false} isAnimationActive={print ? false : 'auto'} />
      </AreaChart>
    </ChartFrame>
  );
});
