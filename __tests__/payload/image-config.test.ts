import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  appendToImageConfig,
  EMPTY_IMAGE_CONFIG,
  isImageConfigMediaType,
} from '../../src/payload/image-config.js';

const CAPTURES = fileURLToPath(new URL('../fixtures/peer-captures/', import.meta.url));
const cosignConfig = readFileSync(`${CAPTURES}cosign-sig/sig-config.json`);
const skopeoConfig = readFileSync(`${CAPTURES}skopeo-sig/sig-config.json`);
const COSIGN_LAYER = 'sha256:4df224bc52124ff918fec7367ffcaffcf70846613d2272e82d493f1238bf9d59';
const SKOPEO_LAYER = 'sha256:60183ba8769b408a339d7ead1eb2bb07a1fcdede6a430f1ab65b7c34fd1036dd';
const NEW = `sha256:${'e'.repeat(64)}`;
const Z = '"0001-01-01T00:00:00Z"';

describe('appendToImageConfig', () => {
  it("rebuilds cosign's captured 233-byte config from the empty image config", () => {
    const config = appendToImageConfig(EMPTY_IMAGE_CONFIG, [COSIGN_LAYER]);
    expect(config.equals(cosignConfig)).toBe(true);
    expect(config.length).toBe(233);
  });

  it("is a fixed point on cosign's config: appending nothing re-marshals the same bytes", () => {
    expect(appendToImageConfig(cosignConfig, []).equals(cosignConfig)).toBe(true);
  });

  it('adds one diff_id and one zero-time history entry per layer', () => {
    expect(appendToImageConfig(cosignConfig, [NEW]).toString()).toBe(
      `{"architecture":"","created":${Z},"history":[{"created":${Z}},{"created":${Z}}],"os":"",` +
        `"rootfs":{"type":"layers","diff_ids":["${COSIGN_LAYER}","${NEW}"]},"config":{}}`,
    );
  });

  it("re-marshals skopeo's config in ggcr order, with history only for the appended layer", () => {
    expect(appendToImageConfig(skopeoConfig, [NEW]).toString()).toBe(
      `{"architecture":"","created":${Z},"history":[{"created":${Z}}],"os":"",` +
        `"rootfs":{"type":"layers","diff_ids":["${SKOPEO_LAYER}","${NEW}"]},"config":{}}`,
    );
  });

  it('keeps every v1.ConfigFile field in struct order and drops fields ggcr does not know', () => {
    const input = {
      zzz: 'dropped',
      'os.features': ['f1'],
      variant: 'v8',
      'os.version': '10.0',
      config: {
        Shell: ['sh'],
        ExposedPorts: { '80/tcp': {}, '443/tcp': {} },
        Labels: { b: '2', a: '<1>' },
        Env: ['A=1'],
        Healthcheck: { Test: ['CMD', 'true'], Interval: 30000000000, Retries: 0 },
        Cmd: ['run'],
        Tty: false,
        AttachStdin: true,
        Unknown: 1,
      },
      rootfs: { diff_ids: [COSIGN_LAYER], type: 'layers' },
      os: 'linux',
      history: [
        {
          empty_layer: true,
          comment: 'c',
          created_by: 'b',
          created: '2024-01-02T03:04:05.100+00:00',
          author: 'a',
        },
      ],
      docker_version: '1',
      created: '2024-01-02T03:04:05+01:00',
      container: 'x',
      author: 'me & you',
      architecture: 'amd64',
    };
    expect(appendToImageConfig(Buffer.from(JSON.stringify(input)), [NEW]).toString()).toBe(
      '{"architecture":"amd64","author":"me \\u0026 you","container":"x","created":"2024-01-02T03:04:05+01:00",' +
        '"docker_version":"1","history":[{"author":"a","created":"2024-01-02T03:04:05.1Z","created_by":"b",' +
        `"comment":"c","empty_layer":true},{"created":${Z}}],"os":"linux",` +
        `"rootfs":{"type":"layers","diff_ids":["${COSIGN_LAYER}","${NEW}"]},` +
        '"config":{"AttachStdin":true,"Cmd":["run"],"Healthcheck":{"Test":["CMD","true"],"Interval":30000000000},' +
        '"Env":["A=1"],"Labels":{"a":"\\u003c1\\u003e","b":"2"},"ExposedPorts":{"443/tcp":{},"80/tcp":{}},' +
        '"Shell":["sh"]},"os.version":"10.0","variant":"v8","os.features":["f1"]}',
    );
  });

  it.each([
    ['not JSON', '{'],
    ['a list', '[]'],
    ['a bad diff_id', '{"rootfs":{"type":"layers","diff_ids":["sha512:00"]}}'],
    ['a bad created', '{"created":"yesterday"}'],
    ['a non-string os', '{"os":1}'],
    ['history not a list', '{"history":{}}'],
    ['a non-boolean Tty', '{"config":{"Tty":"yes"}}'],
  ])('refuses a config with %s (SIGNATURE_MANIFEST_INVALID)', (_why, text) => {
    expect(() => appendToImageConfig(Buffer.from(text), [NEW])).toFailWith(
      'SIGNATURE_MANIFEST_INVALID',
    );
  });
});

describe('isImageConfigMediaType', () => {
  it('is true for the OCI and Docker image config types only', () => {
    expect(isImageConfigMediaType('application/vnd.oci.image.config.v1+json')).toBe(true);
    expect(isImageConfigMediaType('application/vnd.docker.container.image.v1+json')).toBe(true);
    expect(isImageConfigMediaType('application/vnd.oci.empty.v1+json')).toBe(false);
  });
});
