/**
 * Verifiable reports: the evidence file a report carries (what it discloses, with proofs) and the
 * check of it. The check is the same code in the app's "Check a report" screen and in the standalone
 * verifier HTML file (bundled from renderer/verifier/page.ts): it uses only WebCrypto SHA-256, so it
 * runs in any current browser, offline, without Fulcrum or the journal. docs/ledger-encoding.md §5–§7
 * says exactly what is hashed.
 */
export const EVIDENCE_FORMAT = 'fulcrum-evidence';
export const EVIDENCE_VERSION = 1;

/**
 * The fields of a saved entry in encoding version 2, in the order they are committed. Each is
 * committed on its own (salted), so a report can show some and withhold others.
 */
export const ENTRY_FIELDS = [
  'restoredFrom',
  'occurredAt',
  'timeZone',
  'createdAt',
  'title',
  'body',
  'people',
  'patterns',
  'domains',
  'powerSources',
  'balance',
  'intensity',
  'heard',
  'respected',
  'valued',
  'involved',
  'outcome',
  'raiseWithTherapist',
  'safetyConcern',
  'source',
  'attachments',
] as const;
export const CHECKIN_FIELDS = [
  'restoredFrom',
  'personId',
  'week',
  'createdAt',
  'heard',
  'respected',
  'involved',
  'fairShare',
  'boundaries',
  'safe',
  'note',
  'forTherapist',
] as const;
export type EntryField = (typeof ENTRY_FIELDS)[number];

/** The tags that start each hashed message (ASCII, then one zero byte). */
export const TAGS = { field: 'fulcrum-field-v2', salt: 'fulcrum-salt-v2', link1: 'fulcrum-ledger-v1', link2: 'fulcrum-ledger-v2' } as const;

// ------------------------------------------------------------------ the evidence file's shape

/*
 * The shape is checked by hand rather than with a schema library: the standalone verifier is one
 * HTML file a therapist opens, and a library would be most of its size. The checks are those of a
 * strict schema: every object has exactly the keys listed (optional ones may be absent), hex values
 * are 64 lowercase hex digits, numbers are integers in range, lists have a maximum length. The first
 * problem found is reported with where it is.
 */

type Path = (string | number)[];
/** A shape problem: where, and what. */
class ShapeError extends Error {
  constructor(
    readonly path: Path,
    message: string,
  ) {
    super(message);
  }
}
type Check<T> = (v: unknown, path: Path) => T;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const HEX = /^[0-9a-f]{64}$/;
const hex: Check<string> = (v, path) => {
  if (typeof v !== 'string') throw new ShapeError(path, 'expected a string');
  if (!HEX.test(v)) throw new ShapeError(path, 'must be 64 lowercase hex digits');
  return v;
};
const int =
  (min = -Infinity): Check<number> =>
  (v, path) => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new ShapeError(path, 'expected a whole number');
    if (v < min) throw new ShapeError(path, `must be at least ${min}`);
    return v;
  };
const seq = int(1);
const count = int(0);
const str =
  (max = Infinity, pattern?: RegExp): Check<string> =>
  (v, path) => {
    if (typeof v !== 'string') throw new ShapeError(path, 'expected a string');
    if (v.length > max) throw new ShapeError(path, `must be at most ${max} characters`);
    if (pattern && !pattern.test(v)) throw new ShapeError(path, 'has the wrong form');
    return v;
  };
const day = str(10, /^\d{4}-\d{2}-\d{2}$/);
const oneOf =
  <T extends string | number>(...allowed: T[]): Check<T> =>
  (v, path) => {
    if (!allowed.includes(v as T)) throw new ShapeError(path, `must be ${allowed.map((a) => JSON.stringify(a)).join(' or ')}`);
    return v as T;
  };
const nullable =
  <T>(c: Check<T>): Check<T | null> =>
  (v, path) =>
    v === null ? null : c(v, path);
const listOf =
  <T>(c: Check<T>, max: number): Check<T[]> =>
  (v, path) => {
    if (!Array.isArray(v)) throw new ShapeError(path, 'expected a list');
    if (v.length > max) throw new ShapeError(path, `must hold at most ${max} items`);
    return v.map((x, i) => c(x, [...path, i]));
  };
/** An object with exactly these keys; those in `optional` may be absent (absent stays absent). */
function object<T>(required: Record<string, Check<unknown>>, optional: Record<string, Check<unknown>> = {}): Check<T> {
  return (v, path) => {
    if (!isObject(v)) throw new ShapeError(path, 'expected an object');
    const out: Record<string, unknown> = {};
    for (const [k, c] of Object.entries(required)) {
      if (!(k in v)) throw new ShapeError([...path, k], 'is missing');
      out[k] = c(v[k], [...path, k]);
    }
    for (const [k, c] of Object.entries(optional)) if (k in v && v[k] !== undefined) out[k] = c(v[k], [...path, k]);
    const extra = Object.keys(v).find((k) => !(k in required) && !(k in optional));
    if (extra !== undefined) throw new ShapeError(path, `has a key it should not have: “${extra}”`);
    return out as T;
  };
}

/** A field shown in the report: its value and its salt, from which anyone recomputes its commitment (given too, so a change is found at its field). */
export interface ShownField {
  value: unknown;
  salt: string;
  commitment: string;
}
/** A field withheld: only its commitment; `shown` is what the report printed instead (a pseudonymised text), if anything. */
export interface WithheldField {
  commitment: string;
  withheld: 'redacted' | 'pseudonymised';
  shown?: string;
}
export type DisclosedField = ShownField | WithheldField;
const shownField = object<ShownField>({ value: (v) => v, salt: hex, commitment: hex });
const withheldField = object<WithheldField>({ commitment: hex, withheld: oneOf('redacted', 'pseudonymised') }, { shown: str() });
const disclosedField: Check<DisclosedField> = (v, path) => (isObject(v) && 'salt' in v ? shownField(v, path) : withheldField(v, path));
const fieldRecord: Check<Record<string, DisclosedField>> = (v, path) => {
  if (!isObject(v)) throw new ShapeError(path, 'expected an object');
  const out: Record<string, DisclosedField> = {};
  for (const [k, f] of Object.entries(v)) out[k] = disclosedField(f, [...path, k]);
  return out;
};

/** A revision the report discloses (an entry's or a check-in's newest), with its place in the history. */
export interface DisclosedRevision {
  id: number;
  rev: number;
  seq: number;
  savedAt: number;
  /** The revision's own chain hash and what it links: the previous hash and, for a version 2 link, the tree root at it. */
  hash: string;
  prevHash: string;
  linkRoot: string | null;
  /** Encoding version of the revision's content. */
  v: 1 | 2;
  /** Version 2: every field, shown or withheld. */
  fields?: Record<string, DisclosedField>;
  /** Version 1 (whole revisions): the whole content when all of it is shown, else only its digest. */
  content?: string;
  digest?: string;
  /** Inclusion proof of the revision's leaf in the tree of the stated head (RFC 9162 audit path). */
  proof: string[];
}
export type DisclosedEntry = DisclosedRevision;
/** A check-in the report's check-in section draws on, disclosed like an entry. */
export type DisclosedCheckIn = DisclosedRevision;
const disclosedRevision = object<DisclosedRevision>(
  { id: seq, rev: seq, seq, savedAt: int(), hash: hex, prevHash: hex, linkRoot: nullable(hex), v: oneOf(1, 2), proof: listOf(hex, 64) },
  { fields: fieldRecord, content: str(), digest: hex },
);

/**
 * What a printed report's verification appendix shows of its evidence: the head, the counts, and for
 * each included entry in the report's order its revision hash — with its inclusion proof and the
 * names of its withheld fields when the entry is printed whole, by the hash alone (its short code)
 * when it is a one-line row. Whole proofs of every entry are in the evidence file and package; the
 * preview asks only for this: for a year of 757 entries, 136 KB where the whole evidence is 4.8 MB.
 */
export interface PrintedProofs {
  period: { from: string; to: string };
  counts: Evidence['counts'];
  head: Anchor;
  entries: PrintedProof[];
}
export interface PrintedProof {
  id: number;
  rev: number;
  seq: number;
  hash: string;
  /** Null for an entry printed as a one-line row. */
  proof: string[] | null;
  withheld: { name: string; why: WithheldField['withheld'] }[];
}

/** A chain position with what its version 2 link commits to. */
export interface Anchor {
  seq: number;
  hash: string;
  prevHash: string;
  digest: string;
  root: string;
}
const anchorShape = { seq, hash: hex, prevHash: hex, digest: hex, root: hex };

export interface EvidenceReceipt extends Anchor {
  takenAt: number;
  /** Consistency proof from the tree at the receipt to the tree at the head (RFC 9162). */
  consistency: string[];
}
const evidenceReceipt = object<EvidenceReceipt>({ ...anchorShape, takenAt: int(), consistency: listOf(hex, 128) });

export interface EvidenceAttachment {
  name: string;
  sha256: string;
  bytes: number;
}
const attachment = object<EvidenceAttachment>({ name: str(255), sha256: hex, bytes: count });

export interface Evidence {
  format: typeof EVIDENCE_FORMAT;
  version: typeof EVIDENCE_VERSION;
  generatedAt: number;
  period: { from: string; to: string };
  /** Stated by the journal: entries in the period (all people), and how many of them the report includes. */
  counts: { inPeriod: number; included: number; withheld: number };
  head: Anchor;
  receipts: EvidenceReceipt[];
  entries: DisclosedEntry[];
  /** The check-ins behind the report's check-in section (absent in files made before reports disclosed them). */
  checkins?: DisclosedCheckIn[];
  attachments: EvidenceAttachment[];
}
const evidence = object<Evidence>(
  {
    format: oneOf(EVIDENCE_FORMAT),
    version: oneOf(EVIDENCE_VERSION),
    generatedAt: int(),
    period: object({ from: day, to: day }),
    counts: object({ inPeriod: count, included: count, withheld: count }),
    head: object<Anchor>(anchorShape),
    receipts: listOf(evidenceReceipt, 10_000),
    entries: listOf(disclosedRevision, 100_000),
    attachments: listOf(attachment, 10_000),
  },
  { checkins: listOf(disclosedRevision, 100_000) },
);

/** Reads an evidence file's parsed JSON: the evidence, or the first shape problem and where it is. */
export function readEvidence(raw: unknown): { ok: true; evidence: Evidence } | { ok: false; path: Path; message: string } {
  try {
    return { ok: true, evidence: evidence(raw, []) };
  } catch (e) {
    if (e instanceof ShapeError) return { ok: false, path: e.path, message: e.message };
    throw e;
  }
}

// ------------------------------------------------------------------ hashing (WebCrypto)

const enc = new TextEncoder();
const toHex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const fromHex = (h: string) => Uint8Array.from(h.match(/../g) ?? [], (x) => parseInt(x, 16));
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const tag = (t: string) => concat(enc.encode(t), new Uint8Array([0]));
const sha = async (...parts: Uint8Array[]): Promise<Uint8Array<ArrayBuffer>> => new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', concat(...parts)));
const shaHex = async (...parts: Uint8Array[]) => toHex(await sha(...parts));

const u64 = (n: number) => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(n));
  return b;
};

/** SHA-256(0x00 ‖ seq as 8 bytes big-endian ‖ digest): the tree's leaf for the revision at `seq`. */
export const leafHash = (seq: number, digestHex: string): Promise<Uint8Array<ArrayBuffer>> => sha(new Uint8Array([0]), u64(seq), fromHex(digestHex));
const nodeHash = (l: Uint8Array, r: Uint8Array) => sha(new Uint8Array([1]), l, r);

/** SHA-256("fulcrum-field-v2" NUL ‖ name ‖ NUL ‖ salt (32 bytes) ‖ the value's canonical JSON). */
export const fieldCommitment = (name: string, saltHex: string, value: unknown) =>
  shaHex(tag(TAGS.field), enc.encode(name), new Uint8Array([0]), fromHex(saltHex), enc.encode(JSON.stringify(value)));

/** A version 2 link: SHA-256("fulcrum-ledger-v2" NUL ‖ previous hash ‖ digest ‖ tree root at this revision). */
export const link2 = (prevHex: string, digestHex: string, rootHex: string) => shaHex(tag(TAGS.link2), fromHex(prevHex), fromHex(digestHex), fromHex(rootHex));
export const link1 = (prevHex: string, digestHex: string) => shaHex(tag(TAGS.link1), fromHex(prevHex), fromHex(digestHex));

/** The text whose SHA-256 is a version 2 revision's digest: its labels and one commitment per field. */
export function commitmentForm(h: { type: 'entry' | 'checkin'; id: number; rev: number; savedAt: number }, commitments: readonly [string, string][]): string {
  const fields = commitments.map(([k, c]) => `${JSON.stringify(k)}:${JSON.stringify(c)}`).join(',');
  return `{"v":2,"type":${JSON.stringify(h.type)},"event":"saved","id":${h.id},"rev":${h.rev},"savedAt":${h.savedAt},"fields":{${fields}}}`;
}

/** RFC 9162 §2.1.3.2: does `path` lead from the leaf at `index` (0-based) of a tree of `size` leaves to `root`? */
export async function verifyInclusion(index: number, size: number, leaf: Uint8Array, path: readonly string[], rootHex: string): Promise<boolean> {
  if (index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r: Uint8Array = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(fromHex(p), r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = await nodeHash(r, fromHex(p));
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && toHex(r) === rootHex;
}

/** RFC 9162 §2.1.4.2: is the tree of `first` leaves (root `firstRoot`) the beginning of the tree of `second` leaves? */
export async function verifyConsistency(first: number, second: number, firstRoot: string, secondRoot: string, proof: readonly string[]): Promise<boolean> {
  if (first < 1 || first > second) return false;
  if (first === second) return proof.length === 0 && firstRoot === secondRoot;
  const path = [...proof];
  if ((first & (first - 1)) === 0) path.unshift(firstRoot);
  if (path.length === 0) return false;
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = fromHex(path[0]!);
  let sr = fr;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    const cb = fromHex(c);
    if (fn % 2 === 1 || fn === sn) {
      fr = await nodeHash(cb, fr);
      sr = await nodeHash(cb, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = await nodeHash(sr, cb);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return toHex(fr) === firstRoot && toHex(sr) === secondRoot && sn === 0;
}

// ------------------------------------------------------------------ the check

/** A receipt's short code: the first 80 bits of its head, upper case, in groups of four. */
export const shortCodeOf = (headHex: string): string => (headHex.slice(0, 20).toUpperCase().match(/.{4}/g) ?? []).join('-');

/**
 * What a check found wrong, as a code with its numbers and names: the app words it in the person's
 * language; `problems` carries the same in English (the standalone verifier's words, and logs).
 */
export type EvidenceIssue =
  | { code: 'content-unreadable' }
  | { code: 'content-names-other'; type: 'entry' | 'checkin' }
  | { code: 'content-changed' }
  | { code: 'no-content' }
  | { code: 'extra-fields'; type: 'entry' | 'checkin'; fields: string[] }
  | { code: 'field-missing'; name: string }
  | { code: 'field-changed'; name: string }
  | { code: 'twice' }
  | { code: 'after-head'; seq: number; head: number }
  | { code: 'commitment-changed' }
  | { code: 'proof-broken' }
  | { code: 'hash-mismatch' }
  | { code: 'head-tree' }
  | { code: 'included-count'; said: number; carried: number }
  | { code: 'counts-add-up' }
  | { code: 'receipt-unknown'; receipt: string }
  | { code: 'receipt-head' }
  | { code: 'receipt-inconsistent' };

/** The English words of an issue (the standalone verifier shows these). */
export function issueText(i: EvidenceIssue): string {
  switch (i.code) {
    case 'content-unreadable':
      return 'Its content is not readable.';
    case 'content-names-other':
      return `Its content names another ${i.type === 'entry' ? 'entry' : 'check-in'}, version or time than the report says.`;
    case 'content-changed':
      return 'Its content does not match its digest: the content was changed.';
    case 'no-content':
      return 'It has neither content nor a digest.';
    case 'extra-fields':
      return `It has fields ${i.type === 'entry' ? 'an entry' : 'a check-in'} does not have: ${i.fields.join(', ')}.`;
    case 'field-missing':
      return `Its field “${i.name}” is missing (neither shown nor withheld).`;
    case 'field-changed':
      return `Its field “${i.name}” was changed: it does not match its commitment.`;
    case 'twice':
      return 'The same revision appears twice in the report.';
    case 'after-head':
      return `It is after the stated head (position ${i.seq} > ${i.head}).`;
    case 'commitment-changed':
      return 'Its field commitments do not match its digest: a commitment was changed.';
    case 'proof-broken':
      return 'Its proof does not lead to the stated head: the revision, the proof or its position was changed.';
    case 'hash-mismatch':
      return 'Its revision hash does not match what it holds.';
    case 'head-tree':
      return 'The stated head does not commit to the stated tree: the head, its tree root or its link was changed.';
    case 'included-count':
      return `The report says it includes ${i.said} entries but carries ${i.carried}.`;
    case 'counts-add-up':
      return 'Its counts of included and withheld entries do not add up.';
    case 'receipt-unknown':
      return `The receipt ${i.receipt} is not one this report can be checked against: no receipt with that head is in the report.`;
    case 'receipt-head':
      return 'The receipt’s head does not commit to the tree the report gives for it.';
    case 'receipt-inconsistent':
      return 'The history at the receipt is not the beginning of the history at the head: it was changed after the receipt.';
  }
}

/** Where a check's findings go: the codes, and the same in English. */
interface Found {
  problems: string[];
  issues: EvidenceIssue[];
}
const flag = (found: Found, issue: EvidenceIssue) => {
  found.issues.push(issue);
  found.problems.push(issueText(issue));
};

export interface EntryCheck {
  /** Position in the report (1 = first). */
  index: number;
  id: number;
  rev: number;
  seq: number;
  ok: boolean;
  /** What failed, in plain English (empty when it checks out). */
  problems: string[];
  /** The same, as codes the app words in the person's language. */
  issues: EvidenceIssue[];
  /** Fields shown with their value (checked) and fields withheld (commitment only). */
  shown: string[];
  withheld: { name: string; why: 'redacted' | 'pseudonymised' }[];
  /** When checked against a receipt: whether this revision was already in the history then. */
  atReceipt?: 'existed' | 'after';
  /** What the entry shows of itself, to match it with the printed report: the day it happened (UTC) and its title, when shown. */
  day?: string;
  title?: string;
}

/** A disclosed check-in's check: as an entry's, with its week when shown. */
export interface CheckInCheck extends Omit<EntryCheck, 'day' | 'title'> {
  week?: string;
}

export interface EvidenceCheck {
  ok: boolean;
  /** The file could not be read as an evidence file at all (then nothing else is set). */
  unreadable?: string;
  head?: { seq: number; hash: string; code: string };
  period?: { from: string; to: string };
  counts?: Evidence['counts'];
  /** Problems that are not about one entry (the head, the counts, the receipt), in English. */
  problems: string[];
  /** The same, as codes. */
  issues: EvidenceIssue[];
  entries: EntryCheck[];
  /** The check-ins the report discloses (its check-in section's), checked like entries. */
  checkins: CheckInCheck[];
  receipt?: { seq: number; head: string; code: string; takenAt: number; ok: boolean; existed: number; after: number };
  /** One sentence: "Valid against head …: N entries, M withheld in the period." or what fails. */
  summary: string;
}

const normalHead = (s: string) => s.trim().toLowerCase().replace(/[^0-9a-f]/g, '');

type RevisionType = 'entry' | 'checkin';
const FIELDS_OF: Record<RevisionType, readonly string[]> = { entry: ENTRY_FIELDS, checkin: CHECKIN_FIELDS };

async function digestOfRevision(type: RevisionType, e: DisclosedRevision, found: Found, shown: string[], withheld: EntryCheck['withheld']): Promise<string | null> {
  if (e.v === 1) {
    if (e.content !== undefined) {
      type Labels = { v?: unknown; type?: unknown; id?: unknown; rev?: unknown; savedAt?: unknown } | null;
      let parsed: Labels;
      try {
        parsed = JSON.parse(e.content) as Labels;
      } catch {
        flag(found, { code: 'content-unreadable' });
        return null;
      }
      if (!parsed || parsed.v !== 1 || parsed.type !== type || parsed.id !== e.id || parsed.rev !== e.rev || parsed.savedAt !== e.savedAt) {
        flag(found, { code: 'content-names-other', type });
      }
      shown.push('all fields');
      const d = await shaHex(enc.encode(e.content));
      if (e.digest !== undefined && e.digest !== d) flag(found, { code: 'content-changed' });
      return d;
    }
    if (e.digest === undefined) {
      flag(found, { code: 'no-content' });
      return null;
    }
    withheld.push({ name: 'all fields', why: 'redacted' });
    return e.digest;
  }
  const fields = e.fields ?? {};
  const names = FIELDS_OF[type];
  const extra = Object.keys(fields).filter((k) => !names.includes(k));
  if (extra.length) flag(found, { code: 'extra-fields', type, fields: extra });
  const commitments: [string, string][] = [];
  for (const name of names) {
    const f = fields[name];
    if (!f) {
      flag(found, { code: 'field-missing', name });
      return null;
    }
    if ('salt' in f) {
      if ((await fieldCommitment(name, f.salt, f.value)) !== f.commitment) {
        flag(found, { code: 'field-changed', name });
      }
      commitments.push([name, f.commitment]);
      shown.push(name);
    } else {
      commitments.push([name, f.commitment]);
      withheld.push({ name, why: f.withheld });
    }
  }
  return shaHex(enc.encode(commitmentForm({ type, id: e.id, rev: e.rev, savedAt: e.savedAt }, commitments)));
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Checks one disclosed revision: its fields against their commitments, its proof against the head's tree, its link. */
async function checkRevision(type: RevisionType, e: DisclosedRevision, index: number, head: Anchor, seen: Set<number>): Promise<EntryCheck> {
  const c: EntryCheck = { index, id: e.id, rev: e.rev, seq: e.seq, ok: true, problems: [], issues: [], shown: [], withheld: [] };
  if (seen.has(e.seq)) flag(c, { code: 'twice' });
  seen.add(e.seq);
  if (e.seq > head.seq) flag(c, { code: 'after-head', seq: e.seq, head: head.seq });
  const digest = await digestOfRevision(type, e, c, c.shown, c.withheld);
  if (digest !== null) {
    if (e.v === 2 && e.digest !== undefined && e.digest !== digest) flag(c, { code: 'commitment-changed' });
    const included = e.seq <= head.seq && (await verifyInclusion(e.seq - 1, head.seq, await leafHash(e.seq, digest), e.proof, head.root));
    if (!included) {
      flag(c, { code: 'proof-broken' });
    }
    const linked = e.linkRoot === null ? await link1(e.prevHash, digest) : await link2(e.prevHash, digest, e.linkRoot);
    if (linked !== e.hash) flag(c, { code: 'hash-mismatch' });
  }
  c.ok = c.problems.length === 0;
  return c;
}

/** A disclosed revision's shown value of a field (undefined when withheld or unreadable). */
function shownValue(e: DisclosedRevision, name: string): unknown {
  const f = e.fields?.[name];
  if (f && 'salt' in f) return f.value;
  if (e.content === undefined) return undefined;
  try {
    return (JSON.parse(e.content) as Record<string, unknown>)[name];
  } catch {
    return undefined;
  }
}

/**
 * Checks an evidence file: every disclosed entry's and check-in's fields against its commitments, its
 * digest against its inclusion proof and the stated head's tree, the head's link against that tree;
 * with `receiptHead` (a receipt's head, whole or its short code), also that the tree at that receipt is
 * the beginning of the head's tree, and which entries were already there. Never throws on bad input:
 * says what fails.
 */
export async function checkEvidence(raw: unknown, receiptHead?: string): Promise<EvidenceCheck> {
  const parsed = readEvidence(raw);
  if (!parsed.ok) {
    const where = parsed.path.length ? ` (at ${parsed.path.join('.')})` : '';
    return {
      ok: false,
      unreadable: `This is not a Fulcrum evidence file, or it is damaged${where}: ${parsed.message}.`,
      problems: [],
      issues: [],
      entries: [],
      checkins: [],
      summary: 'This file is not a Fulcrum evidence file, or it is damaged.',
    };
  }
  const ev = parsed.evidence;
  const found: Found = { problems: [], issues: [] };
  const { problems } = found;
  const { head } = ev;
  if ((await link2(head.prevHash, head.digest, head.root)) !== head.hash) {
    flag(found, { code: 'head-tree' });
  }
  if (ev.counts.included !== ev.entries.length) {
    flag(found, { code: 'included-count', said: ev.counts.included, carried: ev.entries.length });
  }
  if (ev.counts.withheld !== ev.counts.inPeriod - ev.counts.included) flag(found, { code: 'counts-add-up' });

  const entries: EntryCheck[] = [];
  const seen = new Set<number>();
  for (const [i, e] of ev.entries.entries()) {
    const c = await checkRevision('entry', e, i + 1, head, seen);
    const occurred = shownValue(e, 'occurredAt');
    if (typeof occurred === 'number' && Number.isFinite(occurred) && Math.abs(occurred) < 8.64e15) c.day = new Date(occurred).toISOString().slice(0, 10);
    const title = shownValue(e, 'title');
    if (typeof title === 'string') c.title = title;
    entries.push(c);
  }
  const checkins: CheckInCheck[] = [];
  for (const [i, e] of (ev.checkins ?? []).entries()) {
    const c: CheckInCheck = await checkRevision('checkin', e, i + 1, head, seen);
    const week = shownValue(e, 'week');
    if (typeof week === 'string') c.week = week;
    checkins.push(c);
  }

  let receipt: EvidenceCheck['receipt'];
  if (receiptHead !== undefined && normalHead(receiptHead) !== '') {
    const want = normalHead(receiptHead);
    const candidates = [...ev.receipts, { ...head, takenAt: ev.generatedAt, consistency: [] }];
    const r = candidates.find((x) => (want.length === 64 ? x.hash === want : want.length >= 16 && x.hash.startsWith(want)));
    if (!r) {
      flag(found, { code: 'receipt-unknown', receipt: receiptHead.trim() });
    } else {
      const linkOk = (await link2(r.prevHash, r.digest, r.root)) === r.hash;
      const consistent = linkOk && (await verifyConsistency(r.seq, head.seq, r.root, head.root, r.consistency));
      if (!linkOk) flag(found, { code: 'receipt-head' });
      else if (!consistent) flag(found, { code: 'receipt-inconsistent' });
      let existed = 0;
      let after = 0;
      for (const c of entries) {
        c.atReceipt = c.seq <= r.seq ? 'existed' : 'after';
        if (c.atReceipt === 'existed') existed++;
        else after++;
      }
      for (const c of checkins) c.atReceipt = c.seq <= r.seq ? 'existed' : 'after';
      receipt = { seq: r.seq, head: r.hash, code: shortCodeOf(r.hash), takenAt: r.takenAt, ok: linkOk && consistent, existed, after };
    }
  }

  const bad = entries.filter((e) => !e.ok);
  const badCheckIns = checkins.filter((e) => !e.ok);
  const ok = problems.length === 0 && bad.length === 0 && badCheckIns.length === 0;
  const code = shortCodeOf(head.hash);
  const summary = ok
    ? `Valid against head ${code} (position ${head.seq}): ${plural(entries.length, 'entry', 'entries')}, ${ev.counts.withheld} withheld in the period ${ev.period.from} to ${ev.period.to}.` +
      (checkins.length ? ` ${plural(checkins.length, 'check-in')} behind its check-in section.` : '') +
      (receipt ? ` At receipt ${receipt.code}: ${receipt.existed} existed unchanged, ${receipt.after} saved after it.` : '')
    : `Not valid: ${[
        ...problems,
        ...bad.map((e) => `entry ${e.index} (#${e.id}, version ${e.rev}): ${e.problems.join(' ')}`),
        ...badCheckIns.map((e) => `check-in ${e.index} (#${e.id}, version ${e.rev}): ${e.problems.join(' ')}`),
      ].join(' ')}`;
  return { ok, head: { seq: head.seq, hash: head.hash, code }, period: ev.period, counts: ev.counts, problems, issues: found.issues, entries, checkins, ...(receipt ? { receipt } : {}), summary };
}
