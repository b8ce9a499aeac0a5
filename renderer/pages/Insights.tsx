/**
 * Insights: what the entries show over time. A range, people and areas to look at; the
 * charts the core computes for them (one `insights.overview` call, plus the pattern history and the
 * check-in trends); a click on any bar, point or day opens exactly those entries on the timeline.
 * The choices are remembered until the journal is locked, in memory only.
 */
import { useCallback, useMemo } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { format } from 'date-fns';
import { CATEGORIES, CATEGORY_COLORS, type Category } from '../../shared/catalogue.js';
import { translate, useT, type MessageId } from '../i18n/index.js';
import { useVocabulary } from '../i18n/vocabulary.js';
import { addDays, CHECKIN_MEASURES, drillFilter, type Bucket, type CheckInMeasure, type CheckInTrends, type DrillTarget, type InsightFilter, type InsightsOverview, type PatternHistory } from '../../shared/insights.js';
import { call, messageOf } from '../api.js';
import {
  BalanceChart,
  CHECKIN_QUESTIONS,
  CheckInTrendsChart,
  DomainsChart,
  HealthyShareChart,
  HeatMapChart,
  PatternFrequencyChart,
  PeopleChart,
  ScoresChart,
  TopPatternsTable,
  rangeLabel,
  type OnDrill,
  type Who,
} from '../charts/index.js';
import { CheckboxGroup } from '../components/EditorControls.js';
import { EmptyState, ErrorAlert, Loading } from '../components/Feedback.js';
import { openTimelineFor } from '../lib/drill.js';
import { formatDay } from '../lib/format.js';
import { navigate } from '../lib/router.js';
import { useJournalData } from '../lib/session.js';
import { useRemembered } from '../lib/viewMemory.js';
import { screenKey } from '../lib/queries.js';
import '../styles/insights.css';

export type RangeKey = '7d' | '30d' | '90d' | '1y' | 'all' | 'custom';
/** The ranges, their names and how each reads in a sentence ("in the last 30 days"); custom reads its dates. */
export const RANGES: readonly { key: RangeKey; label: MessageId; days: number | null; when: MessageId | null }[] = [
  { key: '7d', label: 'insights.range.7d', days: 7, when: 'insights.when.7d' },
  { key: '30d', label: 'insights.range.30d', days: 30, when: 'insights.when.30d' },
  { key: '90d', label: 'insights.range.90d', days: 90, when: 'insights.when.90d' },
  { key: '1y', label: 'insights.range.1y', days: 365, when: 'insights.when.1y' },
  { key: 'all', label: 'insights.range.all', days: null, when: 'insights.when.all' },
  { key: 'custom', label: 'insights.range.custom', days: null, when: null },
];

export interface InsightsView {
  range: RangeKey;
  customFrom: string;
  customTo: string;
  personIds: number[];
  categories: Category[];
  bucket: 'auto' | Bucket;
  checkInMeasure: CheckInMeasure;
}

const todayLocal = () => format(new Date(), 'yyyy-MM-dd');

const DEFAULT_VIEW = (): InsightsView => ({
  range: '90d',
  customFrom: addDays(todayLocal(), -29),
  customTo: todayLocal(),
  personIds: [],
  categories: [],
  bucket: 'auto',
  checkInMeasure: 'heard',
});

/** The query a view asks for, or a message saying why it cannot be asked. */
export function queryOf(v: InsightsView, today: string): { from?: string; to?: string; when: string } | { problem: string } {
  if (v.range === 'custom') {
    if (!v.customFrom || !v.customTo) return { problem: translate('insights.bothDates') };
    if (v.customFrom > v.customTo) return { problem: translate('insights.datesReversed') };
    return { from: v.customFrom, to: v.customTo, when: translate('insights.when.custom', { range: rangeLabel(v.customFrom, v.customTo) }) };
  }
  const r = RANGES.find((x) => x.key === v.range)!;
  const when = translate(r.when ?? 'insights.when.all');
  if (r.days === null) return { when };
  return { from: addDays(today, -(r.days - 1)), to: today, when };
}

interface Loaded {
  overview: InsightsOverview;
  history: PatternHistory;
  checkIns: CheckInTrends;
  when: string;
  filter: InsightFilter;
  /** The query these are the answer to. */
  key: string;
}

export function InsightsPage() {
  const { people, tags, personById, loaded: listsLoaded } = useJournalData();
  const [view, setView] = useRemembered<InsightsView>('insights.view', DEFAULT_VIEW);
  const t = useT();
  const words = useVocabulary();
  const today = todayLocal();
  const q = queryOf(view, today);
  const problem = 'problem' in q ? q.problem : null;
  const filter = useMemo<InsightFilter>(() => {
    const f: InsightFilter = {};
    if (view.personIds.length) f.personIds = view.personIds;
    if (view.categories.length) f.categories = view.categories;
    return f;
  }, [view.personIds, view.categories]);
  const queryKey = 'problem' in q ? null : JSON.stringify({ from: q.from, to: q.to, bucket: view.bucket, filter, today });

  // One query per view (range, bucket, filter, day): the newest view's answer is the one shown, and
  // the last answer stays on screen, marked as updating, until the next one has come. Any write to
  // entries or check-ins invalidates the insights area, so the page loads again.
  const loaded = useQuery({
    queryKey: screenKey('insights', 'page', queryKey),
    enabled: queryKey !== null,
    placeholderData: keepPreviousData,
    queryFn: async (): Promise<Loaded> => {
      if ('problem' in q || queryKey === null) throw new Error('no query');
      const range = { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) };
      const bucket = view.bucket === 'auto' ? {} : { bucket: view.bucket };
      const [overview, history, checkIns] = await Promise.all([
        call('insights.overview', { ...range, ...bucket, filter, today, limit: 8 }),
        call('insights.patternHistory', { ...range, filter, today }),
        call('insights.checkinTrends', { ...range, ...(filter.personIds ? { personIds: filter.personIds } : {}), today }),
      ]);
      return { overview, history, checkIns, when: q.when, filter, key: queryKey };
    },
  });
  const data = loaded.data ?? null;
  const state: 'loading' | 'idle' | 'error' = loaded.isError ? 'error' : loaded.isFetching ? 'loading' : 'idle';
  const error = loaded.error ? messageOf(loaded.error) : null;

  const personOf = useCallback(
    (id: number): Who => {
      const p = personById.get(id);
      return p ? { name: p.name, color: p.color } : { name: t('insights.removed'), color: '#999999' };
    },
    [personById, t],
  );
  const nameOf = useCallback((id: number) => personOf(id).name, [personOf]);
  const drillWith = data?.filter;
  const onDrill = useCallback<OnDrill>(
    (target: DrillTarget, count: number, label: string) => {
      if (!drillWith) return;
      openTimelineFor({ filter: drillFilter(drillWith, target, tags), label, count });
    },
    [drillWith, tags],
  );

  const set = <K extends keyof InsightsView>(k: K, v: InsightsView[K]) => setView((prev) => ({ ...prev, [k]: v }));
  const activeFilters = view.personIds.length + view.categories.length;
  const o = data?.overview;
  // Known during render (not after an effect), so "Charts show …" never describes an older choice.
  const pending = state !== 'error' && queryKey !== null && data?.key !== queryKey;
  const nothing = o && o.domains.total === 0;
  // The range in a sentence, in the language shown now (the query is worded afresh each render).
  const when = data && !('problem' in q) && data.key === queryKey ? q.when : (data?.when ?? '');

  return (
    <div className="page insights-page">
      <header className="page-head">
        <div>
          <h1>{t('insights.title')}</h1>
          <p className="hint">{t('insights.intro')}</p>
        </div>
      </header>

      <search className="insights-controls" aria-label={t('insights.controls')}>
        <fieldset className="range-picker">
          <legend>{t('insights.range')}</legend>
          <div className="segments">
            {RANGES.map((r) => (
              <label key={r.key} className="segment">
                <input type="radio" name="insights-range" className="overlay-input" checked={view.range === r.key} onChange={() => set('range', r.key)} />
                <span>{t(r.label)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        {view.range === 'custom' && (
          <div className="row custom-range">
            <div className="field">
              <label htmlFor="insights-from">{t('insights.from')}</label>
              <input id="insights-from" type="date" value={view.customFrom} max={view.customTo || undefined} onChange={(e) => set('customFrom', e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="insights-to">{t('insights.to')}</label>
              <input id="insights-to" type="date" value={view.customTo} min={view.customFrom || undefined} onChange={(e) => set('customTo', e.target.value)} />
            </div>
          </div>
        )}
        <div className="field">
          <label htmlFor="insights-bucket">{t('insights.bucket')}</label>
          <select id="insights-bucket" value={view.bucket} onChange={(e) => set('bucket', e.target.value as InsightsView['bucket'])}>
            <option value="auto">{o ? t('insights.bucket.autoIs', { bucket: o.patterns.axis.bucket }) : t('insights.bucket.auto')}</option>
            <option value="day">{t('insights.bucket.day')}</option>
            <option value="week">{t('insights.bucket.week')}</option>
            <option value="month">{t('insights.bucket.month')}</option>
          </select>
        </div>
        <details className="insights-filters" open={activeFilters > 0 ? true : undefined}>
          <summary>
            {activeFilters > 0 ? t('insights.filtersChosen', { count: activeFilters }) : t('insights.filters')}
          </summary>
          <div className="insights-filter-body">
            <CheckboxGroup
              legend={t('insights.people')}
              hint={t('insights.peopleHint')}
              options={people.map((p) => ({ value: p.id, label: p.archivedAt ? t('insights.archivedPerson', { name: p.name }) : p.name, color: p.color }))}
              value={view.personIds}
              onChange={(ids) => set('personIds', ids)}
            />
            <CheckboxGroup
              legend={t('insights.areas')}
              hint={t('insights.areasHint')}
              options={CATEGORIES.map((c) => ({ value: c, label: words.category(c), color: CATEGORY_COLORS[c] }))}
              value={view.categories}
              onChange={(cs) => set('categories', cs)}
            />
            {activeFilters > 0 && (
              <button type="button" className="button small" onClick={() => setView((prev) => ({ ...prev, personIds: [], categories: [] }))}>
                {t('insights.clearFilters')}
              </button>
            )}
          </div>
        </details>
      </search>

      <ErrorAlert>{problem ?? error}</ErrorAlert>
      <p className="visually-hidden" role="status">
        {pending ? t('insights.updating') : state === 'idle' && data ? t('insights.showing', { range: rangeLabelOf(data) }) : ''}
      </p>

      {o?.ahead && (
        <div className="notice" role="note">
          <p>
            {o.ahead.count === 1 ? t('insights.aheadOne', { day: formatDay(o.ahead.from) }) : t('insights.ahead', { count: o.ahead.count, range: rangeLabel(o.ahead.from, o.ahead.to) })}{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => openTimelineFor({ filter: { from: o.ahead!.from, to: o.ahead!.to }, label: t('insights.aheadLabel'), count: o.ahead!.count })}
            >
              {t('insights.aheadShow', { count: o.ahead.count })}
            </button>
          </p>
        </div>
      )}

      {!data || !o || !listsLoaded ? (
        state === 'error' ? null : <Loading label={t('insights.loading')} />
      ) : nothing ? (
        <EmptyState
          title={t('insights.emptyTitle', { when })}
          action={
            view.range !== 'all' || activeFilters > 0 ? (
              <button type="button" className="button" onClick={() => setView((prev) => ({ ...prev, range: 'all', personIds: [], categories: [] }))}>
                {t('insights.showAll')}
              </button>
            ) : (
              <button type="button" className="button primary" onClick={() => navigate('/new')}>
                {t('insights.write')}
              </button>
            )
          }
        >
          <p>{t('insights.emptyText')}</p>
        </EmptyState>
      ) : (
        <div className="chart-grid" aria-busy={pending}>
          <div className="wide">
            <PatternFrequencyChart data={o.patterns} when={when} onDrill={onDrill} />
          </div>
          <div className="wide">
            <BalanceChart data={o.balance} when={when} onDrill={onDrill} personOf={personOf} />
          </div>
          <ScoresChart data={o.scores} when={when} onDrill={onDrill} />
          <HealthyShareChart data={o.healthyShare} entries={o.scores.entries} when={when} onDrill={onDrill} />
          <div className="wide">
            <TopPatternsTable data={o.topPatterns} history={data.history} when={when} onDrill={onDrill} />
          </div>
          <div className="wide">
            <HeatMapChart data={o.heatmap} weekStart={o.patterns.axis.weekStart} when={when} onDrill={onDrill} />
          </div>
          <DomainsChart data={o.domains} when={when} onDrill={onDrill} />
          <PeopleChart data={o.people} when={when} onDrill={onDrill} nameOf={nameOf} />
        </div>
      )}
      {data && o && listsLoaded && (
        <div className="chart-grid">
          <div className="wide">
            <CheckInTrendsChart
              data={data.checkIns}
              measure={view.checkInMeasure}
              personOf={personOf}
              when={when}
              controls={
                <div className="field inline-field">
                  <label htmlFor="insights-checkin-measure">{t('insights.answer')}</label>
                  <select id="insights-checkin-measure" value={view.checkInMeasure} onChange={(e) => set('checkInMeasure', e.target.value as CheckInMeasure)}>
                    {CHECKIN_MEASURES.map((m) => (
                      <option key={m} value={m}>
                        {CHECKIN_QUESTIONS[m].short}
                      </option>
                    ))}
                  </select>
                </div>
              }
            />
          </div>
        </div>
      )}
    </div>
  );
}

function rangeLabelOf(d: Loaded): string {
  const p = d.overview.patterns.axis.period;
  return p ? rangeLabel(p.from, p.to) : translate('insights.noEntries');
}
