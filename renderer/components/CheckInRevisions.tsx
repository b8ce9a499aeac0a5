/**
 * A check-in's history, as an entry's: when it was first saved, when it last changed and how often;
 * each earlier version opens beside the check-in as it is now (the answers and the note that differ
 * are marked) and can be restored, as a new version. Nothing here deletes a version.
 */
import { diffWords } from 'diff';
import { useState } from 'react';
import { CHECKIN_MEASURES } from '../../shared/insights.js';
import type { CheckInRevisionContent, Revision, RevisionSummary } from '../../shared/ledger.js';
import type { CheckIn } from '../../shared/schemas.js';
import { call, messageOf } from '../api.js';
import { CHECKIN_QUESTIONS } from '../charts/index.js';
import { useT } from '../i18n/index.js';
import { shortDateTime } from '../lib/format.js';
import { useToast } from '../lib/session.js';
import { useApi } from '../lib/queries.js';
import { ErrorAlert } from './Feedback.js';

type T = ReturnType<typeof useT>;
const answer = (t: T, v: number | null) => (v === null ? t('data.history.notAnswered') : t('data.history.answer', { value: v }));

export function CheckInRevisions({ checkIn, onRestored }: { checkIn: CheckIn; onRestored: () => void }) {
  // Saving or restoring the check-in invalidates its history: the list loads again.
  const history = useApi('history.list', { type: 'checkin', id: checkIn.id });
  const revisions: RevisionSummary[] | null = history.data ?? null;
  const [open, setOpen] = useState<Revision | null>(null);
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? (history.error ? messageOf(history.error) : null);
  const [busy, setBusy] = useState(false);
  const toast = useToast();
  const t = useT();

  const saved = (revisions ?? []).filter((r) => r.event === 'saved');
  const last = saved.at(-1);

  async function openRevision(rev: number) {
    setError(null);
    try {
      setOpen(await call('history.get', { type: 'checkin', id: checkIn.id, rev }));
    } catch (e) {
      setError(messageOf(e));
    }
  }

  async function restore(rev: number) {
    setBusy(true);
    setError(null);
    try {
      const made = await call('history.restore', { type: 'checkin', id: checkIn.id, rev });
      setOpen(null);
      toast.show(t('data.history.restored', { rev: String(rev), now: String(made.rev) }));
      onRestored();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="checkin-history-h" className="entry-section entry-history">
      <h2 id="checkin-history-h">{t('data.history.checkinTitle')}</h2>
      <dl className="entry-facts">
        <div>
          <dt>{t('data.history.firstSaved')}</dt>
          <dd>{shortDateTime(saved[0]?.savedAt ?? checkIn.createdAt)}</dd>
        </div>
        <div>
          <dt>{t('data.history.lastChanged')}</dt>
          <dd>{shortDateTime(last?.savedAt ?? checkIn.updatedAt)}</dd>
        </div>
        <div>
          <dt>{t('data.history.changed')}</dt>
          <dd>{revisions ? t('data.history.times', { count: Math.max(0, saved.length - 1) }) : '…'}</dd>
        </div>
      </dl>
      <ErrorAlert>{error}</ErrorAlert>
      {saved.length > 1 && (
        <ol className="history-list" aria-label={t('data.history.checkinVersions')}>
          {saved.map((r) => (
            <li key={r.rev}>
              {r === last ? (
                <span>{t('data.history.versionCurrent', { rev: String(r.rev), when: shortDateTime(r.savedAt) })}</span>
              ) : (
                <button type="button" className="button subtle small" aria-pressed={open?.rev === r.rev} onClick={() => void openRevision(r.rev)}>
                  {t('data.history.versionAt', { rev: String(r.rev), when: shortDateTime(r.savedAt) })}
                </button>
              )}
              {r.restoredFrom !== null && <span className="hint">{t('data.history.restoredFrom', { rev: String(r.restoredFrom) })}</span>}
            </li>
          ))}
        </ol>
      )}
      {open && open.content.type === 'checkin' && (
        <CheckInDiff rev={open.rev} content={open.content} current={checkIn} busy={busy} onRestore={() => void restore(open.rev)} onClose={() => setOpen(null)} />
      )}
    </section>
  );
}

function CheckInDiff(props: { rev: number; content: CheckInRevisionContent; current: CheckIn; busy: boolean; onRestore: () => void; onClose: () => void }) {
  const { content: then, current: now } = props;
  const t = useT();
  const rev = String(props.rev);
  return (
    <div className="history-diff" role="region" aria-label={t('data.history.comparedWithNow', { rev })}>
      <table className="history-fields">
        <caption>{t('data.history.versionAndNow', { rev })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('data.history.question')}</th>
            <th scope="col">{t('data.history.version', { rev })}</th>
            <th scope="col">{t('data.history.now')}</th>
          </tr>
        </thead>
        <tbody>
          {CHECKIN_MEASURES.map((m) => {
            const changed = then[m] !== now[m];
            return (
              <tr key={m} className={changed ? 'changed' : undefined}>
                <th scope="row">{CHECKIN_QUESTIONS[m].label}</th>
                <td>{answer(t, then[m])}</td>
                <td>
                  {answer(t, now[m])}
                  {changed && <span className="visually-hidden">{t('data.history.changedMark')}</span>}
                </td>
              </tr>
            );
          })}
          <tr className={then.forTherapist !== now.forTherapist ? 'changed' : undefined}>
            <th scope="row">{t('data.history.forTherapist')}</th>
            <td>{then.forTherapist ? t('data.history.yes') : t('data.history.no')}</td>
            <td>{now.forTherapist ? t('data.history.yes') : t('data.history.no')}</td>
          </tr>
        </tbody>
      </table>
      <h3>{t('data.history.note')}</h3>
      <p className="history-diff-text" dir="auto">
        {then.note === now.note
          ? then.note || t('data.history.noNote')
          : diffWords(then.note, now.note).map((part, i) => (part.added ? <ins key={i}>{part.value}</ins> : part.removed ? <del key={i}>{part.value}</del> : <span key={i}>{part.value}</span>))}
      </p>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={props.onRestore} disabled={props.busy}>
          {t('data.history.restore', { rev })}
        </button>
        <button type="button" className="button subtle" onClick={props.onClose}>
          {t('data.history.close')}
        </button>
      </div>
    </div>
  );
}
