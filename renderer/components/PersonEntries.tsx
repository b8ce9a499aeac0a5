/**
 * A person's page: the entries they are in, newest first, a page at a time, each opening the entry.
 * How many there are in all comes with the first page (the search's count).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Cursor, EntrySummary, Person } from '../../shared/schemas.js';
import { call, messageOf } from '../api.js';
import { dayHeading } from '../lib/format.js';
import { useJournalData } from '../lib/session.js';
import { useIntl } from 'react-intl';
import { useT } from '../i18n/index.js';
import { EntryCard } from './EntryCard.js';
import { ErrorAlert, Loading } from './Feedback.js';

export const PERSON_ENTRIES_PAGE = 10;

export function PersonEntries({ person }: { person: Person }) {
  const { personById, tagById } = useJournalData();
  const [items, setItems] = useState<EntrySummary[]>([]);
  const [cursor, setCursor] = useState<Cursor | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [busy, setBusy] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const request = useRef(0);
  const today = new Date();
  const t = useT();
  const intl = useIntl();

  const load = useCallback(
    async (from: Cursor | null) => {
      const id = ++request.current;
      setBusy(true);
      setError(null);
      try {
        const page = await call('entries.search', { filter: { personIds: [person.id] }, cursor: from, limit: PERSON_ENTRIES_PAGE });
        if (id !== request.current) return;
        setItems((prev) => (from === null ? page.items : [...prev, ...page.items.filter((e) => !prev.some((p) => p.id === e.id))]));
        setCursor(page.nextCursor);
        if (from === null) setTotal(page.total ?? page.items.length);
      } catch (e) {
        if (id === request.current) setError(messageOf(e));
      } finally {
        if (id === request.current) setBusy(false);
      }
    },
    [person.id],
  );
  useEffect(() => {
    void load(null);
  }, [load]);

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
            <button type="button" className="button" onClick={() => void load(cursor)}>
              {t('personEntries.older')}
            </button>
          </div>
        )
      )}
    </section>
  );
}
