// Builds TransparencyLogEntry values the way @sigstore/sign's RekorWitness does from a Rekor v1
// response, so entry.ts and verify-entry.ts are tested on the shape they receive.
import type { TransparencyLogEntry } from '@sigstore/bundle';
import { json } from '@sigstore/core';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  createHash,
  createPublicKey,
  generateKeyPairSync,
  sign,
  type KeyObject,
} from 'node:crypto';

const PEER = fileURLToPath(new URL('../fixtures/cosign-peer/', import.meta.url));

/** The `{SignedEntryTimestamp, Payload}` example of cosign's SIGNATURE_SPEC.md, as stored. */
export const specBundleText = readFileSync(
  `${PEER}SIGNATURE_SPEC-example-rekor-bundle.json`,
  'utf8',
);

interface RekorResponseEntry {
  body: string;
  integratedTime: number;
  logID: string;
  logIndex: number;
  verification?: { signedEntryTimestamp?: string };
}

/** RekorWitness's toTransparencyLogEntry, applied to one entry of a Rekor v1 response. */
export function toEntry(r: RekorResponseEntry): TransparencyLogEntry {
  const body = JSON.parse(Buffer.from(r.body, 'base64').toString()) as {
    kind: string;
    apiVersion: string;
  };
  const set = r.verification?.signedEntryTimestamp;
  return {
    logIndex: r.logIndex.toString(),
    logId: { keyId: Buffer.from(r.logID, 'hex') },
    integratedTime: r.integratedTime.toString(),
    kindVersion: { kind: body.kind, version: body.apiVersion },
    inclusionPromise: set ? { signedEntryTimestamp: Buffer.from(set, 'base64') } : undefined,
    inclusionProof: undefined,
    canonicalizedBody: Buffer.from(r.body, 'base64'),
  };
}

/** The entry in the SIGNATURE_SPEC example bundle (a public-good `rekord` entry with its SET). */
export function specEntry(): TransparencyLogEntry {
  const b = JSON.parse(specBundleText) as {
    SignedEntryTimestamp: string;
    Payload: RekorResponseEntry;
  };
  return toEntry({ ...b.Payload, verification: { signedEntryTimestamp: b.SignedEntryTimestamp } });
}

/** The public-good Rekor key of trusted-root-public-good.json as a PEM. */
export function publicGoodRekorPem(): string {
  const root = JSON.parse(readFileSync(`${PEER}trusted-root-public-good.json`, 'utf8')) as {
    tlogs: { publicKey: { rawBytes: string } }[];
  };
  return pem('PUBLIC KEY', Buffer.from(root.tlogs[0]!.publicKey.rawBytes, 'base64'));
}

/** A PEM block with `width`-character lines (64 as Go writes them). */
export function pem(label: string, der: Buffer, width = 64): string {
  const lines = der.toString('base64').match(new RegExp(`.{1,${width}}`, 'g')) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** A stand-in Rekor: signs SETs over hashedrekord bodies with its own key, as Rekor v1 does. */
export class FakeRekor {
  readonly keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  readonly logID = createHash('sha256')
    .update(this.keys.publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');

  get publicKeyPem(): string {
    return this.keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  /** Logs `body` (any JSON value, canonicalized as Rekor stores it) at `logIndex`. */
  log(body: unknown, logIndex = 2440595631, integratedTime = 1786568008): TransparencyLogEntry {
    const b64 = Buffer.from(json.canonicalize(body)).toString('base64');
    const signed = json.canonicalize({ body: b64, integratedTime, logID: this.logID, logIndex });
    const set = sign('sha256', Buffer.from(signed), this.keys.privateKey).toString('base64');
    return toEntry({
      body: b64,
      integratedTime,
      logID: this.logID,
      logIndex,
      verification: { signedEntryTimestamp: set },
    });
  }
}

/** A signer key and what a key-mode hashedrekord proposal for `payload` carries. */
export function signedPayload(
  payload: Buffer,
  key: KeyObject = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey,
) {
  const publicKeyPem = pem(
    'PUBLIC KEY',
    createPublicKey(key).export({ type: 'spki', format: 'der' }),
  );
  return {
    payloadSha256Hex: createHash('sha256').update(payload).digest('hex'),
    signatureBase64: sign('sha256', payload, key).toString('base64'),
    publicKeyPem,
  };
}

/** The hashedrekord 0.0.1 body Rekor stores for a proposal (publicKey = base64 of the PEM). */
export function hashedRekordBody(s: {
  payloadSha256Hex: string;
  signatureBase64: string;
  publicKeyPem: string;
}) {
  return {
    apiVersion: '0.0.1',
    kind: 'hashedrekord',
    spec: {
      data: { hash: { algorithm: 'sha256', value: s.payloadSha256Hex } },
      signature: {
        content: s.signatureBase64,
        publicKey: { content: Buffer.from(s.publicKeyPem).toString('base64') },
      },
    },
  };
}
