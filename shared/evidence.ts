/**
 * Verifiable reports: the evidence file a report carries (what it discloses, with proofs) and the
 * check of it. The check is the same code in the app's "Check a report" screen and in the standalone
 * verifier HTML file (bundled from shared/verifier/page.ts): it uses only WebCrypto SHA-256, so it
 * runs in any current browser, offline, without Fulcrum or the journal. docs/ledger-encoding.md §5–§7
 * says exactly what is hashed.
 */
import { z } from 'zod';

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

const Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');
const Seq = z.number().int().positive();

/** A field shown in the report: its value and its salt, from which anyone recomputes its commitment (given too, so a change is found at its field). */
const ShownField = z.object({ value: z.unknown(), salt: Hex, commitment: Hex }).strict();
/** A field withheld: only its commitment; `shown` is what the report printed instead (a pseudonymised text), if anything. */
const WithheldField = z.object({ commitment: Hex, withheld: z.enum(['redacted', 'pseudonymised']), shown: z.string().optional() }).strict();
export const DisclosedField = z.union([ShownField, WithheldField]);
export type DisclosedField = z.infer<typeof DisclosedField>;

export const DisclosedEntry = z
  .object({
    id: z.number().int().positive(),
    rev: Seq,
    seq: Seq,
    savedAt: z.number().int(),
    /** The revision's own chain hash and what it links: the previous hash and, for a version 2 link, the tree root at it. */
    hash: Hex,
    prevHash: Hex,
    linkRoot: Hex.nullable(),
    /** Encoding version of the revision's content. */
    v: z.union([z.literal(1), z.literal(2)]),
    /** Version 2: every field, shown or withheld. */
    fields: z.record(z.string(), DisclosedField).optional(),
    /** Version 1 (whole revisions): the whole content when all of it is shown, else only its digest. */
    content: z.string().optional(),
    digest: Hex.optional(),
    /** Inclusion proof of the revision's leaf in the tree of the stated head (RFC 9162 audit path). */
    proof: z.array(Hex).max(64),
  })
  .strict();
export type DisclosedEntry = z.infer<typeof DisclosedEntry>;

/** A chain position with what its version 2 link commits to. */
const Anchor = z.object({ seq: Seq, hash: Hex, prevHash: Hex, digest: Hex, root: Hex }).strict();
export type Anchor = z.infer<typeof Anchor>;

export const EvidenceReceipt = Anchor.extend({
  takenAt: z.number().int(),
  /** Consistency proof from the tree at the receipt to the tree at the head (RFC 9162). */
  consistency: z.array(Hex).max(128),
}).strict();
export type EvidenceReceipt = z.infer<typeof EvidenceReceipt>;

export const Attachment = z.object({ name: z.string().max(255), sha256: Hex, bytes: z.number().int().nonnegative() }).strict();
export type EvidenceAttachment = z.infer<typeof Attachment>;

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const Evidence = z
  .object({
    format: z.literal(EVIDENCE_FORMAT),
    version: z.literal(EVIDENCE_VERSION),
    generatedAt: z.number().int(),
    period: z.object({ from: Day, to: Day }).strict(),
    /** Stated by the journal: entries in the period (all people), and how many of them the report includes. */
    counts: z.object({ inPeriod: z.number().int().nonnegative(), included: z.number().int().nonnegative(), withheld: z.number().int().nonnegative() }).strict(),
    head: Anchor,
    receipts: z.array(EvidenceReceipt).max(10_000),
    entries: z.array(DisclosedEntry).max(100_000),
    attachments: z.array(Attachment).max(10_000),
  })
  .strict();
export type Evidence = z.infer<typeof Evidence>;

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

export interface EntryCheck {
  /** Position in the report (1 = first). */
  index: number;
  id: number;
  rev: number;
  seq: number;
  ok: boolean;
  /** What failed, in plain words (empty when it checks out). */
  problems: string[];
  /** Fields shown with their value (checked) and fields withheld (commitment only). */
  shown: string[];
  withheld: { name: string; why: 'redacted' | 'pseudonymised' }[];
  /** When checked against a receipt: whether this revision was already in the history then. */
  atReceipt?: 'existed' | 'after';
  /** What the entry shows of itself, to match it with the printed report: the day it happened (UTC) and its title, when shown. */
  day?: string;
  title?: string;
}

export interface EvidenceCheck {
  ok: boolean;
  /** The file could not be read as an evidence file at all (then nothing else is set). */
  unreadable?: string;
  head?: { seq: number; hash: string; code: string };
  period?: { from: string; to: string };
  counts?: Evidence['counts'];
  /** Problems that are not about one entry (the head, the counts, the receipt). */
  problems: string[];
  entries: EntryCheck[];
  receipt?: { seq: number; head: string; code: string; takenAt: number; ok: boolean; existed: number; after: number };
  /** One sentence: "Valid against head …: N entries, M withheld in the period." or what fails. */
  summary: string;
}

const normalHead = (s: string) => s.trim().toLowerCase().replace(/[^0-9a-f]/g, '');

async function digestOfEntry(e: DisclosedEntry, problems: string[], shown: string[], withheld: EntryCheck['withheld']): Promise<string | null> {
  if (e.v === 1) {
    if (e.content !== undefined) {
      type Labels = { v?: unknown; type?: unknown; id?: unknown; rev?: unknown; savedAt?: unknown } | null;
      let parsed: Labels;
      try {
        parsed = JSON.parse(e.content) as Labels;
      } catch {
        problems.push('Its content is not readable.');
        return null;
      }
      if (!parsed || parsed.v !== 1 || parsed.type !== 'entry' || parsed.id !== e.id || parsed.rev !== e.rev || parsed.savedAt !== e.savedAt) {
        problems.push('Its content names another entry, version or time than the report says.');
      }
      shown.push('all fields');
      const d = await shaHex(enc.encode(e.content));
      if (e.digest !== undefined && e.digest !== d) problems.push('Its content does not match its digest: the content was changed.');
      return d;
    }
    if (e.digest === undefined) {
      problems.push('It has neither content nor a digest.');
      return null;
    }
    withheld.push({ name: 'all fields', why: 'redacted' });
    return e.digest;
  }
  const fields = e.fields ?? {};
  const extra = Object.keys(fields).filter((k) => !(ENTRY_FIELDS as readonly string[]).includes(k));
  if (extra.length) problems.push(`It has fields an entry does not have: ${extra.join(', ')}.`);
  const commitments: [string, string][] = [];
  for (const name of ENTRY_FIELDS) {
    const f = fields[name];
    if (!f) {
      problems.push(`Its field “${name}” is missing (neither shown nor withheld).`);
      return null;
    }
    if ('salt' in f) {
      if ((await fieldCommitment(name, f.salt, f.value)) !== f.commitment) {
        problems.push(`Its field “${name}” was changed: it does not match its commitment.`);
      }
      commitments.push([name, f.commitment]);
      shown.push(name);
    } else {
      commitments.push([name, f.commitment]);
      withheld.push({ name, why: f.withheld });
    }
  }
  return shaHex(enc.encode(commitmentForm({ type: 'entry', id: e.id, rev: e.rev, savedAt: e.savedAt }, commitments)));
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Checks an evidence file: every disclosed entry's fields against its commitments, its digest against
 * its inclusion proof and the stated head's tree, the head's link against that tree; with `receiptHead`
 * (a receipt's head, whole or its short code), also that the tree at that receipt is the beginning of
 * the head's tree, and which entries were already there. Never throws on bad input: says what fails.
 */
export async function checkEvidence(raw: unknown, receiptHead?: string): Promise<EvidenceCheck> {
  const parsed = Evidence.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length ? ` (at ${first.path.join('.')})` : '';
    return {
      ok: false,
      unreadable: `This is not a Fulcrum evidence file, or it is damaged${where}: ${first?.message ?? 'unknown shape'}.`,
      problems: [],
      entries: [],
      summary: 'This file is not a Fulcrum evidence file, or it is damaged.',
    };
  }
  const ev = parsed.data;
  const problems: string[] = [];
  const { head } = ev;
  if ((await link2(head.prevHash, head.digest, head.root)) !== head.hash) {
    problems.push('The stated head does not commit to the stated tree: the head, its tree root or its link was changed.');
  }
  if (ev.counts.included !== ev.entries.length) {
    problems.push(`The report says it includes ${ev.counts.included} entries but carries ${ev.entries.length}.`);
  }
  if (ev.counts.withheld !== ev.counts.inPeriod - ev.counts.included) problems.push('Its counts of included and withheld entries do not add up.');

  const entries: EntryCheck[] = [];
  const seen = new Set<number>();
  for (const [i, e] of ev.entries.entries()) {
    const c: EntryCheck = { index: i + 1, id: e.id, rev: e.rev, seq: e.seq, ok: true, problems: [], shown: [], withheld: [] };
    if (seen.has(e.seq)) c.problems.push('The same revision appears twice in the report.');
    seen.add(e.seq);
    if (e.seq > head.seq) c.problems.push(`It is after the stated head (position ${e.seq} > ${head.seq}).`);
    const digest = await digestOfEntry(e, c.problems, c.shown, c.withheld);
    const shownValue = (name: string): unknown => {
      const f = e.fields?.[name];
      if (f && 'salt' in f) return f.value;
      if (e.content === undefined) return undefined;
      try {
        return (JSON.parse(e.content) as Record<string, unknown>)[name];
      } catch {
        return undefined;
      }
    };
    const occurred = shownValue('occurredAt');
    if (typeof occurred === 'number' && Number.isFinite(occurred) && Math.abs(occurred) < 8.64e15) c.day = new Date(occurred).toISOString().slice(0, 10);
    const title = shownValue('title');
    if (typeof title === 'string') c.title = title;
    if (digest !== null) {
      if (e.v === 2 && e.digest !== undefined && e.digest !== digest) c.problems.push('Its field commitments do not match its digest: a commitment was changed.');
      const included = e.seq <= head.seq && (await verifyInclusion(e.seq - 1, head.seq, await leafHash(e.seq, digest), e.proof, head.root));
      if (!included) {
        c.problems.push('Its proof does not lead to the stated head: the revision, the proof or its position was changed.');
      }
      const linked = e.linkRoot === null ? await link1(e.prevHash, digest) : await link2(e.prevHash, digest, e.linkRoot);
      if (linked !== e.hash) c.problems.push('Its revision hash does not match what it holds.');
    }
    c.ok = c.problems.length === 0;
    entries.push(c);
  }

  let receipt: EvidenceCheck['receipt'];
  if (receiptHead !== undefined && normalHead(receiptHead) !== '') {
    const want = normalHead(receiptHead);
    const candidates = [...ev.receipts, { ...head, takenAt: ev.generatedAt, consistency: [] }];
    const r = candidates.find((x) => (want.length === 64 ? x.hash === want : want.length >= 16 && x.hash.startsWith(want)));
    if (!r) {
      problems.push(`The receipt ${receiptHead.trim()} is not one this report can be checked against: no receipt with that head is in the report.`);
    } else {
      const linkOk = (await link2(r.prevHash, r.digest, r.root)) === r.hash;
      const consistent = linkOk && (await verifyConsistency(r.seq, head.seq, r.root, head.root, r.consistency));
      if (!linkOk) problems.push('The receipt’s head does not commit to the tree the report gives for it.');
      else if (!consistent) problems.push('The history at the receipt is not the beginning of the history at the head: it was changed after the receipt.');
      let existed = 0;
      let after = 0;
      for (const c of entries) {
        c.atReceipt = c.seq <= r.seq ? 'existed' : 'after';
        if (c.atReceipt === 'existed') existed++;
        else after++;
      }
      receipt = { seq: r.seq, head: r.hash, code: shortCodeOf(r.hash), takenAt: r.takenAt, ok: linkOk && consistent, existed, after };
    }
  }

  const bad = entries.filter((e) => !e.ok);
  const ok = problems.length === 0 && bad.length === 0;
  const code = shortCodeOf(head.hash);
  const summary = ok
    ? `Valid against head ${code} (position ${head.seq}): ${plural(entries.length, 'entry', 'entries')}, ${ev.counts.withheld} withheld in the period ${ev.period.from} to ${ev.period.to}.` +
      (receipt ? ` At receipt ${receipt.code}: ${receipt.existed} existed unchanged, ${receipt.after} saved after it.` : '')
    : `Not valid: ${[
        ...problems,
        ...bad.map((e) => `entry ${e.index} (#${e.id}, version ${e.rev}): ${e.problems.join(' ')}`),
      ].join(' ')}`;
  return { ok, head: { seq: head.seq, hash: head.hash, code }, period: ev.period, counts: ev.counts, problems, entries, ...(receipt ? { receipt } : {}), summary };
}
