// Reads signatures straight from the test registry with plain fetch + Basic auth: the legacy
// `sha256-<hex>.sig` manifest and its payload layers, and the referrers tag index
// (`sha256-<hex>`). Independent of src/, so tests can check what the action really wrote.
import { createHash } from 'node:crypto';
import { loadTestbed, type TestbedState } from './testbed.js';

const ACCEPT = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
].join(', ');

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
  artifactType?: string;
}

export interface Manifest {
  schemaVersion: number;
  mediaType?: string;
  artifactType?: string;
  config?: Descriptor;
  layers?: Descriptor[];
  manifests?: Descriptor[];
  subject?: Descriptor;
  annotations?: Record<string, string>;
}

export interface Fetched {
  raw: Buffer; // exact bytes the registry served
  digest: string; // sha256 of raw
  contentType: string;
  manifest: Manifest;
}

// "HOST/REPO@sha256:…" or "HOST/REPO:TAG@sha256:…" → registry host, repository path, digest.
export function splitImage(image: string): { host: string; repo: string; digest: string } {
  const m = /^([^/]+)\/([^@:]+)(?::[^@]+)?@(sha256:[0-9a-f]{64})$/.exec(image);
  if (!m) throw new Error(`expected HOST/REPO@sha256:<hex>, got ${image}`);
  return { host: m[1]!, repo: m[2]!, digest: m[3]! };
}

function auth(s: TestbedState): Record<string, string> {
  return {
    Authorization: `Basic ${Buffer.from(`${s.registry.username}:${s.registry.password}`).toString('base64')}`,
  };
}

// GET a manifest by tag or digest; undefined on 404.
export async function getManifest(
  repo: string,
  ref: string,
  state = loadTestbed(),
): Promise<Fetched | undefined> {
  const r = await fetch(`http://${state.registry.host}/v2/${repo}/manifests/${ref}`, {
    headers: { ...auth(state), Accept: ACCEPT },
  });
  if (r.status === 404) return undefined;
  if (!r.ok) throw new Error(`GET manifest ${repo}:${ref}: ${r.status} ${await r.text()}`);
  const raw = Buffer.from(await r.arrayBuffer());
  return {
    raw,
    digest: 'sha256:' + createHash('sha256').update(raw).digest('hex'),
    contentType: r.headers.get('content-type') ?? '',
    manifest: JSON.parse(raw.toString()) as Manifest,
  };
}

export async function getBlob(
  repo: string,
  digest: string,
  state = loadTestbed(),
): Promise<Buffer> {
  const r = await fetch(`http://${state.registry.host}/v2/${repo}/blobs/${digest}`, {
    headers: auth(state),
  });
  if (!r.ok) throw new Error(`GET blob ${repo}@${digest}: ${r.status}`);
  const b = Buffer.from(await r.arrayBuffer());
  const got = 'sha256:' + createHash('sha256').update(b).digest('hex');
  if (got !== digest) throw new Error(`blob ${digest} has digest ${got}`);
  return b;
}

export interface SigLayer {
  descriptor: Descriptor;
  annotations: Record<string, string>;
  payload: Buffer; // the simple-signing payload bytes
  payloadJson: unknown;
  bundle?: {
    SignedEntryTimestamp: string;
    Payload: { body: string; integratedTime: number; logIndex: number; logID: string };
  };
}

export interface SigPeek extends Fetched {
  tag: string;
  config: Buffer;
  layers: SigLayer[];
}

// The legacy `.sig` of image (HOST/REPO@sha256:…); undefined when there is none.
export async function peekSignatures(
  image: string,
  state = loadTestbed(),
): Promise<SigPeek | undefined> {
  const { repo, digest } = splitImage(image);
  const tag = `${digest.replace(':', '-')}.sig`;
  const m = await getManifest(repo, tag, state);
  if (!m) return undefined;
  const config = m.manifest.config
    ? await getBlob(repo, m.manifest.config.digest, state)
    : Buffer.alloc(0);
  const layers = await Promise.all(
    (m.manifest.layers ?? []).map(async (d): Promise<SigLayer> => {
      const payload = await getBlob(repo, d.digest, state);
      const annotations = d.annotations ?? {};
      const bundle = annotations['dev.sigstore.cosign/bundle'];
      return {
        descriptor: d,
        annotations,
        payload,
        payloadJson: JSON.parse(payload.toString()) as unknown,
        bundle: bundle ? (JSON.parse(bundle) as SigLayer['bundle']) : undefined,
      };
    }),
  );
  return { ...m, tag, config, layers };
}

export interface Referrer extends Fetched {
  descriptor: Descriptor;
  layers: { descriptor: Descriptor; content: Buffer }[];
}

// Referrers of image through the OCI referrers tag schema (`sha256-<hex>` index), which is
// what this registry (no referrers API) and GHCR need; [] when there is no such index.
export async function peekReferrers(image: string, state = loadTestbed()): Promise<Referrer[]> {
  const { repo, digest } = splitImage(image);
  const index = await getManifest(repo, digest.replace(':', '-'), state);
  if (!index) return [];
  return Promise.all(
    (index.manifest.manifests ?? []).map(async (d) => {
      const m = (await getManifest(repo, d.digest, state))!;
      const layers = await Promise.all(
        (m.manifest.layers ?? []).map(async (l) => ({
          descriptor: l,
          content: await getBlob(repo, l.digest, state),
        })),
      );
      return { ...m, descriptor: d, layers };
    }),
  );
}

// PUT a manifest (any bytes) under a tag, e.g. junk on a `.sig` tag; returns its digest.
export async function putManifest(
  repo: string,
  ref: string,
  bytes: Buffer,
  mediaType: string,
  state = loadTestbed(),
): Promise<string> {
  const r = await fetch(`http://${state.registry.host}/v2/${repo}/manifests/${ref}`, {
    method: 'PUT',
    headers: { ...auth(state), 'Content-Type': mediaType },
    body: bytes,
  });
  if (r.status !== 201)
    throw new Error(`PUT ${repo}:${ref} answered ${r.status}: ${await r.text()}`);
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

// Referrers of image through the OCI 1.1 referrers API (GET /v2/<repo>/referrers/<digest>), on
// a registry that serves it (the bed's referrers registry); undefined when it answers 404.
export async function listReferrersApi(
  image: string,
  state = loadTestbed(),
): Promise<Descriptor[] | undefined> {
  const { repo, digest } = splitImage(image);
  const r = await fetch(`http://${state.registry.host}/v2/${repo}/referrers/${digest}`, {
    headers: { ...auth(state), Accept: 'application/vnd.oci.image.index.v1+json' },
  });
  if (r.status === 404) return undefined;
  if (!r.ok) throw new Error(`GET referrers ${repo}@${digest}: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { manifests: Descriptor[] }).manifests;
}

// Every tag of repo (GET /v2/<repo>/tags/list).
export async function listTags(repo: string, state = loadTestbed()): Promise<string[]> {
  const r = await fetch(`http://${state.registry.host}/v2/${repo}/tags/list`, {
    headers: auth(state),
  });
  if (r.status === 404) return [];
  if (!r.ok) throw new Error(`GET tags ${repo}: ${r.status}`);
  return ((await r.json()) as { tags: string[] | null }).tags ?? [];
}

// Uploads a blob in one monolithic POST+PUT (distribution-spec); returns its digest.
export async function putBlob(repo: string, bytes: Buffer, state = loadTestbed()): Promise<string> {
  const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  const start = await fetch(`http://${state.registry.host}/v2/${repo}/blobs/uploads/`, {
    method: 'POST',
    headers: auth(state),
  });
  if (start.status !== 202) throw new Error(`POST upload ${repo}: ${start.status}`);
  const location = new URL(start.headers.get('location') ?? '', `http://${state.registry.host}`);
  location.searchParams.set('digest', digest);
  const put = await fetch(location, {
    method: 'PUT',
    headers: { ...auth(state), 'Content-Type': 'application/octet-stream' },
    body: bytes,
  });
  if (put.status !== 201) throw new Error(`PUT blob ${repo}: ${put.status}`);
  return digest;
}
