// A Rekor v1 log that real cosign 2.5/3.1 accept. The mock's rekorHandler gives each entry a
// random log index, a one-leaf proof, no ETag/Location and stores dsse bodies verbatim; this
// keeps a real Merkle tree, increasing global indexes, SETs over them, 409 on duplicates, and
// the read endpoints (entries by UUID or index, retrieve, index search, log info, public key).
import { createHash, randomInt, sign, type KeyObject } from 'node:crypto';
import { json } from '@sigstore/core';
import { leafHash, MerkleTree } from './merkle.js';
import { canonicalize } from './rekor-entry.js';
import type { Reply, Request, Route } from './http.js';

interface Stored {
  uuid: string; // treeID (16 hex) + leaf hash, as the real log names entries
  shardIndex: number;
  body: string; // base64 canonical body
  set: string; // base64 SET
  searchKeys: string[];
}

export interface RekorOptions {
  privateKey: KeyObject;
  publicKey: KeyObject;
  clock: Date; // fixed integratedTime (see test-peers.md on clocks)
  // Entries of earlier, inactive shards: global logIndex = offset + index in this tree, as on
  // the public log, so a client that mixes the two indexes up fails the SET check.
  logIndexOffset?: number;
}

export class RekorLog {
  readonly logID: string;
  readonly publicKeyPem: string;
  private tree = new MerkleTree();
  private entries: Stored[] = [];
  private byLeaf = new Map<string, Stored>();
  private readonly treeID = String(randomInt(2 ** 47, 2 ** 48));
  private readonly integratedTime: number;
  private readonly offset: number;

  constructor(private readonly opts: RekorOptions) {
    const spki = opts.publicKey.export({ type: 'spki', format: 'der' });
    this.logID = createHash('sha256').update(spki).digest('hex');
    this.publicKeyPem = opts.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    this.integratedTime = Math.floor(opts.clock.getTime() / 1000);
    this.offset = opts.logIndexOffset ?? 0;
  }

  private signNote(origin: string): string {
    const size = this.tree.size;
    const note = `${origin} - ${this.treeID}\n${size}\n${this.tree.root().toString('base64')}\nTimestamp: ${this.integratedTime * 1e9}\n`;
    const sig = sign('sha256', Buffer.from(note), this.opts.privateKey);
    const hint = Buffer.from(this.logID, 'hex').subarray(0, 4);
    return `${note}\n\u2014 ${origin} ${Buffer.concat([hint, sig]).toString('base64')}\n`;
  }

  // The LogEntry map the API answers with, proof against the current tree.
  private view(e: Stored, origin: string): Record<string, unknown> {
    return {
      [e.uuid]: {
        body: e.body,
        integratedTime: this.integratedTime,
        logID: this.logID,
        logIndex: this.offset + e.shardIndex,
        verification: {
          inclusionProof: {
            checkpoint: this.signNote(origin),
            hashes: this.tree.proof(e.shardIndex).map((h) => h.toString('hex')),
            logIndex: e.shardIndex,
            rootHash: this.tree.root().toString('hex'),
            treeSize: this.tree.size,
          },
          signedEntryTimestamp: e.set,
        },
      },
    };
  }

  private find(uuid: string): Stored | undefined {
    return this.byLeaf.get(uuid.toLowerCase().slice(-64));
  }

  add(proposed: unknown): { entry: Stored; created: boolean } {
    const c = canonicalize(proposed);
    const leaf = leafHash(c.body).toString('hex');
    const existing = this.byLeaf.get(leaf);
    if (existing) return { entry: existing, created: false };
    const shardIndex = this.tree.append(c.body);
    const body = c.body.toString('base64');
    const setData = {
      body,
      integratedTime: this.integratedTime,
      logID: this.logID,
      logIndex: this.offset + shardIndex,
    };
    const set = sign(
      'sha256',
      Buffer.from(json.canonicalize(setData)),
      this.opts.privateKey,
    ).toString('base64');
    // The real log's UUID: the tree ID in 16 hex digits, then the leaf hash.
    const uuid = BigInt(this.treeID).toString(16).padStart(16, '0') + leaf;
    const entry: Stored = { uuid, shardIndex, body, set, searchKeys: c.searchKeys };
    this.entries.push(entry);
    this.byLeaf.set(leaf, entry);
    return { entry, created: true };
  }

  /**
   * The checkpoint origin: a real Rekor signs its checkpoints with its own configured name,
   * whatever host a client reached it through (a proxy, another name). Verifiers match that name
   * against the log's base URL in the trusted root (sigstore-js), so it is the log's own host.
   */
  setOrigin(origin: string): void {
    this.fixedOrigin = origin;
  }
  private fixedOrigin?: string;

  routes(): Route[] {
    const base = (req: Request): string => `http://${req.headers.host ?? '127.0.0.1'}`;
    const origin = (req: Request): string => this.fixedOrigin ?? req.headers.host ?? '127.0.0.1';
    const notFound: Reply = { status: 404, body: { code: 404, message: 'entry not found' } };
    return [
      {
        method: 'POST',
        path: '/api/v1/log/entries',
        handle: (req) => {
          const { entry, created } = this.add(JSON.parse(req.body.toString()));
          const location = `${base(req)}/api/v1/log/entries/${entry.uuid}`;
          const headers = { ETag: entry.uuid, Location: location };
          if (!created) {
            const message = `An equivalent entry already exists in the transparency log with UUID ${entry.uuid}`;
            return { status: 409, headers, body: { code: 409, message } };
          }
          return { status: 201, headers, body: this.view(entry, origin(req)) };
        },
      },
      {
        method: 'GET',
        path: '/api/v1/log/entries/{uuid}',
        handle: (req) => {
          const e = this.find(req.params[0]!);
          return e ? { status: 200, body: this.view(e, origin(req)) } : notFound;
        },
      },
      {
        method: 'GET',
        path: '/api/v1/log/entries',
        handle: (req) => {
          const e = this.entries[Number(req.url.searchParams.get('logIndex') ?? -1) - this.offset];
          return e ? { status: 200, body: this.view(e, origin(req)) } : notFound;
        },
      },
      {
        method: 'POST',
        path: '/api/v1/log/entries/retrieve',
        handle: (req) => {
          const q = JSON.parse(req.body.toString()) as {
            entryUUIDs?: string[];
            logIndexes?: number[];
            entries?: unknown[];
          };
          const found = [
            ...(q.entryUUIDs ?? []).map((u) => this.find(u)),
            ...(q.logIndexes ?? []).map((i) => this.entries[i - this.offset]),
            ...(q.entries ?? []).map((p) =>
              this.byLeaf.get(leafHash(canonicalize(p).body).toString('hex')),
            ),
          ];
          return {
            status: 200,
            body: found.filter((e) => e).map((e) => this.view(e!, origin(req))),
          };
        },
      },
      {
        method: 'POST',
        path: '/api/v1/index/retrieve',
        handle: (req) => {
          const q = JSON.parse(req.body.toString()) as { hash?: string };
          const hash = (q.hash ?? '').toLowerCase();
          const key = hash.includes(':') ? hash : `sha256:${hash}`;
          return {
            status: 200,
            body: this.entries.filter((e) => e.searchKeys.includes(key)).map((e) => e.uuid),
          };
        },
      },
      {
        method: 'GET',
        path: '/api/v1/log',
        handle: (req) => ({
          status: 200,
          body: {
            rootHash: this.tree.root().toString('hex'),
            signedTreeHead: this.signNote(origin(req)),
            treeSize: this.tree.size,
            treeID: this.treeID,
          },
        }),
      },
      {
        method: 'GET',
        path: '/api/v1/log/publicKey',
        handle: () => ({
          status: 200,
          body: this.publicKeyPem,
          headers: { 'Content-Type': 'application/x-pem-file' },
        }),
      },
    ];
  }
}
