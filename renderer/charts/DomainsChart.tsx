/** Areas of life: entries per domain, and how many of them show an imbalance or a healthy pattern. */
import { memo, useMemo } from 'react';
import { DOMAIN_LABELS } from '../../shared/catalogue.js';
import type { DomainBreakdown } from '../../shared/insights.js';
import { CountsChart, type CountsRow } from './CountsChart.js';
import { domainsSummary } from './summaries.js';
import type { ChartProps } from './types.js';

export const DomainsChart = memo(function DomainsChart(props: ChartProps & { data: DomainBreakdown }) {
  const { data, when } = props;
  const rows = useMemo<CountsRow[]>(
    () =>
      data.period
        ? data.items.map((d) => ({
            key: d.domain,
            label: DOMAIN_LABELS[d.domain],
            entries: d.entries,
            imbalance: d.imbalance,
            healthy: d.healthy,
            target: { ...data.period!, domain: d.domain },
            extra: data.previous ? [d.previousEntries ?? 0] : [],
          }))
        : [],
    [data],
  );
  return (
    <CountsChart
      {...props}
      title={props.title ?? 'Areas of life'}
      summary={domainsSummary(data, when)}
      empty={rows.length === 0 ? `No entries with an area of life ${when}.` : null}
      rows={rows}
      rowHeader="Area"
      extraHeaders={data.previous ? ['Entries before'] : []}
      note="An entry about two areas counts in both."
    />
  );
});
