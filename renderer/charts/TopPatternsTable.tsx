/** The most frequent patterns in the range, with the change against the period before and each one's history. */
import { memo } from 'react';
import { CATEGORY_COLORS } from '../../shared/catalogue.js';
import { useT } from '../i18n/index.js';
import { useVocabulary } from '../i18n/vocabulary.js';
import { formatInteger, formatRelative } from '../lib/format.js';
import { daysBetween, type PatternHistory, type TopPatterns } from '../../shared/insights.js';
import { changeText, changeWords, rangeLabel } from './format.js';
import { ChartFrame, DrillButton, HatchedRect } from './parts.js';
import { topPatternsSummary } from './summaries.js';
import { inkFor } from './theme.js';
import { useDarkMode } from './dark.js';
import type { ChartProps } from './types.js';

const SIGN = { imbalance: '≠', healthy: '=', neutral: '·' } as const;

export const TopPatternsTable = memo(function TopPatternsTable(props: ChartProps & { data: TopPatterns; history?: PatternHistory | null }) {
  const { data, history, when, onDrill, print } = props;
  const tr = useT();
  const words = useVocabulary();
  const dark = useDarkMode() && !print;
  const max = Math.max(1, ...data.items.map((t) => Math.max(t.count, t.previousCount ?? 0)));
  const compare = data.previous !== null;
  const hist = new Map((history?.items ?? []).map((h) => [h.tagId, h]));
  const BAR = 120;
  return (
    <ChartFrame
      title={props.title ?? tr('charts.top.title')}
      level={props.level}
      summary={topPatternsSummary(data, when)}
      empty={data.items.length === 0 ? tr('charts.top.empty', { when }) : null}
      plain
      legend={
        compare && data.previous ? (
          <p className="legend-note">
            {tr('charts.top.legend', { days: daysBetween(data.previous.from, data.previous.to) + 1, range: rangeLabel(data.previous.from, data.previous.to) })}
          </p>
        ) : undefined
      }
    >
      <div className="table-wide">
        <table className="top-patterns">
          <caption className="visually-hidden">{tr('charts.top.caption', { when })}</caption>
          <thead>
            <tr>
              <th scope="col">{tr('charts.top.pattern')}</th>
              <th scope="col">{tr('charts.col.entries')}</th>
              {compare && <th scope="col">{tr('charts.top.before')}</th>}
              {compare && <th scope="col">{tr('charts.top.change')}</th>}
              {history && <th scope="col">{tr('charts.top.lastSeen')}</th>}
              {history && <th scope="col">{tr('charts.top.gap')}</th>}
            </tr>
          </thead>
          <tbody>
            {data.items.map((t) => {
              const color = inkFor(t.color ?? CATEGORY_COLORS[t.category], dark);
              const h = hist.get(t.tagId);
              const w = (n: number) => Math.max(2, Math.round((n / max) * BAR));
              return (
                <tr key={t.tagId}>
                  <th scope="row">
                    <span className={`polarity polarity-${t.polarity}`}>
                      <span className="polarity-sign" aria-hidden="true">
                        {SIGN[t.polarity]}
                      </span>
                    </span>{' '}
                    <bdi dir="auto">{t.label}</bdi>
                    <span className="top-category"> · {words.category(t.category)}</span>
                    <span className="visually-hidden"> {tr('charts.top.polarity', { polarity: t.polarity })}</span>
                  </th>
                  <td className="top-count">
                    <svg width={BAR + 4} height={14} aria-hidden="true" focusable="false" className="top-bar">
                      {t.polarity === 'healthy' ? <HatchedRect x={0} y={2} width={w(t.count)} height={10} rx={2} color={color} /> : <rect x={0} y={2} width={w(t.count)} height={10} rx={2} fill={color} stroke={color} />}
                      {compare && t.previousCount !== null && t.previousCount > 0 && <line className="top-previous" x1={w(t.previousCount)} x2={w(t.previousCount)} y1={0} y2={14} />}
                    </svg>
                    <DrillButton count={t.count} what={tr('charts.top.what', { label: t.label, when })} onDrill={onDrill && data.period ? () => onDrill({ ...data.period!, tagId: t.tagId }, t.count, tr('charts.top.drill', { label: t.label, range: rangeLabel(data.period!.from, data.period!.to) })) : undefined} />
                  </td>
                  {compare && <td>{t.previousCount === null ? '–' : formatInteger(t.previousCount)}</td>}
                  {compare && (
                    <td className={t.change === null || t.change === 0 ? 'change' : t.change > 0 ? 'change change-up' : 'change change-down'}>
                      <span aria-hidden="true">{changeText(t.change)}</span>
                      <span className="visually-hidden">{changeWords(t.change)}</span>
                    </td>
                  )}
                  {history && <td>{h ? formatRelative(-h.daysSinceLast, 'day', h.daysSinceLast === 0 ? 'auto' : 'always') : '–'}</td>}
                  {history && <td>{h?.longestGapDays ? tr('charts.days', { count: h.longestGapDays }) : '–'}</td>}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </ChartFrame>
  );
});
