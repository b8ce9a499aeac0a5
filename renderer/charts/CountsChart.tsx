/**
 * Entries per group (an area of life, a person): all of them, those with an imbalance pattern and
 * those with a healthy one, as horizontal bars. Shared by the domains and people charts.
 */
import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { DrillTarget } from '../../shared/insights.js';
import { ChartFrame, DrillButton, Legend, TipBox, barShape } from './parts.js';
import { POLARITY_COLORS, chartSize, inkFor } from './theme.js';
import { useDarkMode } from './dark.js';
import type { ChartProps } from './types.js';
import { useT } from '../i18n/index.js';
import { formatInteger } from '../lib/format.js';
import { useChartWords } from './words.js';

export interface CountsRow {
  key: string;
  label: string;
  entries: number;
  imbalance: number;
  healthy: number;
  /** What a click on this row's bars opens (narrowed by polarity for the pattern bars). */
  target: DrillTarget;
  /** Extra cells for the table, after the counts. */
  extra?: ReactNode[];
}

const KINDS = [
  { key: 'entries', label: 'charts.counts.entries' },
  { key: 'imbalance', label: 'charts.counts.imbalance' },
  { key: 'healthy', label: 'charts.counts.healthy' },
] as const;

export function CountsChart(
  props: ChartProps & {
    title: string;
    summary: string;
    empty: string | null;
    rows: readonly CountsRow[];
    rowHeader: string;
    extraHeaders?: string[];
    note?: string;
  },
) {
  const { rows, onDrill, print } = props;
  const t = useT();
  const w = useChartWords();
  const dark = useDarkMode() && !print;
  const colors = { entries: inkFor(POLARITY_COLORS.entries, dark), imbalance: POLARITY_COLORS.imbalance, healthy: POLARITY_COLORS.healthy };
  const drill = (r: CountsRow, kind: (typeof KINDS)[number]['key']) => {
    const n = r[kind];
    if (n === 0) return;
    const target = kind === 'entries' ? r.target : { ...r.target, polarity: kind };
    onDrill?.(target, n, kind === 'entries' ? r.label : t('charts.counts.drill', { label: r.label, kind }));
  };
  const height = Math.max(120, rows.length * 52 + 40);
  return (
    <ChartFrame
      title={props.title}
      level={props.level}
      summary={props.summary}
      tableOpen={props.tableOpen}
      empty={props.empty}
      legend={
        <Legend
          items={KINDS.map((k) => ({ label: t(k.label), color: colors[k.key], hatched: k.key === 'healthy' }))}
          note={[props.note ?? '', onDrill && !print ? t('charts.clickBarSentence') : ''].join(' ').trim() || undefined}
        />
      }
      table={
        <table>
          <thead>
            <tr>
              <th scope="col">{props.rowHeader}</th>
              {KINDS.map((k) => (
                <th scope="col" key={k.key}>
                  {t(k.label)}
                </th>
              ))}
              {props.extraHeaders?.map((h) => (
                <th scope="col" key={h}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row" dir="auto">
                  {r.label}
                </th>
                {KINDS.map((k) => (
                  <td key={k.key}>
                    <DrillButton count={r[k.key]} what={t('charts.counts.what', { label: r.label, kind: k.key })} onDrill={onDrill ? () => drill(r, k.key) : undefined} />
                  </td>
                ))}
                {r.extra?.map((c, i) => (
                  <td key={i}>{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <BarChart {...chartSize(height, print)} data={rows as CountsRow[]} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 4 }} barGap={2} barCategoryGap="22%" accessibilityLayer={false}>
        <CartesianGrid horizontal={false} />
        <XAxis type="number" allowDecimals={false} tickFormatter={(v: number) => formatInteger(v, w.locale)} />
        <YAxis type="category" dataKey="label" width={118} tickLine={false} />
        {!print && (
          <Tooltip
            cursor={{ className: 'chart-cursor' }}
            isAnimationActive={false}
            content={({ active, payload }) => {
              const r = active ? (payload?.[0]?.payload as CountsRow | undefined) : undefined;
              if (!r) return null;
              return <TipBox title={r.label} rows={KINDS.map((k) => ({ label: t(k.label), value: t('charts.entries', { count: r[k.key] }), color: colors[k.key] }))} hint={onDrill ? t('charts.clickBar') : undefined} />;
            }}
          />
        )}
        {KINDS.map((k) => (
          <Bar
            key={k.key}
            dataKey={k.key}
            name={t(k.label)}
            className={`chart-bar bar-${k.key}`}
            fill={colors[k.key]}
            stroke={colors[k.key]}
            isAnimationActive={print ? false : 'auto'}
            cursor={onDrill ? 'pointer' : undefined}
            shape={barShape((p) => {
              const r = p.payload as CountsRow;
              return { count: r[k.key], from: r.target.from, to: r.target.to, series: `${r.key}/${k.key}` };
            }, k.key === 'healthy' ? colors.healthy : undefined)}
            onClick={onDrill ? (d) => drill(d.payload as CountsRow, k.key) : undefined}
          />
        ))}
      </BarChart>
    </ChartFrame>
  );
}
