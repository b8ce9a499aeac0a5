/**
 * The timeline: entries newest first, grouped by day, virtualised (@tanstack/react-virtual) and
 * loaded in keyset pages as you scroll. The filter bar narrows it; text search highlights matches and
 * says how many entries matched. Only the search box shows until "More filters" opens the rest, so
 * the first entries stay on screen.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { CATEGORIES, type Category, type Polarity } from '../../shared/catalogue.js';
import { translate, useT } from '../i18n/index.js';
import { useVocabulary } from '../i18n/vocabulary.js';
import type { EntryFilter, EntrySummary } from '../../shared/schemas.js';
import { messageOf } from '../api.js';
import { EntryCard } from '../components/EntryCard.js';
import { useAttachmentCounts } from '../components/attachments/EntryAttachments.js';
import { CheckInsDueNotice } from '../components/CheckInsDueNotice.js';
import { DrillNotice } from '../components/DrillNotice.js';
import { EmptyState, ErrorAlert, Loading } from '../components/Feedback.js';
import { onSearchFocusRequest } from '../lib/commands.js';
import { dayHeading, shortDateTime } from '../lib/format.js';
import { modKey, useDebounced } from '../lib/hooks.js';
import { clearPendingDrill, peekPendingDrill, type DrillDown } from '../lib/drill.js';
import { navigate } from '../lib/router.js';
import { useJournalData } from '../lib/session.js';
import { useRemembered } from '../lib/viewMemory.js';
import { useApi, usePagedEntries } from '../lib/queries.js';

const PAGE = 50;

interface FilterState {
  text: string;
  person: string;
  /** '' | 'cat:<category>' | 'tag:<id>' */
  pattern: string;
  polarity: '' | Polarity;
  from: string;
  to: string;
  therapist: boolean;
  safety: boolean;
}
const NO_FILTER: FilterState = { text: '', person: '', pattern: '', polarity: '', from: '', to: '', therapist: false, safety: false };

/** How many of the filters behind "More filters" are set (the search box is always in view). */
export function hiddenFiltersInUse(f: FilterState): number {
  return [f.person, f.pattern, f.polarity, f.from, f.to].filter(Boolean).length + Number(f.therapist) + Number(f.safety);
}

/** "12 entries match", "1 entry matches", "No entries match", in the interface's language. */
export function matchCount(n: number): string {
  return translate('timeline.matches', { count: n });
}

function toApiFilter(f: FilterState): EntryFilter {
  const out: EntryFilter = {};
  if (f.text.trim()) out.text = f.text.trim();
  if (f.person) out.personIds = [Number(f.person)];
  if (f.pattern.startsWith('tag:')) out.tagIds = [Number(f.pattern.slice(4))];
  if (f.pattern.startsWith('cat:')) out.categories = [f.pattern.slice(4) as Category];
  if (f.polarity) out.polarity = f.polarity;
  if (f.from) out.from = f.from;
  if (f.to) out.to = f.to;
  if (f.therapist) out.raiseWithTherapist = true;
  if (f.safety) out.safetyConcern = true;
  return out;
}

type Row = { kind: 'day'; key: string; day: string } | { kind: 'entry'; key: string; entry: EntrySummary };

export function TimelinePage() {
  const t = useT();
  const v = useVocabulary();
  const { people, tags, personById, tagById } = useJournalData();
  const [filter, setFilter] = useState<FilterState>(NO_FILTER);
  const [filtersOpen, setFiltersOpen] = useRemembered('timeline.filtersOpen', false);
  // A click on an insights chart: exactly its entries, until the filter bar is used.
  const [drill, setDrill] = useState<DrillDown | null>(peekPendingDrill);
  useEffect(() => clearPendingDrill(), []);
  const text = useDebounced(filter.text, 250);
  const apiFilter = useMemo(() => drill?.filter ?? toApiFilter({ ...filter, text }), [drill, filter, text]);
  const filterKey = JSON.stringify(apiFilter);
  const filtering = filterKey !== '{}';

  const searchRef = useRef<HTMLInputElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);

  useEffect(() => onSearchFocusRequest(() => searchRef.current?.focus()), []);
  // Drafts waiting to be finished: a notice only, so a failure shows none.
  const drafts = useApi('drafts.list', {}).data ?? [];

  // One query per filter, a page at a time: the newest filter's pages are the ones shown (the last
  // list stays while they come), and a write to entries anywhere loads the pages again.
  const search = usePagedEntries('entries.search', apiFilter as EntryFilter, PAGE);
  const { items, total, totalCapped, state, loadMore, previous } = search;
  const cursor = search.hasMore ? true : null;
  const error = search.error ? messageOf(search.error) : null;

  // A new filter's first page starts at the top.
  useEffect(() => {
    if (!previous) scrollRef.current?.scrollTo({ top: 0 });
  }, [filterKey, previous]);

  const rows = useMemo<Row[]>(() => {
    const out: Row[] = [];
    let day = '';
    for (const entry of items) {
      if (entry.day !== day) {
        day = entry.day;
        out.push({ kind: 'day', key: `d${day}`, day });
      }
      out.push({ kind: 'entry', key: `e${entry.id}`, entry });
    }
    return out;
  }, [items]);
  const entryIds = useMemo(() => items.map((e) => e.id), [items]);
  const attachmentCounts = useAttachmentCounts(entryIds);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]?.kind === 'day' ? 44 : 150),
    getItemKey: (i) => rows[i]?.key ?? i,
    overscan: 6,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const lastIndex = virtualItems.length > 0 ? virtualItems[virtualItems.length - 1]!.index : -1;
  useEffect(() => {
    if (lastIndex >= rows.length - 4 && cursor && state === 'idle') loadMore();
  }, [lastIndex, rows.length, cursor, state, loadMore]);

  const set = <K extends keyof FilterState>(k: K, v: FilterState[K]) => {
    setDrill(null);
    setFilter((f) => ({ ...f, [k]: v }));
  };
  const showAll = () => {
    setDrill(null);
    setFilter(NO_FILTER);
  };
  const activeTags = tags.filter((tag) => tag.archivedAt === null);
  const today = new Date();

  return (
    <div className="page timeline-page">
      <header className="page-head">
        <h1>{t('timeline.title')}</h1>
      </header>

      {drafts.length > 0 && (
        <div className="notice" role="status">
          {drafts.map((d) => (
            <p key={d.key}>
              {t(d.key === 'new' ? 'timeline.draftNew' : 'timeline.draftEdit', { when: shortDateTime(d.updatedAt) })}{' '}
              <a href={d.key === 'new' ? '#/new' : `#/entry/${d.key.slice(6)}/edit`}>{t('timeline.continue')}</a>
            </p>
          ))}
        </div>
      )}

      {drill ? <DrillNotice drill={drill} shown={state === 'idle' ? (total ?? items.length) : null} more={total === null && cursor !== null} onClear={showAll} /> : <CheckInsDueNotice />}

      <search className="filter-bar" aria-label={t('timeline.filter')}>
        <div className="filter-row">
          <div className="field grow">
            <label htmlFor="tl-search">{t('timeline.search')}</label>
            <input
              ref={searchRef}
              id="tl-search"
              type="search"
              dir="auto"
              value={filter.text}
              placeholder={t('timeline.searchPlaceholder', { shortcut: `${modKey}+F` })}
              onChange={(e) => set('text', e.target.value)}
              aria-keyshortcuts={modKey === 'Ctrl' ? 'Control+F' : 'Meta+F'}
              autoComplete="off"
            />
          </div>
          <button
            type="button"
            className="button subtle filter-toggle"
            aria-expanded={filtersOpen}
            aria-controls="tl-more-filters"
            onClick={() => setFiltersOpen((o) => !o)}
          >
            <span aria-hidden="true" className="filter-toggle-mark">
              {filtersOpen ? '▾' : '▸'}
            </span>
            {t('timeline.moreFilters')}
            {!filtersOpen && hiddenFiltersInUse(filter) > 0 && <span className="filter-toggle-count">{t('timeline.filtersOn', { count: hiddenFiltersInUse(filter) })}</span>}
          </button>
          {filtering && (
            <button type="button" className="button subtle clear-filters" onClick={showAll}>
              {t('timeline.clear')}
            </button>
          )}
        </div>
        <div id="tl-more-filters" className="filter-more" hidden={!filtersOpen}>
        <div className="filter-row">
          <div className="field">
            <label htmlFor="tl-person">{t('timeline.person')}</label>
            <select id="tl-person" value={filter.person} onChange={(e) => set('person', e.target.value)}>
              <option value="">{t('timeline.anyone')}</option>
              {people.map((p) => (
                <option key={p.id} value={String(p.id)} dir="auto">
                  {p.archivedAt ? t('timeline.archived', { name: p.name }) : p.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="tl-pattern">{t('timeline.pattern')}</label>
            <select id="tl-pattern" value={filter.pattern} onChange={(e) => set('pattern', e.target.value)}>
              <option value="">{t('timeline.anyPattern')}</option>
              <optgroup label={t('timeline.wholeCategories')}>
                {CATEGORIES.map((c) => (
                  <option key={c} value={`cat:${c}`}>
                    {t('timeline.anyIn', { category: v.category(c) })}
                  </option>
                ))}
              </optgroup>
              {CATEGORIES.map((c) => {
                const inCat = activeTags.filter((tag) => tag.category === c);
                if (inCat.length === 0) return null;
                return (
                  <optgroup key={c} label={v.category(c)}>
                    {inCat.map((tag) => (
                      <option key={tag.id} value={`tag:${tag.id}`} dir="auto">
                        {v.pattern(tag)}
                      </option>
                    ))}
                  </optgroup>
                );
              })}
            </select>
          </div>
          <div className="field">
            <label htmlFor="tl-polarity">{t('timeline.kind')}</label>
            <select id="tl-polarity" value={filter.polarity} onChange={(e) => set('polarity', e.target.value as FilterState['polarity'])}>
              <option value="">{t('timeline.any')}</option>
              <option value="imbalance">{v.polarity('imbalance')}</option>
              <option value="healthy">{v.polarity('healthy')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="tl-from">{t('timeline.from')}</label>
            <input id="tl-from" type="date" value={filter.from} max={filter.to || undefined} onChange={(e) => set('from', e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="tl-to">{t('timeline.to')}</label>
            <input id="tl-to" type="date" value={filter.to} min={filter.from || undefined} onChange={(e) => set('to', e.target.value)} />
          </div>
          <div className="filter-flags">
            <label className="check">
              <input type="checkbox" checked={filter.therapist} onChange={(e) => set('therapist', e.target.checked)} />
              {t('entry.forTherapist')}
            </label>
            <label className="check">
              <input type="checkbox" checked={filter.safety} onChange={(e) => set('safety', e.target.checked)} />
              {t('entry.safetyConcern')}
            </label>
          </div>
        </div>
        </div>
      </search>

      <ErrorAlert>{error}</ErrorAlert>
      <p className={state === 'idle' && filtering && !drill ? 'match-count' : 'visually-hidden'} role="status">
        {state === 'loading' ? t('timeline.loading') : state === 'idle' && filtering && !drill ? (totalCapped ? t('search.matchesMore', { count: total ?? items.length }) : t('timeline.matches', { count: total ?? items.length })) : ''}
      </p>

      {state === 'loading' && items.length === 0 ? (
        <Loading label={t('timeline.loadingEntries')} />
      ) : items.length === 0 && state !== 'error' ? (
        filtering ? (
          <EmptyState title={t('timeline.noMatch')} action={<button type="button" className="button" onClick={showAll}>{t('timeline.showAll')}</button>}>
            <p>{t('timeline.noMatchHint')}</p>
          </EmptyState>
        ) : (
          <EmptyState
            title={t('timeline.empty')}
            action={
              <button type="button" className="button primary" onClick={() => navigate('/new')}>
                {t('timeline.firstEntry')}
              </button>
            }
          >
            <p>{t('timeline.emptyHint')}</p>
            {people.length === 0 && (
              <p>
                {t('timeline.tipBefore')} <a href="#/people">{t('timeline.tipLink')}</a>
                {t('timeline.tipAfter')}
              </p>
            )}
          </EmptyState>
        )
      ) : (
        <div ref={scrollRef} className="timeline-scroll" aria-busy={state === 'loading' || state === 'more'}>
          <div className="timeline-inner" style={{ height: virtualizer.getTotalSize() }}>
            {virtualItems.map((vi) => {
              const row = rows[vi.index]!;
              return (
                <div key={vi.key} data-index={vi.index} ref={virtualizer.measureElement} className="timeline-row" style={{ transform: `translateY(${vi.start}px)` }}>
                  {row.kind === 'day' ? (
                    <h2 className="day-heading">{dayHeading(row.day, today)}</h2>
                  ) : (
                    <EntryCard entry={row.entry} personById={personById} tagById={tagById} href={`#/entry/${row.entry.id}`} attachments={attachmentCounts[row.entry.id]} />
                  )}
                </div>
              );
            })}
          </div>
          <div className="timeline-end">
            {state === 'more' ? (
              <Loading label={t('timeline.loadingOlder')} />
            ) : cursor ? (
              <button type="button" className="button" onClick={loadMore}>
                {t('timeline.loadOlder')}
              </button>
            ) : (
              items.length > 0 && <p className="hint">{filtering ? t('timeline.noMore') : t('timeline.beginning')}</p>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
