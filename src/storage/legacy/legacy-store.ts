// Writes cosign's legacy signature form: one layer per signature in the OCI image tagged
// `sha256-<hex>.sig` beside the signed digest (cosign-format §3). Read-modify-write: every layer
// someone else wrote is kept; ours is appended; the config is recomputed as cosign does.
// The append goes through the one read-merge-PUT-confirm loop (../confirmed-write.ts), which
// keeps every concurrent writer's layer on a registry that ignores If-Match.
import type { ManifestResponse, RegistryClient } from '../../registry/client.js';
import { OCI_MANIFEST } from '../../registry/media-types.js';
import { sha256Digest } from '../../registry/names.js';
import { SignImageError } from '../../errors.js';
import { createLimiter, type Limiter } from '../../util/limit.js';
import { sleep } from '../../util/retry.js';
import { confirmedWrite, isTransientWriteError, VanishedError } from '../confirmed-write.js';
import type { Descriptor } from './layer.js';
import { mergeSignatureManifest, parseSignatureManifest, signatureTag } from './manifest.js';

/** The `.sig` image as found in the registry: its manifest and config blob. */
export interface ExistingSignatures {
  manifest: ManifestResponse;
  /** The config blob; cosign re-marshals it rather than rebuilding it (it differs for skopeo's). */
  config: Buffer;
}

/** Where the signature went, and whether this write added it. */
export interface LegacyWriteResult {
  /** `<repository>:sha256-<hex>.sig`, what `cosign triangulate` prints. */
  signatureRef: string;
  /** false when an identical layer was already there (nothing appended by us). */
  added: boolean;
}

/** Tuning of the append loop; the defaults suit real registries, tests shorten them. */
export interface LegacyStoreOptions {
  /** Bounds registry work shared with other stores; waiting between attempts holds no slot. */
  limit?: Limiter;
  /** Read-merge-PUT rounds before giving up (default 8). */
  maxAttempts?: number;
  /** Backoff between rounds: base·2^n, capped, jittered (default 100 ms, 2 s). */
  backoff?: { baseMs: number; maxMs: number };
  /** Least wait between our PUT and the read-back that confirms it (default 30 ms). */
  settleMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Told why a round is retried (the legacy format passes the run's log, util/log.ts: the lines quote registry answers). */
  log?: (line: string) => void;
  /** The tag of a digest's image: `sha256-<hex>.sig` (default) or the `.att` of attestations. */
  tagFor?: (digest: string) => string;
}

/** One layer to append and its blob. */
export interface NewLayer {
  layer: Descriptor;
  blob: Buffer;
}

/** The `.sig` store of one repository. */
export class LegacyStore {
  private readonly limit: Limiter;
  private readonly options: Required<Omit<LegacyStoreOptions, 'limit' | 'tagFor'>>;
  private readonly tagFor: (digest: string) => string;

  constructor(
    private readonly client: RegistryClient,
    private readonly repositoryName: string,
    options: LegacyStoreOptions = {},
  ) {
    this.limit = options.limit ?? createLimiter(8);
    this.tagFor = options.tagFor ?? signatureTag;
    this.options = {
      maxAttempts: options.maxAttempts ?? 8,
      backoff: options.backoff ?? { baseMs: 100, maxMs: 2000 },
      settleMs: options.settleMs ?? 30,
      sleep: options.sleep ?? sleep,
      random: options.random ?? Math.random,
      log: options.log ?? (() => undefined),
    };
  }

  /** The current `.sig` image of `digest`, or undefined when it has none yet (404). */
  async read(digest: string, known?: ExistingSignatures): Promise<ExistingSignatures | undefined> {
    const manifest = await this.client.getManifest(this.tagFor(digest));
    if (!manifest) return undefined;
    // The config is content-addressed: an unchanged manifest means an unchanged config.
    if (known && known.manifest.digest === manifest.digest)
      return { manifest, config: known.config };
    const config = await this.client.getBlob(parseSignatureManifest(manifest.bytes).config.digest);
    return { manifest, config };
  }

  /**
   * Uploads ahead of signing the two blobs a later `write` of a layer whose blob is `blob` onto
   * `existing` references: `blob` itself and the image config that lists it. Both are
   * content-addressed and neither depends on the layer's annotations (the signature), so the
   * legacy format sends them while the key decrypts; `write` then finds them uploaded (the
   * client uploads a digest once). No manifest or tag changes: a run that fails later leaves
   * only blobs nothing references. Nothing is sent when a layer already references `blob` (a
   * re-run may then write nothing at all).
   */
  async stage(blob: Buffer, existing: ExistingSignatures | undefined): Promise<void> {
    // The config lists layer digests only: any media type and annotations give the same one.
    const layer: Descriptor = {
      mediaType: 'application/octet-stream',
      size: blob.length,
      digest: sha256Digest(blob),
    };
    if (references(existing, layer)) return;
    await this.upload([blob, mergeLayers(existing, [{ layer, blob }]).config]);
  }

  /**
   * Uploads blobs a later `write` references, ahead of it (e.g. an attestation's envelope once it
   * is signed and verified, while other targets are still being signed); `write` then finds them
   * uploaded. Content-addressed and referenced by nothing until the manifest is stored.
   */
  async upload(blobs: readonly Buffer[]): Promise<void> {
    const uploads = await this.limit(() =>
      Promise.allSettled(blobs.map((b) => this.client.uploadBlob(b, { fresh: true }))),
    );
    // What the write loop retries (e.g. an upload session lost to a reset) is left to it: the
    // client forgets a failed upload, so `write` sends it again. Anything else fails the write.
    for (const u of uploads)
      if (u.status === 'rejected' && !isTransientWriteError(u.reason)) throw u.reason;
  }

  /** Appends `layer` (whose blob is `payload`) to the `.sig` of `digest`; `existing` is a recent read. */
  async write(
    digest: string,
    layer: Descriptor,
    payload: Buffer,
    existing: ExistingSignatures | undefined,
  ): Promise<LegacyWriteResult> {
    const { signatureRef, added } = await this.writeAll(
      digest,
      [{ layer, blob: payload }],
      existing,
    );
    return { signatureRef, added: added[0]! };
  }

  /**
   * Appends several layers to the image of `digest` in one read-merge-PUT-confirm (e.g. every
   * attestation of one digest); `added[i]` is false when layer i was already there.
   */
  async writeAll(
    digest: string,
    items: readonly NewLayer[],
    existing: ExistingSignatures | undefined,
  ): Promise<{ signatureRef: string; added: boolean[] }> {
    const signatureRef = `${this.repositoryName}:${this.tagFor(digest)}`;
    // What was there before this write: a layer found there was not added by us.
    const before = mergeLayers(existing, items).added;
    const { wrote } = await confirmedWrite<ExistingSignatures>(
      {
        what: signatureRef,
        round: (previous, wrote) => this.appendOnce(digest, items, previous, wrote),
        confirm: async () => {
          const back = await this.client.getManifest(this.tagFor(digest));
          return Boolean(back && items.every((i) => containsLayer(back.bytes, i.layer)));
        },
        replaced: 'another writer replaced the .sig manifest after our write',
        conflict: (attempts, lastProblem) =>
          new SignImageError(
            'SIGNATURE_WRITE_CONFLICT',
            `the signature of ${this.repositoryName}@${digest} could not be stored after ${attempts} attempts: other writers kept replacing ${this.tagFor(digest)} or the registry kept failing`,
            {
              hint: 'Another job is probably signing the same digest right now; re-run this job once it is done (a re-run keeps every signature already stored)',
              cause: lastProblem,
            },
          ),
      },
      existing,
      { ...this.options, limit: this.limit },
    );
    return { signatureRef, added: before.map((b) => b && wrote) };
  }

  // One round: blobs → fresh read → merge → PUT. Returns the base it merged onto and, when it
  // wrote, how long the read-to-PUT window was (0 when our layers were all there already). The
  // blobs go up before the read, merged onto the last base we saw, so that the window a
  // concurrent writer can race is one GET and one PUT long. The wait before the read-back is
  // sized from that window and covers writers like us, so every writer keeps it that short: when
  // the read shows the `.sig` changed since (someone else landed), what the new merge needs goes
  // up and the `.sig` is read again, instead of a PUT after a window that also holds the new
  // config's read and upload (under load, writers with that longer window landed stale PUTs
  // after other writers' read-backs: two of six signatures lost in one full run).
  private async appendOnce(
    digest: string,
    items: readonly NewLayer[],
    previous: ExistingSignatures | undefined,
    wrote: boolean,
  ): Promise<{ base: ExistingSignatures | undefined; putMs: number }> {
    let known = previous;
    let expected = mergeLayers(known, items);
    for (let reads = 1; ; reads++) {
      await this.uploadMergeBlobs(known, items, expected);
      const started = Date.now();
      const base = await this.read(digest, known);
      // Once seen or written by us, a `.sig` does not go away: a 404 is a torn read.
      if (!base && (known || wrote))
        throw new VanishedError(`${this.tagFor(digest)} answered 404 after it had been read`);
      const merged = mergeLayers(base, items);
      if (!merged.added.some(Boolean)) return { base, putMs: 0 };
      const unchanged = base?.manifest.digest === known?.manifest.digest;
      if (!unchanged && reads < MAX_READS_PER_ROUND) {
        [known, expected] = [base, merged];
        continue;
      }
      // Still changing after as many reads: PUT after the longer window, which the wait before
      // the read-back then covers (it is measured from this read).
      if (!unchanged) await this.uploadMergeBlobs(base, items, merged);
      // A manifest without a `mediaType` field keeps the Content-Type the registry served it with.
      const mediaType =
        parseSignatureManifest(merged.manifest!).mediaType ??
        base?.manifest.mediaType ??
        OCI_MANIFEST;
      await this.client.putManifest(this.tagFor(digest), merged.manifest!, mediaType, {
        ifMatch: base?.manifest.etag,
      });
      return { base, putMs: Math.max(1, Date.now() - started) };
    }
  }

  // A registry refuses a manifest whose blobs it does not have. The blobs are new almost surely,
  // so no HEAD is spent asking (a registry takes a re-upload as well, and the client skips blobs
  // it already uploaded); a payload some layer of `base` already references is there (another
  // key signed this digest).
  private async uploadMergeBlobs(
    base: ExistingSignatures | undefined,
    items: readonly NewLayer[],
    merged: { config: Buffer; added: boolean[] },
  ): Promise<void> {
    await Promise.all([
      ...items.map((i) =>
        references(base, i.layer) ? undefined : this.client.uploadBlob(i.blob, { fresh: true }),
      ),
      merged.added.some(Boolean)
        ? this.client.uploadBlob(merged.config, { fresh: true })
        : undefined,
    ]);
  }
}

// Fresh reads in one round while the `.sig` keeps changing under us, before we PUT anyway.
const MAX_READS_PER_ROUND = 3;

// The layers merged onto `base` one after another, as cosign appends them: the manifest and
// config to write, and for each layer whether it was new (false: an equal layer was there).
function mergeLayers(
  base: ExistingSignatures | undefined,
  items: readonly NewLayer[],
): { manifest?: Buffer; config: Buffer; added: boolean[] } {
  let manifest = base?.manifest.bytes;
  let config = base?.config;
  const added: boolean[] = [];
  for (const { layer } of items) {
    const m = mergeSignatureManifest(manifest, layer, config);
    added.push(m.added);
    manifest = m.manifest;
    config = m.config;
  }
  return { manifest, config: config!, added };
}

// True when some layer of the `.sig` already references our payload blob.
function references(sig: ExistingSignatures | undefined, layer: Descriptor): boolean {
  return Boolean(
    sig && parseSignatureManifest(sig.manifest.bytes).layers.some((l) => l.digest === layer.digest),
  );
}

// Our layer is unique (its signature annotation is fresh), so presence means our write survived.
function containsLayer(manifestBytes: Buffer, layer: Descriptor): boolean {
  const ours = Object.entries(layer.annotations ?? {});
  return parseSignatureManifest(manifestBytes).layers.some((l) => {
    const theirs = l.annotations ?? {};
    return (
      l.digest === layer.digest &&
      Object.keys(theirs).length === ours.length &&
      ours.every(([k, v]) => theirs[k] === v)
    );
  });
}
