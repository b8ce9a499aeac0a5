import { useCallback, useEffect, useState } from 'react';
import type { Cursor, EntrySummary } from '../../shared/schemas.js';
import { call, messageOf } from '../api.js';
import { ConfirmDialog } from '../components/Dialog.js';
import { EntryCard, entryHeading } from '../components/EntryCard.js';
import { EmptyState, ErrorAlert, Loading } from '../components/Feedback.js';
import { dayHeading } from '../lib/format.js';
import { useJournalData, useToast } from '../lib/session.js';

const PAGE = 100;

export function TrashPage() {
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
      toast.show('Entry restored to the timeline.');
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
          <h1>Trash</h1>
          <p className="hint">Entries stay here for 30 days, then they are deleted for good.</p>
        </div>
        {items && items.length > 0 && (
          <button type="button" className="button danger-subtle" onClick={() => setConfirm({ kind: 'all' })} disabled={busy}>
            Empty trash
          </button>
        )}
      </header>
      <ErrorAlert>{error}</ErrorAlert>
      {items === null ? (
        !error && <Loading />
      ) : items.length === 0 ? (
        <EmptyState title="The trash is empty">
          <p>When you delete an entry it comes here first, so you can change your mind.</p>
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
                      Restore
                    </button>
                    <button type="button" className="button small danger-subtle" onClick={() => setConfirm({ kind: 'one', entry: e })} disabled={busy}>
                      Delete permanently
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
          Load more
        </button>
      )}
      {confirm && (
        <ConfirmDialog
          title={confirm.kind === 'all' ? 'Empty the trash?' : 'Delete this entry permanently?'}
          message={
            confirm.kind === 'all' ? (
              <p>Every entry in the trash will be deleted for good. This cannot be undone.</p>
            ) : (
              <p>“{entryHeading(confirm.entry)}” will be deleted for good. This cannot be undone.</p>
            )
          }
          confirmLabel={confirm.kind === 'all' ? 'Empty trash' : 'Delete permanently'}
          danger
          onConfirm={async () => {
            if (confirm.kind === 'all') {
              const { purged } = await call('entries.purge', { all: true });
              setItems([]);
              setCursor(null);
              toast.show(`${purged} ${purged === 1 ? 'entry' : 'entries'} deleted for good.`);
            } else {
              await call('entries.purge', { id: confirm.entry.id });
              setItems((prev) => prev?.filter((x) => x.id !== confirm.entry.id) ?? null);
              toast.show('Entry deleted for good.');
            }
          }}
          onClose={() => setConfirm(null)}
        />
      )}
    </div>
  );
}
