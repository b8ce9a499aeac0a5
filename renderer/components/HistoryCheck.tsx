/**
 * The Safety page's part on the history: whether it checks out (the app re-hashes what was added
 * after each unlock; the whole of it on demand), and receipts of the chain head to write down or
 * send elsewhere. It says plainly what this proves and what it does not.
 */
import { useEffect, useState } from 'react';
import type { LedgerCheck, LedgerStatus, Receipt } from '../../shared/ledger.js';
import { call, messageOf } from '../api.js';
import { shortDateTime } from '../lib/format.js';
import { ErrorAlert } from './Feedback.js';

const svgUrl = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

function CheckLine({ check }: { check: LedgerCheck | null }) {
  if (!check) return <p role="status">History not checked yet.</p>;
  if (check.ok)
    return (
      <p role="status" className="hint ok">
        History checked: {check.revisions} {check.revisions === 1 ? 'revision' : 'revisions'}, last {shortDateTime(check.at)}.
      </p>
    );
  return (
    <div role="alert" className="notice">
      <p>
        The history check on {shortDateTime(check.at)} found {check.failures.length === 1 ? 'a revision' : `${check.failures.length} revisions`} that do not check out. The
        journal file may have been changed outside Fulcrum. Nothing has been repaired or removed.
      </p>
      <ul>
        {check.failures.map((f, i) => (
          <li key={i}>
            {f.itemId > 0 ? `Revision ${f.seq} (${f.type === 'entry' ? 'entry' : 'check-in'} ${f.itemId}, version ${f.rev}): ` : `After revision ${f.seq}: `}
            {f.problem}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function HistoryCheckSection() {
  const [status, setStatus] = useState<LedgerStatus | null>(null);
  const [receipts, setReceipts] = useState<Receipt[]>([]);
  const [taken, setTaken] = useState<Receipt | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([call('ledger.status', {}), call('ledger.receipts', {})])
      .then(([s, r]) => {
        setStatus(s);
        setReceipts(r);
      })
      .catch((e) => setError(messageOf(e)));
  }, []);

  async function checkAll() {
    setBusy(true);
    setError(null);
    try {
      const check = await call('ledger.verify', {});
      setStatus((s) => (s ? { ...s, revisions: check.revisions, lastCheck: check } : s));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  async function takeReceipt() {
    setBusy(true);
    setError(null);
    try {
      const r = await call('ledger.takeReceipt', {});
      setTaken(r);
      setReceipts((rs) => [r, ...rs]);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="safety-section" aria-labelledby="history-check-h">
      <h2 id="history-check-h">History and receipts</h2>
      <p>
        Fulcrum keeps every saved version of your entries and check-ins, linked so that a change made outside Fulcrum shows. It checks what was added each time you
        unlock.
      </p>
      <CheckLine check={status?.lastCheck ?? null} />
      <ErrorAlert>{error}</ErrorAlert>
      <div className="row">
        <button type="button" className="button" onClick={() => void checkAll()} disabled={busy || !status}>
          Check the whole history now
        </button>
        <button type="button" className="button" onClick={() => void takeReceipt()} disabled={busy || !status}>
          Take a receipt
        </button>
      </div>
      {taken && (
        <div className="receipt" role="region" aria-labelledby="receipt-h">
          <h3 id="receipt-h">Receipt {taken.code}</h3>
          <p>
            Taken {shortDateTime(taken.takenAt)}, at revision {taken.seq}. Write the code down, print this, or send it to yourself or someone you trust.
          </p>
          <img src={svgUrl(taken.qrSvg)} width={160} height={160} alt={`QR code of receipt ${taken.code}`} />
        </div>
      )}
      <p className="hint">
        A receipt shows later that your history up to it has not changed since. It is not a notarised time: Fulcrum never goes online, and its clock is this
        computer&apos;s. A receipt you sent to someone else is what shows when it was taken.
      </p>
      {receipts.length > 0 && (
        <>
          <h3 id="receipts-h">Receipts taken</h3>
          <ul aria-labelledby="receipts-h" className="receipt-list">
            {receipts.map((r) => (
              <li key={r.id}>
                <code>{r.code}</code> · {shortDateTime(r.takenAt)} · revision {r.seq}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
