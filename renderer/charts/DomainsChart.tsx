/** Areas of life: entries per domain, and how many of them show an imbalance or a healthy pattern. */
import { memo, useMemo } from 'react';
import type { DomainBreakdown } from '../../shared/insights.js';
import { CountsChart, type CountsRow } from './CountsChart.js';
import { domainsSummary } from './summaries.js';
import type { ChartProps } from './types.js';
import { useChartWords } from './words.js';
import { useT } from '../i18n/index.js';
import { useVocabulary } from '../i18n/vocabulary.js';

export const DomainsChart = memo(function DomainsChart(props: ChartProps & { data: DomainBreakdown }) {
  const { data, when } = props;
  const t = useT();
  const w = useChartWords();
  const words = useVocabulary();
  const rows = useMemo<CountsRow[]>(
    () =>
      data.period
        ? data.items.map((d) => ({
            key: d.domain,
            label: words.domain(d.domain),
            entries: d.entries,
            imbalance: d.imbalance,
            healthy: d.healthy,
            target: { ...data.period!, domain: d.domain },
            extra: data.previous ? [d.previousEntries ?? 0] : [],
          }))
        : [],
    [data, words],
  );
  return (
    <CountsChart
      {...props}
      title={props.title ?? t('charts.domains.title')}
      summary={domainsSummary(data, when, w)}
      empty={rows.length === 0 ? t('charts.domains.empty', { when }) : null}
      rows={rows}
      rowHeader={t('charts.col.area')}
      extraHeaders={data.previous ? [t('charts.domains.before')] : []}
      note={t('charts.domains.note')}
    />
  );
});
