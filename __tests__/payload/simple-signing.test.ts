import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSimpleSigningPayload } from '../../src/payload/simple-signing.js';
import { parseImageReference, repositoryName } from '../../src/reference/parse.js';

const CAPTURES = fileURLToPath(new URL('../fixtures/peer-captures/', import.meta.url));
const COSIGN_DIGEST = 'sha256:ac80e113b8ab2d970769f8630eaa5ba7fb454ffb624cefc723859ac133323cc5';
// Genuine payload written by cosign 2.5.0 (peer-captures/README.md).
const cosignPayload = readFileSync(
  `${CAPTURES}cosign-sig/layer-4df224bc52124ff918fec7367ffcaffcf70846613d2272e82d493f1238bf9d59.json`,
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
