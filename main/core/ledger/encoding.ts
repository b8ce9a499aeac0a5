import { createHash, hash, randomBytes } from 'node:crypto';
import { CHECKIN_FIELDS, ENTRY_FIELDS, TAGS, type EntryField } from '../../../shared/evidence.js';
import type { CheckIn, Entry } from '../../../shared/schemas.js';

/**
 * The ledger's canonical encoding, version 1 (specified in docs/ledger-encoding.md, which another
 * program can follow to recompute every hash). A revision's content is a JSON object whose keys come
 * in the fixed order written below, with no whitespace, strings escaped as ECMAScript's
 * JSON.stringify does, integers in decimal. Its digest is SHA-256 over the UTF-8 bytes; the
 * revision's hash chains that digest to the previous revision's hash.
 */
export const ENCODING_VERSION = 2;
const DOMAIN_TAG = Buffer.from('fulcrum-ledger-v1\u0000', 'utf8');
const DOMAIN_TAG_2 = Buffer.from('fulcrum-ledger-v2\u0000', 'utf8');
/** The "previous hash" of the first revision. */
export const GENESIS = '0'.repeat(64);

export type ItemType = 'entry' | 'checkin';
export type RevisionEvent = 'saved' | 'deleted';

export interface RevisionHeader {
  type: ItemType;
  id: number;
  rev: number;
  savedAt: number;
}

const json = (pairs: [string, unknown][]): string =>
  '{' + pairs.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',') + '}';

const sortedNumbers = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);
const sortedStrings = (xs: readonly string[]) => [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * An entry's fields as the encoding lists them (the order of ENTRY_FIELDS). `attachments` are the
 * SHA-256 (hex) of its attachment originals, in the entry's order.
 */
export function entryValues(e: Entry, restoredFrom: number | null, attachments: readonly string[] = []): [EntryField, unknown][] {
  return [
    ['restoredFrom', restoredFrom],
    ['occurredAt', e.occurredAt],
    ['timeZone', e.timeZone],
    ['createdAt', e.createdAt],
    ['title', e.title],
    ['body', e.body],
    ['people', sortedNumbers(e.personIds)],
    ['patterns', sortedNumbers(e.tagIds)],
    ['domains', sortedStrings(e.domains)],
    ['powerSources', sortedStrings(e.powerSources)],
    ['balance', e.balance],
    ['intensity', e.intensity],
    ['heard', e.heard],
    ['respected', e.respected],
    ['valued', e.valued],
    ['involved', e.involved],
    ['outcome', e.outcome],
    ['raiseWithTherapist', e.raiseWithTherapist],
    ['safetyConcern', e.safetyConcern],
    ['source', e.source],
    // The SHA-256 (hex) of each of the entry's attachments, in the entry's order.
    ['attachments', [...attachments]],
  ];
}

function checkInValues(c: CheckIn, restoredFrom: number | null): [string, unknown][] {
  return [
    ['restoredFrom', restoredFrom],
    ['personId', c.personId],
    ['week', c.week],
    ['createdAt', c.createdAt],
    ['heard', c.heard],
    ['respected', c.respected],
    ['involved', c.involved],
    ['fairShare', c.fairShare],
    ['boundaries', c.boundaries],
    ['safe', c.safe],
    ['note', c.note],
    ['forTherapist', c.forTherapist],
  ];
}

const headerPairs = (v: 1 | 2, h: RevisionHeader, event: RevisionEvent): [string, unknown][] => [
  ['v', v],
  ['type', h.type],
  ['event', event],
  ['id', h.id],
  ['rev', h.rev],
  ['savedAt', h.savedAt],
];

/** A saved version of an entry in version 1 (whole-revision hashing). `restoredFrom` names the revision it was restored from. */
export function encodeEntry(h: RevisionHeader, e: Entry, restoredFrom: number | null, attachments: readonly string[] = []): string {
  return json([...headerPairs(1, { ...h, type: 'entry' }, 'saved'), ...entryValues(e, restoredFrom, attachments)]);
}

/** A saved version of a check-in in version 1. */
export function encodeCheckIn(h: RevisionHeader, c: CheckIn, restoredFrom: number | null): string {
  return json([...headerPairs(1, { ...h, type: 'checkin' }, 'saved'), ...checkInValues(c, restoredFrom)]);
}

// ---------------------------------------------------------------- version 2: a salted commitment per field

const FIELD_TAG = Buffer.from(`${TAGS.field}\u0000`, 'utf8');
const SALT_TAG = Buffer.from(`${TAGS.salt}\u0000`, 'utf8');

/**
 * The fields' salts, 32 bytes each, in field order: SHAKE256("fulcrum-salt-v2" NUL ‖ the revision's
 * secret (32 bytes)) read to 32 bytes per field — one hash for all of them. Showing one field's salt
 * reveals no other.
 */
export function fieldSalts(secret: Buffer, count: number): Buffer[] {
  const all = saltBytes(secret, count);
  return Array.from({ length: count }, (_, i) => all.subarray(32 * i, 32 * i + 32));
}

// The salts' hash with its tag already taken in; each revision hashes a copy of it.
const SALT_BASE = createHash('shake256').update(SALT_TAG);
/** The salts of `count` fields as a latin1 ('binary') string of their bytes, field i's at 32 × i: cheaper to read out than a Buffer digest. */
const saltString = (secret: Buffer, count: number): string => SALT_BASE.copy({ outputLength: 32 * count }).update(secret).digest('binary');
/** The salts of `count` fields as one buffer (field i's salt at 32 × i). */
const saltBytes = (secret: Buffer, count: number): Buffer => Buffer.from(saltString(secret, count), 'latin1');

// What precedes a field's salt in its commitment's input ("fulcrum-field-v2" NUL ‖ name ‖ NUL), per name.
const fieldPrefixes = new Map<string, Buffer>();
const fieldPrefix = (name: string): Buffer => {
  let p = fieldPrefixes.get(name);
  if (!p) {
    p = Buffer.concat([FIELD_TAG, Buffer.from(name, 'utf8'), Buffer.from([0])]);
    // Field names are a fixed, short list; any other name (from damaged content) is not kept.
    if (fieldPrefixes.size < 64) fieldPrefixes.set(name, p);
  }
  return p;
};
// One buffer reused for every commitment's input (hashing runs synchronously, one at a time), grown
// when a value needs more: a full check builds tens of commitments per revision, and allocating and
// concatenating buffers for each was most of its time.
let scratch = Buffer.allocUnsafe(16 * 1024);

/** The commitment to one field whose salt is at `at` in `salts`, given the value's canonical JSON. */
function commit(name: string, salts: Buffer, at: number, valueJson: string): string {
  const prefix = fieldPrefix(name);
  const start = prefix.length + 32;
  // UTF-8 takes at most 3 bytes per UTF-16 code unit.
  if (start + 3 * valueJson.length > scratch.length) scratch = Buffer.allocUnsafe(2 * (start + 3 * valueJson.length));
  prefix.copy(scratch, 0);
  salts.copy(scratch, prefix.length, at, at + 32);
  const n = scratch.write(valueJson, start, 'utf8');
  return hash('sha256', scratch.subarray(0, start + n), 'hex');
}

/** SHA-256("fulcrum-field-v2" NUL ‖ name ‖ NUL ‖ salt ‖ canonical JSON of the value), hex. */
export const fieldCommitment = (name: string, salt: Buffer, value: unknown): string => commit(name, salt, 0, JSON.stringify(value));

// `"name":` for each field name of the commitment form.
const quotedNames = new Map<string, string>();
const quoted = (name: string): string => {
  let q = quotedNames.get(name);
  if (q === undefined) {
    q = `${JSON.stringify(name)}:`;
    if (quotedNames.size < 64) quotedNames.set(name, q);
  }
  return q;
};

/**
 * The digest of a version 2 revision: SHA-256 of its commitment form (shared/evidence.ts
 * commitmentForm, written out here without the intermediate list), with each field's commitment
 * computed from its value.
 */
function digestOfValues(h: RevisionHeader, names: readonly string[], value: (name: string, i: number) => unknown, secret: Buffer): string {
  const salts = saltBytes(secret, names.length);
  let form = `{"v":2,"type":${JSON.stringify(h.type)},"event":"saved","id":${h.id},"rev":${h.rev},"savedAt":${h.savedAt},"fields":{`;
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    // A commitment is hex, so its JSON is itself in quotes.
    form += `${i === 0 ? '' : ','}${quoted(name)}"${commit(name, salts, 32 * i, JSON.stringify(value(name, i)))}"`;
  }
  return digestOf(`${form}}}`);
}

export interface Encoded {
  /** What is stored: every value, and the revision's secret the salts come from. */
  content: string;
  /** SHA-256 of the commitment form (what the chain commits to). */
  digest: string;
}

const contentV2 = (h: RevisionHeader, values: [string, unknown][], secret: Buffer): string =>
  json([...headerPairs(2, h, 'saved'), ...values, ['salt', secret.toString('hex')]]);

function encodeV2(h: RevisionHeader, values: [string, unknown][], secret: Buffer): Encoded {
  const names = values.map(([k]) => k);
  return { content: contentV2(h, values, secret), digest: digestOfValues(h, names, (_, i) => values[i]![1], secret) };
}

/** The stored content of a version 2 revision with these values and secret (no hashing: for comparing with what is stored). */
export const entryContentV2 = (h: RevisionHeader, e: Entry, restoredFrom: number | null, secret: Buffer, attachments: readonly string[] = []): string =>
  contentV2({ ...h, type: 'entry' }, entryValues(e, restoredFrom, attachments), secret);
export const checkInContentV2 = (h: RevisionHeader, c: CheckIn, restoredFrom: number | null, secret: Buffer): string =>
  contentV2({ ...h, type: 'checkin' }, checkInValues(c, restoredFrom), secret);

/** A saved version of an entry, version 2 (what every new save writes). */
export const encodeEntryV2 = (
  h: RevisionHeader,
  e: Entry,
  restoredFrom: number | null,
  attachments: readonly string[] = [],
  secret: Buffer = randomBytes(32),
): Encoded => encodeV2({ ...h, type: 'entry' }, entryValues(e, restoredFrom, attachments), secret);

export const encodeCheckInV2 = (h: RevisionHeader, c: CheckIn, restoredFrom: number | null, secret: Buffer = randomBytes(32)): Encoded =>
  encodeV2({ ...h, type: 'checkin' }, checkInValues(c, restoredFrom), secret);

const V2_PREFIX = Buffer.from('{"v":2,', 'latin1');
/** Whether stored content is version 2 (by its first bytes). */
export const isV2 = (content: Buffer | string): boolean =>
  typeof content === 'string' ? content.startsWith('{"v":2,') : content.length > 7 && content.subarray(0, 7).equals(V2_PREFIX);

const SALT_AT_END = /,"salt":"([0-9a-f]{64})"\}$/;
/**
 * The secret of a version 2 revision's stored content (the salts come from it), or null. The encoding
 * writes it as the last field, so only the content's end is read (no parse of the whole revision):
 * content written otherwise gives null or a secret its re-encoding cannot match, never a false match.
 */
export function secretOf(content: string): Buffer | null {
  const m = SALT_AT_END.exec(content.slice(-76));
  return m ? Buffer.from(m[1]!, 'hex') : null;
}

/**
 * The digest of stored version 2 content, recomputed from its values and secret; null when it is not
 * well-formed version 2 content (its fields not exactly those of its type, in order).
 */
export function digestOfV2(content: Buffer | string): string | null {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(typeof content === 'string' ? content : content.toString('utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (!o || typeof o !== 'object' || o.v !== 2 || o.event !== 'saved') return null;
  const names: readonly string[] = o.type === 'entry' ? ENTRY_FIELDS : o.type === 'checkin' ? CHECKIN_FIELDS : [];
  const keys = Object.keys(o);
  const expected = ['v', 'type', 'event', 'id', 'rev', 'savedAt', ...names, 'salt'];
  if (names.length === 0 || keys.length !== expected.length || keys.some((k, i) => k !== expected[i])) return null;
  if (typeof o.salt !== 'string' || !/^[0-9a-f]{64}$/.test(o.salt) || typeof o.id !== 'number' || typeof o.rev !== 'number' || typeof o.savedAt !== 'number') return null;
  const h: RevisionHeader = { type: o.type as ItemType, id: o.id, rev: o.rev, savedAt: o.savedAt };
  return digestOfValues(h, names, (k) => o[k], Buffer.from(o.salt, 'hex'));
}

// ---------------------------------------------------------------- checking stored version 2 content, fast

/** How stored content of one type is laid out, and what its commitments' inputs start with. */
interface StoredLayout {
  names: readonly string[];
  /** `,"name":` of each field in order, then `,"salt":` that follows the last: the separators after the header, as bytes. */
  seps: Buffer[];
  /** Each field's "fulcrum-field-v2" NUL ‖ name ‖ NUL, one after another. */
  prefixes: Buffer;
  prefixAt: number[];
  prefixLength: number[];
  /** `"name":` of each field, as the commitment form writes it. */
  quoted: string[];
}
function storedLayout(names: readonly string[]): StoredLayout {
  const prefixes = names.map(fieldPrefix);
  const prefixAt: number[] = [];
  let at = 0;
  for (const p of prefixes) {
    prefixAt.push(at);
    at += p.length;
  }
  return {
    names,
    seps: [...names, 'salt'].map((n) => Buffer.from(`,${JSON.stringify(n)}:`, 'utf8')),
    prefixes: Buffer.concat(prefixes),
    prefixAt,
    prefixLength: prefixes.map((p) => p.length),
    quoted: names.map(quoted),
  };
}
const LAYOUTS: Record<ItemType, StoredLayout> = { entry: storedLayout(ENTRY_FIELDS), checkin: storedLayout(CHECKIN_FIELDS) };
const HEADER_V2 = /^\{"v":2,"type":"(entry|checkin)","event":"saved","id":(-?\d{1,16}),"rev":(-?\d{1,16}),"savedAt":(-?\d{1,16})/;
const HEX64 = /^[0-9a-f]{64}$/;
/*
 * One buffer for checking stored content, laid out as [a commitment's input | the content | the
 * prefixes | the salts]: each commitment's input is assembled at 0 by moving bytes within the buffer
 * (copyWithin makes no object; Buffer.copy and subarray each make a view, and at 21 fields a revision
 * those were a third of the time), and hashed through a view of its length, made once per length.
 */
let stored = Buffer.allocUnsafe(64 * 1024);
let inputViews: Uint8Array[] = [];

/** Where `sep` starts in `buf` at or after `from`, ending by `limit`; -1 if nowhere (a plain scan: most values are a few bytes). */
function findSeparator(buf: Buffer, sep: Buffer, from: number, limit: number): number {
  const first = sep[0]!;
  const n = sep.length;
  next: for (let i = from; i + n <= limit; i++) {
    if (buf[i] !== first) continue;
    for (let k = 1; k < n; k++) if (buf[i + k] !== sep[k]) continue next;
    return i;
  }
  return -1;
}

/**
 * The digest of stored version 2 content computed from its bytes as they stand, without parsing it:
 * each field's value is the text between its `,"name":` and the next field's, hashed as it is
 * stored. Null when the content is not laid out that way. A full history check runs this on every
 * revision (parsing each revision and writing each value out again was most of its time), and runs
 * `digestOfV2` whenever this does not give the recorded digest — so the verdict is always exactly
 * `digestOfV2`'s. Why a match here is enough: the digest commits to every field's bytes, salt and
 * name and to the header, and the pieces taken here are the whole content, end to end; so a match
 * means the content is, byte for byte, what the app wrote (as strong as SHA-256), which `digestOfV2`
 * accepts. A value whose text held the next separator would be cut short here, and then not match:
 * no value the app writes can (a quote inside a JSON string is always escaped).
 */
export function digestOfV2Stored(content: Buffer): string | null {
  const head = HEADER_V2.exec(content.toString('latin1', 0, Math.min(content.length, 120)));
  if (!head) return null;
  const type = head[1] as ItemType;
  const { names, seps, prefixes, prefixAt, prefixLength, quoted: keys } = LAYOUTS[type];
  // The secret: the last field, `,"salt":"<64 hex>"}` to the very end (75 bytes).
  const saltAt = content.length - 75;
  const quotes = content[saltAt + 8] === 0x22 && content[content.length - 2] === 0x22 && content[content.length - 1] === 0x7d;
  if (saltAt < head[0].length || !quotes || content.compare(seps[names.length]!, 0, 8, saltAt, saltAt + 8) !== 0) return null;
  const secretHex = content.toString('latin1', saltAt + 9, saltAt + 73);
  if (!HEX64.test(secretHex)) return null;
  const first = seps[0]!;
  if (content.compare(first, 0, first.length, head[0].length, head[0].length + first.length) !== 0) return null;

  const saltsLength = 32 * names.length;
  // A commitment's input is at most a prefix, a salt and the whole content: the first half holds it.
  const half = content.length + prefixes.length + saltsLength + 64;
  if (2 * half > stored.length) {
    stored = Buffer.allocUnsafe(4 * half);
    inputViews = [];
  }
  const contentAt = stored.length >> 1;
  content.copy(stored, contentAt);
  const prefixesAt = contentAt + content.length;
  prefixes.copy(stored, prefixesAt);
  const saltsAt = prefixesAt + prefixes.length;
  stored.write(saltString(Buffer.from(secretHex, 'hex'), names.length), saltsAt, 'latin1');

  let form = `{"v":2,"type":"${type}","event":"saved","id":${head[2]},"rev":${head[3]},"savedAt":${head[4]},"fields":{`;
  let at = head[0].length;
  for (let i = 0; i < names.length; i++) {
    const start = at + seps[i]!.length;
    // The next separator: the next field's, or the salt's (which must be the one found above).
    const end = i + 1 < names.length ? findSeparator(content, seps[i + 1]!, start, saltAt) : saltAt;
    if (end < start) return null;
    const p = prefixLength[i]!;
    stored.copyWithin(0, prefixesAt + prefixAt[i]!, prefixesAt + prefixAt[i]! + p);
    stored.copyWithin(p, saltsAt + 32 * i, saltsAt + 32 * i + 32);
    stored.copyWithin(p + 32, contentAt + start, contentAt + end);
    const length = p + 32 + end - start;
    const input = (inputViews[length] ??= new Uint8Array(stored.buffer, stored.byteOffset, length));
    form += `${i === 0 ? '' : ','}${keys[i]}"${hash('sha256', input, 'hex')}"`;
    at = end;
  }
  return digestOf(`${form}}}`);
}

/** The record that an item was deleted for good: it carries no content, only that and when. */
export function encodeDeletion(h: RevisionHeader): string {
  return json([
    // Version 1 either way: a deletion has no fields to disclose one by one.
    ['v', 1],
    ['type', h.type],
    ['event', 'deleted'],
    ['id', h.id],
    ['rev', h.rev],
    ['savedAt', h.savedAt],
  ]);
}

/** SHA-256 of the content's UTF-8 bytes, hex (one-shot hashing: a full check does this per revision). */
export const digestOf = (content: string | Buffer): string => hash('sha256', content, 'hex');

// One buffer reused for every link: tag, previous hash, digest (checks run one at a time, synchronously).
const LINK = Buffer.alloc(DOMAIN_TAG.length + 64);
DOMAIN_TAG.copy(LINK, 0);

/** hash = SHA-256("fulcrum-ledger-v1" NUL ‖ previous hash (32 bytes) ‖ digest (32 bytes)), hex. */
export function chainHash(prevHex: string, digestHex: string): string {
  if (!/^[0-9a-f]{64}$/.test(prevHex) || !/^[0-9a-f]{64}$/.test(digestHex)) return '';
  LINK.write(prevHex, DOMAIN_TAG.length, 'hex');
  LINK.write(digestHex, DOMAIN_TAG.length + 32, 'hex');
  return hash('sha256', LINK, 'hex');
}

/** A receipt's short code: the first 80 bits of the head in five groups of four, easy to copy by hand. */
export const shortCode = (headHex: string): string => (headHex.slice(0, 20).toUpperCase().match(/.{4}/g) ?? []).join('-');

/** Version 2 link: SHA-256("fulcrum-ledger-v2" NUL ‖ previous hash ‖ digest ‖ root of the tree up to and including this revision), hex. */
export function chainHash2(prevHex: string, digestHex: string, root: Buffer): string {
  if (!/^[0-9a-f]{64}$/.test(prevHex) || !/^[0-9a-f]{64}$/.test(digestHex) || root.length !== 32) return '';
  LINK2.write(prevHex, DOMAIN_TAG_2.length, 'hex');
  LINK2.write(digestHex, DOMAIN_TAG_2.length + 32, 'hex');
  root.copy(LINK2, DOMAIN_TAG_2.length + 64);
  return hash('sha256', LINK2, 'hex');
}
// One buffer reused for every version 2 link, as LINK for version 1.
const LINK2 = Buffer.alloc(DOMAIN_TAG_2.length + 96);
DOMAIN_TAG_2.copy(LINK2, 0);
