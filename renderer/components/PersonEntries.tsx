/**
 * A person's page: the entries they are in, newest first, a page at a time, each opening the entry.
 * How many there are in all comes with the first page (the search's count).
 */
import type { Person } from '../../shared/schemas.js';
import { messageOf } from '../api.js';
import { usePagedEntries } from '../lib/queries.js';
import { dayHeading } from '../lib/format.js';
import { useJournalData } from '../lib/session.js';
import { useIntl } from 'react-intl';
import { useT } from '../i18n/index.js';
import { EntryCard } from './EntryCard.js';
import { ErrorAlert, Loading } from './Feedback.js';

export const PERSON_ENTRIES_PAGE = 10;

export function PersonEntries({ person }: { person: Person }) {
  const { personById, tagById } = useJournalData();
  const pages = usePagedEntries('entries.search', { personIds: [person.id] }, PERSON_ENTRIES_PAGE);
  const { items, loadMore } = pages;
  const total = pages.state === 'loading' ? null : (pages.total ?? items.length);
  const busy = pages.state === 'loading' || pages.state === 'more';
  const cursor = pages.hasMore;
  const error = pages.error ? messageOf(pages.error) : null;
  const today = new Date();
  const t = useT();
  const intl = useIntl();

  return (
    <section className="page-section person-entries" aria-labelledby="person-entries-heading">
      <div className="page-head">
        <h2 id="person-entries-heading">
          {intl.formatMessage({ id: 'personEntries.title' }, { name: <bdi dir="auto">{person.name}</bdi> })}
        </h2>
        {total !== null && <p className="hint">{t('personEntries.count', { count: total })}</p>}
      </div>
      <ErrorAlert>{error}</ErrorAlert>
      {total === 0 ? (
        <p className="hint">
          {intl.formatMessage({ id: 'personEntries.none' }, { name: person.name, link: (chunks) => <a href="#/new">{chunks}</a> })}
        </p>
      ) : (
        <ul className="person-entry-list">
          {items.map((e) => (
            <li key={e.id}>
              <EntryCard entry={e} personById={personById} tagById={tagById} href={`#/entry/${e.id}`} showDate={dayHeading(e.day, today)} />
            </li>
          ))}
        </ul>
      )}
      {busy ? (
        <Loading label={t('personEntries.loading')} />
      ) : (
        cursor && (
          <div>
            <button type="button" className="button" onClick={loadMore}>
              {t('personEntries.older')}
            </button>
          </div>
        )
      )}
    </section>
  );
}
