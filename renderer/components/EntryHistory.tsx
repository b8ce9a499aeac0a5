/**
 * The entry's history: when it happened, when it was first written, when it last changed and how
 * many times; the earlier versions, each of which can be opened, compared with the entry as it is now
 * (a word-by-word diff of the text and a list of the other fields that differ), and restored as a new
 * version. Nothing here deletes a version: restoring adds one.
 */
import { diffWords } from 'diff';
import { useState } from 'react';
import type { EntryRevisionContent, Revision, RevisionSummary } from '../../shared/ledger.js';
import type { Entry } from '../../shared/schemas.js';
import { call, messageOf } from '../api.js';
import { useT } from '../i18n/index.js';
import { useVocabulary } from '../i18n/vocabulary.js';
import { dateTimeOf, listFormat, shortDateTime } from '../lib/format.js';
import { useJournalData, useToast } from '../lib/session.js';
import { useApi } from '../lib/queries.js';
import { ErrorAlert } from './Feedback.js';

type Fields = Pick<EntryRevisionContent, 'title' | 'body' | 'outcome' | 'occurredAt' | 'timeZone' | 'balance' | 'intensity' | 'heard' | 'respected' | 'valued' | 'involved' | 'people' | 'patterns' | 'domains' | 'powerSources' | 'raiseWithTherapist' | 'safetyConcern'>;

const fieldsOfEntry = (e: Entry): Fields => ({
  ...e,
  people: [...e.personIds].sort((a, b) => a - b),
  patterns: [...e.tagIds].sort((a, b) => a - b),
  domains: [...e.domains].sort(),
  powerSources: [...e.powerSources].sort(),
});

export function EntryHistory({ entry, onRestored }: { entry: Entry; onRestored: (e: Entry) => void }) {
  // Saving or restoring the entry invalidates its history: the list loads again.
  const history = useApi('history.list', { type: 'entry', id: entry.id });
  const revisions: RevisionSummary[] | null = history.data ?? null;
  const [open, setOpen] = useState<Revision | null>(null);
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? (history.error ? messageOf(history.error) : null);
  const [busy, setBusy] = useState(false);
  const toast = useToast();
  const t = useT();

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
      toast.show(t('data.history.restored', { rev: String(rev), now: String(made.rev) }));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="entry-history-h" className="entry-section entry-history">
      <h2 id="entry-history-h">{t('data.history.title')}</h2>
      <dl className="entry-facts">
        <div>
          <dt>{t('data.history.happened')}</dt>
          <dd>{dateTimeOf(entry.occurredAt, entry.timeZone)}</dd>
        </div>
        <div>
          <dt>{t('data.history.firstWritten')}</dt>
          <dd>{shortDateTime(first?.savedAt ?? entry.createdAt)}</dd>
        </div>
        <div>
          <dt>{t('data.history.lastChanged')}</dt>
          <dd>{shortDateTime(last?.savedAt ?? entry.updatedAt)}</dd>
        </div>
        <div>
          <dt>{t('data.history.changed')}</dt>
          <dd>{revisions ? t('data.history.times', { count: Math.max(0, saved.length - 1) }) : '…'}</dd>
        </div>
      </dl>
      <ErrorAlert>{error}</ErrorAlert>
      {saved.length > 1 && (
        <ol className="history-list" aria-label={t('data.history.versions')}>
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
      <SinceReceiptCheck entryId={entry.id} />
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
  const t = useT();
  const v = useVocabulary();
  const { revision, content, current } = props;
  const now = fieldsOfEntry(current);
  const rev = String(revision.rev);
  const list = (items: string[]) => (items.length ? listFormat(items) : t('data.history.none'));
  const names = (ids: number[], of: (id: number) => string | undefined) => list(ids.map((id) => of(id) ?? t('data.history.removedOne')));
  const pattern = (id: number) => {
    const tag = tagById.get(id);
    return tag && v.pattern(tag);
  };
  const score = (n: number | null) => (n === null ? t('data.history.notGiven') : t('data.history.answer', { value: n }));
  const yesNo = (b: boolean) => (b ? t('data.history.yes') : t('data.history.no'));
  const balance = (n: number | null) => (n === null ? t('data.history.notGiven') : v.balance(n));
  const rows: [string, string, string][] = (
    [
      [t('data.history.whenItHappened'), dateTimeOf(content.occurredAt, content.timeZone), dateTimeOf(now.occurredAt, now.timeZone)],
      [t('data.history.balance'), balance(content.balance), balance(now.balance)],
      [t('data.history.intensity'), score(content.intensity), score(now.intensity)],
      [t('data.history.heard'), score(content.heard), score(now.heard)],
      [t('data.history.respected'), score(content.respected), score(now.respected)],
      [t('data.history.valued'), score(content.valued), score(now.valued)],
      [t('data.history.involved'), score(content.involved), score(now.involved)],
      [t('data.history.people'), names(content.people, (id) => personById.get(id)?.name), names(now.people, (id) => personById.get(id)?.name)],
      [t('data.history.patterns'), names(content.patterns, pattern), names(now.patterns, pattern)],
      [t('data.history.domains'), list(content.domains.map(v.domain)), list(now.domains.map(v.domain))],
      [t('data.history.powerSources'), list(content.powerSources.map(v.powerSource)), list(now.powerSources.map(v.powerSource))],
      [t('data.history.raise'), yesNo(content.raiseWithTherapist), yesNo(now.raiseWithTherapist)],
      [t('data.history.safetyConcern'), yesNo(content.safetyConcern), yesNo(now.safetyConcern)],
    ] as [string, string, string][]
  ).filter(([, a, b]) => a !== b);
  const texts = (
    [
      [t('data.history.fieldTitle'), content.title, now.title],
      [t('data.history.text'), content.body, now.body],
      [t('data.history.outcome'), content.outcome, now.outcome],
    ] as const
  ).filter(([, a, b]) => a !== b);

  return (
    <div className="history-diff" role="region" aria-labelledby="history-diff-h">
      <h3 id="history-diff-h">{t('data.history.diffHeading', { rev, when: shortDateTime(revision.savedAt) })}</h3>
      <p className="hint">{t('data.history.diffHint', { rev })}</p>
      {texts.length === 0 && rows.length === 0 && <p>{t('data.history.same')}</p>}
      {texts.map(([label, before, after]) => (
        <div key={label}>
          <h4>{label}</h4>
          <TextDiff before={before} after={after} />
        </div>
      ))}
      {rows.length > 0 && (
        <table className="history-fields">
          <caption>{t('data.history.otherFields')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('data.history.field')}</th>
              <th scope="col">{t('data.history.version', { rev })}</th>
              <th scope="col">{t('data.history.now')}</th>
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
          {t('data.history.restore', { rev })}
        </button>
        <button type="button" className="button subtle" onClick={props.onClose}>
          {t('data.history.close')}
        </button>
      </div>
    </div>
  );
}

/** "What changed since this receipt": shown when receipts have been taken. */
function SinceReceiptCheck({ entryId }: { entryId: number }) {
  const receiptsQuery = useApi('ledger.receipts', {});
  const receipts = receiptsQuery.data ?? [];
  const [chosen, setChosen] = useState<number | null>(null);
  // A save of the entry invalidates the ledger area: the comparison is made again.
  const since = useApi('ledger.sinceReceipt', { receiptId: chosen ?? 0, type: 'entry', id: entryId }, { enabled: chosen !== null });
  const result = chosen === null ? null : (since.data ?? null);
  const failed = receiptsQuery.error ?? (chosen === null ? null : since.error);
  const error = failed ? messageOf(failed) : null;
  const t = useT();

  if (receipts.length === 0 && !error) return null;
  const saves = result?.after.filter((r) => r.event === 'saved') ?? [];
  return (
    <div className="since-receipt">
      <ErrorAlert>{error}</ErrorAlert>
      <label>
        {t('data.history.compareReceipt')}{' '}
        <select value={chosen ?? ''} onChange={(e) => setChosen(e.target.value === '' ? null : Number(e.target.value))}>
          <option value="">{t('data.history.chooseReceipt')}</option>
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
            ? t('data.history.receiptMismatch', { code: result.receipt.code })
            : !result.existed
              ? t('data.history.writtenAfter', { code: result.receipt.code })
              : saves.length === 0
                ? t('data.history.unchangedSince', { code: result.receipt.code, when: shortDateTime(result.receipt.takenAt) })
                : t('data.history.changedSince', {
                    code: result.receipt.code,
                    versions: listFormat(saves.map((r) => t('data.history.versionWhen', { rev: String(r.rev), when: shortDateTime(r.savedAt) }))),
                  })}
        </p>
      )}
    </div>
  );
}
