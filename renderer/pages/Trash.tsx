import { useState } from 'react';
import type { EntrySummary } from '../../shared/schemas.js';
import { call, messageOf } from '../api.js';
import { ConfirmDialog } from '../components/Dialog.js';
import { EntryCard, entryHeading } from '../components/EntryCard.js';
import { EmptyState, ErrorAlert, Loading } from '../components/Feedback.js';
import { dayHeading } from '../lib/format.js';
import { useJournalData, useToast } from '../lib/session.js';
import { useT } from '../i18n/index.js';
import { usePagedEntries } from '../lib/queries.js';

const PAGE = 100;

export function TrashPage() {
  const t = useT();
  const { personById, tagById } = useJournalData();
  const toast = useToast();
  // Restoring or deleting an entry invalidates the entries area: the trash loads again.
  const trash = usePagedEntries('entries.trash', {}, PAGE);
  const items = trash.state === 'loading' ? null : trash.items;
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? (trash.error ? messageOf(trash.error) : null);
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState<{ kind: 'one'; entry: EntrySummary } | { kind: 'all' } | null>(null);

  async function restore(entry: EntrySummary) {
    setBusy(true);
    try {
      await call('entries.restore', { id: entry.id });
      toast.show(t('trash.restored'));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  const today = new Date();
  return (
    <div className="page">
      <header className="page-head">
        <div>
          <h1>{t('trash.title')}</h1>
          <p className="hint">{t('trash.hint', { days: 30 })}</p>
        </div>
        {items && items.length > 0 && (
          <button type="button" className="button danger-subtle" onClick={() => setConfirm({ kind: 'all' })} disabled={busy}>
            {t('trash.empty')}
          </button>
        )}
      </header>
      <ErrorAlert>{error}</ErrorAlert>
      {items === null ? (
        !error && <Loading />
      ) : items.length === 0 ? (
        <EmptyState title={t('trash.isEmpty')}>
          <p>{t('trash.isEmptyHint')}</p>
        </EmptyState>
      ) : (
        <ul className="card-list">
          {items.map((e) => (
            <li key={e.id}>
              <EntryCard
                entry={e}
                personById={personById}
                tagById={tagById}
                showDate={dayHeading(e.day, today)}
                headingLevel={2}
                actions={
                  <>
                    <button type="button" className="button small" onClick={() => void restore(e)} disabled={busy}>
                      {t('entry.restore')}
                    </button>
                    <button type="button" className="button small danger-subtle" onClick={() => setConfirm({ kind: 'one', entry: e })} disabled={busy}>
                      {t('trash.deleteForGood')}
                    </button>
                  </>
                }
              />
            </li>
          ))}
        </ul>
      )}
      {trash.hasMore && (
        <button type="button" className="button" onClick={trash.loadMore}>
          {t('trash.loadMore')}
        </button>
      )}
      {confirm && (
        <ConfirmDialog
          title={confirm.kind === 'all' ? t('trash.confirmAll') : t('trash.confirmOne')}
          message={
            confirm.kind === 'all' ? (
              <p>{t('trash.confirmAllText')}</p>
            ) : (
              <p>{t('trash.confirmOneText', { title: entryHeading(confirm.entry, t('entry.untitled')) })}</p>
            )
          }
          confirmLabel={confirm.kind === 'all' ? t('trash.empty') : t('trash.deleteForGood')}
          danger
          onConfirm={async () => {
            if (confirm.kind === 'all') {
              // Purging invalidates the entries area: the list loads again, empty.
              const { purged } = await call('entries.purge', { all: true });
              toast.show(t('trash.purged', { count: purged }));
            } else {
              await call('entries.purge', { id: confirm.entry.id });
              toast.show(t('trash.deleted'));
            }
          }}
          onClose={() => setConfirm(null)}
        />
      )}
    </div>
  );
}
