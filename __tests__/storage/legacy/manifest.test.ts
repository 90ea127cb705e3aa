import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSignatureLayer, type Descriptor } from '../../../src/storage/legacy/layer.js';
import {
  emptySignatureManifest,
  MAX_SIGNATURE_LAYERS,
  mergeSignatureManifest,
  parseSignatureManifest,
  serializeSignatureManifest,
  signatureTag,
} from '../../../src/storage/legacy/manifest.js';
import { errorOf } from '../../helpers/errors.js';

const CAPTURES = fileURLToPath(new URL('../../fixtures/peer-captures/', import.meta.url));
const read = (path: string) => readFileSync(`${CAPTURES}${path}`);
const cosign = {
  manifest: read('cosign-sig/sig-manifest.json'),
  config: read('cosign-sig/sig-config.json'),
  payload: read(
    'cosign-sig/layer-4df224bc52124ff918fec7367ffcaffcf70846613d2272e82d493f1238bf9d59.json',
  ),
  headers: read('cosign-sig/sig-manifest.headers.txt').toString(),
};
const skopeo = {
  manifest: read('skopeo-sig/sig-manifest.json'),
  config: read('skopeo-sig/sig-config.json'),
};
// cosign 2.5 appended its signature (layer 1, the 239-byte payload) to a skopeo-made `.sig`,
// then skopeo appended layers 2 and 3 (see peer-captures/README.md).
const fourSigs = read('skopeo-sig/sig-manifest-4-signatures-2-signers.json');
const Z = '"0001-01-01T00:00:00Z"';

const sha256 = (b: Buffer | string) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const layersOf = (m: Buffer) => (JSON.parse(m.toString()) as { layers: Descriptor[] }).layers;
const sigOf = (m: Buffer, i = 0) =>
  layersOf(m)[i]!.annotations!['dev.cosignproject.cosign/signature']!;
const newLayer = (n: string) =>
  buildSignatureLayer({ payload: Buffer.from(`{"n":"${n}"}`), signatureBase64: 'TUVVQ0lR' });

describe('signatureTag', () => {
  it('is sha256-<hex>.sig', () => {
    expect(signatureTag(`sha256:${'ab'.repeat(32)}`)).toBe(`sha256-${'ab'.repeat(32)}.sig`);
    expect(() => signatureTag('sha256:xyz')).toFailWith('DIGEST_INVALID');
  });
});

describe('mergeSignatureManifest', () => {
  describe('when there is no .sig yet', () => {
    it("rebuilds cosign's captured manifest and config byte for byte from its layer", () => {
      const layer = buildSignatureLayer({
        payload: cosign.payload,
        signatureBase64: sigOf(cosign.manifest),
      });
      const merged = mergeSignatureManifest(undefined, layer);
      expect(merged.manifest.toString()).toBe(cosign.manifest.toString());
      expect(merged.config.equals(cosign.config)).toBe(true);
      expect(merged.configDigest).toBe(
        'sha256:c990d6db0c5e8bb7d63c7cc209e611e153f6f604daeee9acf00f66c4002bf1c9',
      );
      expect(merged.added).toBe(true);
      // …and so to the digest the registry served it under.
      expect(cosign.headers).toContain(`Docker-Content-Digest: ${sha256(merged.manifest)}`);
    });
  });

  describe('when the .sig was made by cosign', () => {
    it('returns the existing bytes unchanged for an identical layer (added: false)', () => {
      const layer = buildSignatureLayer({
        payload: cosign.payload,
        signatureBase64: sigOf(cosign.manifest),
      });
      for (const config of [cosign.config, undefined]) {
        const merged = mergeSignatureManifest(cosign.manifest, layer, config);
        expect(merged).toMatchObject({ manifest: cosign.manifest, added: false });
        expect(merged.config.equals(cosign.config)).toBe(true);
      }
    });

    it('appends a second layer; the config gains a diff_id and a history entry', () => {
      const layer = newLayer('second');
      const merged = mergeSignatureManifest(cosign.manifest, layer, cosign.config);
      expect(layersOf(merged.manifest)).toEqual([layersOf(cosign.manifest)[0], layer]);
      const [first] = JSON.parse(cosign.config.toString()).rootfs.diff_ids as string[];
      expect(merged.config.toString()).toBe(
        `{"architecture":"","created":${Z},"history":[{"created":${Z}},{"created":${Z}}],"os":"",` +
          `"rootfs":{"type":"layers","diff_ids":["${first}","${layer.digest}"]},"config":{}}`,
      );
      // Without the config blob the result is the same for a cosign-made `.sig`.
      expect(mergeSignatureManifest(cosign.manifest, layer).manifest.equals(merged.manifest)).toBe(
        true,
      );
      expect(merged.manifest.toString()).toContain(
        `"size":${merged.config.length},"digest":"${merged.configDigest}"`,
      );
    });

    it('appends a layer with the same payload but other annotations', () => {
      const again = buildSignatureLayer({ payload: cosign.payload, signatureBase64: 'QUJD' });
      expect(mergeSignatureManifest(cosign.manifest, again, cosign.config).added).toBe(true);
    });
  });

  describe('when the .sig was made by skopeo', () => {
    it('re-serializes its layers in ggcr key order and re-marshals its config as ggcr does', () => {
      const layer = newLayer('ours');
      const merged = mergeSignatureManifest(skopeo.manifest, layer, skopeo.config);
      const [theirs] = layersOf(skopeo.manifest);
      expect(merged.manifest.toString()).toBe(
        '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",' +
          `"config":{"mediaType":"application/vnd.oci.image.config.v1+json","size":${merged.config.length},"digest":"${merged.configDigest}"},` +
          `"layers":[{"mediaType":"${theirs!.mediaType}","size":${theirs!.size},"digest":"${theirs!.digest}",` +
          `"annotations":{"dev.cosignproject.cosign/signature":"${sigOf(skopeo.manifest)}"}},` +
          `{"mediaType":"${layer.mediaType}","size":${layer.size},"digest":"${layer.digest}",` +
          `"annotations":{"dev.cosignproject.cosign/signature":"TUVVQ0lR"}}]}`,
      );
      // ggcr adds `created` and history for the appended layer only: skopeo wrote none.
      expect(merged.config.toString()).toBe(
        `{"architecture":"","created":${Z},"history":[{"created":${Z}}],"os":"",` +
          `"rootfs":{"type":"layers","diff_ids":["${theirs!.digest}","${layer.digest}"]},"config":{}}`,
      );
    });

    it('writes the config real cosign wrote when it appended to a skopeo .sig (genuine capture)', () => {
      const captured = layersOf(fourSigs);
      // The skopeo-made `.sig` before cosign signed: layer 0 and skopeo's config for it.
      const before = serializeSignatureManifest({
        ...emptySignatureManifest(),
        layers: [captured[0]!],
      });
      const skopeoConfig = `{"architecture":"","os":"","config":{},"rootfs":{"type":"layers","diff_ids":["${captured[0]!.digest}"]}}`;
      const merged = mergeSignatureManifest(before, captured[1]!, Buffer.from(skopeoConfig));
      expect(layersOf(merged.manifest)).toEqual(captured.slice(0, 2));
      // skopeo then appended layers 2 and 3, re-marshalling our config in its own field order; the
      // result must be the config digest in the captured manifest.
      const ours = JSON.parse(merged.config.toString());
      const ids = [...ours.rootfs.diff_ids, captured[2]!.digest, captured[3]!.digest];
      const bySkopeo = JSON.stringify({
        created: ours.created,
        architecture: ours.architecture,
        os: ours.os,
        config: ours.config,
        rootfs: { type: ours.rootfs.type, diff_ids: ids },
        history: ours.history,
      });
      expect(JSON.parse(fourSigs.toString()).config).toEqual({
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: sha256(bySkopeo),
        size: bySkopeo.length,
      });
    });

    it('tells same-digest layers apart by their annotations (4 signatures, 2 signers)', () => {
      const captured = layersOf(fourSigs);
      expect(mergeSignatureManifest(fourSigs, { ...captured[3]! }).added).toBe(false);
      const sameBlobNewSig = {
        ...captured[3]!,
        annotations: { 'dev.cosignproject.cosign/signature': 'QUJD' },
      };
      const merged = mergeSignatureManifest(fourSigs, sameBlobNewSig);
      expect(merged.added).toBe(true);
      expect(layersOf(merged.manifest)).toEqual([...captured, sameBlobNewSig]);
    });
  });

  describe('with other existing manifests', () => {
    it('keeps Docker media types, manifest annotations and artifactType; drops subject like ggcr', () => {
      const existing = Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
          config: {
            mediaType: 'application/vnd.docker.container.image.v1+json',
            size: 1,
            digest: sha256('x'),
            data: 'eA==',
          },
          layers: null,
          annotations: { z: '1', a: '<2>' },
          subject: { mediaType: 'm', size: 1, digest: sha256('s') },
          artifactType: 'application/x',
          unknown: true,
        }),
      );
      const layer = newLayer('docker');
      const merged = mergeSignatureManifest(existing, layer);
      expect(merged.manifest.toString()).toBe(
        '{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",' +
          `"config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":${merged.config.length},` +
          `"digest":"${merged.configDigest}","data":"${merged.config.toString('base64')}"},` +
          `"layers":[{"mediaType":"${layer.mediaType}","size":${layer.size},"digest":"${layer.digest}",` +
          '"annotations":{"dev.cosignproject.cosign/signature":"TUVVQ0lR"}}],' +
          '"annotations":{"a":"\\u003c2\\u003e","z":"1"},"artifactType":"application/x"}',
      );
    });

    it('re-serializes every ggcr descriptor field of existing layers in struct order', () => {
      const odd = {
        artifactType: 'application/x-sig',
        platform: {
          features: ['sse4'],
          variant: 'v8',
          'os.features': ['f'],
          'os.version': '1',
          os: 'linux',
          architecture: 'arm64',
        },
        annotations: { b: '2', a: '1' },
        urls: ['https://example.com/blob'],
        data: 'e30=',
        digest: sha256('{}'),
        size: 2,
        mediaType: 'application/vnd.oci.empty.v1+json',
        dropped: 'by ggcr',
      };
      const existing = serializeSignatureManifest(emptySignatureManifest())
        .toString()
        .replace('"layers":[]', `"layers":[${JSON.stringify(odd)}]`);
      const merged = mergeSignatureManifest(Buffer.from(existing), newLayer('x'));
      expect(merged.manifest.toString()).toContain(
        `"layers":[{"mediaType":"application/vnd.oci.empty.v1+json","size":2,"digest":"${sha256('{}')}",` +
          '"data":"e30=","urls":["https://example.com/blob"],"annotations":{"a":"1","b":"2"},' +
          '"platform":{"architecture":"arm64","os":"linux","os.version":"1","os.features":["f"],"variant":"v8","features":["sse4"]},' +
          '"artifactType":"application/x-sig"},',
      );
    });

    it(`refuses to grow past ${MAX_SIGNATURE_LAYERS} layers (cosign readers refuse more)`, () => {
      const layers = Array.from({ length: MAX_SIGNATURE_LAYERS - 1 }, (_, i) =>
        newLayer(String(i)),
      );
      const full = serializeSignatureManifest({ ...emptySignatureManifest(), layers });
      const merged = mergeSignatureManifest(full, newLayer('last'));
      expect(layersOf(merged.manifest)).toHaveLength(MAX_SIGNATURE_LAYERS);
      const e = errorOf(() => mergeSignatureManifest(merged.manifest, newLayer('one too many')));
      expect(e.code).toBe('SIGNATURE_LIMIT_EXCEEDED');
      expect(e.message).toContain('1000');
    });

    it.each([
      ['not JSON', '{'],
      [
        'an index',
        JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.index.v1+json',
          manifests: [],
        }),
      ],
      [
        'no schemaVersion',
        JSON.stringify({
          config: {
            mediaType: 'application/vnd.oci.image.config.v1+json',
            size: 2,
            digest: sha256('{}'),
          },
          layers: [],
        }),
      ],
      [
        'a sha512 layer',
        JSON.stringify({
          ...emptySignatureManifest(),
          layers: [{ mediaType: 'm', size: 1, digest: `sha512:${'a'.repeat(128)}` }],
        }),
      ],
      [
        'a string size',
        JSON.stringify({
          ...emptySignatureManifest(),
          layers: [{ mediaType: 'm', size: '1', digest: sha256('a') }],
        }),
      ],
      [
        'a numeric annotation',
        JSON.stringify({
          ...emptySignatureManifest(),
          layers: [{ mediaType: 'm', size: 1, digest: sha256('a'), annotations: { a: 1 } }],
        }),
      ],
      [
        'an artifact config',
        JSON.stringify({
          ...emptySignatureManifest(),
          config: { mediaType: 'application/vnd.oci.empty.v1+json', size: 2, digest: sha256('{}') },
        }),
      ],
    ])('refuses an existing manifest with %s (SIGNATURE_MANIFEST_INVALID)', (_why, text) => {
      expect(() => mergeSignatureManifest(Buffer.from(text), newLayer('x'))).toFailWith(
        'SIGNATURE_MANIFEST_INVALID',
      );
    });
  });
});

describe('parseSignatureManifest', () => {
  it('reads both captured manifests', () => {
    expect(parseSignatureManifest(cosign.manifest).layers).toHaveLength(1);
    expect(parseSignatureManifest(fourSigs).layers.map((l) => l.size)).toEqual([
      367, 239, 367, 367,
    ]);
  });
});
