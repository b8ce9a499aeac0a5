import { hash } from 'node:crypto';
import type { CheckIn, Entry } from '../../../shared/schemas.js';

/**
 * The ledger's canonical encoding, version 1 (specified in docs/ledger-encoding.md, which another
 * program can follow to recompute every hash). A revision's content is a JSON object whose keys come
 * in the fixed order written below, with no whitespace, strings escaped as ECMAScript's
 * JSON.stringify does, integers in decimal. Its digest is SHA-256 over the UTF-8 bytes; the
 * revision's hash chains that digest to the previous revision's hash.
 */
export const ENCODING_VERSION = 1;
const DOMAIN_TAG = Buffer.from('fulcrum-ledger-v1\u0000', 'utf8');
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
 * A saved version of an entry. `restoredFrom` names the revision it was restored from, if any;
 * `attachments` are the hashes of its attachment originals in order.
 */
export function encodeEntry(h: RevisionHeader, e: Entry, restoredFrom: number | null, attachments: readonly string[] = []): string {
  return json([
    ['v', ENCODING_VERSION],
    ['type', 'entry'],
    ['event', 'saved'],
    ['id', h.id],
    ['rev', h.rev],
    ['savedAt', h.savedAt],
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
  ]);
}

/** A saved version of a check-in. */
export function encodeCheckIn(h: RevisionHeader, c: CheckIn, restoredFrom: number | null): string {
  return json([
    ['v', ENCODING_VERSION],
    ['type', 'checkin'],
    ['event', 'saved'],
    ['id', h.id],
    ['rev', h.rev],
    ['savedAt', h.savedAt],
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
  ]);
}

/** The record that an item was deleted for good: it carries no content, only that and when. */
export function encodeDeletion(h: RevisionHeader): string {
  return json([
    ['v', ENCODING_VERSION],
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
