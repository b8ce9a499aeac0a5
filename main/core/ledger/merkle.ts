import { hash } from 'node:crypto';

/**
 * The Merkle tree over the ledger (docs/ledger-encoding.md §5): one leaf per revision, in chain order,
 * shaped as RFC 9162 (Certificate Transparency) shapes it, so its inclusion and consistency proofs are
 * the standard ones. Hashes are raw 32-byte Buffers here; hex at the edges.
 */

// One buffer each for a leaf's and a node's input, reused: hashing runs synchronously, one at a time.
const LEAF = Buffer.alloc(41);
const NODE = Buffer.alloc(65);
NODE[0] = 1;

// The digest as a latin1 ('binary') string copied into a Buffer: the same 32 bytes, at about half the cost of
// asking for a Buffer directly (a full history check computes a dozen of these per revision).
const sha = (b: Buffer): Buffer => Buffer.from(hash('sha256', b, 'binary'), 'latin1');

/** SHA-256(0x00 ‖ seq as 8 bytes big-endian ‖ digest). */
export function leafOf(seq: number, digestHex: string): Buffer {
  LEAF.writeUInt32BE(Math.floor(seq / 2 ** 32), 1);
  LEAF.writeUInt32BE(seq >>> 0, 5);
  LEAF.write(digestHex, 9, 'hex');
  return sha(LEAF);
}

/** SHA-256(0x01 ‖ left ‖ right). */
export function nodeOf(l: Buffer, r: Buffer): Buffer {
  l.copy(NODE, 1);
  r.copy(NODE, 33);
  return sha(NODE);
}

const largestPow2Below = (n: number) => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

/**
 * The roots of the perfect subtrees that make up a tree of `size` leaves, biggest first (one per set
 * bit of `size`). Adding a leaf merges equal-sized subtrees, like carrying in binary: on average one
 * node hash per leaf.
 */
export class Frontier {
  constructor(
    public size = 0,
    public readonly nodes: Buffer[] = [],
  ) {}

  /**
   * Adds the next leaf. `onNode` is told each perfect subtree the leaf completes (level ≥ 1, and its
   * index among the subtrees of that level): the nodes the stored tree keeps.
   */
  add(leaf: Buffer, onNode?: (level: number, index: number, hash: Buffer) => void): void {
    let h = leaf;
    let n = this.size;
    let level = 0;
    // Each trailing 1 bit of the old size is a subtree of the same height as the new one: merge.
    while (n % 2 === 1) {
      h = nodeOf(this.nodes.pop()!, h);
      n = Math.floor(n / 2);
      level++;
      onNode?.(level, Math.floor(this.size / 2 ** level), h);
    }
    this.nodes.push(h);
    this.size++;
  }

  /** The tree's root: the subtrees folded from the smallest (RFC 9162's MTH). */
  root(): Buffer | null {
    const n = this.nodes.length;
    if (n === 0) return null;
    if (n === 1) return this.nodes[0]!;
    // nodeOf folded, each step's hash kept as a latin1 string and written straight into the next
    // step's input (a full history check folds this for every revision: no Buffer per step).
    this.nodes[n - 1]!.copy(NODE, 33);
    let r = '';
    for (let i = n - 2; i >= 0; i--) {
      this.nodes[i]!.copy(NODE, 1);
      if (i < n - 2) NODE.write(r, 33, 'latin1');
      r = hash('sha256', NODE, 'binary');
    }
    return Buffer.from(r, 'latin1');
  }

  toJSON() {
    return { size: this.size, nodes: this.nodes.map((b) => b.toString('hex')) };
  }

  static fromJSON(v: unknown): Frontier | null {
    const o = v as { size?: unknown; nodes?: unknown };
    if (!o || typeof o.size !== 'number' || !Array.isArray(o.nodes) || !o.nodes.every((x) => typeof x === 'string' && /^[0-9a-f]{64}$/.test(x))) return null;
    let bits = 0;
    for (let n = o.size; n > 0; n = Math.floor(n / 2)) bits += n % 2;
    if (bits !== o.nodes.length) return null;
    return new Frontier(o.size, (o.nodes as string[]).map((x) => Buffer.from(x, 'hex')));
  }
}

/** The root of the perfect, aligned subtree at `level` (0 = the leaves) and `index` among that level's subtrees. */
export type PerfectNode = (level: number, index: number) => Buffer;

/**
 * A tree for proofs, over its perfect, aligned subtrees' roots: held in memory (built from the leaves
 * in one pass, about two hashes per leaf), or read as needed from where they are stored (the stored
 * tree: a proof then reads O(log n) nodes).
 */
export class Tree {
  readonly size: number;
  private readonly perfect: PerfectNode;

  constructor(leaves: Buffer[]);
  constructor(size: number, perfect: PerfectNode);
  constructor(leavesOrSize: Buffer[] | number, perfect?: PerfectNode) {
    if (typeof leavesOrSize === 'number') {
      this.size = leavesOrSize;
      this.perfect = perfect!;
      return;
    }
    const levels: Buffer[][] = [leavesOrSize];
    for (let level = leavesOrSize; level.length > 1; ) {
      const up: Buffer[] = [];
      for (let i = 0; i + 1 < level.length; i += 2) up.push(nodeOf(level[i]!, level[i + 1]!));
      levels.push(up);
      level = up;
    }
    this.size = leavesOrSize.length;
    this.perfect = (level, index) => levels[level]![index]!;
  }

  // The roots of ranges that are not perfect subtrees, once computed: the proofs of many leaves share
  // the ranges along the tree's ragged right edge, which would otherwise be hashed again for each.
  private readonly ragged = new Map<number, Buffer>();

  // How two subtrees' roots combine: nodeOf, except in a tree that only records what it reads.
  private join: (l: Buffer, r: Buffer) => Buffer = nodeOf;

  /**
   * The perfect subtrees' roots, as [level, index], that `use` reads from a tree of `size` leaves
   * (which ones a proof reads does not depend on their values): nothing is hashed, so they can be
   * read ahead in batches before the real tree is asked.
   */
  static reads(size: number, use: (t: Tree) => void): [level: number, index: number][] {
    const zero = Buffer.alloc(32);
    const seen = new Map<number, [number, number]>();
    const t = new Tree(size, (level, index) => {
      seen.set(level * 2 ** 32 + index, [level, index]);
      return zero;
    });
    t.join = () => zero;
    use(t);
    return [...seen.values()];
  }

  /** MTH of leaves [lo, hi). */
  private mth(lo: number, hi: number): Buffer {
    const n = hi - lo;
    if ((n & (n - 1)) === 0 && lo % n === 0) return this.perfect(Math.log2(n), lo / n);
    // Exact as a key while both ends are below 2^26 (67 million revisions); ranges beyond are not kept.
    const key = lo * 2 ** 26 + hi;
    let h = hi < 2 ** 26 ? this.ragged.get(key) : undefined;
    if (h) return h;
    const k = largestPow2Below(n);
    h = this.join(this.mth(lo, lo + k), this.mth(lo + k, hi));
    if (hi < 2 ** 26 && this.ragged.size < 100_000) this.ragged.set(key, h);
    return h;
  }

  /** The root of the tree of the first `size` leaves. */
  root(size = this.size): Buffer {
    if (size < 1 || size > this.size) throw new Error('tree root: size out of range');
    return this.mth(0, size);
  }

  /** RFC 9162 §2.1.3.1 PATH(m, D[0:size]), as hex. */
  inclusion(m: number, size = this.size): string[] {
    return this.inclusionPath(m, size).map((b) => b.toString('hex'));
  }

  /** The same path as hashes (checked with `includes` before it is turned into hex, and never parsed back). */
  inclusionPath(m: number, size = this.size): Buffer[] {
    const out: Buffer[] = [];
    const path = (m: number, lo: number, hi: number) => {
      const n = hi - lo;
      if (n <= 1) return;
      const k = largestPow2Below(n);
      if (m < k) {
        path(m, lo, lo + k);
        out.push(this.mth(lo + k, hi));
      } else {
        path(m - k, lo + k, hi);
        out.push(this.mth(lo, lo + k));
      }
    };
    path(m, 0, size);
    return out;
  }

  /** Whether `path` (hex, or the hashes themselves) leads from `leaf`, at index `m` of the tree of `size` leaves, to `root` (RFC 9162 §2.1.3.2). */
  static includes(m: number, size: number, leaf: Buffer, path: readonly (string | Buffer)[], root: Buffer): boolean {
    if (m >= size) return false;
    let fn = m;
    let sn = size - 1;
    let r = leaf;
    for (const p of path) {
      if (sn === 0) return false;
      const sibling = typeof p === 'string' ? Buffer.from(p, 'hex') : p;
      if (fn % 2 === 1 || fn === sn) {
        r = nodeOf(sibling, r);
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      } else {
        r = nodeOf(r, sibling);
      }
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
    }
    return sn === 0 && r.equals(root);
  }

  /** Whether `proof` (hex) shows the tree of `first` leaves with root `firstRoot` is the start of the tree of `second` leaves with root `secondRoot` (RFC 9162 §2.1.4.2). */
  static consistent(first: number, second: number, firstRoot: Buffer, secondRoot: Buffer, proof: readonly string[]): boolean {
    if (first < 1 || first > second) return false;
    if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
    const path: Buffer[] = proof.map((p) => Buffer.from(p, 'hex'));
    if ((first & (first - 1)) === 0) path.unshift(firstRoot);
    if (path.length === 0) return false;
    let fn = first - 1;
    let sn = second - 1;
    while (fn % 2 === 1) {
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
    }
    let fr = path[0]!;
    let sr = fr;
    for (const c of path.slice(1)) {
      if (sn === 0) return false;
      if (fn % 2 === 1 || fn === sn) {
        fr = nodeOf(c, fr);
        sr = nodeOf(c, sr);
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      } else {
        sr = nodeOf(sr, c);
      }
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
    }
    return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
  }

  /** RFC 9162 §2.1.4.1 PROOF(m, D[0:size]), as hex. */
  consistency(m: number, size = this.size): string[] {
    const out: Buffer[] = [];
    const sub = (m: number, lo: number, hi: number, whole: boolean) => {
      const n = hi - lo;
      if (m === n) {
        if (!whole) out.push(this.mth(lo, hi));
        return;
      }
      const k = largestPow2Below(n);
      if (m <= k) {
        sub(m, lo, lo + k, whole);
        out.push(this.mth(lo + k, hi));
      } else {
        sub(m - k, lo + k, hi, false);
        out.push(this.mth(lo, lo + k));
      }
    };
    if (m >= 1 && m < size) sub(m, 0, size, true);
    return out.map((b) => b.toString('hex'));
  }
}
