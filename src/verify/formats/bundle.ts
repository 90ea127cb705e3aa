// cosign 3's place: Sigstore bundles attached to the digest as OCI 1.1 referrers (cosign-format
// §6), listed by the registry's referrers API or, without one, by the `sha256-<hex>` tag index.
// A bundle whose statement has cosign's sign predicate type is a signature; any other predicate
// type is an attestation. Bundles are parsed with @sigstore/bundle, as @sigstore/verify expects.
import { errorText } from '../../errors.js';
import { bundleFromJSON, type Bundle } from '@sigstore/bundle';
import { COSIGN_SIGN_PREDICATE_TYPE } from '../../payload/statement.js';
import { repositoryName } from '../../reference/parse.js';
import type { RegistryClient } from '../../registry/client.js';
import { OCI_MANIFEST } from '../../registry/media-types.js';
import type { Descriptor } from '../../registry/types.js';
import { parseReferrersIndex, referrersTag } from '../../storage/bundle/referrer.js';
import { isObject } from '../../util/encoding.js';
import { mapLimit } from '../../util/limit.js';
import { statementClaims } from './claims.js';
import {
  MAX_BLOB_BYTES_PER_DIGEST,
  MAX_CANDIDATES,
  type Candidate,
  type VerifyFormat,
} from './format.js';

const BUNDLE_MEDIA_TYPE_PREFIX = 'application/vnd.dev.sigstore.bundle';
const READS = 8;

/**
 * Bundle referrers of a digest, signatures and attestations alike. Whether a registry serves the
 * referrers API is asked once per registry and run (`apiByRegistry`), not once per repository:
 * a deploy gate verifying 20 repositories of one registry saves 19 probes.
 */
export function bundleReferrers(apiByRegistry = new Map<string, Promise<boolean>>()): VerifyFormat {
  return {
    format: 'bundle',
    kinds: ['signature', 'attestation'],
    async find(target, client) {
      const listed = await listReferrers(target.digest, client, apiByRegistry);
      // Not filtered by the descriptor's artifactType: the ggcr of cosign 3.1 lists its bundles
      // with the config's media type (application/vnd.oci.empty.v1+json), and cosign's reader,
      // like this one, decides by the manifest's layer (cosign-format §6).
      const repo = repositoryName(target.ref);
      const budget = { bytes: MAX_BLOB_BYTES_PER_DIGEST };
      const read = await mapLimit(listed.slice(0, MAX_CANDIDATES), READS, (d) =>
        readReferrer(d, client, `${repo}@${d.digest}`, target.digest, budget),
      );
      return read.filter((c): c is Candidate => c !== undefined);
    },
  };
}

// As go-containerregistry (cosign) lists them: the API, else the fallback tag's index.
async function listReferrers(
  digest: string,
  client: RegistryClient,
  apiByRegistry: Map<string, Promise<boolean>>,
): Promise<Descriptor[]> {
  const known = apiByRegistry.get(client.registry);
  if (known === undefined) {
    const probe = client.referrers(digest);
    apiByRegistry.set(
      client.registry,
      probe.then((r) => r.supported),
    );
    const api = await probe;
    if (api.supported) return api.index?.manifests ?? [];
  } else if (await known.catch(() => false)) {
    return (await client.referrers(digest)).index?.manifests ?? [];
  }
  const index = await client.getManifest(referrersTag(digest));
  if (!index) return [];
  return parseReferrersIndex(index.bytes).manifests;
}

async function readReferrer(
  d: Descriptor,
  client: RegistryClient,
  ref: string,
  digest: string,
  budget: { bytes: number },
): Promise<Candidate | undefined> {
  const base: Candidate = { format: 'bundle', kind: 'signature', ref };
  try {
    const manifest = await client.getManifest(d.digest, OCI_MANIFEST);
    if (!manifest) return { ...base, unreadable: 'the referrer is listed but not in the registry' };
    const layers = (JSON.parse(manifest.bytes.toString('utf8')) as { layers?: unknown }).layers;
    const layer = Array.isArray(layers) && layers.length === 1 ? (layers[0] as unknown) : undefined;
    if (
      !isObject(layer) ||
      typeof layer.digest !== 'string' ||
      typeof layer.mediaType !== 'string' ||
      !layer.mediaType.startsWith(BUNDLE_MEDIA_TYPE_PREFIX)
    )
      return undefined; // another kind of referrer (an SBOM pushed by oras, say): not ours to judge
    // The digest's bundles share one read budget, as its `.sig` layers do (legacy.ts).
    const size = typeof layer.size === 'number' ? layer.size : Infinity;
    if (size > budget.bytes)
      return {
        ...base,
        unreadable: `it was not read: the bundles before it already hold ${MAX_BLOB_BYTES_PER_DIGEST / 1024 / 1024} MiB`,
      };
    budget.bytes -= size;
    const blob = await client.getBlob(layer.digest);
    let bundle: Bundle;
    try {
      bundle = bundleFromJSON(JSON.parse(blob.toString('utf8')));
    } catch (err) {
      return { ...base, unreadable: `its bundle cannot be read (${errorText(err)})` };
    }
    if (bundle.content.$case !== 'dsseEnvelope')
      return {
        ...base,
        bundle,
        unreadable: 'it is a message-signature bundle, which names no image',
      };
    const claims = statementClaims(Buffer.from(bundle.content.dsseEnvelope.payload), digest);
    const kind = claims?.predicateType === COSIGN_SIGN_PREDICATE_TYPE ? 'signature' : 'attestation';
    return { ...base, kind, bundle, claims };
  } catch (err) {
    return { ...base, unreadable: `it cannot be read (${errorText(err)})` };
  }
}
