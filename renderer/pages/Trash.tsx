import { useCallback, useEffect, useState } from 'react';
import type { Cursor, EntrySummary } from '../../shared/schemas.js';
import { call, messageOf } from '../api.js';
import { ConfirmDialog } from '../components/Dialog.js';
import { EntryCard, entryHeading } from '../components/EntryCard.js';
import { EmptyState, ErrorAlert, Loading } from '../components/Feedback.js';
import { dayHeading } from '../lib/format.js';
import { useJournalData, useToast } from '../lib/session.js';
import { useT } from '../i18n/index.js';

const PAGE = 100;

export function TrashPage() {
  const t = useT();
  const { personById, tagById } = useJournalData();
  const toast = useToast();
  const [items, setItems] = useState<EntrySummary[] | null>(null);
  const [cursor, setCursor] = useState<Cursor | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState<{ kind: 'one'; entry: EntrySummary } | { kind: 'all' } | null>(null);

  const load = useCallback(async (after: Cursor | null) => {
    try {
      const page = await call('entries.trash', { cursor: after, limit: PAGE });
      setItems((prev) => (after && prev ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }, []);
  useEffect(() => {
    void load(null);
  }, [load]);

  async function restore(entry: EntrySummary) {
    setBusy(true);
    try {
      await call('entries.restore', { id: entry.id });
      setItems((prev) => prev?.filter((e) => e.id !== entry.id) ?? null);
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
      {cursor && (
        <button type="button" className="button" onClick={() => void load(cursor)}>
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
              const { purged } = await call('entries.purge', { all: true });
              setItems([]);
              setCursor(null);
              toast.show(t('trash.purged', { count: purged }));
            } else {
              await call('entries.purge', { id: confirm.entry.id });
              setItems((prev) => prev?.filter((x) => x.id !== confirm.entry.id) ?? null);
              toast.show(t('trash.deleted'));
            }
          }}
          onClose={() => setConfirm(null)}
        />
      )}
    </div>
  );
}
