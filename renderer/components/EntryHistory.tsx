/**
 * The entry's history: when it happened, when it was first written, when it last changed and how
 * many times; the earlier versions, each of which can be opened, compared with the entry as it is now
 * (a word-by-word diff of the text and a list of the other fields that differ), and restored as a new
 * version. Nothing here deletes a version: restoring adds one.
 */
import { diffWords } from 'diff';
import { useEffect, useState } from 'react';
import { BALANCE_LABELS, DOMAIN_LABELS, POWER_SOURCE_LABELS } from '../../shared/catalogue.js';
import type { EntryRevisionContent, Receipt, Revision, RevisionSummary, SinceReceipt } from '../../shared/ledger.js';
import type { Entry } from '../../shared/schemas.js';
import { call, messageOf } from '../api.js';
import { dateTimeOf, shortDateTime } from '../lib/format.js';
import { useJournalData, useToast } from '../lib/session.js';
import { ErrorAlert } from './Feedback.js';

type Fields = Pick<EntryRevisionContent, 'title' | 'body' | 'outcome' | 'occurredAt' | 'timeZone' | 'balance' | 'intensity' | 'heard' | 'respected' | 'valued' | 'involved' | 'people' | 'patterns' | 'domains' | 'powerSources' | 'raiseWithTherapist' | 'safetyConcern'>;

const fieldsOfEntry = (e: Entry): Fields => ({
  ...e,
  people: [...e.personIds].sort((a, b) => a - b),
  patterns: [...e.tagIds].sort((a, b) => a - b),
  domains: [...e.domains].sort(),
  powerSources: [...e.powerSources].sort(),
});

const times = (n: number) => (n === 0 ? 'never' : n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);

export function EntryHistory({ entry, onRestored }: { entry: Entry; onRestored: (e: Entry) => void }) {
  const [revisions, setRevisions] = useState<RevisionSummary[] | null>(null);
  const [open, setOpen] = useState<Revision | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const toast = useToast();

  useEffect(() => {
    let live = true;
    call('history.list', { type: 'entry', id: entry.id })
      .then((r) => live && setRevisions(r))
      .catch((e) => live && setError(messageOf(e)));
    return () => {
      live = false;
    };
  }, [entry.id, entry.updatedAt]);

  const saved = (revisions ?? []).filter((r) => r.event === 'saved');
  const first = saved[0];
  const last = saved.at(-1);

  async function openRevision(rev: number) {
    setError(null);
    try {
      setOpen(await call('history.get', { type: 'entry', id: entry.id, rev }));
    } catch (e) {
      setError(messageOf(e));
    }
  }

  async function restore(rev: number) {
    setBusy(true);
    setError(null);
    try {
      const made = await call('history.restore', { type: 'entry', id: entry.id, rev });
      onRestored(await call('entries.get', { id: entry.id }));
      setOpen(null);
      toast.show(`Version ${rev} restored. It is now version ${made.rev}; the versions in between are kept.`);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="entry-history-h" className="entry-section entry-history">
      <h2 id="entry-history-h">History</h2>
      <dl className="entry-facts">
        <div>
          <dt>Happened</dt>
          <dd>{dateTimeOf(entry.occurredAt, entry.timeZone)}</dd>
        </div>
        <div>
          <dt>First written</dt>
          <dd>{shortDateTime(first?.savedAt ?? entry.createdAt)}</dd>
        </div>
        <div>
          <dt>Last changed</dt>
          <dd>{shortDateTime(last?.savedAt ?? entry.updatedAt)}</dd>
        </div>
        <div>
          <dt>Changed</dt>
          <dd>{revisions ? times(Math.max(0, saved.length - 1)) : '…'}</dd>
        </div>
      </dl>
      <ErrorAlert>{error}</ErrorAlert>
      {saved.length > 1 && (
        <ol className="history-list" aria-label="Versions, oldest first">
          {saved.map((r) => (
            <li key={r.rev}>
              {r === last ? (
                <span>
                  Version {r.rev} · {shortDateTime(r.savedAt)} (current)
                </span>
              ) : (
                <button type="button" className="button subtle small" aria-pressed={open?.rev === r.rev} onClick={() => void openRevision(r.rev)}>
                  Version {r.rev} · {shortDateTime(r.savedAt)}
                </button>
              )}
              {r.restoredFrom !== null && <span className="hint"> restored from version {r.restoredFrom}</span>}
            </li>
          ))}
        </ol>
      )}
      <SinceReceiptCheck entryId={entry.id} updatedAt={entry.updatedAt} />
      {open && open.content.type === 'entry' && (
        <RevisionDiff
          revision={open}
          content={open.content}
          current={entry}
          busy={busy || entry.deletedAt !== null}
          onRestore={() => void restore(open.rev)}
          onClose={() => setOpen(null)}
        />
      )}
    </section>
  );
}

function TextDiff({ before, after }: { before: string; after: string }) {
  return (
    <p className="history-diff-text">
      {diffWords(before, after).map((part, i) =>
        part.added ? (
          <ins key={i}>{part.value}</ins>
        ) : part.removed ? (
          <del key={i}>{part.value}</del>
        ) : (
          <span key={i}>{part.value}</span>
        ),
      )}
    </p>
  );
}

function RevisionDiff(props: { revision: Revision; content: EntryRevisionContent; current: Entry; busy: boolean; onRestore: () => void; onClose: () => void }) {
  const { personById, tagById } = useJournalData();
  const { revision, content, current } = props;
  const now = fieldsOfEntry(current);
  const names = (ids: number[], of: (id: number) => string | undefined) => ids.map((id) => of(id) ?? 'a removed one').join(', ') || 'none';
  const score = (v: number | null) => (v === null ? 'not given' : `${v} of 5`);
  const rows: [string, string, string][] = (
    [
      ['When it happened', dateTimeOf(content.occurredAt, content.timeZone), dateTimeOf(now.occurredAt, now.timeZone)],
      ['Balance of power', content.balance === null ? 'not given' : BALANCE_LABELS[content.balance], now.balance === null ? 'not given' : BALANCE_LABELS[now.balance]],
      ['Intensity', score(content.intensity), score(now.intensity)],
      ['Heard', score(content.heard), score(now.heard)],
      ['Respected', score(content.respected), score(now.respected)],
      ['Valued', score(content.valued), score(now.valued)],
      ['Involved', score(content.involved), score(now.involved)],
      ['People', names(content.people, (id) => personById.get(id)?.name), names(now.people, (id) => personById.get(id)?.name)],
      ['Patterns', names(content.patterns, (id) => tagById.get(id)?.label), names(now.patterns, (id) => tagById.get(id)?.label)],
      ['Areas of life', content.domains.map((d) => DOMAIN_LABELS[d]).join(', ') || 'none', now.domains.map((d) => DOMAIN_LABELS[d]).join(', ') || 'none'],
      ['Power sources', content.powerSources.map((p) => POWER_SOURCE_LABELS[p]).join(', ') || 'none', now.powerSources.map((p) => POWER_SOURCE_LABELS[p]).join(', ') || 'none'],
      ['Raise with therapist', content.raiseWithTherapist ? 'yes' : 'no', now.raiseWithTherapist ? 'yes' : 'no'],
      ['Safety concern', content.safetyConcern ? 'yes' : 'no', now.safetyConcern ? 'yes' : 'no'],
    ] as [string, string, string][]
  ).filter(([, a, b]) => a !== b);
  const texts = ([['Title', content.title, now.title], ['Text', content.body, now.body], ['Outcome', content.outcome, now.outcome]] as const).filter(([, a, b]) => a !== b);

  return (
    <div className="history-diff" role="region" aria-labelledby="history-diff-h">
      <h3 id="history-diff-h">
        Version {revision.rev}, saved {shortDateTime(revision.savedAt)}, compared with now
      </h3>
      <p className="hint">Words only in version {revision.rev} are struck through; words added since are underlined.</p>
      {texts.length === 0 && rows.length === 0 && <p>This version is the same as the entry now.</p>}
      {texts.map(([label, before, after]) => (
        <div key={label}>
          <h4>{label}</h4>
          <TextDiff before={before} after={after} />
        </div>
      ))}
      {rows.length > 0 && (
        <table className="history-fields">
          <caption>Other fields that differ</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Version {revision.rev}</th>
              <th scope="col">Now</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, a, b]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{a}</td>
                <td>{b}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="row">
        <button type="button" className="button" onClick={props.onRestore} disabled={props.busy}>
          Restore version {revision.rev}
        </button>
        <button type="button" className="button subtle" onClick={props.onClose}>
          Close
        </button>
      </div>
    </div>
  );
}

/** "What changed since this receipt": shown when receipts have been taken. */
function SinceReceiptCheck({ entryId, updatedAt }: { entryId: number; updatedAt: number }) {
  const [receipts, setReceipts] = useState<Receipt[]>([]);
  const [chosen, setChosen] = useState<number | null>(null);
  const [result, setResult] = useState<SinceReceipt | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('ledger.receipts', {})
      .then(setReceipts)
      .catch((e) => setError(messageOf(e)));
  }, []);

  useEffect(() => {
    if (chosen === null) return setResult(null);
    let live = true;
    call('ledger.sinceReceipt', { receiptId: chosen, type: 'entry', id: entryId })
      .then((r) => live && setResult(r))
      .catch((e) => live && setError(messageOf(e)));
    return () => {
      live = false;
    };
  }, [chosen, entryId, updatedAt]);

  if (receipts.length === 0 && !error) return null;
  const saves = result?.after.filter((r) => r.event === 'saved') ?? [];
  return (
    <div className="since-receipt">
      <ErrorAlert>{error}</ErrorAlert>
      <label>
        Compare with a receipt{' '}
        <select value={chosen ?? ''} onChange={(e) => setChosen(e.target.value === '' ? null : Number(e.target.value))}>
          <option value="">Choose a receipt</option>
          {receipts.map((r) => (
            <option key={r.id} value={r.id}>
              {r.code} · {shortDateTime(r.takenAt)}
            </option>
          ))}
        </select>
      </label>
      {result && (
        <p role="status">
          {!result.headMatches
            ? `The history no longer matches receipt ${result.receipt.code}. Check the whole history on the Safety page.`
            : !result.existed
              ? `This entry was written after receipt ${result.receipt.code}.`
              : saves.length === 0
                ? `Unchanged since receipt ${result.receipt.code} (${shortDateTime(result.receipt.takenAt)}).`
                : `Changed since receipt ${result.receipt.code}: ${saves.map((r) => `version ${r.rev} (${shortDateTime(r.savedAt)})`).join(', ')}.`}
        </p>
      )}
    </div>
  );
}
