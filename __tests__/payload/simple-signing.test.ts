import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  buildSimpleSigningPayload,
  COSIGN_SIGNATURE_TYPE,
  parseSimpleSigningPayload,
} from '../../src/payload/simple-signing.js';
import { parseImageReference, repositoryName } from '../../src/reference/parse.js';

const CAPTURES = fileURLToPath(new URL('../fixtures/peer-captures/', import.meta.url));
const COSIGN_DIGEST = 'sha256:ac80e113b8ab2d970769f8630eaa5ba7fb454ffb624cefc723859ac133323cc5';
const SKOPEO_DIGEST = 'sha256:64ad76d3e0fa633c2a682def852521d744164bc4b034fa5ec5225ce1b5cb286d';
// Genuine payload written by cosign 2.5.0 (peer-captures/README.md).
const cosignPayload = readFileSync(
  `${CAPTURES}cosign-sig/layer-4df224bc52124ff918fec7367ffcaffcf70846613d2272e82d493f1238bf9d59.json`,
);
// Genuine payload written by skopeo 1.18 (containers/image 5.34.2).
const skopeoPayload = readFileSync(
  `${CAPTURES}skopeo-sig/layer-60183ba8769b408a339d7ead1eb2bb07a1fcdede6a430f1ab65b7c34fd1036dd.json`,
);

describe('buildSimpleSigningPayload', () => {
  it('is byte-identical to the payload cosign wrote for the same image and digest', () => {
    const ref = parseImageReference(`127.0.0.1:5000/demo/app@${COSIGN_DIGEST}`);
    expect(
      buildSimpleSigningPayload(repositoryName(ref), COSIGN_DIGEST).equals(cosignPayload),
    ).toBe(true);
  });

  it('writes "optional":null both without annotations and with an empty map (cosign: nil map)', () => {
    const none = buildSimpleSigningPayload('127.0.0.1:5000/demo/app', COSIGN_DIGEST, {});
    expect(none.equals(cosignPayload)).toBe(true);
  });

  it('writes annotations as a Go map: sorted by UTF-8 bytes, HTML-escaped', () => {
    const payload = buildSimpleSigningPayload('ghcr.io/acme/app', COSIGN_DIGEST, {
      tag: 'v1 <rc> & co',
      '😀': 'astral',
      '～': 'bmp',
      env: 'line\u2028sep\n',
    });
    expect(payload.toString('utf8')).toBe(
      '{"critical":{"identity":{"docker-reference":"ghcr.io/acme/app"},' +
        `"image":{"docker-manifest-digest":"${COSIGN_DIGEST}"},` +
        '"type":"cosign container image signature"},' +
        '"optional":{"env":"line\\u2028sep\\n","tag":"v1 \\u003crc\\u003e \\u0026 co","～":"bmp","😀":"astral"}}',
    );
  });

  it('refuses a digest that is not sha256:<64 hex>', () => {
    expect(() => buildSimpleSigningPayload('ghcr.io/a/b', 'sha256:AB')).toFailWith(
      'DIGEST_INVALID',
    );
  });
});

describe('parseSimpleSigningPayload', () => {
  it('reads the cosign payload', () => {
    expect(parseSimpleSigningPayload(cosignPayload)).toEqual({
      dockerReference: '127.0.0.1:5000/demo/app',
      digest: COSIGN_DIGEST,
      type: COSIGN_SIGNATURE_TYPE,
      optional: null,
    });
  });

  it('reads the skopeo payload (repo@digest identity, non-string optional values)', () => {
    expect(parseSimpleSigningPayload(skopeoPayload)).toEqual({
      dockerReference: `127.0.0.1:5000/demo/app@${SKOPEO_DIGEST}`,
      digest: SKOPEO_DIGEST,
      type: COSIGN_SIGNATURE_TYPE,
      optional: { creator: 'containers/image 5.34.2', timestamp: 1795302595 },
    });
  });

  it('round-trips what it builds', () => {
    const built = buildSimpleSigningPayload('ghcr.io/a/b', COSIGN_DIGEST, { k: '<v>' });
    expect(parseSimpleSigningPayload(built).optional).toEqual({ k: '<v>' });
  });

  it.each([
    ['not JSON', Buffer.from('{')],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0x7d])],
    ['no critical', Buffer.from('{"optional":null}')],
    [
      'digest not a string',
      Buffer.from(
        '{"critical":{"identity":{"docker-reference":"a"},"image":{"docker-manifest-digest":1},"type":"t"}}',
      ),
    ],
    [
      'optional a list',
      Buffer.from(
        '{"critical":{"identity":{"docker-reference":"a"},"image":{"docker-manifest-digest":"d"},"type":"t"},"optional":[]}',
      ),
    ],
  ])('refuses %s with PAYLOAD_INVALID', (_why, bytes) => {
    expect(() => parseSimpleSigningPayload(bytes)).toFailWith('PAYLOAD_INVALID');
  });
});
