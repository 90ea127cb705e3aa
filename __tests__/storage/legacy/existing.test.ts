import { assertBundleV01, bundleToJSON } from '@sigstore/bundle';
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { buildSimpleSigningPayload } from '../../../src/payload/simple-signing.js';
import {
  entryFromBundleAnnotation,
  findReusableSignature,
} from '../../../src/storage/legacy/existing.js';
import {
  buildSignatureLayer,
  type SignatureLayerInput,
} from '../../../src/storage/legacy/layer.js';
import { mergeSignatureManifest } from '../../../src/storage/legacy/manifest.js';
import { buildCosignBundleAnnotation } from '../../../src/tlog/entry.js';
import { FakeRekor, hashedRekordBody, pem, specBundleText } from '../../helpers/rekor-entries.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const payload = buildSimpleSigningPayload('ghcr.io/acme/app', DIGEST, undefined);
const rekor = new FakeRekor();

interface Key {
  privateKey: KeyObject;
  publicKeyPem: string;
}
function newKey(namedCurve = 'P-256'): Key {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve });
  return {
    privateKey,
    publicKeyPem: pem('PUBLIC KEY', publicKey.export({ type: 'spki', format: 'der' })),
  };
}
const ours = newKey();

// A layer as a key-mode `cosign sign` (or this action) stores it, logged in `log` at `logIndex`.
function layerFor(
  key: Key,
  opts: {
    body?: Buffer;
    log?: FakeRekor | null;
    logIndex?: number;
    extra?: Partial<SignatureLayerInput>;
  } = {},
) {
  const body = opts.body ?? payload;
  const hash =
    key.privateKey.asymmetricKeyDetails?.namedCurve === 'secp384r1' ? 'sha384' : 'sha256';
  const signatureBase64 = sign(hash, body, key.privateKey).toString('base64');
  const proposal = {
    payloadSha256Hex: createHash('sha256').update(body).digest('hex'),
    signatureBase64,
    publicKeyPem: key.publicKeyPem,
  };
  const log = opts.log === undefined ? rekor : opts.log;
  const rekorBundle = log
    ? buildCosignBundleAnnotation(log.log(hashedRekordBody(proposal), opts.logIndex ?? 7001))
    : undefined;
  return buildSignatureLayer({ payload: body, signatureBase64, rekorBundle, ...opts.extra });
}

function sigManifest(...layers: ReturnType<typeof layerFor>[]): Buffer {
  let bytes: Buffer | undefined;
  for (const layer of layers) bytes = mergeSignatureManifest(bytes, layer).manifest;
  return bytes!;
}

const withTlog = { payload, publicKeyPem: ours.publicKeyPem, rekorPublicKey: rekor.publicKeyPem };

describe('findReusableSignature', () => {
  it('reuses a layer with our payload, signed by our key and logged in this Rekor, reporting its entry', () => {
    const theirs = layerFor(newKey(), { logIndex: 7001 });
    const mine = layerFor(ours, { logIndex: 7002 });
    const found = findReusableSignature(sigManifest(theirs, mine), withTlog);
    expect(found).toBeDefined();
    expect(found!.signatureBase64).toBe(mine.annotations!['dev.cosignproject.cosign/signature']);
    // The annotation is passed on as stored, and the numbers are the stored entry's.
    expect(found!.rekorBundle).toBe(mine.annotations!['dev.sigstore.cosign/bundle']);
    expect(found!.log).toEqual({
      logIndex: 7002,
      logIdHex: rekor.logID,
      integratedTime: 1786568008,
    });
  });

  it('rebuilds a valid Sigstore bundle v0.1 (SET, no inclusion proof) with our key hint', () => {
    const found = findReusableSignature(sigManifest(layerFor(ours)), withTlog)!;
    expect(() => assertBundleV01(found.bundle)).not.toThrow();
    const json = bundleToJSON(found.bundle) as unknown as {
      verificationMaterial: { publicKey: { hint: string }; tlogEntries: { logIndex: string }[] };
      messageSignature: { messageDigest: { digest: string } };
    };
    const spki = Buffer.from(ours.publicKeyPem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');
    expect(json.verificationMaterial.publicKey.hint).toBe(
      createHash('sha256').update(spki).digest('base64'),
    );
    expect(json.verificationMaterial.tlogEntries[0]!.logIndex).toBe('7001');
    expect(json.messageSignature.messageDigest.digest).toBe(
      createHash('sha256').update(payload).digest('base64'),
    );
  });

  it('picks the earliest of several matching layers, so every re-run reports the same entry', () => {
    const found = findReusableSignature(
      sigManifest(layerFor(ours, { logIndex: 7010 }), layerFor(ours, { logIndex: 7011 })),
      withTlog,
    );
    expect(found!.log!.logIndex).toBe(7010);
  });

  it('does not reuse a signature by another key over the same payload', () => {
    expect(findReusableSignature(sigManifest(layerFor(newKey())), withTlog)).toBeUndefined();
  });

  it('does not reuse our signature over another payload (other annotations, other repository)', () => {
    const annotated = buildSimpleSigningPayload('ghcr.io/acme/app', DIGEST, { commit: 'abc' });
    const elsewhere = buildSimpleSigningPayload('ghcr.io/acme/other', DIGEST, undefined);
    expect(
      findReusableSignature(
        sigManifest(layerFor(ours, { body: annotated }), layerFor(ours, { body: elsewhere })),
        withTlog,
      ),
    ).toBeUndefined();
  });

  it('with the tlog on, does not reuse a layer without an entry, from another log, or with a forged SET', () => {
    const unlogged = layerFor(ours, { log: null });
    const otherLog = layerFor(ours, { log: new FakeRekor() });
    const forged = layerFor(ours);
    const bundle = JSON.parse(forged.annotations!['dev.sigstore.cosign/bundle']!) as {
      Payload: { logIndex: number };
    };
    bundle.Payload.logIndex += 1; // the SET no longer covers the fields
    forged.annotations!['dev.sigstore.cosign/bundle'] = JSON.stringify(bundle);
    expect(
      findReusableSignature(sigManifest(unlogged, otherLog, forged), withTlog),
    ).toBeUndefined();
    // With the tlog off the signature itself is what matters.
    const found = findReusableSignature(sigManifest(unlogged), {
      payload,
      publicKeyPem: ours.publicKeyPem,
    });
    expect(found).toBeDefined();
    expect([found!.rekorBundle, found!.log]).toEqual([undefined, undefined]);
    expect(found!.bundle.verificationMaterial.tlogEntries).toEqual([]);
  });

  it('does not reuse a layer that carries a certificate (a keyless signature)', () => {
    const keyless = layerFor(ours, {
      extra: { certificatePem: '-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n' },
    });
    expect(findReusableSignature(sigManifest(keyless), withTlog)).toBeUndefined();
  });

  it('verifies with the hash a P-384 key signs with (tlog off)', () => {
    const p384 = newKey('P-384');
    const found = findReusableSignature(sigManifest(layerFor(p384, { log: null })), {
      payload,
      publicKeyPem: p384.publicKeyPem,
    });
    expect(found).toBeDefined();
  });
});

describe('entryFromBundleAnnotation', () => {
  it("reads cosign's SIGNATURE_SPEC example back into the entry that writes the same text", () => {
    const compact = JSON.stringify(JSON.parse(specBundleText));
    const entry = entryFromBundleAnnotation(compact)!;
    expect(entry.kindVersion).toEqual({ kind: 'rekord', version: '0.0.1' });
    expect(buildCosignBundleAnnotation(entry)).toBe(compact);
  });

  it('gives undefined for text that is not a bundle annotation', () => {
    for (const text of [
      '',
      'null',
      '{"SignedEntryTimestamp":"x"}',
      '{"SignedEntryTimestamp":"eA==","Payload":{"body":"e30=","integratedTime":1,"logIndex":"2","logID":"00"}}',
    ]) {
      expect(entryFromBundleAnnotation(text)).toBeUndefined();
    }
  });
});
