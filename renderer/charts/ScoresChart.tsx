/** Heard / respected / valued / involved (1–5), averaged per bar-width over the entries that rate them. */
import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis, type DotItemDotProps } from 'recharts';
import { SCORE_MEASURES, type BucketRef, type ScoreMeasure, type ScoreTrends } from '../../shared/insights.js';
import { bucketLabel, bucketTick, num } from './format.js';
import { formatInteger } from '../lib/format.js';
import { useT } from '../i18n/index.js';
import { ChartFrame, DrillButton, Legend, Point, TipBox, useRtl } from './parts.js';
import { scoresSummary } from './summaries.js';
import { SCORE_IDS, chartSize, inkFor, scoreStyle } from './theme.js';
import { useChartWords } from './words.js';
import { useDarkMode } from './dark.js';
import type { ChartProps } from './types.js';

export const ScoresChart = memo(function ScoresChart(props: ChartProps & { data: ScoreTrends }) {
  const { data, when, onDrill, print } = props;
  const t = useT();
  const w = useChartWords();
  const rtl = useRtl();
  const dark = useDarkMode() && !print;
  const bucket = data.axis.bucket;
  const measures = useMemo(
    () =>
      SCORE_MEASURES.map((m) => ({ m, s: data.series.find((x) => x.measure === m)!, ...scoreStyle(m), color: inkFor(scoreStyle(m).color, dark) })).filter(
        (x) => x.s && x.s.mean !== null,
      ),
    [data.series, dark],
  );
  const rows = useMemo(
    () =>
      data.axis.buckets.map((b, i) => {
        const row: BucketRef & { i: number } & Partial<Record<ScoreMeasure, number | null>> = { ...b, i };
        for (const x of measures) row[x.m] = x.s.values[i] ?? null;
        return row;
      }),
    [data.axis.buckets, measures],
  );
  const drill = (b: BucketRef, i: number) => {
    const n = data.entries[i] ?? 0;
    if (n > 0) onDrill?.({ from: b.from, to: b.to }, n, bucketLabel(b, bucket, w));
  };
  const dot = (x: (typeof measures)[number]) =>
    function ScoreDot(p: DotItemDotProps) {
      if (p.value === null || p.value === undefined || p.cx === undefined || p.cy === undefined) return <g key={`${x.m}-${p.index}`} />;
      const b = p.payload as (typeof rows)[number] | undefined;
      if (!b) return <g key={`${x.m}-${p.index}`} />;
      return (
        <Point
          key={`${x.m}-${p.index}`}
          cx={p.cx}
          cy={p.cy}
          shape={x.marker}
          color={x.color}
          info={{ count: data.entries[b.i] ?? 0, from: b.from, to: b.to, series: x.m }}
          onClick={onDrill ? () => drill(b, b.i) : undefined}
        />
      );
    };

  return (
    <ChartFrame
      title={props.title ?? t('charts.scores.title')}
      level={props.level}
      summary={scoresSummary(data, when, w)}
      tableOpen={props.tableOpen}
      empty={measures.length === 0 ? t('charts.scores.empty', { when }) : null}
      legend={
        <Legend
          items={measures.map((x) => ({ label: w.t(SCORE_IDS[x.m]), color: x.color, dash: x.dash, marker: x.marker, kind: 'line' as const }))}
          note={[t('charts.scores.note', { bucket }), onDrill && !print ? t('charts.clickPointEntries') : ''].join(' ').trim()}
        />
      }
      table={
        <table>
          <caption className="visually-hidden">{t('charts.scores.caption', { bucket })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('charts.col.bucket', { bucket })}</th>
              {measures.map((x) => (
                <th scope="col" key={x.m}>
                  {w.t(SCORE_IDS[x.m])}
                </th>
              ))}
              <th scope="col">{t('charts.col.entries')}</th>
            </tr>
          </thead>
          <tbody>
            {data.axis.buckets.map((b, i) =>
              (data.entries[i] ?? 0) === 0 ? null : (
                <tr key={b.key}>
                  <th scope="row">{bucketLabel(b, bucket, w)}</th>
                  {measures.map((x) => (
                    <td key={x.m}>{num(x.s.values[i], 1, w)}</td>
                  ))}
                  <td>
                    <DrillButton count={data.entries[i]!} what={bucketLabel(b, bucket, w)} onDrill={onDrill ? () => drill(b, i) : undefined} />
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      }
    >
      <LineChart {...chartSize(240, print)} data={rows} margin={{ top: 8, right: 12, bottom: 0, left: -12 }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} />
        <XAxis dataKey="key" tickFormatter={(k: string) => bucketTick(k, bucket, w)} minTickGap={16} tickLine={false} reversed={rtl} />
        <YAxis domain={[1, 5]} ticks={[1, 2, 3, 4, 5]} tickFormatter={(v: number) => formatInteger(v, w.locale)} width={44} />
        {!print && (
          <Tooltip
            cursor={{ className: 'chart-cursor-line' }}
            isAnimationActive={false}
            content={({ active, payload }) => {
              const row = active ? (payload?.[0]?.payload as (typeof rows)[number] | undefined) : undefined;
              if (!row) return null;
              const items = measures.filter((x) => x.s.values[row.i] !== null).map((x) => ({ label: w.t(SCORE_IDS[x.m]), value: t('charts.scores.tip', { value: num(x.s.values[row.i], 1, w), rated: formatInteger(x.s.rated[row.i] ?? 0, w.locale) }), color: x.color }));
              const n = data.entries[row.i] ?? 0;
              return <TipBox title={bucketLabel(row, bucket, w)} rows={items} hint={t(onDrill && n > 0 ? 'charts.entriesClick' : 'charts.entries', { count: n })} />;
            }}
          />
        )}
        {measures.map((x) => (
          <Line
            key={x.m}
            dataKey={x.m}
            name={w.t(SCORE_IDS[x.m])}
            stroke={x.color}
            strokeWidth={2}
            strokeDasharray={x.dash || undefined}
            dot={dot(x)}
            activeDot={false}
            connectNulls
            isAnimationActive={print ? false : 'auto'}
          />
        ))}
      </LineChart>
    </ChartFrame>
  );
});
