/** Pattern frequency over time, stacked by category: imbalance above the line, healthy (hatched) below. */
import { memo, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { CATEGORY_COLORS, type Category, type Polarity } from '../../shared/catalogue.js';
import { useIntl } from 'react-intl';
import { useT } from '../i18n/index.js';
import { useVocabulary } from '../i18n/vocabulary.js';
import { formatInteger } from '../lib/format.js';
import type { BucketRef, PatternCounts } from '../../shared/insights.js';
import { bucketLabel, bucketTick } from './format.js';
import { ChartFrame, DrillButton, Legend, TipBox, barShape, useRtl, type LegendItem } from './parts.js';
import { patternSummary } from './summaries.js';
import { chartSize, inkFor } from './theme.js';
import { useDarkMode } from './dark.js';
import type { ChartProps } from './types.js';
import { useChartWords } from './words.js';

const SIGN: Record<Polarity, string> = { imbalance: '≠', healthy: '=', neutral: '·' };

export const PatternFrequencyChart = memo(function PatternFrequencyChart(props: ChartProps & { data: PatternCounts }) {
  const { data, when, onDrill, print } = props;
  const t = useT();
  const w = useChartWords();
  const intl = useIntl();
  const words = useVocabulary();
  const rtl = useRtl();
  const dark = useDarkMode() && !print;
  const series = useMemo(() => data.series.filter((s) => s.polarity !== 'neutral' && s.total > 0), [data.series]);
  const rows = useMemo(
    () =>
      data.axis.buckets.map((b, i) => {
        const row: BucketRef & Record<string, number | string> = { ...b };
        series.forEach((s, j) => (row[`s${j}`] = s.polarity === 'healthy' ? -s.values[i]! : s.values[i]!));
        return row;
      }),
    [data.axis.buckets, series],
  );
  const bucket = data.axis.bucket;
  const color = (c: Category) => inkFor(CATEGORY_COLORS[c], dark);
  const label = (c: Category, p: Polarity) => t('charts.patterns.series', { category: words.category(c), polarity: p });
  const drill = (b: BucketRef, c: Category, p: Polarity, n: number) => onDrill?.({ from: b.from, to: b.to, category: c, polarity: p }, n, `${label(c, p)} · ${bucketLabel(b, bucket, w)}`);

  const categories = [...new Set(series.map((s) => s.category))];
  const legend: LegendItem[] = categories.map((c) => ({ label: words.category(c), color: color(c) }));
  const summary = patternSummary(data, when, w);

  return (
    <ChartFrame
      title={props.title ?? t('charts.patterns.title')}
      level={props.level}
      summary={summary}
      tableOpen={props.tableOpen}
      empty={series.length === 0 ? t('charts.patterns.empty', { when }) : null}
      legend={
        <Legend
          items={legend}
          note={
            <>
              {intl.formatMessage({ id: 'charts.patterns.note' }, { bucket, sign: (chunks) => <span aria-hidden="true">{chunks}</span> })}
              {onDrill && !print ? ` ${t('charts.clickBarSentence')}` : ''}
            </>
          }
        />
      }
      table={
        <table>
          <caption className="visually-hidden">{t('charts.patterns.caption', { bucket })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('charts.col.bucket', { bucket })}</th>
              <th scope="col">{t('charts.col.area')}</th>
              <th scope="col">{t('charts.col.kind')}</th>
              <th scope="col">{t('charts.col.entries')}</th>
            </tr>
          </thead>
          <tbody>
            {data.axis.buckets.flatMap((b, i) =>
              series
                .filter((s) => s.values[i]! > 0)
                .map((s) => (
                  <tr key={`${b.key}/${s.category}/${s.polarity}`}>
                    <th scope="row">{bucketLabel(b, bucket, w)}</th>
                    <td>{words.category(s.category)}</td>
                    <td>{words.polarity(s.polarity)}</td>
                    <td>
                      <DrillButton count={s.values[i]!} what={`${label(s.category, s.polarity)}, ${bucketLabel(b, bucket, w)}`} onDrill={onDrill ? () => drill(b, s.category, s.polarity, s.values[i]!) : undefined} />
                    </td>
                  </tr>
                )),
            )}
          </tbody>
        </table>
      }
    >
      <BarChart {...chartSize(280, print)} data={rows} stackOffset="sign" margin={{ top: 8, right: 8, bottom: 0, left: -12 }} accessibilityLayer={false} barCategoryGap="18%">
        <CartesianGrid vertical={false} />
        <XAxis dataKey="key" tickFormatter={(k: string) => bucketTick(k, bucket, w)} minTickGap={16} tickLine={false} reversed={rtl} />
        <YAxis allowDecimals={false} tickFormatter={(v: number) => formatInteger(Math.abs(v), w.locale)} width={44} />
        <ReferenceLine y={0} className="chart-zero" />
        {!print && (
          <Tooltip
            cursor={{ className: 'chart-cursor' }}
            isAnimationActive={false}
            content={({ active, payload }) => {
              const row = active ? (payload?.[0]?.payload as (typeof rows)[number] | undefined) : undefined;
              if (!row) return null;
              const items = series
                .map((s, j) => ({ s, n: Math.abs(Number(row[`s${j}`]) || 0) }))
                .filter((x) => x.n > 0)
                .map(({ s, n }) => ({ label: `${SIGN[s.polarity]} ${words.category(s.category)}`, value: t('charts.entries', { count: n }), color: color(s.category) }));
              return <TipBox title={bucketLabel(row, bucket, w)} rows={items} hint={items.length === 0 ? t('charts.patterns.none') : onDrill ? t('charts.clickBar') : undefined} />;
            }}
          />
        )}
        {series.map((s, j) => (
          <Bar
            key={`${s.category}/${s.polarity}`}
            dataKey={`s${j}`}
            name={label(s.category, s.polarity)}
            stackId="patterns"
            className={`chart-bar bar-${s.polarity}`}
            fill={color(s.category)}
            stroke={color(s.category)}
            isAnimationActive={print ? false : 'auto'}
            cursor={onDrill ? 'pointer' : undefined}
            shape={barShape((p) => {
              const row = p.payload as (typeof rows)[number];
              return { count: Math.abs(Number(row[`s${j}`]) || 0), from: row.from, to: row.to, series: `${s.category}/${s.polarity}` };
            }, s.polarity === 'healthy' ? color(s.category) : undefined)}
            onClick={
              onDrill
                ? (d) => {
                    const row = d.payload as (typeof rows)[number];
                    const n = Math.abs(Number(row[`s${j}`]) || 0);
                    if (n > 0) drill(row, s.category, s.polarity, n);
                  }
                : undefined
            }
          />
        ))}
      </BarChart>
    </ChartFrame>
  );
});
