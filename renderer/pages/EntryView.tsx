import { useCallback, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { CATEGORIES } from '../../shared/catalogue.js';
import { translate, useT, type MessageId } from '../i18n/index.js';
import { useVocabulary } from '../i18n/vocabulary.js';
import type { Entry, Tag } from '../../shared/schemas.js';
import { ApiError, call, messageOf } from '../api.js';
import { PersonChip, TagChip } from '../components/Chips.js';
import { entryHeading, FlagBadges } from '../components/EntryCard.js';
import { ErrorAlert, Loading } from '../components/Feedback.js';
import { dateTimeOf, formatInteger, listFormat } from '../lib/format.js';
import { EntryHistory } from '../components/EntryHistory.js';
import { EntryAttachments } from '../components/attachments/EntryAttachments.js';
import { navigate } from '../lib/router.js';
import { useJournalData, useToast } from '../lib/session.js';
import { queryKey, useApi } from '../lib/queries.js';

const SCORES = [
  ['intensity', 'score.intensity'],
  ['heard', 'score.heard'],
  ['respected', 'score.respected'],
  ['valued', 'score.valued'],
  ['involved', 'score.involved'],
] as const satisfies readonly (readonly [string, MessageId])[];

export function EntryViewPage({ id }: { id: number }) {
  const t = useT();
  const v = useVocabulary();
  const { personById, tagById } = useJournalData();
  const toast = useToast();
  // Restoring an earlier version or editing elsewhere invalidates the entry: it loads again here.
  const entryQuery = useApi('entries.get', { id });
  const entry: Entry | null = entryQuery.data ?? null;
  const [actionError, setError] = useState<string | null>(null);
  const loadError = entryQuery.error;
  const error =
    actionError ?? (loadError ? (loadError instanceof ApiError && loadError.code === 'NOT_FOUND' ? translate('entry.gone') : messageOf(loadError)) : null);
  const [busy, setBusy] = useState(false);
  const queryClient = useQueryClient();
  /** Shows the entry a restore returned at once (the restore also invalidates it). */
  const setEntry = useCallback((e: Entry) => queryClient.setQueryData(queryKey('entries.get', { id: e.id }), e), [queryClient]);

  async function moveToTrash() {
    if (!entry) return;
    setBusy(true);
    try {
      await call('entries.delete', { id: entry.id });
      const restoreId = entry.id;
      toast.show(t('entry.movedToTrash'), {
        label: t('entry.undo'),
        run: async () => {
          await call('entries.restore', { id: restoreId });
          toast.show(translate('entry.restored'));
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
      toast.show(t('entry.restored'));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  if (error)
    return (
      <div className="page">
        <h1>{t('entry.title')}</h1>
        <ErrorAlert>{error}</ErrorAlert>
        <a href="#/timeline">{t('entry.backToTimeline')}</a>
      </div>
    );
  if (!entry)
    return (
      <div className="page">
        <h1>{t('entry.title')}</h1>
        <Loading />
      </div>
    );

  const people = entry.personIds.map((p) => personById.get(p)).filter((p) => p !== undefined);
  const tags = entry.tagIds.map((t) => tagById.get(t)).filter((t): t is Tag => t !== undefined);
  const scores = SCORES.filter(([k]) => entry[k] !== null);
  const heading = entryHeading({ title: entry.title, excerpt: entry.body }, t('entry.untitled'));

  return (
    <div className="page entry-view">
      <p className="back">
        <a href="#/timeline">{t('entry.backLink')}</a>
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
              {t('entry.edit')}
            </button>
            {entry.deletedAt === null ? (
              <button type="button" className="button danger-subtle" onClick={() => void moveToTrash()} disabled={busy}>
                {t('entry.moveToTrash')}
              </button>
            ) : (
              <button type="button" className="button" onClick={() => void restore()} disabled={busy}>
                {t('entry.restore')}
              </button>
            )}
          </div>
        </header>
        {entry.deletedAt !== null && <p className="notice">{t('entry.inTrash')}</p>}
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
              <dt>{t('entry.balance')}</dt>
              <dd>{v.balance(entry.balance)}</dd>
            </div>
          )}
          {scores.map(([k, label]) => (
            <div key={k}>
              <dt>{t(label)}</dt>
              <dd>{t('entry.outOf5', { value: formatInteger(entry[k] ?? 0) })}</dd>
            </div>
          ))}
          {entry.domains.length > 0 && (
            <div>
              <dt>{t('entry.areas')}</dt>
              <dd>{listFormat(entry.domains.map((d) => v.domain(d)))}</dd>
            </div>
          )}
          {entry.powerSources.length > 0 && (
            <div>
              <dt>{t('entry.powerSources')}</dt>
              <dd>{listFormat(entry.powerSources.map((p) => v.powerSource(p)))}</dd>
            </div>
          )}
        </dl>

        {tags.length > 0 && (
          <section aria-labelledby="entry-patterns" className="entry-section">
            <h2 id="entry-patterns">{t('entry.patterns')}</h2>
            {CATEGORIES.filter((c) => tags.some((t) => t.category === c)).map((c) => (
              <div key={c} className="entry-pattern-row">
                <span className="entry-pattern-cat">{v.category(c)}</span>
                {tags
                  .filter((tag) => tag.category === c)
                  .map((tag) => (
                    <TagChip key={tag.id} tag={tag} />
                  ))}
              </div>
            ))}
          </section>
        )}

        <EntryAttachments owner={{ kind: 'entry', id: entry.id }} />

        {entry.outcome && (
          <section aria-labelledby="entry-outcome" className="entry-section">
            <h2 id="entry-outcome">{t('entry.outcome')}</h2>
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
