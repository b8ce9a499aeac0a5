/**
 * One person: what they bring (strengths), the entries with them (newest first, a page at a time),
 * the weekly check-ins about them, and how the entries with them felt — check-in answers and the
 * entries' measures charted week by week, side by side.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { format } from 'date-fns';
import { PERSON_KIND_LABELS } from '../../shared/catalogue.js';
import { addDays, drillFilter, weekStartOf, type BalanceTrend, type CheckInTrends, type DrillTarget, type InsightFilter, type ScoreTrends } from '../../shared/insights.js';
import { call, messageOf } from '../api.js';
import { BalanceChart, PersonCheckInChart, ScoresChart, type OnDrill, type Who } from '../charts/index.js';
import { Swatch } from '../components/Chips.js';
import { EmptyState, ErrorAlert, Loading } from '../components/Feedback.js';
import { PersonEntries } from '../components/PersonEntries.js';
import { StrengthsEditor } from '../components/Strengths.js';
import { openTimelineFor } from '../lib/drill.js';
import { useJournalData, useToast } from '../lib/session.js';
import { useRemembered } from '../lib/viewMemory.js';
import { PersonDialog } from './People.js';
import '../styles/insights.css';

const RANGES = [
  { key: '12w', label: 'Last 12 weeks', weeks: 12, when: 'in the last 12 weeks' },
  { key: '1y', label: 'Last year', weeks: 52, when: 'in the last year' },
  { key: 'all', label: 'All time', weeks: null, when: 'in all your entries' },
] as const;
type RangeKey = (typeof RANGES)[number]['key'];

interface Loaded {
  checkIns: CheckInTrends;
  balance: BalanceTrend;
  scores: ScoreTrends;
  when: string;
}

export function PersonViewPage({ id }: { id: number }) {
  const { personById, tags, loaded, reloadPeople } = useJournalData();
  const toast = useToast();
  const person = personById.get(id);
  const [range, setRange] = useRemembered<RangeKey>('person.range', '12w');
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const filter = useMemo<InsightFilter>(() => ({ personIds: [id] }), [id]);

  useEffect(() => {
    let live = true;
    const today = format(new Date(), 'yyyy-MM-dd');
    const r = RANGES.find((x) => x.key === range)!;
    (async () => {
      const { weekStart } = await call('settings.get', {});
      // Weekly bars for both, from the first day of a week, so check-ins and entries line up.
      const from = r.weeks === null ? undefined : addDays(weekStartOf(today, weekStart), -(r.weeks - 1) * 7);
      const q = { ...(from ? { from } : {}), to: today, filter, today, bucket: r.weeks === null ? undefined : ('week' as const) };
      const [checkIns, balance, scores] = await Promise.all([
        call('insights.checkinTrends', { ...(from ? { from } : {}), to: today, personIds: [id], today }),
        call('insights.balance', q),
        call('insights.scores', q),
      ]);
      if (live) setData({ checkIns, balance, scores, when: r.when });
    })().catch((e) => live && setError(messageOf(e)));
    return () => {
      live = false;
    };
  }, [id, range, filter]);

  const personOf = useCallback((pid: number): Who => {
    const p = personById.get(pid);
    return p ? { name: p.name, color: p.color } : { name: 'Someone removed', color: '#999999' };
  }, [personById]);
  const onDrill = useCallback<OnDrill>(
    (target: DrillTarget, count: number, label: string) => openTimelineFor({ filter: drillFilter(filter, target, tags), label, count }),
    [filter, tags],
  );

  if (!loaded) return <Loading />;
  if (!person) {
    return (
      <div className="page">
        <EmptyState title="This person is not in your journal" action={<a className="button" href="#/people">Back to people</a>}>
          <p>They may have been removed.</p>
        </EmptyState>
      </div>
    );
  }

  return (
    <div className="page person-view">
      <p>
        <a href="#/people">← People</a>
      </p>
      <header className="page-head person-head">
        <div>
          <h1 className="row">
            <Swatch color={person.color} />
            <bdi dir="auto">{person.name}</bdi>
          </h1>
          <p className="hint">
            {PERSON_KIND_LABELS[person.kind]}
            {person.archivedAt ? ' · archived' : ''}
          </p>
          {person.notes && <p dir="auto">{person.notes}</p>}
        </div>
        <div className="row">
          <button type="button" className="button" onClick={() => setEditing(true)}>
            Edit<span className="visually-hidden"> {person.name}</span>
          </button>
          {person.archivedAt === null && (
            <a className="button primary" href={`#/checkins/${person.id}`}>
              Check in about <bdi dir="auto">{person.name}</bdi>
            </a>
          )}
        </div>
      </header>
      <ErrorAlert>{error}</ErrorAlert>

      <section className="page-section" aria-labelledby="strengths-heading">
        <h2 id="strengths-heading">
          What <bdi dir="auto">{person.name}</bdi> brings
        </h2>
        <StrengthsEditor personId={person.id} name={person.name} />
      </section>

      <PersonEntries person={person} />

      <section className="page-section" aria-labelledby="over-time-heading">
        <div className="page-head">
          <h2 id="over-time-heading">Over time</h2>
          <div className="field inline-field">
            <label htmlFor="person-range">Range</label>
            <select id="person-range" value={range} onChange={(e) => setRange(e.target.value as RangeKey)}>
              {RANGES.map((r) => (
                <option key={r.key} value={r.key}>
                  {r.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        {!data ? (
          !error && <Loading />
        ) : (
          <div className="chart-grid">
            <div className="wide">
              <PersonCheckInChart data={data.checkIns} personId={person.id} when={data.when} level={3} title={`Check-ins about ${person.name}`} />
            </div>
            <div className="wide">
              <ScoresChart data={data.scores} when={data.when} level={3} onDrill={onDrill} title={`How entries with ${person.name} felt`} />
            </div>
            <div className="wide">
              <BalanceChart data={data.balance} when={data.when} level={3} onDrill={onDrill} personOf={personOf} title={`Balance of power with ${person.name}`} />
            </div>
          </div>
        )}
      </section>

      {editing && (
        <PersonDialog
          person={person}
          defaultColor={person.color}
          onClose={() => setEditing(false)}
          onSaved={async () => {
            await reloadPeople();
            setEditing(false);
            toast.show('Changes saved.');
          }}
        />
      )}
    </div>
  );
}
