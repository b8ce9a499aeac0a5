/**
 * The evidence file's shape is checked by hand (shared/evidence.ts readEvidence), so the standalone
 * verifier needs no schema library. Here it is held to the strict zod schema it replaced: for a valid
 * file and thousands of damaged variants (a key removed or added, a value replaced by another kind,
 * a number out of range, a list too long), both accept or both refuse.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readEvidence } from '../../shared/evidence.js';
import { VERIFIER_HTML } from '../../main/core/report/verifier-html.generated.js';

// The schema the evidence file had when it was checked with zod (check-ins added, as optional).
const Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');
const Seq = z.number().int().positive();

/** A field shown in the report: its value and its salt, from which anyone recomputes its commitment (given too, so a change is found at its field). */
const ShownField = z.object({ value: z.unknown(), salt: Hex, commitment: Hex }).strict();
/** A field withheld: only its commitment; `shown` is what the report printed instead (a pseudonymised text), if anything. */
const WithheldField = z.object({ commitment: Hex, withheld: z.enum(['redacted', 'pseudonymised']), shown: z.string().optional() }).strict();
const DisclosedField = z.union([ShownField, WithheldField]);

const DisclosedEntry = z
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

/** A chain position with what its version 2 link commits to. */
const Anchor = z.object({ seq: Seq, hash: Hex, prevHash: Hex, digest: Hex, root: Hex }).strict();

const EvidenceReceipt = Anchor.extend({
  takenAt: z.number().int(),
  /** Consistency proof from the tree at the receipt to the tree at the head (RFC 9162). */
  consistency: z.array(Hex).max(128),
}).strict();

const Attachment = z.object({ name: z.string().max(255), sha256: Hex, bytes: z.number().int().nonnegative() }).strict();

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const Evidence = z
  .object({
    format: z.literal('fulcrum-evidence'),
    version: z.literal(1),
    generatedAt: z.number().int(),
    period: z.object({ from: Day, to: Day }).strict(),
    /** Stated by the journal: entries in the period (all people), and how many of them the report includes. */
    counts: z.object({ inPeriod: z.number().int().nonnegative(), included: z.number().int().nonnegative(), withheld: z.number().int().nonnegative() }).strict(),
    head: Anchor,
    receipts: z.array(EvidenceReceipt).max(10_000),
    entries: z.array(DisclosedEntry).max(100_000),
    checkins: z.array(DisclosedEntry).max(100_000).optional(),
    attachments: z.array(Attachment).max(10_000),
  })
  .strict();

const H = (c: string) => c.repeat(64);
const revision = (seq: number) => ({
  id: seq,
  rev: 1,
  seq,
  savedAt: 1_700_000_000_000,
  hash: H('a'),
  prevHash: H('b'),
  linkRoot: seq % 2 ? H('c') : null,
  v: 2,
  fields: { title: { value: 'A title', salt: H('d'), commitment: H('e') }, body: { commitment: H('f'), withheld: 'pseudonymised', shown: 'P. said' }, outcome: { commitment: H('0'), withheld: 'redacted' } },
  proof: [H('1'), H('2')],
});
const valid = () => ({
  format: 'fulcrum-evidence',
  version: 1,
  generatedAt: 1_700_000_000_000,
  period: { from: '2025-03-01', to: '2025-03-31' },
  counts: { inPeriod: 3, included: 2, withheld: 1 },
  head: { seq: 9, hash: H('3'), prevHash: H('4'), digest: H('5'), root: H('6') },
  receipts: [{ seq: 4, hash: H('7'), prevHash: H('8'), digest: H('9'), root: H('a'), takenAt: 5, consistency: [H('b')] }],
  entries: [revision(1), { ...revision(2), v: 1, fields: undefined, content: '{"v":1}', digest: H('c') }],
  checkins: [revision(3)],
  attachments: [{ name: 'photo.jpg', sha256: H('d'), bytes: 1234 }],
});

/** Every path to a value inside `v` (objects and lists), the root included. */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (x !== undefined) out.push(...paths(x, [...at, k]));
  return out;
}
type Node = Record<string | number, unknown>;
const parentOf = (root: unknown, path: (string | number)[]) => path.slice(0, -1).reduce<Node>((o, k) => o[k] as Node, root as Node);

const odd = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<unknown>(null, '', 0, -1, 1.5, 2 ** 60, true, [], {}, 'x', H('A'), H('g'), H('a').slice(1), '2025-3-1', 'redacted', 'shown', 'fulcrum-evidence', 2, Array(65).fill(H('a'))) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);
const mutation = fc.record({ pick: fc.nat(), kind: fc.constantFrom('replace', 'remove', 'add'), value: odd, key: fc.constantFrom('extra', 'value', 'salt', 'shown', 'content', 'fields', 'checkins', 'withheld') });

describe('the evidence file\'s shape, checked by hand', () => {
  it('accepts a valid file, as the zod schema does', () => {
    expect(Evidence.safeParse(JSON.parse(JSON.stringify(valid()))).success).toBe(true);
    expect(readEvidence(JSON.parse(JSON.stringify(valid()))).ok).toBe(true);
  });

  it('accepts and refuses exactly what the zod schema accepts and refuses, and says where', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (ms) => {
        const doc = JSON.parse(JSON.stringify(valid())) as Node;
        for (const m of ms) {
          // A copy each time: the constants are shared objects, and one put inside another would make the document cyclic.
          const value = structuredClone(m.value);
          const all = paths(doc);
          const path = all[m.pick % all.length]!;
          if (path.length === 0) continue;
          const parent = parentOf(doc, path);
          const last = path[path.length - 1]!;
          if (m.kind === 'replace') parent[last] = value;
          else if (m.kind === 'remove') {
            if (Array.isArray(parent)) parent.splice(last as number, 1);
            else delete parent[last];
          }
          else if (!Array.isArray(parent)) parent[m.key] = value;
        }
        const zodSays = Evidence.safeParse(doc);
        const handSays = readEvidence(doc);
        expect(handSays.ok).toBe(zodSays.success);
        if (!handSays.ok) expect(handSays.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('names where the first problem is', () => {
    const doc = valid();
    doc.entries[1]!.proof[0] = 'not hex';
    expect(readEvidence(doc)).toMatchObject({ ok: false, path: ['entries', 1, 'proof', 0], message: 'must be 64 lowercase hex digits' });
    const extra = valid();
    (extra.head as Record<string, unknown>).note = 'x';
    expect(readEvidence(extra)).toMatchObject({ ok: false, path: ['head'] });
  });

  it('the standalone verifier is small: no schema library bundled in it', () => {
    expect(VERIFIER_HTML.length).toBeLessThan(40_000);
    // zod's own error texts would be in any bundle of it.
    expect(VERIFIER_HTML).not.toMatch(/Invalid input|ZodError/);
  });
});
