// The referrer manifest and the referrers-tag index against what cosign 3.1.1 wrote on the test
// bed (peer-captures/cosign-bundle) and the genuine example in cosign-format.md §6.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SignImageError } from '../../../src/errors.js';
import { OCI_EMPTY, OCI_MANIFEST, SIGSTORE_BUNDLE_V03 } from '../../../src/registry/media-types.js';
import type { Descriptor } from '../../../src/registry/types.js';
import {
  buildReferrerManifest,
  EMPTY_BLOB,
  indexLists,
  mergeReferrersIndex,
  referrersTag,
} from '../../../src/storage/bundle/referrer.js';

const DIR = fileURLToPath(new URL('../../fixtures/peer-captures/cosign-bundle/', import.meta.url));
const read = (name: string) => readFileSync(`${DIR}${name}`);
const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const PREDICATE = 'https://sigstore.dev/cosign/sign/v1';

// cosign-format.md §6, the genuine example (digests shortened there; only the shape is compared).
const DOC_EXAMPLE =
  '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.empty.v1+json","size":2,"digest":"sha256:44136fa3…","artifactType":"application/vnd.dev.sigstore.bundle.v0.3+json"},"layers":[{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","size":4037,"digest":"sha256:<bundle>"}],"annotations":{"dev.sigstore.bundle.content":"dsse-envelope","dev.sigstore.bundle.predicateType":"https://sigstore.dev/cosign/sign/v1","org.opencontainers.image.created":"2026-08-12T20:53:28Z"},"subject":{"mediaType":"application/vnd.oci.image.index.v1+json","size":928,"digest":"sha256:<subject>"},"artifactType":"application/vnd.dev.sigstore.bundle.v0.3+json"}';

// Every key path in document order, e.g. "config.artifactType".
function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => keyPaths(v, `${prefix}[]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => [
    `${prefix}${k}`,
    ...keyPaths(v, `${prefix}${k}.`),
  ]);
}

// Rebuilds one of cosign's referrers from its own parts: the bundle blob, subject and time.
function rebuild(name: 'plain' | 'annotated') {
  const genuine = read(`referrer-manifest-${name}.json`);
  const doc = JSON.parse(genuine.toString());
  const built = buildReferrerManifest({
    bundle: read(`bundle-${name}.json`),
    subject: doc.subject,
    content: 'dsse-envelope',
    predicateType: PREDICATE,
    created: new Date(doc.annotations['org.opencontainers.image.created']),
  });
  return { genuine, built };
}

describe('buildReferrerManifest', () => {
  it.each(['plain', 'annotated'] as const)(
    'is byte for byte the manifest cosign 3.1 wrote (%s)',
    (name) => {
      const { genuine, built } = rebuild(name);
      expect(built.bytes.toString()).toBe(genuine.toString());
      expect(built.descriptor.digest).toBe(sha256(genuine));
    },
  );

  it('has the key order and shape of the genuine example in cosign-format §6', () => {
    const { built } = rebuild('plain');
    expect(keyPaths(JSON.parse(built.bytes.toString()))).toEqual(keyPaths(JSON.parse(DOC_EXAMPLE)));
  });

  it('writes the creation time in whole seconds, UTC, and points the config at the {} blob', () => {
    const built = buildReferrerManifest({
      bundle: Buffer.from('{"b":1}'),
      subject: { mediaType: OCI_MANIFEST, size: 10, digest: `sha256:${'a'.repeat(64)}` },
      content: 'dsse-envelope',
      predicateType: PREDICATE,
      created: new Date('2026-01-02T03:04:05.678Z'),
    });
    const doc = JSON.parse(built.bytes.toString());
    expect(doc.annotations['org.opencontainers.image.created']).toBe('2026-01-02T03:04:05Z');
    expect(doc.config).toEqual({
      mediaType: OCI_EMPTY,
      size: 2,
      digest: sha256(EMPTY_BLOB),
      artifactType: SIGSTORE_BUNDLE_V03,
    });
    expect(doc.layers).toEqual([
      { mediaType: SIGSTORE_BUNDLE_V03, size: 7, digest: sha256(Buffer.from('{"b":1}')) },
    ]);
  });

  it('describes itself as the referrers API would: its own artifactType and annotations', () => {
    const { built } = rebuild('plain');
    const doc = JSON.parse(built.bytes.toString());
    expect(built.descriptor).toEqual({
      mediaType: OCI_MANIFEST,
      size: built.bytes.length,
      digest: sha256(built.bytes),
      annotations: doc.annotations,
      artifactType: SIGSTORE_BUNDLE_V03,
    });
  });

  it('keeps only mediaType, size and digest of the subject', () => {
    const built = buildReferrerManifest({
      bundle: Buffer.from('{}'),
      subject: {
        mediaType: OCI_MANIFEST,
        size: 1,
        digest: `sha256:${'b'.repeat(64)}`,
        annotations: { x: 'y' },
      },
      content: 'dsse-envelope',
      created: new Date(0),
    });
    expect(JSON.parse(built.bytes.toString()).subject).toEqual({
      mediaType: OCI_MANIFEST,
      size: 1,
      digest: `sha256:${'b'.repeat(64)}`,
    });
  });
});

describe('referrersTag', () => {
  it('is sha256-<hex> without a suffix', () => {
    expect(referrersTag(`sha256:${'c'.repeat(64)}`)).toBe(`sha256-${'c'.repeat(64)}`);
    expect(() => referrersTag('latest')).toThrow(SignImageError);
  });
});

describe('mergeReferrersIndex', () => {
  const ours = () => rebuild('plain').built.descriptor;
  const other = (hex: string) => ({
    mediaType: OCI_MANIFEST,
    size: 5,
    digest: `sha256:${hex.repeat(64)}`,
    artifactType: 'application/example',
  });

  it('starts a new index with our descriptor when the tag has none', () => {
    const { bytes, added } = mergeReferrersIndex(undefined, ours());
    expect(added).toBe(true);
    const { descriptor } = rebuild('plain').built;
    expect(bytes.toString()).toBe(
      `{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","size":${descriptor.size},"digest":"${descriptor.digest}","annotations":{"dev.sigstore.bundle.content":"dsse-envelope","dev.sigstore.bundle.predicateType":"${PREDICATE}","org.opencontainers.image.created":"2026-11-22T01:43:28Z"},"artifactType":"${SIGSTORE_BUNDLE_V03}"}]}`,
    );
  });

  it("keeps every entry of cosign's index (its empty-config artifactType too) and sorts by digest", () => {
    const genuine = read('referrers-index.json');
    const mine = { ...other('0'), artifactType: SIGSTORE_BUNDLE_V03 };
    const late = other('f');
    const first = mergeReferrersIndex(genuine, late);
    const { bytes, added } = mergeReferrersIndex(first.bytes, mine);
    expect(added).toBe(true);
    const before = JSON.parse(genuine.toString()).manifests;
    const after = JSON.parse(bytes.toString()).manifests;
    expect(after.map((d: { digest: string }) => d.digest)).toEqual([
      mine.digest,
      before[0].digest,
      before[1].digest,
      late.digest,
    ]);
    // cosign's descriptors come back unchanged, byte for byte.
    for (const d of before) expect(bytes.toString()).toContain(JSON.stringify(d));
  });

  it('serialises and orders the index as cosign 3.1 did, given its two entries in reverse order', () => {
    const genuine = read('referrers-index.json');
    const [a, b] = JSON.parse(genuine.toString()).manifests as Descriptor[];
    const one = mergeReferrersIndex(undefined, b!);
    expect(mergeReferrersIndex(one.bytes, a!).bytes.toString()).toBe(genuine.toString());
  });

  it('does not list a digest twice', () => {
    const once = mergeReferrersIndex(undefined, ours());
    const again = mergeReferrersIndex(once.bytes, ours());
    expect(again).toEqual({ bytes: once.bytes, added: false });
    expect(indexLists(again.bytes, ours().digest)).toBe(true);
    expect(indexLists(again.bytes, other('e').digest)).toBe(false);
  });

  it('keeps index-level annotations', () => {
    const existing = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [],
        annotations: { k: 'v' },
      }),
    );
    expect(
      JSON.parse(mergeReferrersIndex(existing, other('1')).bytes.toString()).annotations,
    ).toEqual({ k: 'v' });
  });

  it.each([
    [
      'an image manifest',
      JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: {}, layers: [] }),
    ],
    [
      'an index-less image without mediaType',
      JSON.stringify({ schemaVersion: 2, config: {}, layers: [] }),
    ],
    ['not JSON', 'not json'],
    [
      'a list with a bad descriptor',
      JSON.stringify({ schemaVersion: 2, manifests: [{ digest: 'sha256:x' }] }),
    ],
  ])('refuses to overwrite a tag that holds %s', (_, text) => {
    let error: unknown;
    try {
      mergeReferrersIndex(Buffer.from(text), other('2'));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SignImageError);
    expect((error as SignImageError).code).toBe('REFERRERS_INDEX_INVALID');
    expect((error as SignImageError).message).not.toContain('.sig');
  });
});
