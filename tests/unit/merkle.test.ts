/**
 * The ledger's Merkle tree (main/core/ledger/merkle.ts, Node hashing) against the checks of
 * shared/evidence.ts (WebCrypto, what the standalone verifier runs): every inclusion and consistency
 * proof the app makes verifies, the frontier kept per save gives the same root as the whole tree, and a
 * proof for another leaf, another size or with one changed hash does not verify.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Frontier, Tree, leafOf } from '../../main/core/ledger/merkle.js';
import { leafHash, verifyConsistency, verifyInclusion } from '../../shared/evidence.js';

const digest = (i: number) => createHash('sha256').update(`revision ${i}`).digest('hex');
const treeOf = (n: number) => new Tree(Array.from({ length: n }, (_, i) => leafOf(i + 1, digest(i + 1))));
const flip = (h: string) => (h[0] === '0' ? '1' : '0') + h.slice(1);

describe('the ledger tree', () => {
  it('the same leaf hash in Node and in WebCrypto', async () => {
    expect(Buffer.from(await leafHash(7, digest(7))).equals(leafOf(7, digest(7)))).toBe(true);
  });

  it('inclusion proofs verify for every leaf of trees of many sizes, and fail for anything else', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 300 }), fc.nat(), fc.integer({ min: 0, max: 300 }), async (n, pick, sizePick) => {
        const tree = treeOf(n);
        const size = 1 + (sizePick % n);
        const m = pick % size;
        const root = tree.root(size).toString('hex');
        const leaf = leafOf(m + 1, digest(m + 1));
        const path = tree.inclusion(m, size);
        expect(await verifyInclusion(m, size, leaf, path, root)).toBe(true);
        // The app's own check (a report checks each proof before it gives it) agrees.
        const rootBytes = Buffer.from(root, 'hex');
        expect(Tree.includes(m, size, leaf, path, rootBytes)).toBe(true);
        // The same path as hashes (how a report checks it before turning it into hex).
        const hashes = tree.inclusionPath(m, size);
        expect(hashes.map((h) => h.toString('hex'))).toEqual(path);
        expect(Tree.includes(m, size, leaf, hashes, rootBytes)).toBe(true);
        if (path.length > 0) {
          const bad = [...path];
          bad[pick % bad.length] = flip(bad[pick % bad.length]!);
          expect(await verifyInclusion(m, size, leaf, bad, root)).toBe(false);
          expect(Tree.includes(m, size, leaf, bad, rootBytes)).toBe(false);
          expect(Tree.includes(m, size, leaf, bad.map((h) => Buffer.from(h, 'hex')), rootBytes)).toBe(false);
        }
        if (size > 1) expect(Tree.includes((m + 1) % size, size, leaf, path, rootBytes)).toBe(false);
        if (size > 1) expect(await verifyInclusion((m + 1) % size, size, leaf, path, root)).toBe(false);
        expect(await verifyInclusion(m, size, leafOf(m + 1, digest(m + 2)), path, root)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('consistency proofs verify between any two sizes, and fail for a changed root or proof', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 200 }), fc.nat(), async (n, pick) => {
        const tree = treeOf(n);
        const m = 1 + (pick % n);
        const first = tree.root(m).toString('hex');
        const second = tree.root(n).toString('hex');
        const proof = tree.consistency(m, n);
        expect(await verifyConsistency(m, n, first, second, proof)).toBe(true);
        // The app's own check (a report checks each receipt's proof before it gives it) agrees.
        const [a, b] = [Buffer.from(first, 'hex'), Buffer.from(second, 'hex')];
        expect(Tree.consistent(m, n, a, b, proof)).toBe(true);
        if (m < n) {
          expect(await verifyConsistency(m, n, flip(first), second, proof)).toBe(false);
          expect(await verifyConsistency(m, n, first, flip(second), proof)).toBe(false);
          expect(Tree.consistent(m, n, Buffer.from(flip(first), 'hex'), b, proof)).toBe(false);
          expect(Tree.consistent(m, n, a, Buffer.from(flip(second), 'hex'), proof)).toBe(false);
          const bad = [...proof];
          bad[pick % bad.length] = flip(bad[pick % bad.length]!);
          expect(await verifyConsistency(m, n, first, second, bad)).toBe(false);
          expect(Tree.consistent(m, n, a, b, bad)).toBe(false);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the frontier a save keeps gives the whole tree’s root at every size, and survives being stored', () => {
    const f = new Frontier();
    const tree = treeOf(130);
    for (let i = 1; i <= 130; i++) {
      f.add(leafOf(i, digest(i)));
      const kept = Frontier.fromJSON(JSON.parse(JSON.stringify(f)))!;
      expect(kept.root()!.equals(tree.root(i))).toBe(true);
    }
    expect(Frontier.fromJSON({ size: 3, nodes: [digest(1)] })).toBeNull();
  });
});
