/** The people compared: entries about each, with imbalance and healthy patterns, and their average measures. */
import { memo, useMemo } from 'react';
import type { PeopleComparison } from '../../shared/insights.js';
import { CountsChart, type CountsRow } from './CountsChart.js';
import { num, signed } from './format.js';
import { peopleSummary } from './summaries.js';
import type { ChartProps } from './types.js';
import { useT } from '../i18n/index.js';

export const PeopleChart = memo(function PeopleChart(props: ChartProps & { data: PeopleComparison; nameOf: (id: number) => string }) {
  const { data, when, nameOf } = props;
  const t = useT();
  const rows = useMemo<CountsRow[]>(
    () =>
      data.period
        ? data.items.map((p) => ({
            key: String(p.personId),
            label: nameOf(p.personId),
            entries: p.entries,
            imbalance: p.imbalance,
            healthy: p.healthy,
            target: { ...data.period!, personId: p.personId },
            extra: [signed(p.balance), num(p.heard), num(p.respected), num(p.valued), num(p.involved)],
          }))
        : [],
    [data, nameOf],
  );
  return (
    <CountsChart
      {...props}
      title={props.title ?? t('charts.people.title')}
      summary={peopleSummary(data, when, nameOf)}
      empty={rows.length === 0 ? t('charts.people.empty', { when }) : null}
      rows={rows}
      rowHeader={t('charts.col.person')}
      extraHeaders={[t('charts.people.balance'), t('score.heard'), t('score.respected'), t('score.valued'), t('score.involved')]}
      note={t('charts.people.note')}
    />
  );
});
