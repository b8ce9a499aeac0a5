/**
 * Reads that do not wait behind long work. A long job that is a call (an import, an export, a manual
 * backup, a report) holds the call queue from its start to its end: writes must wait for it, but a
 * timeline page, a search or an open entry need not. While such a job is queued or running, those
 * reads run on a second, read-only connection with a queue of their own (WAL lets it read the last
 * committed state while the job writes), so they are answered within milliseconds.
 *
 * The read connection exists only while a long job does: opened with the data key at the first read
 * that needs it, closed when the last long job ends and the moment a lock starts, so a lock's
 * checkpoint, a passphrase change or a restore never meets it. It is opened read-only, so a handler
 * that tried to write through it would fail instead of writing around the queue.
 */
import { insightCalls, type Channel } from '../../../shared/api.js';
import { FulcrumError, type Reply } from '../../../shared/errors.js';
import { openDatabase, type DB } from '../db/open.js';
import { createDispatcher, handlers, type ServiceContext } from '../service/index.js';
import type { Vault } from '../vault/index.js';

type Dispatch = (channel: string, raw: unknown) => Promise<Reply<unknown>>;

/** Calls that only read the database (checked: their handlers write nothing). */
export const READ_CALLS: ReadonlySet<Channel> = new Set<Channel>([
  'entries.search',
  'entries.get',
  'people.list',
  'people.get',
  'tags.list',
  'checkins.list',
  'drafts.list',
  // Insights on the read connection are answered from SQL: no in-memory index there (it belongs to
  // the journal's own connection) and per-day rollups only while they are current (see resolveScope).
  ...(Object.keys(insightCalls) as Channel[]),
]);

/** Calls that can hold the queue for seconds on a large journal. */
export const LONG_CALLS: ReadonlySet<Channel> = new Set<Channel>([
  'import.preview',
  'import.commit',
  'export.build',
  'export.save',
  'backup.build',
  'export.download',
  'export.downloadZip',
  'backup.download',
  'backup.save',
  'report.build',
  'report.export',
  'report.saveExport',
  'report.savePdf',
  'ledger.verify',
]);

/** What a read connection gets besides the read-only open (the rest of the journal's pragmas need a writer). */

export interface ReadPath {
  dispatch: Dispatch;
  /** Is the read connection open (tests)? */
  readonly readerOpen: boolean;
}

export function withReadConnection(ctx: ServiceContext, dispatch: Dispatch): ReadPath {
  const { vault } = ctx;
  let reader: DB | null = null;
  let longInFlight = 0;

  const closeReader = () => {
    const db = reader;
    reader = null;
    if (db?.open) db.close();
  };
  const readerDb = (): DB => {
    if (reader?.open) return reader;
    vault.database(); // throws LOCKED when locked
    // A lock has started (its call waits behind the job): no new connection for it to meet.
    if (vault.lockSignal.aborted) throw new FulcrumError('LOCKED', 'The journal is locked. Unlock it to continue.');
    const db = vault.withDataKey((key) => openDatabase(vault.file('db'), key, { readonly: true }));
    reader = db;
    vault.lockSignal.addEventListener('abort', closeReader, { once: true });
    return db;
  };
  // The same handlers and checks (locked, validation, typed errors), over the read connection.
  const readVault = new Proxy(vault, {
    get(target, prop) {
      if (prop === 'database') return readerDb;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  }) as Vault;
  const readDispatch = createDispatcher(handlers, { ...ctx, vault: readVault });

  return {
    get readerOpen() {
      return reader?.open === true;
    },
    dispatch(channel, raw) {
      if (longInFlight > 0 && READ_CALLS.has(channel as Channel) && vault.unlocked) return readDispatch(channel, raw);
      if (!LONG_CALLS.has(channel as Channel)) return dispatch(channel, raw);
      longInFlight++;
      return dispatch(channel, raw).finally(() => {
        longInFlight--;
        if (longInFlight === 0) closeReader();
      });
    },
  };
}
