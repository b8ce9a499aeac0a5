/** Healthy share of the patterns tagged, per bar-width, on a fixed 0–100 % axis. */
import { memo, useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis, type DotItemDotProps } from 'recharts';
import type { BucketRef, HealthyShare } from '../../shared/insights.js';
import { bucketLabel, bucketTick, percent } from './format.js';
import { formatInteger, formatPercent } from '../lib/format.js';
import { useT } from '../i18n/index.js';
import { ChartFrame, DrillButton, Legend, Point, TipBox, useRtl } from './parts.js';
import { healthySummary } from './summaries.js';
import { POLARITY_COLORS, chartSize } from './theme.js';
import type { ChartProps } from './types.js';

export const HealthyShareChart = memo(function HealthyShareChart(props: ChartProps & { data: HealthyShare; /** Entries per bucket (what a click opens). */ entries: readonly number[] }) {
  const { data, entries, when, onDrill, print } = props;
  const t = useT();
  const rtl = useRtl();
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
      title={props.title ?? t('charts.healthy.title')}
      level={props.level}
      summary={healthySummary(data, when)}
      tableOpen={props.tableOpen}
      empty={data.share === null ? t('charts.healthy.empty', { when }) : null}
      legend={
        <Legend
          items={[{ label: t('charts.healthy.legend'), color, kind: 'line' }]}
          note={[t('charts.healthy.note', { bucket, half: formatPercent(0.5) }), onDrill && !print ? t('charts.clickPointEntries') : ''].join(' ').trim()}
        />
      }
      table={
        <table>
          <caption className="visually-hidden">{t('charts.healthy.caption', { bucket })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('charts.col.bucket', { bucket })}</th>
              <th scope="col">{t('charts.healthy.share')}</th>
              <th scope="col">{t('charts.healthy.healthyCol')}</th>
              <th scope="col">{t('charts.healthy.imbalanceCol')}</th>
              <th scope="col">{t('charts.col.entries')}</th>
            </tr>
          </thead>
          <tbody>
            {data.axis.buckets.map((b, i) =>
              data.values[i] === null ? null : (
                <tr key={b.key}>
                  <th scope="row">{bucketLabel(b, bucket)}</th>
                  <td>{percent(data.values[i])}</td>
                  <td>{formatInteger(data.healthy[i] ?? 0)}</td>
                  <td>{formatInteger(data.imbalance[i] ?? 0)}</td>
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
        <XAxis dataKey="key" tickFormatter={(k: string) => bucketTick(k, bucket)} minTickGap={16} tickLine={false} reversed={rtl} />
        <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tickFormatter={(v: number) => formatPercent(v / 100)} width={44} />
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
                  rows={data.values[row.i] === null ? [] : [{ label: t('charts.healthy.share'), value: t('charts.healthy.tip', { share: percent(data.values[row.i]), healthy: formatInteger(data.healthy[row.i] ?? 0), imbalance: formatInteger(data.imbalance[row.i] ?? 0) }), color }]}
                  hint={t(onDrill && n > 0 ? 'charts.entriesClick' : 'charts.entries', { count: n })}
                />
              );
            }}
          />
        )}
        <Area dataKey="share" name={t('charts.healthy.share')} type="linear" stroke={color} strokeWidth={2} fill={color} fillOpacity={0.15} connectNulls dot={ShareDot} activeDot={false} isAnimationActive={print ? false : 'auto'} />
      </AreaChart>
    </ChartFrame>
  );
});
