/**
 * One person: what they bring (strengths), the entries with them (newest first, a page at a time),
 * the weekly check-ins about them, and how the entries with them felt — check-in answers and the
 * entries' measures charted week by week, side by side.
 */
import { useCallback, useMemo, useState } from 'react';
import { format } from 'date-fns';
import { addDays, drillFilter, weekStartOf, type BalanceTrend, type CheckInTrends, type DrillTarget, type InsightFilter, type ScoreTrends } from '../../shared/insights.js';
import { messageOf } from '../api.js';
import { BalanceChart, PersonCheckInChart, ScoresChart, type OnDrill, type Who } from '../charts/index.js';
import { Swatch } from '../components/Chips.js';
import { EmptyState, ErrorAlert, Loading } from '../components/Feedback.js';
import { PersonEntries } from '../components/PersonEntries.js';
import { StrengthsEditor } from '../components/Strengths.js';
import { openTimelineFor } from '../lib/drill.js';
import { useJournalData, useToast } from '../lib/session.js';
import { useRemembered } from '../lib/viewMemory.js';
import { useApi } from '../lib/queries.js';
import { PersonDialog } from './People.js';
import '../styles/insights.css';
import { useIntl } from 'react-intl';
import { useT, type MessageId } from '../i18n/index.js';
import { useVocabulary } from '../i18n/vocabulary.js';

const RANGES: readonly { key: '12w' | '1y' | 'all'; label: MessageId; weeks: number | null; when: MessageId }[] = [
  { key: '12w', label: 'personView.range.12w', weeks: 12, when: 'personView.when.12w' },
  { key: '1y', label: 'personView.range.1y', weeks: 52, when: 'personView.when.1y' },
  { key: 'all', label: 'personView.range.all', weeks: null, when: 'personView.when.all' },
];
type RangeKey = (typeof RANGES)[number]['key'];

interface Loaded {
  checkIns: CheckInTrends;
  balance: BalanceTrend;
  scores: ScoreTrends;
  when: MessageId;
}

export function PersonViewPage({ id }: { id: number }) {
  const { personById, tags, loaded, reloadPeople } = useJournalData();
  const toast = useToast();
  const person = personById.get(id);
  const [range, setRange] = useRemembered<RangeKey>('person.range', '12w');
  const [editing, setEditing] = useState(false);
  const filter = useMemo<InsightFilter>(() => ({ personIds: [id] }), [id]);
  const t = useT();
  const intl = useIntl();
  const words = useVocabulary();

  // The week start comes first (a settings change loads everything again); then the three series.
  const settings = useApi('settings.get', {});
  const weekStart = settings.data?.weekStart;
  const today = format(new Date(), 'yyyy-MM-dd');
  const r = RANGES.find((x) => x.key === range)!;
  // Weekly bars for both, from the first day of a week, so check-ins and entries line up.
  const from = r.weeks === null || weekStart === undefined ? undefined : addDays(weekStartOf(today, weekStart), -(r.weeks - 1) * 7);
  const q = { ...(from ? { from } : {}), to: today, filter, today, bucket: r.weeks === null ? undefined : ('week' as const) };
  const ready = weekStart !== undefined;
  const checkIns = useApi('insights.checkinTrends', { ...(from ? { from } : {}), to: today, personIds: [id], today }, { enabled: ready });
  const balance = useApi('insights.balance', q, { enabled: ready });
  const scores = useApi('insights.scores', q, { enabled: ready });
  const data: Loaded | null =
    checkIns.data && balance.data && scores.data ? { checkIns: checkIns.data, balance: balance.data, scores: scores.data, when: r.when } : null;
  const failed = settings.error ?? checkIns.error ?? balance.error ?? scores.error;
  const error = failed ? messageOf(failed) : null;

  const personOf = useCallback((pid: number): Who => {
    const p = personById.get(pid);
    return p ? { name: p.name, color: p.color } : { name: t('personView.removed'), color: '#999999' };
  }, [personById, t]);
  const onDrill = useCallback<OnDrill>(
    (target: DrillTarget, count: number, label: string) => openTimelineFor({ filter: drillFilter(filter, target, tags), label, count }),
    [filter, tags],
  );

  if (!loaded) return <Loading />;
  if (!person) {
    return (
      <div className="page">
        <EmptyState title={t('personView.missing')} action={<a className="button" href="#/people">{t('personView.backToPeople')}</a>}>
          <p>{t('personView.missingHint')}</p>
        </EmptyState>
      </div>
    );
  }

  return (
    <div className="page person-view">
      <p>
        <a href="#/people">{t('personView.back')}</a>
      </p>
      <header className="page-head person-head">
        <div>
          <h1 className="row">
            <Swatch color={person.color} />
            <bdi dir="auto">{person.name}</bdi>
          </h1>
          <p className="hint">
            {words.personKind(person.kind)}
            {person.archivedAt ? ` · ${t('personView.archived')}` : ''}
          </p>
          {person.notes && <p dir="auto">{person.notes}</p>}
        </div>
        <div className="row">
          <button type="button" className="button" onClick={() => setEditing(true)}>
            {t('personView.edit')}
            <span className="visually-hidden"> {person.name}</span>
          </button>
          {person.archivedAt === null && (
            <a className="button primary" href={`#/checkins/${person.id}`}>
              {intl.formatMessage({ id: 'personView.checkIn' }, { name: <bdi dir="auto">{person.name}</bdi> })}
            </a>
          )}
        </div>
      </header>
      <ErrorAlert>{error}</ErrorAlert>

      <section className="page-section" aria-labelledby="strengths-heading">
        <h2 id="strengths-heading">
          {intl.formatMessage({ id: 'personView.brings' }, { name: <bdi dir="auto">{person.name}</bdi> })}
        </h2>
        <StrengthsEditor personId={person.id} name={person.name} />
      </section>

      <PersonEntries person={person} />

      <section className="page-section" aria-labelledby="over-time-heading">
        <div className="page-head">
          <h2 id="over-time-heading">{t('personView.overTime')}</h2>
          <div className="field inline-field">
            <label htmlFor="person-range">{t('personView.range')}</label>
            <select id="person-range" value={range} onChange={(e) => setRange(e.target.value as RangeKey)}>
              {RANGES.map((r) => (
                <option key={r.key} value={r.key}>
                  {t(r.label)}
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
              <PersonCheckInChart data={data.checkIns} personId={person.id} when={t(data.when)} level={3} title={t('personView.checkins', { name: person.name })} />
            </div>
            <div className="wide">
              <ScoresChart data={data.scores} when={t(data.when)} level={3} onDrill={onDrill} title={t('personView.scores', { name: person.name })} />
            </div>
            <div className="wide">
              <BalanceChart data={data.balance} when={t(data.when)} level={3} onDrill={onDrill} personOf={personOf} title={t('personView.balance', { name: person.name })} />
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
            toast.show(t('personView.saved'));
          }}
        />
      )}
    </div>
  );
}
