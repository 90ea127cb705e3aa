import { createHash } from 'node:crypto';
import { hasCode, SignImageError } from '../../src/errors.js';
import {
  expandIndexes,
  indexChildren,
  isAttestationManifest,
  MAX_INDEX_DEPTH,
} from '../../src/reference/expand.js';
import type { SignTarget } from '../../src/reference/targets.js';
import {
  DOCKER_MANIFEST,
  DOCKER_MANIFEST_LIST,
  OCI_INDEX,
  OCI_MANIFEST,
} from '../../src/registry/media-types.js';
import type { Descriptor } from '../../src/registry/types.js';

const sha = (s: string) => `sha256:${createHash('sha256').update(s).digest('hex')}`;
const image = (
  name: string,
  platform?: { os: string; architecture: string },
  annotations?: Record<string, string>,
) =>
  ({
    mediaType: OCI_MANIFEST,
    size: 500,
    digest: sha(name),
    ...(platform ? { platform } : {}),
    ...(annotations ? { annotations } : {}),
  }) as Descriptor;
const indexBytes = (manifests: Descriptor[], mediaType = OCI_INDEX) =>
  Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType, manifests }));

// The shape `docker buildx build --platform linux/amd64,linux/arm64 --push` gives (provenance on).
const amd64 = image('amd64', { os: 'linux', architecture: 'amd64' });
const arm64 = image('arm64', { os: 'linux', architecture: 'arm64' });
const attestation = (of: Descriptor) =>
  image(
    `att-${of.digest}`,
    { os: 'unknown', architecture: 'unknown' },
    {
      'vnd.docker.reference.digest': of.digest,
      'vnd.docker.reference.type': 'attestation-manifest',
    },
  );
const buildkitIndex = indexBytes([amd64, arm64, attestation(amd64), attestation(arm64)]);

describe('indexChildren', () => {
  it('keeps the platform manifests of a BuildKit index and skips its attestation manifests', () => {
    const { sign, skipped } = indexChildren(buildkitIndex, 'r@x');
    expect(sign.map((d) => d.digest)).toEqual([amd64.digest, arm64.digest]);
    expect(skipped.map((d) => d.digest)).toEqual([
      attestation(amd64).digest,
      attestation(arm64).digest,
    ]);
  });

  it('recognises an attestation manifest by the annotation alone or by platform unknown/unknown alone', () => {
    expect(
      isAttestationManifest(
        image('a', undefined, { 'vnd.docker.reference.type': 'attestation-manifest' }),
      ),
    ).toBe(true);
    expect(isAttestationManifest(image('b', { os: 'unknown', architecture: 'unknown' }))).toBe(
      true,
    );
    expect(isAttestationManifest(image('c', { os: 'linux', architecture: 'unknown' }))).toBe(false);
    expect(isAttestationManifest(image('d'))).toBe(false);
  });

  it('keeps nested indexes and Docker media types, skips non-image media types and lists a digest once', () => {
    const nested = { mediaType: DOCKER_MANIFEST_LIST, size: 300, digest: sha('nested') };
    const docker = { ...image('docker'), mediaType: DOCKER_MANIFEST };
    const chart = {
      mediaType: 'application/vnd.cncf.helm.config.v1+json',
      size: 10,
      digest: sha('chart'),
    };
    const { sign, skipped } = indexChildren(indexBytes([nested, docker, chart, docker]), 'r@x');
    expect(sign.map((d) => d.digest)).toEqual([nested.digest, docker.digest]);
    expect(skipped.map((d) => d.digest)).toEqual([chart.digest]);
  });

  it('sign-buildkit-attestations: the attestation manifests too, or only them without recursive', () => {
    const all = indexChildren(buildkitIndex, 'r@x', { platforms: true, attestations: true });
    expect(all.sign.map((d) => d.digest)).toEqual([
      amd64.digest,
      arm64.digest,
      attestation(amd64).digest,
      attestation(arm64).digest,
    ]);
    expect(all.skipped).toEqual([]);
    const only = indexChildren(buildkitIndex, 'r@x', { platforms: false, attestations: true });
    expect(only.sign.map((d) => d.digest)).toEqual([
      attestation(amd64).digest,
      attestation(arm64).digest,
    ]);
    expect(only.skipped.map((d) => d.digest)).toEqual([amd64.digest, arm64.digest]);
  });

  it('refuses what is not an index with INDEX_INVALID', () => {
    for (const bytes of [
      'not json',
      '{"schemaVersion":2}',
      '{"manifests":[{"mediaType":"x","digest":"sha256:abc"}]}',
    ]) {
      expect(() => indexChildren(Buffer.from(bytes), 'r@x')).toThrow(SignImageError);
      try {
        indexChildren(Buffer.from(bytes), 'r@x');
      } catch (err) {
        expect(hasCode(err, 'INDEX_INVALID')).toBe(true);
      }
    }
  });
});

describe('expandIndexes', () => {
  // A registry in memory: digest → media type and bytes. The walk reads it only through the
  // two functions it is given, as pipeline/run.ts gives it the real registry client.
  interface Checked {
    target: SignTarget;
    descriptor: Descriptor;
  }
  const registry = new Map<string, { mediaType: string; bytes: Buffer }>();
  const reads: string[] = [];
  const put = (mediaType: string, bytes: Buffer) => {
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    registry.set(digest, { mediaType, bytes });
    return { mediaType, size: bytes.length, digest } as Descriptor;
  };
  for (const d of [amd64, arm64, attestation(amd64), attestation(arm64)])
    registry.set(d.digest, { mediaType: d.mediaType, bytes: Buffer.from(d.digest) });
  const walker = {
    parallel: 3,
    check: async (target: SignTarget): Promise<Checked> => {
      const found = registry.get(target.digest);
      if (!found)
        throw new SignImageError('DIGEST_NOT_FOUND', `${target.digest} is not in the registry`);
      return {
        target,
        descriptor: { mediaType: found.mediaType, size: found.bytes.length, digest: target.digest },
      };
    },
    readIndex: async (c: Checked) => {
      reads.push(c.target.digest);
      return registry.get(c.target.digest)!.bytes;
    },
  };
  const target = (digest: string, tags: string[] = []): SignTarget => ({
    ref: { registry: 'ghcr.io', repository: 'acme/app', digest },
    digest,
    tags,
  });
  beforeEach(() => reads.splice(0));

  it('signs the index, then its platform manifests, in index order, skipping attestations', async () => {
    const top = put(OCI_INDEX, buildkitIndex);
    const skipped: string[] = [];
    const all = await expandIndexes([await walker.check(target(top.digest, ['1.0']))], {
      ...walker,
      onSkip: (_parent, child) => skipped.push(child.digest),
    });
    expect(all.map((c) => c.target.digest)).toEqual([top.digest, amd64.digest, arm64.digest]);
    // Children carry the parent's repository and no tags: tags label the index only.
    expect(all[1]!.target).toEqual(target(amd64.digest));
    expect(skipped).toEqual([attestation(amd64).digest, attestation(arm64).digest]);
  });

  it('walks nested indexes breadth first and signs each repository@digest once', async () => {
    const inner = put(OCI_INDEX, indexBytes([arm64, amd64]));
    const outer = put(OCI_INDEX, indexBytes([inner, amd64]));
    const roots = [
      await walker.check(target(outer.digest)),
      await walker.check(target(amd64.digest, ['amd64'])),
    ];
    const all = await expandIndexes(roots, walker);
    expect(all.map((c) => c.target.digest)).toEqual([
      outer.digest,
      amd64.digest,
      inner.digest,
      arm64.digest,
    ]);
    // The explicitly named child keeps its tag; it is not added a second time.
    expect(all[1]!.target.tags).toEqual(['amd64']);
    expect(reads).toEqual([outer.digest, inner.digest]);
  });

  it('reads nothing for a plain image', async () => {
    const all = await expandIndexes([await walker.check(target(amd64.digest))], walker);
    expect(all).toHaveLength(1);
    expect(reads).toEqual([]);
  });

  it(`refuses indexes nested deeper than ${MAX_INDEX_DEPTH} levels`, async () => {
    let d = put(OCI_INDEX, indexBytes([amd64]));
    for (let i = 0; i < MAX_INDEX_DEPTH; i++) d = put(OCI_INDEX, indexBytes([d]));
    await expect(expandIndexes([await walker.check(target(d.digest))], walker)).toFailWith(
      'INDEX_INVALID',
    );
  });

  it('names the index when a manifest it lists is missing from the registry', async () => {
    const missing = image('never pushed', { os: 'linux', architecture: 's390x' });
    const top = put(OCI_INDEX, indexBytes([amd64, missing]));
    const err = await expandIndexes([await walker.check(target(top.digest))], walker).catch(
      (e: unknown) => e,
    );
    expect(err).toFailWith('DIGEST_NOT_FOUND');
    expect((err as Error).message).toBe(
      `ghcr.io/acme/app@${missing.digest}, listed in the index ghcr.io/acme/app@${top.digest}, is not in the registry`,
    );
    expect((err as SignImageError).hint).toMatch(/recursive: false/);
  });
});
