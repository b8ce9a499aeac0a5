import { FulcrumError } from '../../../../shared/errors.js';
import {
  CheckInRevisionContent,
  EntryRevisionContent,
  type ItemType,
  type LedgerCheck,
  type LedgerFailure,
  type LedgerFailureCode,
  LEDGER_FAILURES,
  type Revision,
  type RevisionSummary,
} from '../../../../shared/ledger.js';
import {
  GENESIS,
  chainHash,
  chainHash2,
  digestOf,
  digestOfV2,
  digestOfV2Stored,
  encodeCheckIn,
  encodeCheckInV2,
  encodeDeletion,
  encodeEntry,
  encodeEntryV2,
  entryContentV2,
  checkInContentV2,
  isV2,
  secretOf,
  type Encoded,
  type RevisionHeader,
} from '../../ledger/encoding.js';
import { Frontier, Tree, leafOf } from '../../ledger/merkle.js';
import type { DB } from '../open.js';
import { all, column, get, jsonList, run, stmt, value } from './sql.js';
import { getEntry, loadLinks, rowToEntry, SUMMARY_COLUMNS, type EntryRow } from './entries.js';
import { getCheckIn } from './checkins.js';
import { attachmentHashes, attachmentHashesOf } from './attachments.js';
import { revisionDigests } from './evidence.js';

/**
 * Revision history. Every save of an entry or a check-in appends its new version to `revisions`,
 * inside the save's transaction; the rows form one hash chain over the whole journal (the ledger).
 * Rows are never changed or deleted (triggers refuse it), except that deleting an item for good
 * blanks the content of its revisions and leaves their hashes as tombstones.
 */

interface RevisionRow {
  seq: number;
  item_type: ItemType;
  item_id: number;
  rev: number;
  event: 'saved' | 'deleted';
  saved_at: number;
  content: string | null;
  digest: string;
  prev_hash: string;
  hash: string;
}

const HEAD_KEY = 'ledger.head';
const CHECKED_KEY = 'ledger.checked';
const LAST_CHECK_KEY = 'ledger.lastCheck';
/** The Merkle tree's frontier at the head (docs/ledger-encoding.md §5), kept so a save hashes O(log n), not the whole tree. */
const FRONTIER_KEY = 'ledger.frontier';

export interface ChainHead {
  seq: number;
  hash: string;
}

export function chainHead(db: DB): ChainHead | null {
  return get<ChainHead>(db, 'SELECT seq, hash FROM revisions ORDER BY seq DESC LIMIT 1') ?? null;
}

const readMeta = <T>(db: DB, key: string): T | null => {
  const v = value<string>(db, 'SELECT value FROM meta WHERE key = ?', key);
  return v === undefined ? null : (JSON.parse(v) as T);
};
const writeMeta = (db: DB, key: string, v: unknown) =>
  run(db, 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', key, JSON.stringify(v));

/** The next id for a new item: never one that a purged item's revisions already use. */
export function nextItemId(db: DB, type: ItemType): number {
  const table = type === 'entry' ? 'entries' : 'checkins';
  const live = value<number | null>(db, `SELECT max(id) FROM ${table}`) ?? 0;
  const kept = value<number | null>(db, 'SELECT max(item_id) FROM revisions WHERE item_type = ?', type) ?? 0;
  return Math.max(live ?? 0, kept ?? 0) + 1;
}

/** The tree's frontier over the first `size` revisions, rebuilt from their digests. */
export function frontierFromDigests(db: DB, size: number): Frontier {
  const f = new Frontier();
  const rows = db.prepare('SELECT seq, digest FROM revisions INDEXED BY revisions_digests WHERE seq <= ? ORDER BY seq').raw(true).iterate(size) as IterableIterator<[number, string]>;
  for (const [seq, digest] of rows) f.add(leafOf(seq, digest));
  return f;
}

// ------------------------------------------------------------------ the stored tree

// A node written over one already there: the stored tree is derived data, so a row changed outside
// the app must never make a save fail (the full history check reports it).
const INSERT_NODE = 'INSERT OR REPLACE INTO ledger_tree (level, idx, hash) VALUES (?, ?, ?)';

/** (Re)writes the stored tree from every revision's digest, read from their index a batch at a time: at upgrade. */
export function fillLedgerTree(db: DB): void {
  run(db, 'DELETE FROM ledger_tree');
  const insert = stmt(db, INSERT_NODE);
  const f = new Frontier();
  for (const [seq, digest] of revisionDigests(db)) f.add(leafOf(seq, digest), (level, index, hash) => insert.run(level, index, hash));
}

/** Nodes read per batch when a tree's nodes are read ahead. */
const NODE_BATCH = 2000;

/**
 * What a caller of storedTree is about to ask for, so that it is read in batches: the computations
 * themselves (run once on a tree of zeros to see which nodes they read), or only the leaves (revision
 * numbers) — enough when the in-memory copy holds the other nodes.
 */
export type TreeAhead = ((t: Tree) => void) | { leaves: readonly number[] };

/**
 * The tree of the first `size` revisions over the stored nodes: leaves from the revisions' digests,
 * the rest read from `ledger_tree` as a proof needs them. A missing node throws `missing()`; a wrong
 * one gives proofs that do not check out (the report checks each before it gives it, and the full
 * history check compares every stored node with the one recomputed).
 *
 * `ahead` names the proofs and roots about to be asked for, by asking them of a tree that only
 * records which nodes they read (or, with `inMemory`, names only the leaves they read): those are
 * then read in a few batches (a report's thousands of proofs need tens of thousands of nodes: a few
 * statements instead of one each). A node that is not
 * stored is simply not read ahead: it throws `missing()` when it is asked for, as it would have.
 * `inMemory` is the connection's copy of the stored nodes (ledgernodes.ts), when it has one: the
 * nodes it holds are taken from it instead of the file.
 */
export function storedTree(db: DB, size: number, missing: () => Error, ahead?: TreeAhead, inMemory?: { holds(level: number, index: number): boolean; node(level: number, index: number): Buffer | undefined } | null): Tree {
  const node = db.prepare('SELECT hash FROM ledger_tree WHERE level = ? AND idx = ?').pluck();
  const digest = db.prepare('SELECT digest FROM revisions WHERE seq = ?').pluck();
  // Keyed by level × 2^32 + index.
  const cache = new Map<number, Buffer>();
  const leaf = (seq: number, d: unknown): Buffer | null => (typeof d === 'string' && /^[0-9a-f]{64}$/.test(d) ? leafOf(seq, d) : null);
  if (ahead) {
    const keys: [number, number][] =
      typeof ahead === 'function' ? Tree.reads(size, ahead) : ahead.leaves.filter((seq) => seq >= 1 && seq <= size).map((seq): [number, number] => [0, seq - 1]);
    // In index order, so that neighbouring reads fall on the same pages.
    const leaves = keys.filter(([level]) => level === 0).map(([, index]) => index + 1).sort((a, b) => a - b);
    // Nodes the in-memory copy holds are not read from the file.
    const nodes = keys.filter(([level, index]) => level > 0 && !inMemory?.holds(level, index)).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    // The digests from their index, which holds them densely (the rows themselves hold the content).
    const digests = db.prepare('SELECT seq, digest FROM revisions INDEXED BY revisions_digests WHERE seq IN (SELECT value FROM json_each(?))').raw(true);
    const stored = db
      .prepare('SELECT t.level, t.idx, t.hash FROM json_each(?) j JOIN ledger_tree t ON t.level = j.value ->> 0 AND t.idx = j.value ->> 1')
      .raw(true);
    for (let i = 0; i < leaves.length; i += NODE_BATCH) {
      for (const [seq, d] of digests.all(jsonList(leaves.slice(i, i + NODE_BATCH))) as [number, unknown][]) {
        const h = leaf(seq, d);
        if (h) cache.set(seq - 1, h);
      }
    }
    for (let i = 0; i < nodes.length; i += NODE_BATCH) {
      for (const [level, index, h] of stored.all(JSON.stringify(nodes.slice(i, i + NODE_BATCH))) as [number, number, unknown][]) {
        if (Buffer.isBuffer(h) && h.length === 32) cache.set(level * 2 ** 32 + index, h);
      }
    }
  }
  return new Tree(size, (level, index) => {
    const key = level * 2 ** 32 + index;
    let h = cache.get(key) ?? (level > 0 ? inMemory?.node(level, index) : undefined);
    if (h) return h;
    if (level === 0) {
      const l = leaf(index + 1, digest.get(index + 1));
      if (!l) throw missing();
      h = l;
    } else {
      const b = node.get(level, index) as Buffer | undefined;
      if (!b || b.length !== 32) throw missing();
      h = b;
    }
    cache.set(key, h);
    return h;
  });
}

/** The frontier at the head: the kept one when it is for the head, else rebuilt (the first save after an upgrade). */
function headFrontier(db: DB, size: number): Frontier {
  const kept = Frontier.fromJSON(readMeta<unknown>(db, FRONTIER_KEY));
  return kept && kept.size === size ? kept : frontierFromDigests(db, size);
}

function append(db: DB, h: RevisionHeader, event: 'saved' | 'deleted', encoded: Encoded): RevisionSummary {
  const head = chainHead(db);
  const prev = head?.hash ?? GENESIS;
  const { content, digest } = encoded;
  const seq = (head?.seq ?? 0) + 1;
  const frontier = headFrontier(db, head?.seq ?? 0);
  const insertNode = stmt(db, INSERT_NODE);
  frontier.add(leafOf(seq, digest), (level, index, h) => insertNode.run(level, index, h));
  const hash = chainHash2(prev, digest, frontier.root()!);
  run(
    db,
    `INSERT INTO revisions (seq, item_type, item_id, rev, event, saved_at, content, digest, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    seq,
    h.type,
    h.id,
    h.rev,
    event,
    h.savedAt,
    content,
    digest,
    prev,
    hash,
  );
  writeMeta(db, HEAD_KEY, { seq, hash });
  writeMeta(db, FRONTIER_KEY, frontier);
  return { seq, type: h.type, itemId: h.id, rev: h.rev, event, savedAt: h.savedAt, hash, purged: false, restoredFrom: null };
}

const nextRev = (db: DB, type: ItemType, id: number): number =>
  (value<number | null>(db, 'SELECT max(rev) FROM revisions WHERE item_type = ? AND item_id = ?', type, id) ?? 0) + 1;

/**
 * Keeps the item's current saved state as its next revision. Call inside the save's transaction,
 * after the write. `restoredFrom` marks a version brought back from an earlier revision.
 */
export function keepRevision(db: DB, type: ItemType, id: number, savedAt: number, restoredFrom: number | null = null): RevisionSummary {
  const h: RevisionHeader = { type, id, rev: nextRev(db, type, id), savedAt };
  if (type === 'entry') {
    const entry = getEntry(db, id);
    if (!entry) throw new Error('keepRevision: entry missing');
    return { ...append(db, h, 'saved', encodeEntryV2(h, entry, restoredFrom, attachmentHashes(db, 'entry', id))), restoredFrom };
  }
  const checkIn = getCheckIn(db, id);
  if (!checkIn) throw new Error('keepRevision: check-in missing');
  return { ...append(db, h, 'saved', encodeCheckInV2(h, checkIn, restoredFrom)), restoredFrom };
}

/**
 * An item deleted for good: the content of its revisions is blanked (their hashes stay, so the chain
 * still checks), and one more revision records that it was deleted and when. Inside the purge's
 * transaction.
 */
export function tombstone(db: DB, type: ItemType, id: number, now: number): void {
  run(db, 'UPDATE revisions SET content = NULL, purged_at = ? WHERE item_type = ? AND item_id = ? AND content IS NOT NULL', now, type, id);
  const h: RevisionHeader = { type, id, rev: nextRev(db, type, id), savedAt: now };
  const content = encodeDeletion(h);
  append(db, h, 'deleted', { content, digest: digestOf(content) });
}

const SUMMARY_SQL =
  "SELECT seq, item_type, item_id, rev, event, saved_at, hash, content IS NULL AS purged, (CASE WHEN json_valid(content) THEN json_extract(content, '$.restoredFrom') END) AS restored_from FROM revisions";

const toSummary = (r: RevisionRow & { purged: 0 | 1; restored_from: number | null }): RevisionSummary => ({
  seq: r.seq,
  type: r.item_type,
  itemId: r.item_id,
  rev: r.rev,
  event: r.event,
  savedAt: r.saved_at,
  hash: r.hash,
  purged: r.purged === 1 && r.event === 'saved',
  restoredFrom: r.restored_from ?? null,
});

/** Every revision of one item, oldest first. */
export function listRevisions(db: DB, type: ItemType, id: number): RevisionSummary[] {
  return all<RevisionRow & { purged: 0 | 1; restored_from: number | null }>(
    db,
    `${SUMMARY_SQL} WHERE item_type = ? AND item_id = ? ORDER BY rev`,
    type,
    id,
  ).map(toSummary);
}

/** Revisions of one item kept after a chain position (for "what changed since this receipt"). */
export function revisionsAfter(db: DB, type: ItemType, id: number, seq: number): RevisionSummary[] {
  return all<RevisionRow & { purged: 0 | 1; restored_from: number | null }>(
    db,
    `${SUMMARY_SQL} WHERE item_type = ? AND item_id = ? AND seq > ? ORDER BY rev`,
    type,
    id,
    seq,
  ).map(toSummary);
}

export const revisionNotFound = () =>
  new FulcrumError('NOT_FOUND', 'That earlier version is not in the history (it may have been deleted for good). Reload and try again.');

/** One saved revision with its content. Deleted items' revisions have no content left: NOT_FOUND. */
export function getRevision(db: DB, type: ItemType, id: number, rev: number): Revision {
  const row = get<RevisionRow & { purged: 0 | 1; restored_from: number | null }>(
    db,
    `${SUMMARY_SQL.replace(' FROM revisions', ', content FROM revisions')} WHERE item_type = ? AND item_id = ? AND rev = ?`,
    type,
    id,
    rev,
  );
  if (!row || row.content === null || row.event !== 'saved') throw revisionNotFound();
  // The row comes from the journal file, which may have been edited outside the app: check its shape.
  let raw: unknown = null;
  try {
    raw = JSON.parse(row.content);
  } catch {
    // Not JSON any more: reported as damaged below.
  }
  const parsed = (type === 'entry' ? EntryRevisionContent : CheckInRevisionContent).safeParse(raw);
  if (!parsed.success) {
    throw new FulcrumError('CORRUPT', 'This earlier version cannot be read: its stored form is damaged. Check the whole history on the Safety page.');
  }
  // The secret behind the fields' salts stays in core: it is disclosed per field, in a report, only.
  const { salt: _secret, ...content } = parsed.data;
  return { ...toSummary(row), content };
}

// ------------------------------------------------------------------ verification

const MAX_FAILURES = 200;
/** The English sentence of each failure, for logs and tests; the screen words the code itself. */
const FAILURE_TEXT: Record<Exclude<LedgerFailureCode, 'unknown'>, string> = {
  'out-of-order': 'It does not follow the revision before it: a revision was removed, moved or added here.',
  'content-changed': 'Its content was changed after it was saved.',
  'labels-mismatch': 'Its labels (which item, which version, when) do not match its content.',
  'hash-mismatch': 'Its hash does not match what it holds.',
  'tree-changed': 'The stored tree that report proofs are read from does not match the revisions here: it was changed outside the app, so reports cannot carry proofs.',
  'newest-missing': 'The newest revisions the journal recorded are not in the history: they were removed, or the record of the newest one was changed.',
  'no-revision': 'It is in the journal but has no saved version in the history.',
  'changed-without-revision': 'The journal holds something different from its newest saved version: it was changed without a revision.',
};
const failure = (at: Omit<LedgerFailure, 'code' | 'problem'>, code: Exclude<LedgerFailureCode, 'unknown'>): LedgerFailure => ({ ...at, code, problem: FAILURE_TEXT[code] });

interface Walk {
  failures: LedgerFailure[];
  last: ChainHead | null;
  count: number;
  /** The tree's frontier at `last`. */
  frontier: Frontier;
}

type RawRow = [seq: number, type: ItemType, itemId: number, rev: number, event: string, savedAt: number, content: Buffer | null, digest: string, prevHash: string, hash: string];

/** Awaited between batches of a whole-history check, so lock, quick exit and other calls get their turn. */
export type Pause = () => Promise<void>;
const noPause: Pause = async () => {};
/**
 * How far a whole-history check has got: the live entries compared with their newest revisions (by
 * id: `done` the last one compared, `total` the newest when it began), then the revisions hashed (by
 * number, the same way).
 */
export type CheckProgress = (phase: 'entries' | 'revisions', done: number, total: number) => void;
/**
 * Revisions hashed per batch of a history check: a batch runs without a pause, and a save sent
 * meanwhile waits for it, so at some 40 µs a revision (a quiet machine) about 8 ms.
 */
const WALK_BATCH = 200;

/**
 * Checks the rows after `from` (or all of them) link up: content → digest → hash → next row's previous
 * hash. Rows are read as arrays and the content as bytes (what is hashed), which spares building an
 * object and decoding a string per revision. It reads a batch at a time and pauses between batches;
 * revisions saved during a pause come after the last one read, so the walk simply goes on to them. It
 * ends on a read that finds nothing more, with no pause after it, so the caller can compare the chain
 * head with where the walk ended before anything else is saved.
 */
async function walk(db: DB, from: ChainHead | null, frontier: Frontier, pause: Pause, progress?: CheckProgress): Promise<Walk> {
  const failures: LedgerFailure[] = [];
  const fail = (r: RawRow, code: Exclude<LedgerFailureCode, 'unknown'>) => {
    if (failures.length < MAX_FAILURES) failures.push(failure({ seq: r[0], type: r[1], itemId: r[2], rev: r[3] }, code));
  };
  let prev = from?.hash ?? GENESIS;
  let last: ChainHead | null = from;
  let count = 0;
  const newest = progress ? (readMeta<ChainHead>(db, HEAD_KEY)?.seq ?? 0) : 0;
  const batch = db
    .prepare(
      'SELECT seq, item_type, item_id, rev, event, saved_at, CAST(content AS BLOB), digest, prev_hash, hash FROM revisions WHERE seq > ? ORDER BY seq LIMIT ?',
    )
    .raw(true);
  // The stored tree's nodes this batch's revisions complete, recomputed, by level: compared with the
  // stored ones after each batch (a few range reads), so a changed stored node is found.
  const made = new Map<number, { first: number; hashes: Buffer[] }>();
  const onNode = (level: number, index: number, h: Buffer) => {
    const m = made.get(level);
    if (m) m.hashes.push(h);
    else made.set(level, { first: index, hashes: [h] });
  };
  const storedNodes = db.prepare('SELECT idx, hash FROM ledger_tree WHERE level = ? AND idx >= ? AND idx <= ? ORDER BY idx').raw(true);
  const compareNodes = () => {
    for (const [level, { first, hashes }] of made) {
      const stored = storedNodes.all(level, first, first + hashes.length - 1) as [number, Buffer][];
      const byIndex = new Map(stored.map(([i, h]) => [i, h]));
      for (const [k, h] of hashes.entries()) {
        if (byIndex.get(first + k)?.equals(h)) continue;
        // Named by the newest revision the node covers.
        if (failures.length < MAX_FAILURES) failures.push(failure({ seq: (first + k + 1) * 2 ** level, type: '', itemId: 0, rev: 0 }, 'tree-changed'));
        break;
      }
    }
    made.clear();
  };
  for (let after = from?.seq ?? 0; ; ) {
    const rows = batch.all(after, WALK_BATCH) as RawRow[];
    if (rows.length === 0) break;
    for (const r of rows) {
      count++;
      if (r[8] !== prev) {
        fail(r, 'out-of-order');
      }
      const content = r[6];
      const v2 = content !== null && isV2(content);
      if (content !== null) {
        // Version 2 from its bytes as they stand, and only when that does not give the digest by parsing it (the same verdict).
        if ((v2 ? (digestOfV2Stored(content) === r[7] ? r[7] : digestOfV2(content)) : digestOf(content)) !== r[7]) fail(r, 'content-changed');
        else if (!labelsMatch(r, content, v2 ? 2 : 1)) fail(r, 'labels-mismatch');
      }
      frontier.add(leafOf(r[0], /^[0-9a-f]{64}$/.test(r[7]) ? r[7] : GENESIS), onNode);
      // A version 1 link (revisions from before version 2) or a version 2 link, which also commits to
      // the tree up to this revision; version 2 content always has a version 2 link.
      if ((v2 || chainHash(r[8], r[7]) !== r[9]) && chainHash2(r[8], r[7], frontier.root()!) !== r[9]) fail(r, 'hash-mismatch');
      prev = r[9];
      last = { seq: r[0], hash: r[9] };
      after = r[0];
    }
    compareNodes();
    progress?.('revisions', after, Math.max(newest, after));
    await pause();
  }
  // No stored node beyond the tree's size (one index read per level).
  const beyond = db.prepare('SELECT 1 FROM ledger_tree WHERE level = ? AND idx >= ? LIMIT 1').pluck();
  for (let level = 1; level <= 62; level++) {
    if (beyond.get(level, Math.floor(frontier.size / 2 ** level)) !== undefined && failures.length < MAX_FAILURES) {
      failures.push(failure({ seq: frontier.size, type: '', itemId: 0, rev: 0 }, 'tree-changed'));
      break;
    }
  }
  return { failures, last, count, frontier };
}

/**
 * The columns repeat the first fields of the content, which the encoding writes in a fixed order, so
 * comparing a prefix is enough (and much cheaper than parsing every revision).
 */
function labelsMatch(r: RawRow, content: Buffer, v: 1 | 2): boolean {
  const head = `{"v":${v},"type":${JSON.stringify(r[1])},"event":${JSON.stringify(r[4])},"id":${r[2]},"rev":${r[3]},"savedAt":${r[5]}`;
  const next = content[head.length];
  return content.length > head.length && content.toString('latin1', 0, head.length) === head && (next === 0x2c || next === 0x7d);
}

const countRevisions = (db: DB): number => value<number>(db, 'SELECT count(*) FROM revisions') ?? 0;
/**
 * Rows a walk cannot reach (it reads from seq 1 up): only a row added outside the app can have one.
 * A range read on the table's key, where `count(*)` over the whole table reads every row's entry in
 * an index (tens of milliseconds at 300,000 revisions, more than the check after unlock itself).
 */
const rowsBeforeTheChain = (db: DB): number => value<number>(db, 'SELECT count(*) FROM revisions WHERE seq <= 0') ?? 0;

/** `revisions`: how many revisions the chain holds, counted by the walk (plus, for an incremental check, those the checkpoint had). */
function finish(db: DB, kind: LedgerCheck['kind'], at: number, w: Walk, revisions: number): LedgerCheck {
  const head = readMeta<ChainHead>(db, HEAD_KEY);
  const failures = [...w.failures];
  if ((head?.seq ?? 0) !== (w.last?.seq ?? 0) || (head?.hash ?? GENESIS) !== (w.last?.hash ?? GENESIS)) {
    failures.push(failure({ seq: head?.seq ?? 0, type: '', itemId: 0, rev: 0 }, 'newest-missing'));
  }
  const check: LedgerCheck = { kind, at, revisions, ok: failures.length === 0, failures };
  db.transaction(() => {
    writeMeta(db, LAST_CHECK_KEY, check);
    // Only a clean check moves the checkpoint the next incremental check starts from.
    if (check.ok && w.last) writeMeta(db, CHECKED_KEY, { ...w.last, frontier: w.frontier, count: revisions } satisfies Checkpoint);
  })();
  return check;
}

/** Where the last clean check ended: the next incremental check starts after it. */
interface Checkpoint extends ChainHead {
  /** The tree's frontier at `seq` (JSON of Frontier). */
  frontier?: unknown;
  /** Revisions in the chain up to `seq` (absent in checkpoints written before it was kept). */
  count?: number;
}

/** Entries compared with their newest revisions per batch of a whole-history check (some 50 µs each). */
const LIVE_BATCH = 100;

interface Latest {
  item_id: number;
  seq: number;
  rev: number;
  saved_at: number;
  digest: string;
  event: 'saved' | 'deleted';
  /** Version 2: the stored content (the walk checks it against the digest). */
  v2: string | null;
}

/**
 * Each live entry and check-in must read exactly as its newest saved revision: a change made to the
 * journal's tables without a revision (in a decrypted copy, say) shows here. Entries are compared a
 * batch at a time, with their links loaded per batch.
 */
async function liveMismatches(db: DB, pause: Pause, progress?: CheckProgress): Promise<LedgerFailure[]> {
  const failures: LedgerFailure[] = [];
  // Counted by id, the entries' key: the newest id is one index read, where count(*) reads the whole
  // table (a quarter of a second at 100k entries, in which nothing else could run).
  const lastId = progress ? (value<number>(db, 'SELECT max(id) FROM entries') ?? 0) : 0;
  let shown = 0;
  const latestOf = (type: ItemType, ids: readonly number[]) =>
    new Map(
      all<Latest>(
        db,
        // Each item's newest revision read directly (its seq from the index), not every revision of it compared with the newest.
        `SELECT r.item_id, r.seq, r.rev, r.saved_at, r.digest, r.event,
           CASE WHEN substr(r.content, 1, 7) = '{"v":2,' THEN r.content END AS v2
         FROM json_each(?) j JOIN revisions r ON r.seq = (SELECT seq FROM revisions WHERE item_type = ? AND item_id = j.value ORDER BY rev DESC LIMIT 1)`,
        jsonList(ids),
        type,
      ).map((l) => [l.item_id, l]),
    );
  type Encode = (h: RevisionHeader, rf: number | null, secret: Buffer | null) => string;
  const compare = (type: ItemType, id: number, latest: Latest | undefined, encode: Encode) => {
    if (failures.length >= MAX_FAILURES) return;
    if (!latest || latest.event !== 'saved') {
      failures.push(failure({ seq: latest?.seq ?? 0, type, itemId: id, rev: latest?.rev ?? 0 }, 'no-revision'));
      return;
    }
    const h: RevisionHeader = { type, id, rev: latest.rev, savedAt: latest.saved_at };
    // Most versions were not restored from another: only when that does not match is the revision's
    // own `restoredFrom` read (which means reading its content).
    // Version 2: the item re-encoded with the revision's own secret must be, byte for byte, the stored
    // content (whose fields the chain check ties to the digest) — no hashing needed.
    const secret = latest.v2 ? secretOf(latest.v2) : null;
    const matches = (rf: number | null) => (secret ? encode(h, rf, secret) === latest.v2 : encode(h, rf, null) === latest.digest);
    const restoredFrom = () =>
      value<number | null>(
        db,
        "SELECT CASE WHEN json_valid(content) THEN json_extract(content, '$.restoredFrom') END FROM revisions WHERE seq = ?",
        latest.seq,
      ) ?? null;
    if (!matches(null) && !matches(restoredFrom())) {
      failures.push(failure({ seq: latest.seq, type, itemId: id, rev: latest.rev }, 'changed-without-revision'));
    }
  };
  // A batch runs without a pause (see WALK_BATCH). Its ids are read with it: reading every id first
  // reads every page of the table (the ids are its keys) in one stretch, most of a second at 100k.
  // From below any id (one added outside the app could be 0 or negative).
  for (let after = -(2 ** 63); ; ) {
    const ids = column<number>(db, 'SELECT id FROM entries WHERE id > ? ORDER BY id LIMIT ?', after, LIVE_BATCH);
    if (ids.length === 0) break;
    after = ids[ids.length - 1]!;
    const links = loadLinks(db, ids);
    const hashes = attachmentHashesOf(db, ids);
    const latest = latestOf('entry', ids);
    const rows = all<EntryRow & { body: string }>(db, `SELECT ${SUMMARY_COLUMNS}, body FROM entries WHERE id IN (SELECT value FROM json_each(?))`, jsonList(ids));
    for (const row of rows) {
      const entry = { ...rowToEntry(row, links.get(row.id)), body: row.body };
      const files = hashes.get(row.id) ?? [];
      compare('entry', row.id, latest.get(row.id), (h, rf, secret) =>
        secret ? entryContentV2(h, entry, rf, secret, files) : digestOf(encodeEntry(h, entry, rf, files)),
      );
    }
    shown = Math.min(after, lastId);
    progress?.('entries', shown, lastId);
    await pause();
  }
  // The newest entry may have been deleted meanwhile: the phase still ends at its total.
  if (shown < lastId) progress?.('entries', lastId, lastId);
  const checkInIds = column<number>(db, 'SELECT id FROM checkins ORDER BY id');
  for (let i = 0; i < checkInIds.length; i += LIVE_BATCH) {
    const ids = checkInIds.slice(i, i + LIVE_BATCH);
    const latestCheckIns = latestOf('checkin', ids);
    for (const id of ids) {
      // Deleted for good while the check paused: its tombstone is in the chain, and nothing is left to compare.
      const c = getCheckIn(db, id);
      if (!c) continue;
      compare('checkin', id, latestCheckIns.get(id), (h, rf, secret) => (secret ? checkInContentV2(h, c, rf, secret) : digestOf(encodeCheckIn(h, c, rf))));
    }
    await pause();
  }
  return failures;
}

/**
 * Re-hashes every revision from the first, and compares every live entry and check-in with its newest
 * revision. Nothing is repaired: failures are reported, with where they are. Long on a large journal:
 * it awaits `pause` between batches (the live tables first, then the chain, whose last read is followed
 * directly by the comparison with the recorded head). It holds no transaction across a pause, so
 * saves may run in one: an item saved after its comparison has its new revision hashed by the walk,
 * which goes on to whatever was added while it paused.
 */
export async function verifyAll(db: DB, now: number, pause: Pause = noPause, progress?: CheckProgress): Promise<LedgerCheck> {
  const live = await liveMismatches(db, pause, progress);
  const w = await walk(db, null, new Frontier(), pause, progress);
  return finish(db, 'full', now, { ...w, failures: [...w.failures, ...live].slice(0, MAX_FAILURES) }, w.count + rowsBeforeTheChain(db));
}

/**
 * Hashes only the revisions added since the last clean check (and confirms the checkpoint is still
 * where it was). After a failed check it checks everything again, so a failure stays shown until the
 * whole history checks out.
 */
export async function verifySinceLastCheck(db: DB, now: number, pause: Pause = noPause): Promise<LedgerCheck> {
  const last = readMeta<LedgerCheck>(db, LAST_CHECK_KEY);
  const checked = readMeta<Checkpoint>(db, CHECKED_KEY);
  if (!checked || (last && !last.ok)) return verifyAll(db, now, pause);
  const still = value<string>(db, 'SELECT hash FROM revisions WHERE seq = ?', checked.seq);
  if (still !== checked.hash) return verifyAll(db, now, pause);
  const kept = Frontier.fromJSON(checked.frontier);
  const frontier = kept && kept.size === checked.seq ? kept : frontierFromDigests(db, checked.seq);
  const w = await walk(db, { seq: checked.seq, hash: checked.hash }, frontier, pause);
  // A checkpoint written before it kept its count is counted once; every later one carries it.
  const before = Number.isSafeInteger(checked.count) && checked.count! >= 0 ? checked.count! : countRevisions(db) - w.count;
  return finish(db, 'incremental', now, w, before + w.count);
}

/** The last check, as recorded; one recorded before failures carried codes reads as `unknown`. */
export function lastLedgerCheck(db: DB): LedgerCheck | null {
  const check = readMeta<LedgerCheck>(db, LAST_CHECK_KEY);
  if (!check) return null;
  const known = new Set<string>(LEDGER_FAILURES);
  return { ...check, failures: check.failures.map((f) => (known.has(f.code) ? f : { ...f, code: 'unknown' as const })) };
}
export const revisionCount = countRevisions;
