/**
 * Insights: what the entries show over time. A range, people and areas to look at; the
 * charts the core computes for them (one `insights.overview` call, plus the pattern history and the
 * check-in trends); a click on any bar, point or day opens exactly those entries on the timeline.
 * The choices are remembered until the journal is locked, in memory only.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { format } from 'date-fns';
import { CATEGORIES, CATEGORY_COLORS, CATEGORY_LABELS, type Category } from '../../shared/catalogue.js';
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
import '../styles/insights.css';

export const RANGES = [
  { key: '7d', label: '7 days', days: 7, when: 'in the last 7 days' },
  { key: '30d', label: '30 days', days: 30, when: 'in the last 30 days' },
  { key: '90d', label: '90 days', days: 90, when: 'in the last 90 days' },
  { key: '1y', label: '1 year', days: 365, when: 'in the last 12 months' },
  { key: 'all', label: 'All time', days: null, when: 'in all your entries' },
  { key: 'custom', label: 'Custom', days: null, when: '' },
] as const;
export type RangeKey = (typeof RANGES)[number]['key'];

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
    if (!v.customFrom || !v.customTo) return { problem: 'Choose both a start and an end date.' };
    if (v.customFrom > v.customTo) return { problem: 'The start date is after the end date. Pick the dates again.' };
    return { from: v.customFrom, to: v.customTo, when: `in ${rangeLabel(v.customFrom, v.customTo)}` };
  }
  const r = RANGES.find((x) => x.key === v.range)!;
  if (r.days === null) return { when: r.when };
  return { from: addDays(today, -(r.days - 1)), to: today, when: r.when };
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
  const [data, setData] = useState<Loaded | null>(null);
  const [state, setState] = useState<'loading' | 'idle' | 'error'>('loading');
  const [error, setError] = useState<string | null>(null);
  const request = useRef(0);
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

  useEffect(() => {
    if (queryKey === null || 'problem' in q) return;
    const id = ++request.current;
    const range = { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) };
    const bucket = view.bucket === 'auto' ? {} : { bucket: view.bucket };
    setState('loading');
    setError(null);
    Promise.all([
      call('insights.overview', { ...range, ...bucket, filter, today, limit: 8 }),
      call('insights.patternHistory', { ...range, filter, today }),
      call('insights.checkinTrends', { ...range, ...(filter.personIds ? { personIds: filter.personIds } : {}), today }),
    ])
      .then(([overview, history, checkIns]) => {
        if (id !== request.current) return;
        setData({ overview, history, checkIns, when: q.when, filter, key: queryKey });
        setState('idle');
      })
      .catch((e) => {
        if (id !== request.current) return;
        setError(messageOf(e));
        setState('error');
      });
    // queryKey stands for q, filter, bucket and today: the effect runs when the query changes, not
    // when an equal query is rebuilt by a render.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above: queryKey is the dependency
  }, [queryKey]);

  const personOf = useCallback(
    (id: number): Who => {
      const p = personById.get(id);
      return p ? { name: p.name, color: p.color } : { name: 'Someone removed', color: '#999999' };
    },
    [personById],
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

  return (
    <div className="page insights-page">
      <header className="page-head">
        <div>
          <h1>Insights</h1>
          <p className="hint">What your entries show over time. Everything here is worked out on this computer.</p>
        </div>
      </header>

      <search className="insights-controls" aria-label="Choose what to chart">
        <fieldset className="range-picker">
          <legend>Range</legend>
          <div className="segments">
            {RANGES.map((r) => (
              <label key={r.key} className="segment">
                <input type="radio" name="insights-range" className="overlay-input" checked={view.range === r.key} onChange={() => set('range', r.key)} />
                <span>{r.label}</span>
              </label>
            ))}
          </div>
        </fieldset>
        {view.range === 'custom' && (
          <div className="row custom-range">
            <div className="field">
              <label htmlFor="insights-from">From</label>
              <input id="insights-from" type="date" value={view.customFrom} max={view.customTo || undefined} onChange={(e) => set('customFrom', e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="insights-to">To</label>
              <input id="insights-to" type="date" value={view.customTo} min={view.customFrom || undefined} onChange={(e) => set('customTo', e.target.value)} />
            </div>
          </div>
        )}
        <div className="field">
          <label htmlFor="insights-bucket">Bar size</label>
          <select id="insights-bucket" value={view.bucket} onChange={(e) => set('bucket', e.target.value as InsightsView['bucket'])}>
            <option value="auto">Automatic{o ? ` (${o.patterns.axis.bucket})` : ''}</option>
            <option value="day">Day</option>
            <option value="week">Week</option>
            <option value="month">Month</option>
          </select>
        </div>
        <details className="insights-filters" open={activeFilters > 0 ? true : undefined}>
          <summary>
            Filter by people and areas{activeFilters > 0 ? ` (${activeFilters} chosen)` : ''}
          </summary>
          <div className="insights-filter-body">
            <CheckboxGroup
              legend="People"
              hint="None ticked: everyone."
              options={people.map((p) => ({ value: p.id, label: p.archivedAt ? `${p.name} (archived)` : p.name, color: p.color }))}
              value={view.personIds}
              onChange={(ids) => set('personIds', ids)}
            />
            <CheckboxGroup
              legend="Areas"
              hint="None ticked: all areas."
              options={CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c], color: CATEGORY_COLORS[c] }))}
              value={view.categories}
              onChange={(cs) => set('categories', cs)}
            />
            {activeFilters > 0 && (
              <button type="button" className="button small" onClick={() => setView((prev) => ({ ...prev, personIds: [], categories: [] }))}>
                Clear filters
              </button>
            )}
          </div>
        </details>
      </search>

      <ErrorAlert>{problem ?? error}</ErrorAlert>
      <p className="visually-hidden" role="status">
        {pending ? 'Updating the charts' : state === 'idle' && data ? `Charts show ${rangeLabelOf(data)}` : ''}
      </p>

      {o?.ahead && (
        <div className="notice" role="note">
          <p>
            {o.ahead.count === 1
              ? `One entry is dated ${formatDay(o.ahead.from)}, after tomorrow, so “all time” stops before it.`
              : `${o.ahead.count} entries are dated after tomorrow (${rangeLabel(o.ahead.from, o.ahead.to)}), so “all time” stops before them.`}{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => openTimelineFor({ filter: { from: o.ahead!.from, to: o.ahead!.to }, label: 'Dated after tomorrow', count: o.ahead!.count })}
            >
              {o.ahead.count === 1 ? 'Show it' : 'Show them'}
            </button>
          </p>
        </div>
      )}

      {!data || !o || !listsLoaded ? (
        state === 'error' ? null : <Loading label="Working out your insights…" />
      ) : nothing ? (
        <EmptyState
          title={`No entries ${data.when}`}
          action={
            view.range !== 'all' || activeFilters > 0 ? (
              <button type="button" className="button" onClick={() => setView((prev) => ({ ...prev, range: 'all', personIds: [], categories: [] }))}>
                Show all time, everyone
              </button>
            ) : (
              <button type="button" className="button primary" onClick={() => navigate('/new')}>
                Write an entry
              </button>
            )
          }
        >
          <p>Charts appear here once there are entries in the range. Tag patterns and rate how it felt, and the trends show what keeps repeating and what is getting better.</p>
        </EmptyState>
      ) : (
        <div className="chart-grid" aria-busy={pending}>
          <div className="wide">
            <PatternFrequencyChart data={o.patterns} when={data.when} onDrill={onDrill} />
          </div>
          <div className="wide">
            <BalanceChart data={o.balance} when={data.when} onDrill={onDrill} personOf={personOf} />
          </div>
          <ScoresChart data={o.scores} when={data.when} onDrill={onDrill} />
          <HealthyShareChart data={o.healthyShare} entries={o.scores.entries} when={data.when} onDrill={onDrill} />
          <div className="wide">
            <TopPatternsTable data={o.topPatterns} history={data.history} when={data.when} onDrill={onDrill} />
          </div>
          <div className="wide">
            <HeatMapChart data={o.heatmap} weekStart={o.patterns.axis.weekStart} when={data.when} onDrill={onDrill} />
          </div>
          <DomainsChart data={o.domains} when={data.when} onDrill={onDrill} />
          <PeopleChart data={o.people} when={data.when} onDrill={onDrill} nameOf={nameOf} />
        </div>
      )}
      {data && o && listsLoaded && (
        <div className="chart-grid">
          <div className="wide">
            <CheckInTrendsChart
              data={data.checkIns}
              measure={view.checkInMeasure}
              personOf={personOf}
              when={data.when}
              controls={
                <div className="field inline-field">
                  <label htmlFor="insights-checkin-measure">Answer</label>
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
  return p ? rangeLabel(p.from, p.to) : 'no entries';
}
