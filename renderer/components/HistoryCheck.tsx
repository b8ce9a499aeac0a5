/**
 * The Safety page's part on the history: whether it checks out (the app re-hashes what was added
 * after each unlock; the whole of it on demand), and receipts of the chain head to write down or
 * send elsewhere. It says plainly what this proves and what it does not.
 */
import { useState } from 'react';
import type { LedgerCheck, LedgerFailureCode, Receipt } from '../../shared/ledger.js';
import { call, messageOf } from '../api.js';
import { useT, type MessageId } from '../i18n/index.js';
import { shortDateTime } from '../lib/format.js';
import { useApi } from '../lib/queries.js';
import { runHistoryCheck, stopHistoryCheck, useHistoryCheck } from '../lib/historyCheck.js';
import { ErrorAlert } from './Feedback.js';

/** Why a revision failed the check, by the code core sends (spelt out so the catalogue test sees each key). */
const WHY: Record<LedgerFailureCode, MessageId> = {
  'out-of-order': 'data.ledger.why.out-of-order',
  'content-changed': 'data.ledger.why.content-changed',
  'labels-mismatch': 'data.ledger.why.labels-mismatch',
  'hash-mismatch': 'data.ledger.why.hash-mismatch',
  'tree-changed': 'data.ledger.why.tree-changed',
  'newest-missing': 'data.ledger.why.newest-missing',
  'no-revision': 'data.ledger.why.no-revision',
  'changed-without-revision': 'data.ledger.why.changed-without-revision',
  unknown: 'data.ledger.why.unknown',
};

const svgUrl = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

export function CheckLine({ check }: { check: LedgerCheck | null }) {
  const t = useT();
  if (!check) return <p role="status">{t('data.ledger.notChecked')}</p>;
  if (check.ok)
    return (
      <p role="status" className="hint ok">
        {t('data.ledger.checked', { count: check.revisions, when: shortDateTime(check.at) })}
      </p>
    );
  return (
    <div role="alert" className="notice">
      <p>{t('data.ledger.failed', { count: check.failures.length, when: shortDateTime(check.at) })}</p>
      <ul>
        {check.failures.map((f, i) => (
          <li key={i}>
            {f.itemId > 0
              ? t('data.ledger.failure', { seq: String(f.seq), type: f.type === 'entry' ? 'entry' : 'checkin', id: String(f.itemId), rev: String(f.rev) })
              : t('data.ledger.failureAfter', { seq: String(f.seq) })}
            {t(WHY[f.code] ?? WHY.unknown)}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function HistoryCheckSection() {
  // Checking and taking a receipt are writes to the ledger area: both lists load again after them.
  const statusQuery = useApi('ledger.status', {});
  const receiptsQuery = useApi('ledger.receipts', {});
  const status = statusQuery.data ?? null;
  const receipts = receiptsQuery.data ?? [];
  const [taken, setTaken] = useState<Receipt | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setError] = useState<string | null>(null);
  const { running: checking, progress, stopAsked } = useHistoryCheck();
  const [stopped, setStopped] = useState(false);
  const loadError = statusQuery.error ?? receiptsQuery.error;
  const error = actionError ?? (loadError ? messageOf(loadError) : null);
  const t = useT();

  async function checkAll() {
    setError(null);
    setStopped(false);
    try {
      if ((await runHistoryCheck()) === 'stopped') setStopped(true);
    } catch (e) {
      setError(messageOf(e));
    }
  }

  async function stopCheck() {
    try {
      await stopHistoryCheck();
    } catch (e) {
      setError(messageOf(e));
    }
  }

  async function takeReceipt() {
    setBusy(true);
    setError(null);
    try {
      const r = await call('ledger.takeReceipt', {});
      setTaken(r);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="safety-section" aria-labelledby="history-check-h">
      <h2 id="history-check-h">{t('data.ledger.title')}</h2>
      <p>{t('data.ledger.intro')}</p>
      <CheckLine check={status?.lastCheck ?? null} />
      {checking && (
        // A whole check of a large journal takes a while; saves go on meanwhile (they are written between its steps).
        <div role="status" className="stack">
          {progress && progress.total > 0 && <p>{t('data.ledger.checking', { phase: progress.phase, done: progress.done, total: progress.total })}</p>}
          <progress max={progress?.total || 1} value={progress && progress.total > 0 ? progress.done : undefined} aria-label={t('data.ledger.progress')} />
          <div className="row">
            <button type="button" className="button" onClick={() => void stopCheck()} disabled={stopAsked}>
              {t('data.ledger.stop')}
            </button>
          </div>
        </div>
      )}
      {stopped && <p role="status">{t('data.ledger.stopped')}</p>}
      <ErrorAlert>{error}</ErrorAlert>
      <div className="row">
        <button type="button" className="button" onClick={() => void checkAll()} disabled={busy || checking || !status}>
          {t('data.ledger.checkAll')}
        </button>
        <button type="button" className="button" onClick={() => void takeReceipt()} disabled={busy || checking || !status}>
          {t('data.ledger.take')}
        </button>
      </div>
      {taken && (
        <div className="receipt" role="region" aria-labelledby="receipt-h">
          <h3 id="receipt-h">{t('data.ledger.receipt', { code: taken.code })}</h3>
          <p>{t('data.ledger.taken', { when: shortDateTime(taken.takenAt), seq: String(taken.seq) })}</p>
          <img src={svgUrl(taken.qrSvg)} width={160} height={160} alt={t('data.ledger.qr', { code: taken.code })} />
        </div>
      )}
      <p className="hint">{t('data.ledger.receiptHint')}</p>
      {receipts.length > 0 && (
        <>
          <h3 id="receipts-h">{t('data.ledger.receipts')}</h3>
          <ul aria-labelledby="receipts-h" className="receipt-list">
            {receipts.map((r) => (
              <li key={r.id}>
                <code>{r.code}</code> · {t('data.ledger.receiptLine', { when: shortDateTime(r.takenAt), seq: String(r.seq) })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
