// RFC 6962 Merkle tree: what Rekor v1 proves inclusion against. Real hashes, so verifiers that
// check inclusion proofs (cosign, sigstore-go, @sigstore/verify) check something real.
import { createHash } from 'node:crypto';

const sha256 = (...parts: Buffer[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

export const leafHash = (leaf: Buffer): Buffer => sha256(Buffer.from([0]), leaf);
const nodeHash = (l: Buffer, r: Buffer): Buffer => sha256(Buffer.from([1]), l, r);

// Largest power of two strictly below n (n >= 2).
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

const isPow2 = (n: number): boolean => (n & (n - 1)) === 0;

// An append-only tree of leaf hashes. Complete power-of-two subtrees never change, so their
// hashes are cached: root and proofs then cost O(log² n) even after thousands of entries.
export class MerkleTree {
  readonly leaves: Buffer[] = [];
  private cache = new Map<string, Buffer>();

  append(leaf: Buffer): number {
    this.leaves.push(leafHash(leaf));
    return this.leaves.length - 1;
  }

  get size(): number {
    return this.leaves.length;
  }

  // MTH(D[start:start+n]) (RFC 6962 §2.1).
  root(n = this.size, start = 0): Buffer {
    if (n === 0) return sha256();
    if (n === 1) return this.leaves[start]!;
    const key = `${start}/${n}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const k = split(n);
    const h = nodeHash(this.root(k, start), this.root(n - k, start + k));
    if (isPow2(n)) this.cache.set(key, h);
    return h;
  }

  // PATH(m, D[start:start+n]) (RFC 6962 §2.1.1), bottom-up as Rekor returns it.
  proof(m: number, n = this.size, start = 0): Buffer[] {
    if (n <= 1) return [];
    const k = split(n);
    return m < k
      ? [...this.proof(m, k, start), this.root(n - k, start + k)]
      : [...this.proof(m - k, n - k, start + k), this.root(k, start)];
  }
}
