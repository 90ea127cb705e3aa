import type { TransparencyLogEntry } from '@sigstore/bundle';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkHashedRekordEntry, verifySignedEntryTimestamp } from '../../src/tlog/verify-entry.js';
import {
  FakeRekor,
  hashedRekordBody,
  pem,
  publicGoodRekorPem,
  signedPayload,
  specEntry,
} from '../helpers/rekor-entries.js';
import { errorOf } from '../helpers/errors.js';

const PEER = fileURLToPath(new URL('../fixtures/cosign-peer/', import.meta.url));

const flip = (b: Buffer, i: number) => {
  const copy = Buffer.from(b);
  copy[i] = copy[i]! ^ 0x01;
  return copy;
};

describe('verifySignedEntryTimestamp', () => {
  it('verifies the SET of the SIGNATURE_SPEC example against the public-good Rekor key', () => {
    expect(() => verifySignedEntryTimestamp(specEntry(), publicGoodRekorPem())).not.toThrow();
  });

  it.each<[string, (e: TransparencyLogEntry) => TransparencyLogEntry]>([
    ['a flipped body byte', (e) => ({ ...e, canonicalizedBody: flip(e.canonicalizedBody, 40) })],
    [
      'a flipped SET byte',
      (e) => ({
        ...e,
        inclusionPromise: {
          signedEntryTimestamp: flip(e.inclusionPromise!.signedEntryTimestamp, 20),
        },
      }),
    ],
    ['another log index', (e) => ({ ...e, logIndex: '5180' })],
    ['another integrated time', (e) => ({ ...e, integratedTime: '1624396086' })],
    ['no SET', (e) => ({ ...e, inclusionPromise: undefined })],
    [
      'a garbage SET',
      (e) => ({ ...e, inclusionPromise: { signedEntryTimestamp: Buffer.from('nope') } }),
    ],
  ])('fails with %s (TLOG_ENTRY_MISMATCH)', (_why, change) => {
    const e = errorOf(() => verifySignedEntryTimestamp(change(specEntry()), publicGoodRekorPem()));
    expect(e?.code).toBe('TLOG_ENTRY_MISMATCH');
  });

  it('fails when the log ID is not the hash of the given key', () => {
    const rekor = new FakeRekor();
    const e = errorOf(() => verifySignedEntryTimestamp(specEntry(), rekor.publicKeyPem));
    expect(e?.code).toBe('TLOG_ENTRY_MISMATCH');
    expect(e?.message).toContain('logID');
  });

  it('verifies entries of another log with its own key', () => {
    const rekor = new FakeRekor();
    const entry = rekor.log({ any: 'body' });
    expect(() => verifySignedEntryTimestamp(entry, rekor.publicKeyPem)).not.toThrow();
    expect(() => verifySignedEntryTimestamp(entry, publicGoodRekorPem())).toFailWith(
      'TLOG_ENTRY_MISMATCH',
    );
  });

  it('reports an unreadable log key as TLOG_ERROR', () => {
    expect(() => verifySignedEntryTimestamp(specEntry(), 'not a key')).toFailWith('TLOG_ERROR');
  });
});

describe('checkHashedRekordEntry', () => {
  const payload = Buffer.from('{"critical":{},"optional":null}');
  const sent = signedPayload(payload);
  const rekor = new FakeRekor();
  const check =
    (body: unknown, s = sent) =>
    () =>
      checkHashedRekordEntry(rekor.log(body), s);

  it('accepts the entry Rekor stores for what was sent', () => {
    expect(check(hashedRekordBody(sent))).not.toThrow();
  });

  it('accepts the key re-encoded by Rekor (other line width, same DER)', () => {
    const der = Buffer.from(sent.publicKeyPem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');
    expect(
      check(hashedRekordBody({ ...sent, publicKeyPem: pem('PUBLIC KEY', der, 76) })),
    ).not.toThrow();
  });

  it('accepts a certificate (keyless) compared by DER', () => {
    const root = JSON.parse(readFileSync(`${PEER}trusted-root-public-good.json`, 'utf8'));
    const der = Buffer.from(
      root.certificateAuthorities[0].certChain.certificates[0].rawBytes,
      'base64',
    );
    const keyless = { ...sent, publicKeyPem: pem('CERTIFICATE', der) };
    expect(check(hashedRekordBody(keyless), keyless)).not.toThrow();
    expect(errorOf(check(hashedRekordBody(sent), keyless)).message).toContain('publicKey');
  });

  const other = signedPayload(Buffer.from('other'));
  const body = () => hashedRekordBody(sent);
  it.each<[string, () => unknown, string]>([
    ['a dsse body', () => ({ ...body(), kind: 'dsse' }), 'kindVersion'],
    ['apiVersion 0.0.2', () => ({ ...body(), apiVersion: '0.0.2' }), 'kindVersion'],
    [
      'hash algorithm sha512',
      () => {
        const b = body();
        b.spec.data.hash.algorithm = 'sha512';
        return b;
      },
      'spec.data.hash.algorithm',
    ],
    [
      'another payload hash',
      () => {
        const b = body();
        b.spec.data.hash.value = other.payloadSha256Hex;
        return b;
      },
      'spec.data.hash.value',
    ],
    [
      'an upper-case payload hash',
      () => {
        const b = body();
        b.spec.data.hash.value = sent.payloadSha256Hex.toUpperCase();
        return b;
      },
      'spec.data.hash.value',
    ],
    [
      'another signature',
      () => {
        const b = body();
        b.spec.signature.content = other.signatureBase64;
        return b;
      },
      'spec.signature.content',
    ],
    [
      'another key',
      () => hashedRekordBody({ ...sent, publicKeyPem: other.publicKeyPem }),
      'spec.signature.publicKey.content',
    ],
    [
      'two PEM blocks',
      () => hashedRekordBody({ ...sent, publicKeyPem: sent.publicKeyPem + sent.publicKeyPem }),
      'spec.signature.publicKey.content',
    ],
    [
      'no key',
      () => {
        const b = body() as { spec: { signature: Record<string, unknown> } };
        delete b.spec.signature.publicKey;
        return b;
      },
      'spec.signature.publicKey.content',
    ],
  ])('names the field for %s (TLOG_ENTRY_MISMATCH)', (_why, make, field) => {
    expect(check(make())).toFailWith('TLOG_ENTRY_MISMATCH', { message: field });
  });

  it('refuses an entry whose kindVersion or body is not hashedrekord', () => {
    // The SIGNATURE_SPEC example is a genuine but older `rekord` entry.
    expect(errorOf(() => checkHashedRekordEntry(specEntry(), sent)).message).toContain(
      'rekord/0.0.1',
    );
    const entry = rekor.log(hashedRekordBody(sent));
    const asDsse = { ...entry, kindVersion: { kind: 'dsse', version: '0.0.1' } };
    expect(errorOf(() => checkHashedRekordEntry(asDsse, sent)).message).toContain('kindVersion');
    const notJson = { ...entry, canonicalizedBody: Buffer.from('{') };
    expect(errorOf(() => checkHashedRekordEntry(notJson, sent)).message).toContain('body');
    const generated = generateKeyPairSync('ed25519').publicKey.export({
      type: 'spki',
      format: 'pem',
    });
    expect(
      check(hashedRekordBody(sent), { ...sent, publicKeyPem: generated.toString() }),
    ).toFailWith('TLOG_ENTRY_MISMATCH');
  });
});
