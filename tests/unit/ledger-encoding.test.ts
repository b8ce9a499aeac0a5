import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digestOfV2, digestOfV2Stored, encodeCheckInV2, encodeEntryV2, fieldCommitment, fieldSalts, secretOf } from '../../main/core/ledger/encoding.js';
import { ENTRY_FIELDS, commitmentForm, fieldCommitment as sharedCommitment } from '../../shared/evidence.js';
import type { CheckIn, Entry } from '../../shared/schemas.js';

/**
 * The core hashes a version 2 revision's fields through one reused buffer. These check it against
 * the shared (WebCrypto) recipe the standalone verifier uses, for values of every size — including
 * ones larger than the buffer starts with, and small ones right after, which must not see leftovers.
 */

const entry = (title: string, body: string, outcome: string): Entry => ({
  id: 1,
  occurredAt: Date.UTC(2025, 0, 6, 9),
  timeZone: 'Europe/Berlin',
  day: '2025-01-06',
  title,
  body,
  personIds: [3, 1],
  tagIds: [],
  domains: ['finances'],
  powerSources: [],
  balance: -1,
  intensity: 4,
  heard: null,
  respected: 2,
  valued: null,
  involved: null,
  outcome,
  raiseWithTherapist: true,
  safetyConcern: false,
  source: 'fulcrum',
  createdAt: Date.UTC(2025, 0, 6, 10),
  updatedAt: Date.UTC(2025, 0, 6, 10),
  deletedAt: null,
});

async function independentDigest(content: string): Promise<string> {
  const o = JSON.parse(content) as Record<string, unknown> & { type: 'entry'; id: number; rev: number; savedAt: number; salt: string };
  const salts = createHash('shake256', { outputLength: 32 * ENTRY_FIELDS.length }).update('fulcrum-salt-v2\u0000').update(Buffer.from(o.salt, 'hex')).digest();
  const commitments: [string, string][] = [];
  for (const [i, name] of ENTRY_FIELDS.entries()) {
    commitments.push([name, await sharedCommitment(name, salts.subarray(32 * i, 32 * i + 32).toString('hex'), o[name])]);
  }
  return createHash('sha256').update(commitmentForm(o, commitments)).digest('hex');
}

// Short texts, texts with characters of every UTF-8 length, and texts well past 16 KB (the buffer's first size).
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }), fc.integer({ min: 2000, max: 12000 })).map(([s, n]) => s.repeat(n)),
);

describe('version 2 digests (the core against the shared recipe)', () => {
  it('agree for any title, body and outcome, in any order of sizes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(text, text, text), { minLength: 1, maxLength: 4 }), async (versions) => {
        for (const [rev, [title, body, outcome]] of versions.entries()) {
          const h = { type: 'entry' as const, id: 1, rev: rev + 1, savedAt: Date.UTC(2025, 0, 7) + rev };
          const { content, digest } = encodeEntryV2(h, entry(title, body, outcome), null, ['ab'.repeat(32)], randomBytes(32));
          expect(digest).toBe(await independentDigest(content));
          expect(digestOfV2(content)).toBe(digest);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('a field commitment is the shared one, and changes with one character', async () => {
    const salt = fieldSalts(randomBytes(32), 1)[0]!;
    const long = 'é'.repeat(30_000);
    expect(fieldCommitment('body', salt, long)).toBe(await sharedCommitment('body', salt.toString('hex'), long));
    expect(fieldCommitment('title', salt, 'x')).toBe(await sharedCommitment('title', salt.toString('hex'), 'x'));
    expect(fieldCommitment('title', salt, 'y')).not.toBe(fieldCommitment('title', salt, 'x'));
  });

  it('finds a revision\'s secret at the end of its content, whatever its texts hold', () => {
    const secret = randomBytes(32);
    const decoy = `","salt":"${'ab'.repeat(32)}"}`;
    const h = { type: 'entry' as const, id: 1, rev: 1, savedAt: 1 };
    const { content } = encodeEntryV2(h, entry(decoy, decoy, decoy), null, [], secret);
    expect(secretOf(content)?.equals(secret)).toBe(true);
    expect(JSON.parse(content).salt).toBe(secret.toString('hex'));
    expect(secretOf(content.slice(0, -1))).toBeNull();
    expect(secretOf(`${content} `)).toBeNull();
    expect(secretOf(content.replace(/"salt":"[0-9a-f]{64}"\}$/, '"salt":"XYZ"}'))).toBeNull();
  });

  it('the digest from the stored bytes (the full check\'s way) is the digest, whatever the texts hold', async () => {
    // Texts that spell the separators the stored-bytes reading looks for, and the secret's.
    const decoys = fc.constantFrom(',"body":', '","body":"', ',"salt":"', `","salt":"${'ab'.repeat(32)}"}`, '\\",\\"body\\":', '"}', '\\');
    const texty = fc.oneof(text, fc.array(fc.oneof(decoys, fc.string({ maxLength: 5 })), { maxLength: 6 }).map((xs) => xs.join('')));
    await fc.assert(
      fc.asyncProperty(texty, texty, texty, fc.integer({ min: 1, max: 2 ** 40 }), async (title, body, outcome, id) => {
        const h = { type: 'entry' as const, id, rev: 3, savedAt: Date.UTC(2025, 0, 7) };
        const { content, digest } = encodeEntryV2(h, entry(title, body, outcome), 2, ['cd'.repeat(32)], randomBytes(32));
        expect(digestOfV2Stored(Buffer.from(content, 'utf8'))).toBe(digest);
        expect(digest).toBe(await independentDigest(content));
        const c: CheckIn = { id, personId: 2, week: '2025-01-06', heard: 1, respected: null, involved: 3, fairShare: 2, boundaries: null, safe: 4, note: body, forTherapist: true, createdAt: 5, updatedAt: 5 };
        const ci = encodeCheckInV2({ type: 'checkin', id, rev: 1, savedAt: 9 }, c, null, randomBytes(32));
        expect(digestOfV2Stored(Buffer.from(ci.content, 'utf8'))).toBe(ci.digest);
      }),
      { numRuns: 60 },
    );
  });

  it('content laid out otherwise gives no digest from its bytes, or another one (the check then parses it)', () => {
    const h = { type: 'entry' as const, id: 4, rev: 1, savedAt: 7 };
    const { content, digest } = encodeEntryV2(h, entry('t', 'b', 'o'), null, [], randomBytes(32));
    const other = (s: string) => digestOfV2Stored(Buffer.from(s, 'utf8'));
    // The same values, written with a space: parsing it gives the digest; its bytes do not.
    const spaced = content.replace('"title":"t"', '"title": "t"');
    expect(digestOfV2(spaced)).toBe(digest);
    expect(other(spaced)).not.toBe(digest);
    expect(other(content.slice(0, -1))).toBeNull();
    expect(other(`${content} `)).toBeNull();
    expect(other(content.replace('"body":"b",', ''))).not.toBe(digest);
    expect(other(content.replace('{"v":2,', '{"v":1,'))).toBeNull();
    expect(other(content.replace(/"salt":"[0-9a-f]{64}"\}$/, '"salt":"XYZ"}'))).toBeNull();
    expect(other('')).toBeNull();
  });
});
