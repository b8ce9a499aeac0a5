/**
 * Weekly check-ins: which are due this week, the questionnaire (six answers 1–5, a note,
 * "bring this to my therapist"), and each person's history, charted. One check-in per person per
 * week: saving again replaces it.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { format } from 'date-fns';
import { addDays, CHECKIN_MEASURES, weekStartOf, type CheckInMeasure } from '../../shared/insights.js';
import type { CheckIn } from '../../shared/schemas.js';
import { call, messageOf } from '../api.js';
import { CHECKIN_QUESTIONS, PersonCheckInChart, num, rangeLabel } from '../charts/index.js';
import { Swatch } from '../components/Chips.js';
import { ConfirmDialog } from '../components/Dialog.js';
import { attachHeld, CheckInAttachments } from '../components/attachments/CheckInAttachments.js';
import { CheckInRevisions } from '../components/CheckInRevisions.js';
import { ScoreGroup } from '../components/EditorControls.js';
import { EmptyState, ErrorAlert, Loading } from '../components/Feedback.js';
import { navigate } from '../lib/router.js';
import { useJournalData, useToast } from '../lib/session.js';
import { useRemembered } from '../lib/viewMemory.js';
import { useApi } from '../lib/queries.js';
import '../styles/insights.css';
import { useIntl } from 'react-intl';
import { translate, useT, type MessageId } from '../i18n/index.js';

const todayLocal = () => format(new Date(), 'yyyy-MM-dd');
/** "week of 3–9 March 2025", mid-sentence, in the interface's language. */
export const weekWords = (week: string) => translate('checkins.weekOf', { range: rangeLabel(week, addDays(week, 6)) });
const bdi = (name: string) => <bdi dir="auto">{name}</bdi>;

export function CheckInsPage() {
  const { people, personById, loaded } = useJournalData();
  // What is due this week, then the check-ins already saved in it (both follow every save).
  const dueQuery = useApi('insights.checkinsDue', { today: todayLocal() });
  const weekRange = dueQuery.data ? { from: dueQuery.data.week, to: dueQuery.data.weekEnd } : {};
  const doneQuery = useApi('checkins.list', weekRange, { enabled: dueQuery.data !== undefined });
  const due = dueQuery.data && doneQuery.data ? dueQuery.data : null;
  const done: CheckIn[] = doneQuery.data ?? [];
  const failed = dueQuery.error ?? doneQuery.error;
  const error = failed ? messageOf(failed) : null;
  const active = people.filter((p) => p.archivedAt === null);
  const t = useT();
  const intl = useIntl();

  return (
    <div className="page checkins-page">
      <header className="page-head">
        <div>
          <h1>{t('checkins.title')}</h1>
          <p className="hint">{t('checkins.intro')}</p>
        </div>
      </header>
      <ErrorAlert>{error}</ErrorAlert>
      {!loaded || (!due && !error) ? (
        <Loading />
      ) : active.length === 0 ? (
        <EmptyState
          title={t('checkins.noPeople')}
          action={
            <a className="button primary" href="#/people">
              {t('checkins.goToPeople')}
            </a>
          }
        >
          <p>{t('checkins.noPeopleHint')}</p>
        </EmptyState>
      ) : due ? (
        <>
          <section className="page-section" aria-labelledby="due-heading">
            <h2 id="due-heading">{t('checkins.due')}</h2>
            <p className="hint">{t('checkins.thisIs', { week: weekWords(due.week) })}</p>
            {due.due.length === 0 ? (
              <p>{t('checkins.allDone')}</p>
            ) : (
              <ul className="due-list">
                {due.due.map((d) => {
                  const p = personById.get(d.personId);
                  if (!p) return null;
                  return (
                    <li key={d.personId}>
                      <Swatch color={p.color} />
                      <span className="due-name" dir="auto">
                        {p.name}
                      </span>
                      <a className="button primary small" href={`#/checkins/${p.id}`}>
                        {intl.formatMessage({ id: 'checkins.checkInAbout' }, { name: bdi(p.name) })}
                      </a>
                      <span className="hint">{d.lastWeek ? t('checkins.last', { week: weekWords(d.lastWeek) }) : t('checkins.noneYet')}</span>
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
          {done.length > 0 && (
            <section className="page-section" aria-labelledby="done-heading">
              <h2 id="done-heading">{t('checkins.done')}</h2>
              <ul className="due-list">
                {done.map((c) => {
                  const p = personById.get(c.personId);
                  if (!p) return null;
                  return (
                    <li key={c.id}>
                      <Swatch color={p.color} />
                      <span className="due-name" dir="auto">
                        {p.name}
                      </span>
                      <a className="button small" href={`#/checkins/${p.id}/${c.week}`}>
                        {intl.formatMessage({ id: 'checkins.changeAbout' }, { name: bdi(p.name) })}
                      </a>
                    </li>
                  );
                })}
              </ul>
            </section>
          )}
          <CheckInHistory />
        </>
      ) : null}
    </div>
  );
}

const HISTORY_RANGES: readonly { key: '12w' | '1y' | 'all'; label: MessageId; weeks: number | null; when: MessageId }[] = [
  { key: '12w', label: 'checkins.range.12w', weeks: 12, when: 'checkins.when.12w' },
  { key: '1y', label: 'checkins.range.1y', weeks: 52, when: 'checkins.when.1y' },
  { key: 'all', label: 'checkins.range.all', weeks: null, when: 'checkins.when.all' },
];

/** One person's check-ins: chart, then the list (change or delete each). */
function CheckInHistory() {
  const { people, personById } = useJournalData();
  const toast = useToast();
  const t = useT();
  const withSome = people;
  const [personId, setPersonId] = useRemembered<number | null>('checkins.historyPerson', null);
  const [range, setRange] = useRemembered<(typeof HISTORY_RANGES)[number]['key']>('checkins.historyRange', '12w');
  const [deleting, setDeleting] = useState<CheckIn | null>(null);
  const settings = useApi('settings.get', {});
  const weekStart = settings.data?.weekStart ?? null;
  // Unless chosen: whoever the latest check-in was about (else the first person).
  const recent = useApi('checkins.list', { from: addDays(todayLocal(), -366) });
  const latest =
    recent.data !== undefined
      ? (recent.data.reduce<CheckIn | null>((a, c) => (!a || c.week > a.week || (c.week === a.week && c.updatedAt > a.updatedAt) ? c : a), null)?.personId ?? null)
      : recent.isError
        ? null
        : undefined;
  const chosen = personId ?? (latest === undefined ? null : (latest ?? people.find((p) => p.archivedAt === null)?.id ?? null));

  // The chart and the list for the chosen person and range; a save or delete anywhere loads them again.
  const today = todayLocal();
  const span = HISTORY_RANGES.find((x) => x.key === range)!;
  const from = span.weeks === null || weekStart === null ? undefined : addDays(weekStartOf(today, weekStart), -(span.weeks - 1) * 7);
  const enabled = chosen !== null && weekStart !== null;
  const trendsQuery = useApi('insights.checkinTrends', { ...(from ? { from } : {}), to: today, personIds: [chosen ?? 0], today }, { enabled });
  const listQuery = useApi('checkins.list', { personId: chosen ?? 0, ...(from ? { from } : {}) }, { enabled });
  const trends = trendsQuery.data && listQuery.data ? trendsQuery.data : null;
  const list = useMemo(() => [...(listQuery.data ?? [])].sort((a, b) => b.week.localeCompare(a.week)), [listQuery.data]);
  const failed = settings.error ?? trendsQuery.error ?? listQuery.error;
  const error = failed ? messageOf(failed) : null;

  if (chosen === null) return null;
  const name = personById.get(chosen)?.name ?? t('checkins.thisPerson');
  const r = HISTORY_RANGES.find((x) => x.key === range)!;
  const when = t(r.when);

  return (
    <section className="page-section checkin-history" aria-labelledby="history-heading">
      <h2 id="history-heading">{t('checkins.history')}</h2>
      <div className="row">
        <div className="field">
          <label htmlFor="history-person">{t('checkins.person')}</label>
          <select id="history-person" value={chosen} onChange={(e) => setPersonId(Number(e.target.value))}>
            {withSome.map((p) => (
              <option key={p.id} value={p.id} dir="auto">
                {p.name}
                {p.archivedAt ? ` ${t('checkins.archived')}` : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="history-range">{t('checkins.range')}</label>
          <select id="history-range" value={range} onChange={(e) => setRange(e.target.value as typeof range)}>
            {HISTORY_RANGES.map((x) => (
              <option key={x.key} value={x.key}>
                {t(x.label)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorAlert>{error}</ErrorAlert>
      {trends && <PersonCheckInChart data={trends} personId={chosen} when={when} level={3} title={t('checkins.about', { name })} />}
      {list.length > 0 && (
        <div className="checkin-list">
          <table>
            <caption className="visually-hidden">{t('checkins.about', { name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('checkins.week')}</th>
                {CHECKIN_MEASURES.map((m) => (
                  <th scope="col" key={m}>
                    {CHECKIN_QUESTIONS[m].short}
                  </th>
                ))}
                <th scope="col">{t('checkins.note')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('checkins.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    {rangeLabel(c.week, addDays(c.week, 6))}
                    {c.forTherapist && <span className="badge badge-therapist"> {t('checkins.forTherapist')}</span>}
                  </th>
                  {CHECKIN_MEASURES.map((m) => (
                    <td key={m}>{num(c[m], 0)}</td>
                  ))}
                  <td dir="auto">{c.note ? c.note.slice(0, 80) + (c.note.length > 80 ? '…' : '') : ''}</td>
                  <td>
                    <div className="row">
                      <a className="button small" href={`#/checkins/${c.personId}/${c.week}`}>
                        {t('checkins.change')}
                        <span className="visually-hidden"> {t('checkins.ofWeek', { week: weekWords(c.week) })}</span>
                      </a>
                      <button type="button" className="button small subtle" onClick={() => setDeleting(c)}>
                        {t('checkins.delete')}
                        <span className="visually-hidden"> {t('checkins.ofWeek', { week: weekWords(c.week) })}</span>
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {deleting && (
        <ConfirmDialog
          title={t('checkins.deleteTitle')}
          message={<p>{t('checkins.deleteText', { name, week: weekWords(deleting.week) })}</p>}
          confirmLabel={t('checkins.deleteCheckin')}
          danger
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await call('checkins.delete', { id: deleting.id });
            toast.show(t('checkins.deleted'));
          }}
        />
      )}
    </section>
  );
}

type Answers = Record<CheckInMeasure, number | null>;
const NO_ANSWERS: Answers = { heard: null, respected: null, involved: null, fairShare: null, boundaries: null, safe: null };

/** The questionnaire for one person and week (this week unless the URL names one). */
export function CheckInFormPage({ personId, week: weekParam }: { personId: number; week?: string }) {
  const { personById, loaded } = useJournalData();
  const toast = useToast();
  const person = personById.get(personId);
  const settings = useApi('settings.get', {});
  const weekStart = settings.data?.weekStart ?? null;
  const [chosenWeek, setWeek] = useState<string | null>(null);
  const [existing, setExisting] = useState<CheckIn | null>(null);
  const [answers, setAnswers] = useState<Answers>(NO_ANSWERS);
  const [note, setNote] = useState('');
  const [forTherapist, setForTherapist] = useState(false);
  const [busy, setBusy] = useState(false);
  const [actionError, setError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  /** Files chosen for a check-in not saved yet: in memory until it is. */
  const [held, setHeld] = useState<File[]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  const today = todayLocal();
  const t = useT();
  const intl = useIntl();

  const validParam = weekParam && /^\d{4}-\d{2}-\d{2}$/.test(weekParam) ? weekParam : null;
  const week = chosenWeek ?? validParam ?? (weekStart === null ? null : weekStartOf(today, weekStart));

  // The saved check-in of that week, if any. The form takes its answers when the week is chosen and
  // again whenever the saved check-in changes (a restored version): never on an unchanged reload.
  const found = useApi('checkins.list', week ? { personId, from: week, to: addDays(week, 6) } : { personId }, { enabled: week !== null });
  const saved = found.data === undefined ? undefined : (found.data[0] ?? null);
  const stamp = saved === undefined || week === null ? null : `${week}|${saved?.id ?? 'none'}|${saved?.updatedAt ?? ''}`;
  const [applied, setApplied] = useState<string | null>(null);
  const savedRef = useRef(saved);
  savedRef.current = saved;
  useEffect(() => {
    if (stamp === null) return;
    const c = savedRef.current ?? null;
    setExisting(c);
    setAnswers(c ? { heard: c.heard, respected: c.respected, involved: c.involved, fairShare: c.fairShare, boundaries: c.boundaries, safe: c.safe } : NO_ANSWERS);
    setNote(c?.note ?? '');
    setForTherapist(c?.forTherapist ?? false);
    setApplied(stamp);
  }, [stamp]);
  // Ready once this week's check-in is in the form (a later reload of it keeps the form on screen).
  const ready = week !== null && applied !== null && applied.startsWith(`${week}|`);
  const failed = settings.error ?? found.error;
  const error = actionError ?? (failed ? messageOf(failed) : null);

  const weeks = useMemo(() => {
    if (weekStart === null) return [];
    const current = weekStartOf(today, weekStart);
    const list = Array.from({ length: 8 }, (_, i) => addDays(current, -7 * i));
    if (week && !list.includes(week)) list.push(week);
    return list;
  }, [weekStart, today, week]);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!week) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await call('checkins.save', { personId, week: existing?.week ?? week, ...answers, note, forTherapist });
      const failed = await attachHeld(held, saved.id);
      setHeld([]);
      if (failed.length > 0) {
        // Saved, but not every file: stay, so the person sees which and can try again.
        setExisting(saved);
        setError(`${t('checkins.filesFailed', { count: failed.length })} ${failed.join(' ')}`);
        setBusy(false);
        return;
      }
      toast.show(t('checkins.saved', { name: person?.name ?? t('checkins.thisPerson') }));
      navigate('/checkins');
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }

  if (!loaded) return <Loading />;
  if (!person) {
    return (
      <div className="page">
        <EmptyState title={t('checkins.missing')} action={<a className="button" href="#/checkins">{t('checkins.back')}</a>}>
          <p>{t('checkins.missingHint')}</p>
        </EmptyState>
      </div>
    );
  }
  const answeredCount = CHECKIN_MEASURES.filter((m) => answers[m] !== null).length;

  return (
    <div className="page checkin-page">
      <p>
        <a href="#/checkins">{t('checkins.backArrow')}</a>
      </p>
      <header className="page-head">
        <div>
          <h1>
            {intl.formatMessage({ id: 'checkins.formTitle' }, { name: bdi(person.name) })}
          </h1>
          <p className="hint">{t('checkins.formIntro')}</p>
        </div>
      </header>
      <ErrorAlert>{error}</ErrorAlert>
      {!week || !ready ? (
        <Loading />
      ) : (
        <form ref={formRef} className="checkin-form" onSubmit={save} noValidate>
          <div className="field">
            <label htmlFor="checkin-week">{t('checkins.week')}</label>
            <select id="checkin-week" value={week} onChange={(e) => setWeek(e.target.value)}>
              {weeks.map((w, i) => (
                <option key={w} value={w}>
                  {t('checkins.weekOption', { ago: i, range: rangeLabel(w, addDays(w, 6)) })}
                </option>
              ))}
            </select>
            {existing && <p className="hint">{t('checkins.already')}</p>}
          </div>
          <div className="checkin-questions">
            {CHECKIN_MEASURES.map((m) => (
              <ScoreGroup key={m} legend={CHECKIN_QUESTIONS[m].label} low={t('checkins.low')} high={t('checkins.high')} value={answers[m]} onChange={(v) => setAnswers((a) => ({ ...a, [m]: v }))} />
            ))}
          </div>
          <div className="field">
            <label htmlFor="checkin-note">{t('checkins.note')}</label>
            <textarea id="checkin-note" dir="auto" rows={3} value={note} maxLength={20_000} onChange={(e) => setNote(e.target.value)} aria-describedby="checkin-note-hint" />
            <p id="checkin-note-hint" className="hint">
              {t('checkins.noteHint')}
            </p>
          </div>
          <CheckInAttachments checkInId={existing?.id ?? null} held={held} setHeld={setHeld} dropTarget={formRef} disabled={busy} />
          <label className="check">
            <input type="checkbox" checked={forTherapist} onChange={(e) => setForTherapist(e.target.checked)} />
            {t('checkins.bringToTherapist')}
          </label>
          {answers.safe !== null && answers.safe <= 2 && (
            <p className="notice">{t('checkins.unsafe')}</p>
          )}
          <div className="dialog-actions">
            {existing && (
              <button type="button" className="button danger-subtle" onClick={() => setConfirmDelete(true)} disabled={busy}>
                {t('checkins.deleteCheckin')}
              </button>
            )}
            <a className="button" href="#/checkins">
              {t('checkins.cancel')}
            </a>
            <button type="submit" className="button primary" disabled={busy || (answeredCount === 0 && !note.trim() && held.length === 0)}>
              {busy ? t('checkins.saving') : t('checkins.save')}
            </button>
          </div>
        </form>
      )}
      {/* A restore invalidates the check-ins: the form takes the restored answers when they load. */}
      {ready && existing && week && <CheckInRevisions checkIn={existing} onRestored={() => undefined} />}
      {confirmDelete && existing && (
        <ConfirmDialog
          title={t('checkins.deleteTitle')}
          message={<p>{t('checkins.deleteText', { name: person.name, week: weekWords(existing.week) })}</p>}
          confirmLabel={t('checkins.deleteCheckin')}
          danger
          onClose={() => setConfirmDelete(false)}
          onConfirm={async () => {
            await call('checkins.delete', { id: existing.id });
            toast.show(t('checkins.deleted'));
            navigate('/checkins');
          }}
        />
      )}
    </div>
  );
}
