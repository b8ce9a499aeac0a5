import { useEffect, useState } from 'react';
import { BALANCE_LABELS, CATEGORIES, CATEGORY_LABELS, DOMAIN_LABELS, POWER_SOURCE_LABELS } from '../../shared/catalogue.js';
import type { Entry, Tag } from '../../shared/schemas.js';
import { ApiError, call, messageOf } from '../api.js';
import { PersonChip, TagChip } from '../components/Chips.js';
import { entryHeading, FlagBadges } from '../components/EntryCard.js';
import { ErrorAlert, Loading } from '../components/Feedback.js';
import { dateTimeOf } from '../lib/format.js';
import { EntryHistory } from '../components/EntryHistory.js';
import { EntryAttachments } from '../components/attachments/EntryAttachments.js';
import { navigate } from '../lib/router.js';
import { useJournalData, useToast } from '../lib/session.js';

const SCORES = [
  ['intensity', 'Intensity'],
  ['heard', 'Heard'],
  ['respected', 'Respected'],
  ['valued', 'Valued'],
  ['involved', 'Involved'],
] as const;

export function EntryViewPage({ id }: { id: number }) {
  const { personById, tagById } = useJournalData();
  const toast = useToast();
  const [entry, setEntry] = useState<Entry | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    call('entries.get', { id })
      .then((e) => live && setEntry(e))
      .catch((e) => live && setError(e instanceof ApiError && e.code === 'NOT_FOUND' ? 'This entry no longer exists. It may have been deleted for good.' : messageOf(e)));
    return () => {
      live = false;
    };
  }, [id]);

  async function moveToTrash() {
    if (!entry) return;
    setBusy(true);
    try {
      await call('entries.delete', { id: entry.id });
      const restoreId = entry.id;
      toast.show('Entry moved to the trash.', {
        label: 'Undo',
        run: async () => {
          await call('entries.restore', { id: restoreId });
          toast.show('Entry restored.');
          navigate(`/entry/${restoreId}`);
        },
      });
      navigate('/timeline');
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  }

  async function restore() {
    if (!entry) return;
    setBusy(true);
    try {
      setEntry(await call('entries.restore', { id: entry.id }));
      toast.show('Entry restored.');
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  if (error)
    return (
      <div className="page">
        <h1>Entry</h1>
        <ErrorAlert>{error}</ErrorAlert>
        <a href="#/timeline">Back to the timeline</a>
      </div>
    );
  if (!entry)
    return (
      <div className="page">
        <h1>Entry</h1>
        <Loading />
      </div>
    );

  const people = entry.personIds.map((p) => personById.get(p)).filter((p) => p !== undefined);
  const tags = entry.tagIds.map((t) => tagById.get(t)).filter((t): t is Tag => t !== undefined);
  const scores = SCORES.filter(([k]) => entry[k] !== null);
  const heading = entryHeading({ title: entry.title, excerpt: entry.body });

  return (
    <div className="page entry-view">
      <p className="back">
        <a href="#/timeline">← Timeline</a>
      </p>
      <article aria-labelledby="entry-view-title">
        <header className="page-head">
          <div>
            <p className="entry-when">{dateTimeOf(entry.occurredAt, entry.timeZone)}</p>
            <h1 id="entry-view-title" dir="auto">
              {heading}
            </h1>
          </div>
          <div className="row">
            <button type="button" className="button" onClick={() => navigate(`/entry/${entry.id}/edit`)}>
              Edit
            </button>
            {entry.deletedAt === null ? (
              <button type="button" className="button danger-subtle" onClick={() => void moveToTrash()} disabled={busy}>
                Move to trash
              </button>
            ) : (
              <button type="button" className="button" onClick={() => void restore()} disabled={busy}>
                Restore
              </button>
            )}
          </div>
        </header>
        {entry.deletedAt !== null && <p className="notice">This entry is in the trash.</p>}
        <div className="entry-meta">
          {people.map((p) => (
            <PersonChip key={p.id} person={p} />
          ))}
          <FlagBadges entry={entry} />
        </div>
        {entry.body && (
          <div className="entry-body" dir="auto">
            {entry.body}
          </div>
        )}

        <dl className="entry-facts">
          {entry.balance !== null && (
            <div>
              <dt>Balance of power</dt>
              <dd>{BALANCE_LABELS[entry.balance]}</dd>
            </div>
          )}
          {scores.map(([k, label]) => (
            <div key={k}>
              <dt>{label}</dt>
              <dd>{entry[k]} of 5</dd>
            </div>
          ))}
          {entry.domains.length > 0 && (
            <div>
              <dt>Areas of life</dt>
              <dd>{entry.domains.map((d) => DOMAIN_LABELS[d]).join(', ')}</dd>
            </div>
          )}
          {entry.powerSources.length > 0 && (
            <div>
              <dt>Power sources</dt>
              <dd>{entry.powerSources.map((p) => POWER_SOURCE_LABELS[p]).join(', ')}</dd>
            </div>
          )}
        </dl>

        {tags.length > 0 && (
          <section aria-labelledby="entry-patterns" className="entry-section">
            <h2 id="entry-patterns">Patterns</h2>
            {CATEGORIES.filter((c) => tags.some((t) => t.category === c)).map((c) => (
              <div key={c} className="entry-pattern-row">
                <span className="entry-pattern-cat">{CATEGORY_LABELS[c]}</span>
                {tags
                  .filter((t) => t.category === c)
                  .map((t) => (
                    <TagChip key={t.id} tag={t} />
                  ))}
              </div>
            ))}
          </section>
        )}

        <EntryAttachments owner={{ kind: 'entry', id: entry.id }} version={entry.updatedAt} />

        {entry.outcome && (
          <section aria-labelledby="entry-outcome" className="entry-section">
            <h2 id="entry-outcome">Outcome</h2>
            <p className="entry-body" dir="auto">
              {entry.outcome}
            </p>
          </section>
        )}
        <EntryHistory entry={entry} onRestored={setEntry} />
      </article>
    </div>
  );
}
