import { COSIGN_SIMPLE_SIGNING } from '../../../src/registry/media-types.js';
import { createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SignImageError } from '../../../src/errors.js';
import {
  BUNDLE_ANNOTATION,
  buildRfc3161TimestampAnnotation,
  buildSignatureLayer,
  CERTIFICATE_ANNOTATION,
  CHAIN_ANNOTATION,
  descriptorJson,
  RFC3161_TIMESTAMP_ANNOTATION,
  SIGNATURE_ANNOTATION,
} from '../../../src/storage/legacy/layer.js';

const CAPTURES = fileURLToPath(new URL('../../fixtures/peer-captures/', import.meta.url));
const payload = readFileSync(
  `${CAPTURES}cosign-sig/layer-4df224bc52124ff918fec7367ffcaffcf70846613d2272e82d493f1238bf9d59.json`,
);
const manifestText = readFileSync(`${CAPTURES}cosign-sig/sig-manifest.json`, 'utf8');
const captured = JSON.parse(manifestText) as {
  layers: { annotations: Record<string, string> }[];
};
const signatureBase64 = captured.layers[0]!.annotations[SIGNATURE_ANNOTATION]!;

describe('buildSignatureLayer', () => {
  it("equals the layer descriptor cosign wrote, byte for byte as it appears in cosign's manifest", () => {
    const layer = buildSignatureLayer({ payload, signatureBase64 });
    expect(layer).toEqual(captured.layers[0]);
    expect(manifestText).toContain(`"layers":[${descriptorJson(layer)}]`);
  });

  it('carries a genuine signature: the captured one verifies over the payload with cosign-key.pub', () => {
    const key = createPublicKey(readFileSync(`${CAPTURES}cosign-key.pub`));
    expect(verify('sha256', payload, key, Buffer.from(signatureBase64, 'base64'))).toBe(true);
  });

  it('uses the constants cosign uses', () => {
    expect(COSIGN_SIMPLE_SIGNING).toBe('application/vnd.dev.cosign.simplesigning.v1+json');
    expect([SIGNATURE_ANNOTATION, CERTIFICATE_ANNOTATION, CHAIN_ANNOTATION]).toEqual([
      'dev.cosignproject.cosign/signature',
      'dev.sigstore.cosign/certificate',
      'dev.sigstore.cosign/chain',
    ]);
    expect([BUNDLE_ANNOTATION, RFC3161_TIMESTAMP_ANNOTATION]).toEqual([
      'dev.sigstore.cosign/bundle',
      'dev.sigstore.cosign/rfc3161timestamp',
    ]);
  });

  it('writes the chain (even empty) whenever the certificate is written, keys in Go map order', () => {
    const layer = buildSignatureLayer({
      payload,
      signatureBase64,
      certificatePem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
      rekorBundle: '{"SignedEntryTimestamp":"AA==","Payload":{}}',
      rfc3161Timestamp: buildRfc3161TimestampAnnotation(Buffer.from([1, 2, 3])),
    });
    expect(Object.keys(layer.annotations!)).toEqual([
      SIGNATURE_ANNOTATION,
      BUNDLE_ANNOTATION,
      CERTIFICATE_ANNOTATION,
      CHAIN_ANNOTATION,
      RFC3161_TIMESTAMP_ANNOTATION,
    ]);
    expect(layer.annotations![CHAIN_ANNOTATION]).toBe('');
    expect(layer.annotations![RFC3161_TIMESTAMP_ANNOTATION]).toBe(
      '{"SignedRFC3161Timestamp":"AQID"}',
    );
    expect(descriptorJson(layer)).toContain(
      '"dev.sigstore.cosign/certificate":"-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n"',
    );
  });

  it('writes no certificate or chain for key-based signing', () => {
    const layer = buildSignatureLayer({ payload, signatureBase64, chainPem: 'ignored' });
    expect(Object.keys(layer.annotations!)).toEqual([SIGNATURE_ANNOTATION]);
  });

  it.each([[''], ['not base64!'], ['QUJD'.slice(1)]])(
    'refuses the signature %j (not padded base64)',
    (sig) => {
      expect(() => buildSignatureLayer({ payload, signatureBase64: sig })).toThrow(SignImageError);
    },
  );
});
