/**
 * How screens get journal data: TanStack Query over `call` (renderer/api.ts).
 *
 * - One query key per call and input, grouped by API area (`['entries', 'get', { id }]`), so a
 *   screen that asks again with new input never sees an older answer, and a write can drop a whole
 *   area at once.
 * - Every call that succeeds and changes something invalidates the areas it changes (WRITE_EFFECTS),
 *   wherever it was made: every screen showing them loads them again. A settings change (week start)
 *   invalidates everything.
 * - When the journal locks (a 'locked' event, a LOCKED reply, or the app's own lock) the whole cache is
 *   cleared at once: no journal datum stays in memory behind the unlock screen.
 */
import { useCallback, useMemo } from 'react';
import { keepPreviousData, QueryClient, useInfiniteQuery, useQuery, type UseQueryOptions, type UseQueryResult } from '@tanstack/react-query';
import type { Cursor, EntryFilter, EntrySummary } from '../../shared/schemas.js';
import type { Channel, InputOf, ResultOf } from '../../shared/api.js';
import { call, onCallAnswered, onLockedReply, subscribe } from '../api.js';

/** The API's areas, as the first part of a channel's name ('entries' of 'entries.get'). */
export type Area = Channel extends `${infer A}.${string}` ? A : never;

export const areaOf = (channel: Channel): Area => channel.slice(0, channel.indexOf('.')) as Area;

/** The key of one call with one input: `['entries', 'get', { id: 3 }]`. */
export function queryKey<C extends Channel>(channel: C, input: InputOf<C>): readonly [Area, string, InputOf<C>] {
  return [areaOf(channel), channel.slice(channel.indexOf('.') + 1), input];
}

/** The key of a screen's own query made of several calls of one area (`['insights', 'page', input]`). */
export const screenKey = <I>(area: Area, name: string, input: I): readonly [Area, string, I] => [area, name, input];

/** The key that matches every query of an area (to invalidate it). */
export const areaKey = (area: Area): readonly [Area] => [area];

/** Everything, for a change that can alter any screen (settings, a restore, an import). */
const EVERYTHING = 'everything' as const;

/**
 * Calls that change nothing another screen shows (reads, builds of files, heartbeats). Every other
 * call that succeeds is a write and invalidates what WRITE_EFFECTS says (everything when unlisted).
 */
const CHANGES_NOTHING: ReadonlySet<Channel> = new Set<Channel>([
  'vault.status',
  'vault.checkStrength',
  'vault.pendingRecoveryKey',
  'vault.lock',
  'people.list',
  'people.get',
  'tags.list',
  'entries.get',
  'entries.search',
  'entries.trash',
  'checkins.list',
  'drafts.get',
  'drafts.list',
  'insights.overview',
  'insights.patterns',
  'insights.balance',
  'insights.scores',
  'insights.healthyShare',
  'insights.topPatterns',
  'insights.patternHistory',
  'insights.heatmap',
  'insights.domains',
  'insights.people',
  'insights.checkinTrends',
  'insights.checkinsDue',
  'settings.get',
  'strengths.list',
  'reminders.status',
  'session.activity',
  'session.quickExit',
  'safety.preferences',
  'safety.failedAttempts',
  'export.build',
  'export.save',
  'export.buildZip',
  'export.saveZip',
  'backup.build',
  'export.download',
  'export.downloadZip',
  'backup.download',
  'backup.save',
  'backup.pick',
  'backup.list',
  'backup.inspect',
  'backup.previous',
  'import.pick',
  'import.preview',
  'import.cancel',
  'ledger.stopCheck',
  'report.build',
  'report.export',
  'report.saveExport',
  'report.savePdf',
  'report.estimate',
  'report.evidence',
  'report.printedProofs',
  'report.evidencePackage',
  'report.saveEvidencePackage',
  'sessions.list',
  'templates.list',
  'history.list',
  'history.get',
  'ledger.status',
  'ledger.receipts',
  'ledger.sinceReceipt',
  'attachments.list',
  'attachments.get',
  'attachments.counts',
  'attachments.status',
  'ui.language',
  'writing.list',
  'writing.preferences',
]);

/** What a write changes: every area whose answers it can alter. */
const WRITE_EFFECTS: Partial<Record<Channel, readonly Area[] | typeof EVERYTHING>> = {
  'people.create': ['people', 'entries', 'insights'],
  'people.update': ['people', 'entries', 'insights', 'report'],
  'tags.create': ['tags', 'entries', 'insights'],
  'tags.update': ['tags', 'entries', 'insights', 'report'],
  'tags.merge': ['tags', 'entries', 'insights', 'history', 'ledger', 'report'],
  'entries.create': ['entries', 'drafts', 'insights', 'history', 'ledger', 'report', 'attachments', 'reminders'],
  'entries.update': ['entries', 'drafts', 'insights', 'history', 'ledger', 'report', 'attachments'],
  'entries.delete': ['entries', 'insights', 'history', 'ledger', 'report', 'attachments'],
  'entries.restore': ['entries', 'insights', 'history', 'ledger', 'report', 'attachments'],
  'entries.purge': ['entries', 'insights', 'history', 'ledger', 'report', 'attachments'],
  'checkins.save': ['checkins', 'insights', 'history', 'ledger', 'report', 'reminders', 'attachments'],
  'checkins.delete': ['checkins', 'insights', 'history', 'ledger', 'report', 'attachments'],
  'drafts.save': ['drafts'],
  'drafts.discard': ['drafts'],
  'settings.update': EVERYTHING,
  'strengths.create': ['strengths'],
  'strengths.update': ['strengths'],
  'strengths.delete': ['strengths'],
  'reminders.snooze': ['reminders'],
  'safety.setPreferences': ['safety'],
  'safety.acknowledgeFailedAttempts': ['safety'],
  'sessions.add': ['sessions', 'report'],
  'sessions.delete': ['sessions', 'report'],
  'templates.save': ['templates'],
  'templates.delete': ['templates'],
  'history.restore': ['entries', 'checkins', 'insights', 'history', 'ledger', 'report', 'attachments'],
  'ledger.takeReceipt': ['ledger'],
  'ledger.verify': ['ledger'],
  'attachments.update': ['attachments', 'entries', 'checkins', 'history', 'ledger', 'report'],
  'attachments.reorder': ['attachments', 'entries', 'checkins', 'history', 'ledger', 'report'],
  'attachments.remove': ['attachments', 'entries', 'checkins', 'history', 'ledger', 'report'],
  'attachments.restore': ['attachments', 'entries', 'checkins', 'history', 'ledger', 'report'],
  'writing.create': ['writing'],
  'writing.update': ['writing'],
  'writing.delete': ['writing'],
  'writing.reorder': ['writing'],
  'writing.setPreferences': ['writing'],
  // These end the open journal: the screen says so, then locks, and the lock clears the cache.
  // Reloading now would only ask a locked journal and cut that message short.
  'backup.restore': [],
  'safety.deleteJournal': [],
};

/** Writes that can change anything shown: a new journal or key, an import, the language. */
const CHANGES_EVERYTHING: ReadonlySet<Channel> = new Set<Channel>([
  'vault.create',
  'vault.unlock',
  'vault.changePassphrase',
  'vault.newRecoveryKey',
  'vault.confirmRecoveryKey',
  'backup.discardPrevious',
  'import.commit',
  'ui.setLanguage',
]);

/**
 * Whether a channel is listed once: as a read, a write with its areas, or a write that changes
 * everything. A read left unlisted would count as a write and reload every screen after each answer
 * (tests/unit/queries.dom.test.ts checks every channel of the contract).
 */
export function classified(channel: Channel): boolean {
  return [CHANGES_NOTHING.has(channel), Object.hasOwn(WRITE_EFFECTS, channel), CHANGES_EVERYTHING.has(channel)].filter(Boolean).length === 1;
}

/** The areas a successful call changes: none for a read, everything for an unlisted write. */
export function changedBy(channel: Channel): readonly Area[] | typeof EVERYTHING {
  if (CHANGES_NOTHING.has(channel)) return [];
  return WRITE_EFFECTS[channel] ?? EVERYTHING;
}

/** Drops what a call changed: the screens showing it load it again. */
export function invalidateAfter(client: QueryClient, channel: Channel): void {
  const changed = changedBy(channel);
  if (changed === EVERYTHING) void client.invalidateQueries();
  else for (const area of changed) void client.invalidateQueries({ queryKey: areaKey(area) });
}

/** Forgets every cached answer at once (the journal locked): nothing is left to read in memory. */
export function forgetJournal(client: QueryClient): void {
  void client.cancelQueries();
  client.clear();
}

/**
 * The renderer's one QueryClient. A local back end: no retries (an error is shown at once, and a
 * LOCKED answer must not be asked again), no waiting for "online" (the app is offline by design),
 * and no refetch on window focus (a screen loads again when something it shows changed).
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, networkMode: 'always', refetchOnWindowFocus: false, refetchOnReconnect: false },
      mutations: { retry: false, networkMode: 'always' },
    },
  });
}

/**
 * Wires a client to the back end: writes invalidate what they change, a lock (event or LOCKED
 * reply) clears everything. Returns the function that unwires it.
 */
export function connectQueryClient(client: QueryClient): () => void {
  const offAnswered = onCallAnswered((channel) => invalidateAfter(client, channel));
  const offLockedReply = onLockedReply(() => forgetJournal(client));
  let offEvents = () => {};
  try {
    offEvents = subscribe((event) => {
      if (event.type === 'locked') forgetJournal(client);
    });
  } catch {
    // No bridge (the app says so itself): writes and LOCKED replies are still followed.
  }
  return () => {
    offAnswered();
    offLockedReply();
    offEvents();
  };
}

type ApiQueryOptions<C extends Channel, T> = Omit<UseQueryOptions<ResultOf<C>, Error, T, ReturnType<typeof queryKey<C>>>, 'queryKey' | 'queryFn'>;

/**
 * One call's answer, cached under its key: `useApi('entries.get', { id })`. A newer input's answer
 * always wins over an older one still on its way (each input has its own key).
 */
export function useApi<C extends Channel, T = ResultOf<C>>(channel: C, input: InputOf<C>, options?: ApiQueryOptions<C, T>): UseQueryResult<T, Error> {
  return useQuery({
    queryKey: queryKey(channel, input),
    queryFn: () => call(channel, input),
    ...options,
  });
}

export interface PagedEntries {
  /** Every page loaded so far, in order, each entry once. */
  items: EntrySummary[];
  /** How many match in all (from the first page), when the search says. */
  total: number | null;
  /** True when a text search stopped counting at its cap: `total` then reads "more than". */
  totalCapped: boolean;
  hasMore: boolean;
  /** 'loading': the first page (of this filter) is on its way; 'more': a next page is. */
  state: 'loading' | 'idle' | 'more' | 'error';
  error: Error | null;
  /** Asks for the next page, unless one is on its way or there is none. */
  loadMore: () => void;
  /** True while the list shown is the previous filter's (the new one's first page is coming). */
  previous: boolean;
}

/**
 * Entries a page at a time (the timeline, the trash, a person's entries): one query per filter, so
 * the newest filter's pages are the ones shown, and a write to entries loads the pages again.
 */
export function usePagedEntries(channel: 'entries.search' | 'entries.trash', filter: EntryFilter, limit: number): PagedEntries {
  const filterKey = JSON.stringify(filter);
  const query = useInfiniteQuery({
    queryKey: screenKey('entries', channel === 'entries.search' ? 'pages' : 'trashPages', { filterKey, limit }),
    initialPageParam: null as Cursor | null,
    queryFn: ({ pageParam }) => call(channel, { filter: JSON.parse(filterKey) as EntryFilter, cursor: pageParam, limit }),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const { data, fetchNextPage, hasNextPage, isFetching, isFetchingNextPage, isPending, isPlaceholderData, isError, error } = query;
  const items = useMemo<EntrySummary[]>(() => {
    const seen = new Set<number>();
    return (data?.pages ?? []).flatMap((page) => page.items.filter((e) => !seen.has(e.id) && Boolean(seen.add(e.id))));
  }, [data]);
  const state: PagedEntries['state'] = isError ? 'error' : isPending || isPlaceholderData ? 'loading' : isFetchingNextPage ? 'more' : 'idle';
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetching) void fetchNextPage();
  }, [hasNextPage, isFetching, fetchNextPage]);
  return { items, total: data?.pages[0]?.total ?? null, totalCapped: data?.pages[0]?.totalCapped === true, hasMore: hasNextPage, state, error, loadMore, previous: isPlaceholderData };
}
