// Writes cosign v3's default signature form: the Sigstore bundle as an OCI 1.1 artifact manifest
// whose `subject` is the signed digest (cosign-format §6), found through the registry's referrers
// API or, where that is missing (docker-registry 2.8, GHCR), through the `sha256-<hex>` tag index.
//
// Decision: our own RegistryClient, not @sigstore/oci's attachArtifactToImage (0.7.2). It does
// the same steps, but its index update is one PUT with If-Match and no re-read: a 412 fails the
// whole call, and on a registry that ignores If-Match (docker-registry 2.8) a concurrent
// signer's referrer is silently dropped. It also leaves the list unsorted, reports every failure
// as "Error uploading artifact to container registry", writes `created` with milliseconds and a
// config descriptor without cosign's artifactType, skips auth entirely without credentials (no
// anonymous token), reads only ~/.docker/config.json `auths`, and probes auth by opening a blob
// upload. Our client (registry/client.ts header) already handles auth, credential helpers and
// DOCKER_CONFIG and shares single-flight blob uploads with the `.sig` store; feeding its
// resolved credentials to @sigstore/oci would still leave the index problems. So what is left
// is this thin adapter over our client.
//
// The index is read-modify-write like the `.sig`, through the same loop (../confirmed-write.ts):
// read fresh, merge (keeping every listed referrer), PUT with If-Match, wait, read back, and
// merge again if another writer's stale PUT replaced ours. Nothing is written before every
// signature of the run was logged.
import type { RegistryClient } from '../../registry/client.js';
import { OCI_INDEX, OCI_MANIFEST } from '../../registry/media-types.js';
import type { Descriptor } from '../../registry/types.js';
import { SignImageError } from '../../errors.js';
import { createLimiter, type Limiter } from '../../util/limit.js';
import { sleep } from '../../util/retry.js';
import { confirmedWrite, VanishedError } from '../confirmed-write.js';
import {
  buildReferrerManifest,
  EMPTY_BLOB,
  indexLists,
  mergeReferrersIndex,
  referrersTag,
  type BuiltReferrer,
  type ReferrerInput,
} from './referrer.js';

/** Where a bundle went: `repo@sha256:<referrer manifest>` and how it is found. */
export interface BundleWriteResult {
  signatureRef: string;
  /** `api`: the registry lists referrers itself; `tag`: we keep the `sha256-<hex>` index. */
  listedBy: 'api' | 'tag';
}

/** Tuning of the write loop; the defaults suit real registries, tests shorten them. */
export interface BundleStoreOptions {
  limit?: Limiter;
  maxAttempts?: number;
  backoff?: { baseMs: number; maxMs: number };
  /** Least wait between our index PUT and the read-back that confirms it. */
  settleMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => Date;
}

/** The bundle referrers of one repository. */
export class BundleStore {
  private readonly limit: Limiter;
  private readonly options: Required<Omit<BundleStoreOptions, 'limit'>>;

  constructor(
    private readonly client: RegistryClient,
    private readonly repositoryName: string,
    options: BundleStoreOptions = {},
  ) {
    this.limit = options.limit ?? createLimiter(8);
    this.options = {
      maxAttempts: options.maxAttempts ?? 8,
      backoff: options.backoff ?? { baseMs: 100, maxMs: 2000 },
      settleMs: options.settleMs ?? 150,
      sleep: options.sleep ?? sleep,
      random: options.random ?? Math.random,
      now: options.now ?? (() => new Date()),
    };
  }

  /** Attaches `bundle` to `subject` (the signed manifest's descriptor) as cosign v3 does. */
  async write(
    subject: Descriptor,
    bundle: Buffer,
    meta: Pick<ReferrerInput, 'content' | 'predicateType'>,
  ): Promise<BundleWriteResult> {
    const built = buildReferrerManifest({ bundle, subject, ...meta, created: this.options.now() });
    const signatureRef = `${this.repositoryName}@${built.descriptor.digest}`;
    const tag = referrersTag(subject.digest);
    const { endedBy } = await confirmedWrite<Buffer>(
      {
        what: signatureRef,
        setup: async () => {
          // As ggcr, only 404/400 mean "no API, keep the tag index"; asked before the first
          // write, so a registry that answers something else leaves no orphan manifest behind.
          const api = await this.limit(() => this.client.referrers(subject.digest));
          await this.limit(() => this.push(built, bundle));
          return api.supported;
        },
        round: (previous) => this.addOnce(subject.digest, built.descriptor, previous),
        confirm: async () => {
          const back = await this.client.getManifest(tag);
          return Boolean(back && indexLists(back.bytes, built.descriptor.digest));
        },
        replaced: 'another writer replaced the referrers index after our write',
        conflict: (attempts, lastProblem) =>
          new SignImageError(
            'REFERRERS_INDEX_CONFLICT',
            `the bundle for ${this.repositoryName}@${subject.digest} could not be listed after ${attempts} attempts: other writers kept replacing the ${tag} index or the registry kept failing`,
            {
              hint: 'Another job is probably signing the same digest right now; re-run this job once it is done (a re-run keeps every referrer already listed)',
              cause: lastProblem,
            },
          ),
      },
      undefined,
      { ...this.options, limit: this.limit },
    );
    return { signatureRef, listedBy: endedBy === 'setup' ? 'api' : 'tag' };
  }

  // Blobs first (a registry refuses a manifest whose blobs it lacks), then the manifest by digest.
  private async push(built: BuiltReferrer, bundle: Buffer): Promise<void> {
    await Promise.all([this.client.uploadBlob(EMPTY_BLOB), this.client.uploadBlob(bundle)]);
    await this.client.putManifest(built.descriptor.digest, built.bytes, OCI_MANIFEST);
  }

  // One round: fresh read → merge → PUT (If-Match when the registry gave an ETag). Returns what
  // it merged onto and, when it wrote, how long the read-to-PUT took (0: already listed).
  private async addOnce(
    digest: string,
    ours: Descriptor,
    previous: Buffer | undefined,
  ): Promise<{ base: Buffer | undefined; putMs: number }> {
    const tag = referrersTag(digest);
    const started = Date.now();
    const current = await this.client.getManifest(tag);
    // An index seen before that now answers 404 is a torn read during someone's write, not "none".
    if (!current && previous) throw new VanishedError(`${tag} answered 404 after it had been read`);
    const merged = mergeReferrersIndex(current?.bytes, ours);
    if (!merged.added) return { base: current?.bytes, putMs: 0 };
    await this.client.putManifest(tag, merged.bytes, OCI_INDEX, { ifMatch: current?.etag });
    return { base: current?.bytes, putMs: Math.max(1, Date.now() - started) };
  }
}
