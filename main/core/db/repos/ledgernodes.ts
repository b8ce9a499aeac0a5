import { cooperate, nextTurn } from '../../jobs/cooperate.js';
import type { DB } from '../open.js';
import { chainHead } from './revisions.js';
import { revisionLink } from './evidence.js';
import { all } from './sql.js';

/** Rows of the stored tree read per slice of the build (a few milliseconds each). */
const SLICE_ROWS = 8192;

/**
 * The stored ledger tree's nodes (levels 1 and up) held in memory for as long as the connection is
 * open, one buffer of 32-byte hashes per level: 32 bytes per revision in all (about 10 MB at 300k
 * revisions). A report's inclusion proofs need thousands of nodes scattered over the tree, and read
 * from the encrypted file each costs a page decrypted; read from here they cost nothing. Built in
 * slices after an unlock (startLedgerNodes), off the request path; until it is ready, and for nodes
 * of revisions added since, the stored tree is read as before.
 *
 * It covers the tree of the first `size` revisions, which later saves never change (the ledger only
 * appends). What it holds is a copy of derived data, not trusted: every proof a report gives is
 * still checked against the head's root. It is used only while the revision at `size` still has the
 * hash it had when the copy was read, so a history replaced under the connection is never mixed in.
 */
export class LedgerNodes {
  /** Leaves covered: the nodes of the subtrees wholly within the first `size` revisions. */
  size = 0;
  /** The chain hash of revision `size` when the copy was read. */
  linkHash = '';
  ready = false;
  discarded = false;
  built: Promise<LedgerNodes | null> = Promise.resolve(null);
  private readonly levels: Buffer[] = [];

  /** Whether this copy holds the node at `level` (≥ 1) and `index`. */
  holds(level: number, index: number): boolean {
    return (index + 1) * 32 <= (this.levels[level]?.length ?? 0);
  }

  /** The node at `level` (≥ 1) and `index`, when this copy holds it. */
  node(level: number, index: number): Buffer | undefined {
    return this.holds(level, index) ? this.levels[level]!.subarray(index * 32, index * 32 + 32) : undefined;
  }

  /** Whether the copy is complete and still of this connection's history (one row read). */
  usable(db: DB): boolean {
    if (!this.ready || this.discarded) return false;
    if (this.size === 0) return true;
    return revisionLink(db, this.size)?.hash === this.linkHash;
  }

  /** Memory held, in bytes. */
  get bytes(): number {
    return this.levels.reduce((n, b) => n + (b?.length ?? 0), 0);
  }

  discard(): void {
    this.discarded = true;
    this.ready = false;
    this.levels.length = 0;
  }

  /** Reads the next slice of `level` into the copy; answers how many nodes that level still lacks. */
  load(db: DB, level: number, from: number, count: number): number {
    const nodes = (this.levels[level] ??= Buffer.alloc(count * 32));
    const end = Math.min(count, from + SLICE_ROWS);
    const rows = all<{ idx: number; hash: unknown }>(db, 'SELECT idx, hash FROM ledger_tree WHERE level = ? AND idx >= ? AND idx < ? ORDER BY idx', level, from, end);
    let i = from;
    for (const r of rows) {
      // A missing or malformed node ends the copy where it is: the proofs that need it read the
      // stored tree, which says it is damaged.
      if (r.idx !== i || !Buffer.isBuffer(r.hash) || r.hash.length !== 32) break;
      r.hash.copy(nodes, i * 32);
      i++;
    }
    if (i < end) {
      this.levels[level] = nodes.subarray(0, i * 32);
      return 0;
    }
    return count - i;
  }
}

/**
 * Starts reading the stored tree into memory for this connection (once per connection; a second call
 * answers the first build). Slices pause between them for other calls, never run inside a job's
 * open transaction (whose rollback could take rows away), and stop when `signal` aborts (the lock).
 */
export function startLedgerNodes(db: DB, signal: AbortSignal): Promise<LedgerNodes | null> {
  if (db.ledgerNodes) return (db.ledgerNodes as LedgerNodes).built;
  if (signal.aborted || !db.open) return Promise.resolve(null);
  const copy = new LedgerNodes();
  db.ledgerNodes = copy;
  const onAbort = () => discardLedgerNodes(db);
  signal.addEventListener('abort', onAbort, { once: true });
  const pause = cooperate(signal, 8);
  const build = async (): Promise<LedgerNodes | null> => {
    await nextTurn();
    while (db.open && db.inTransaction) {
      await pause();
      await nextTurn();
    }
    if (copy.discarded || !db.open) return null;
    const head = chainHead(db);
    copy.size = head?.seq ?? 0;
    copy.linkHash = head?.hash ?? '';
    for (let level = 1; 2 ** level <= copy.size; level++) {
      const count = Math.floor(copy.size / 2 ** level);
      for (let from = 0; from < count; ) {
        await pause();
        await nextTurn();
        if (copy.discarded || !db.open) return null;
        if (db.inTransaction) continue;
        const left = copy.load(db, level, from, count);
        if (left === 0) break;
        from = count - left;
      }
    }
    copy.ready = true;
    return copy;
  };
  copy.built = build()
    .catch(() => {
      // Cancelled by the lock, or the database closed under it: nothing is kept.
      discardLedgerNodes(db);
      return null;
    })
    .finally(() => signal.removeEventListener('abort', onAbort));
  return copy.built;
}

/** Drops the copy (the lock; the connection's close does it too). */
export function discardLedgerNodes(db: DB): void {
  const copy = db.ledgerNodes as LedgerNodes | null;
  copy?.discard();
  if (db.ledgerNodes === copy) db.ledgerNodes = null;
}

/** The connection's copy, when complete and still of its history. */
export function usableLedgerNodes(db: DB): LedgerNodes | null {
  const copy = db.ledgerNodes as LedgerNodes | null;
  return copy && copy.usable(db) ? copy : null;
}
