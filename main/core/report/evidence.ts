/**
 * The evidence a report carries (shared/evidence.ts): for each included entry, and each check-in its
 * check-in section draws on, its newest revision's
 * fields — shown with their salts, or withheld as commitments where the report redacts (summary only)
 * or pseudonymises them (a check-in's note unless the report prints it) — its revision hash, and its inclusion proof in the Merkle tree of the history
 * at the stated head; the receipts the head extends (with consistency proofs); and how many entries
 * of the period were not included. docs/ledger-encoding.md §5–§7 says how each is computed.
 */
import { FulcrumError } from '../../../shared/errors.js';
import { CHECKIN_FIELDS, EVIDENCE_FORMAT, EVIDENCE_VERSION, ENTRY_FIELDS, type DisclosedField, type DisclosedRevision, type Evidence, type PrintedProofs, type EvidenceAttachment, type EvidenceReceipt } from '../../../shared/evidence.js';
import { addDays, weekStartOf } from '../../../shared/insights.js';
import { entryShownAs, type ReportConfigParsed } from '../../../shared/report.js';
import type { DB } from '../db/index.js';
import { listPeople } from '../db/repos/index.js';
import { checkInIdsInWeeks, entriesInPeriod, latestRevisions, receiptRows, revisionLink, type EvidenceRevisionRow } from '../db/repos/evidence.js';
import { chainHead, storedTree, type TreeAhead } from '../db/repos/revisions.js';
import { usableLedgerNodes } from '../db/repos/ledgernodes.js';
import { weekStartSetting } from '../db/analytics/index.js';
import { chainHash, chainHash2, fieldCommitment, fieldSalts, isV2 } from '../ledger/encoding.js';
import { Tree, leafOf } from '../ledger/merkle.js';
import { Pseudonymiser } from '../portability/export/pseudonyms.js';
import { selectedEntryIds } from './entries.js';
import { resolveRange } from './range.js';

/** The entry fields that hold the person's own words: withheld in "summary only", and when a pseudonym changed them. */
const TEXT_FIELDS = new Set(['title', 'body', 'outcome']);


export interface EvidenceContext {
  today: string;
  now: number;
  /** The included attachments' names, SHA-256 and sizes (filled once entries can have attachments). */
  attachments?: EvidenceAttachment[];
}

/**
 * The history's tree at its head, over the stored tree (a proof reads O(log n) nodes, from the
 * connection's in-memory copy once it has one; `ahead` names the proofs about to be asked for, whose
 * nodes are then read in batches, and `leaves` the leaves they read, all that is read ahead when the
 * copy holds the rest), and the links of the revisions a report names, read one by one as it asks
 * for them.
 */
export function ledgerTree(
  db: DB,
  ahead?: (t: Tree) => void,
  leaves?: (size: number) => number[],
): { tree: Tree; link: (seq: number) => { digest: string; prev: string; hash: string } | undefined } {
  const size = chainHead(db)?.seq ?? 0;
  const copy = usableLedgerNodes(db);
  // With the copy, only the leaves are read from the file (the few other nodes, one by one as asked).
  const plan: TreeAhead | undefined = copy && leaves ? { leaves: leaves(size) } : ahead;
  return { tree: storedTree(db, size, damaged, plan, copy), link: (seq) => (seq >= 1 && seq <= size ? revisionLink(db, seq) : undefined) };
}

/**
 * The leaves the proofs of revisions `seqs` read in a tree of `size`: its own (its root's last subtree
 * when its number is odd), its neighbour's (the first step of its inclusion path) and the last one
 * (the right edge of the head's tree). Every node above them is a perfect subtree of two or more.
 */
function proofLeaves(seqs: Iterable<number>, size: number): number[] {
  const out = new Set<number>([size]);
  for (const seq of seqs) {
    if (seq < 1 || seq > size) continue;
    out.add(seq);
    const sibling = (seq - 1) ^ 1;
    if (sibling < size) out.add(sibling + 1);
  }
  return [...out];
}

const damaged = () =>
  new FulcrumError('CORRUPT', 'The history does not check out, so this report cannot carry proofs. Check the whole history on the Safety page.');

/** The root the link at `seq` commits to (version 2), null for a version 1 link; throws when it is neither. */
function linkRootAt(tree: Tree, seq: number, r: { digest: string; prev: string; hash: string }): string | null {
  // Version 2 first: every link saved since it came.
  const root = tree.root(seq);
  if (chainHash2(r.prev, r.digest, root) === r.hash) return root.toString('hex');
  if (chainHash(r.prev, r.digest) === r.hash) return null;
  throw damaged();
}

/** Whether a field is withheld (and how), given its name, its value and all the revision's values; null: shown. */
type Withhold = (name: string, value: unknown, all: Record<string, unknown>) => { withheld: 'redacted' } | { withheld: 'pseudonymised'; shown: string } | null;

/** One revision as a report discloses it: its place in the history, and its fields shown or withheld. */
function discloseRevision(type: 'entry' | 'checkin', r: EvidenceRevisionRow & { content: string }, at: { linkRoot: string | null; proof: string[] }, withhold: Withhold): DisclosedRevision {
  const base = { id: r.item_id, rev: r.rev, seq: r.seq, savedAt: r.saved_at, hash: r.hash, prevHash: r.prev_hash, ...at };
  const o = JSON.parse(r.content) as Record<string, unknown>;
  const names = type === 'entry' ? ENTRY_FIELDS : CHECKIN_FIELDS;
  if (!isV2(r.content)) {
    // Version 1 hashes the revision whole: shown only when all of it may be.
    const whole = names.every((name) => withhold(name, o[name], o) === null);
    return { ...base, v: 1 as const, ...(whole ? { content: r.content } : { digest: r.digest }) };
  }
  const salts = fieldSalts(Buffer.from(String(o.salt), 'hex'), names.length);
  const fields: Record<string, DisclosedField> = {};
  for (const [i, name] of names.entries()) {
    const salt = salts[i]!;
    const v = o[name];
    const commitment = fieldCommitment(name, salt, v);
    const w = withhold(name, v, o);
    fields[name] = w ? { commitment, ...w } : { value: v, salt: salt.toString('hex'), commitment };
  }
  return { ...base, v: 2 as const, fields, digest: r.digest };
}

export function buildEvidence(db: DB, config: ReportConfigParsed, c: EvidenceContext): Evidence {
  return db.transaction(() => build(db, config, c))();
}

/**
 * What the printed report shows of its evidence: every entry's hash, and the proof and withheld
 * fields of those printed whole. Built from the whole evidence, so every proof is still checked
 * against the head before anything is printed.
 */
export function printedProofs(evidence: Evidence, config: ReportConfigParsed): PrintedProofs {
  return {
    period: evidence.period,
    counts: evidence.counts,
    head: evidence.head,
    entries: evidence.entries.map((e, index) => {
      const whole = entryShownAs(config.entries, index) !== 'row';
      const withheld = whole ? Object.entries(e.fields ?? {}).flatMap(([name, f]) => ('withheld' in f ? [{ name, why: f.withheld }] : [])) : [];
      return { id: e.id, rev: e.rev, seq: e.seq, hash: e.hash, proof: whole ? e.proof : null, withheld };
    }),
  };
}

function build(db: DB, config: ReportConfigParsed, c: EvidenceContext): Evidence {
  const { range } = resolveRange(db, config.range, c.today);
  const ids =
    config.sections.entries && config.entries.select !== 'none'
      ? selectedEntryIds(db, { from: range.from, to: range.to, personIds: config.personIds, select: config.entries.select, pickedIds: config.entries.pickedIds })
      : [];
  const inPeriod = entriesInPeriod(db, range.from, range.to);
  // The check-ins behind the check-in section (its weeks, its people).
  let checkInIds: number[] = [];
  if (config.sections.checkins) {
    const weekStart = weekStartSetting(db);
    checkInIds = checkInIdsInWeeks(db, weekStartOf(range.from, weekStart), addDays(weekStartOf(range.to, weekStart), 6), config.personIds);
  }
  // Every revision the report discloses, read a batch at a time, and every node their proofs use.
  const latest = { entry: latestRevisions(db, 'entry', ids), checkin: latestRevisions(db, 'checkin', checkInIds) };
  const disclosed = [...latest.entry.values(), ...latest.checkin.values()];
  const receiptList = receiptRows(db);
  const { tree, link } = ledgerTree(db, (t) => {
    const size = t.size;
    if (size < 1) return;
    t.root(size);
    for (const r of disclosed) {
      if (r.seq < 1 || r.seq > size) continue;
      t.inclusionPath(r.seq - 1, size);
      t.root(r.seq);
    }
    for (const rc of receiptList) {
      if (rc.seq < 1 || rc.seq > size) continue;
      t.root(rc.seq);
      t.consistency(rc.seq, size);
    }
  }, (size) => proofLeaves(disclosed.map((r) => r.seq), size));
  const n = tree.size;
  const headRow = link(n);
  if (!headRow) throw new FulcrumError('CONFLICT', 'There is nothing in the history yet. Write an entry first.');
  const headRoot = linkRootAt(tree, n, headRow);
  if (headRoot === null) {
    // Only a journal whose every revision predates version 2 (upgraded, nothing saved since).
    throw new FulcrumError('CONFLICT', 'This journal’s history has no tree yet. Save any entry once (a change is not needed), then make the report again.');
  }

  const headRootBytes = Buffer.from(headRoot, 'hex');
  const alias = new Pseudonymiser(listPeople(db, { includeArchived: true }), config.pseudonyms);
  const disclose = (type: 'entry' | 'checkin', id: number, withhold: Withhold): DisclosedRevision => {
    const r = latest[type].get(id);
    if (!r || r.content === null || r.seq > n) throw damaged();
    const path = tree.inclusionPath(r.seq - 1, n);
    // The stored tree is derived data: a proof is given only once it leads to the head's root.
    if (!Tree.includes(r.seq - 1, n, leafOf(r.seq, r.digest), path, headRootBytes)) throw damaged();
    const proof = path.map((b) => b.toString('hex'));
    return discloseRevision(type, { ...r, content: r.content }, { linkRoot: linkRootAt(tree, r.seq, { digest: r.digest, prev: r.prev_hash, hash: r.hash }), proof }, withhold);
  };
  const entries = ids.map((id, index) => {
    // An entry printed as a summary or a one-line row shows none of its words whole: they are withheld.
    const summaryOnly = entryShownAs(config.entries, index) !== 'full';
    return disclose('entry', id, (name, v) => {
      if (!TEXT_FIELDS.has(name)) return null;
      if (summaryOnly) return { withheld: 'redacted' };
      return typeof v === 'string' && alias.text(v) !== v ? { withheld: 'pseudonymised', shown: alias.text(v) } : null;
    });
  });

  // The check-ins behind the check-in section: its weeks' answers are printed (as trends), and a note
  // only when it was marked for the therapist (pseudonymised where a name was replaced).
  const checkins: DisclosedRevision[] = [];
  if (config.sections.checkins) {
    for (const id of checkInIds) {
      checkins.push(
        disclose('checkin', id, (name, v, all) => {
          if (name !== 'note') return null;
          const printed = all.forTherapist === true && typeof v === 'string' && v.trim() !== '';
          if (!printed) return { withheld: 'redacted' };
          return alias.text(v) !== v ? { withheld: 'pseudonymised', shown: alias.text(v) } : null;
        }),
      );
    }
  }

  const receipts: EvidenceReceipt[] = [];
  for (const rc of receiptList) {
    const at = link(rc.seq);
    if (!at || at.hash !== rc.head || rc.seq > n) continue;
    const root = linkRootAt(tree, rc.seq, at);
    // A receipt taken on a version 1 link commits to no tree: it cannot anchor a report.
    if (root === null) continue;
    const consistency = tree.consistency(rc.seq, n);
    // Read from the stored tree like the inclusion proofs: given only once it leads between the two roots.
    if (!Tree.consistent(rc.seq, n, Buffer.from(root, 'hex'), headRootBytes, consistency)) throw damaged();
    receipts.push({ seq: rc.seq, hash: rc.head, prevHash: at.prev, digest: at.digest, root, takenAt: rc.taken_at, consistency });
  }

  return {
    format: EVIDENCE_FORMAT,
    version: EVIDENCE_VERSION,
    generatedAt: c.now,
    period: { from: range.from, to: range.to },
    counts: { inPeriod, included: entries.length, withheld: Math.max(0, inPeriod - entries.length) },
    head: { seq: n, hash: headRow.hash, prevHash: headRow.prev, digest: headRow.digest, root: headRoot },
    receipts,
    entries,
    checkins,
    attachments: c.attachments ?? [],
  };
}
