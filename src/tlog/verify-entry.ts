// Checks a Rekor answer before anything reaches the registry: `cosign verify` re-checks exactly
// this offline from the bundle annotation (cosign-format §8 step 2, pkg/cosign VerifyBundle), so
// an entry that fails here would give a `.sig` nobody can verify.
import type { TransparencyLogEntry } from '@sigstore/bundle';
import { json } from '@sigstore/core';
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { SignImageError } from '../errors.js';
import { logIdHex } from './entry.js';

/** What we sent to Rekor, to compare with what it logged. */
export interface SentHashedRekord {
  payloadSha256Hex: string;
  signatureBase64: string;
  /** The `PUBLIC KEY` PEM (key mode) or leaf `CERTIFICATE` PEM (keyless) that was sent. */
  publicKeyPem: string;
}

/**
 * Requires the entry to be the hashedrekord 0.0.1 we proposed: hash algorithm `sha256` with our
 * payload hash, the same signature text, and a key whose DER equals ours (Rekor re-encodes the
 * PEM, so the text may differ). Throws TLOG_ENTRY_MISMATCH naming the first field that differs.
 */
export function checkHashedRekordEntry(e: TransparencyLogEntry, sent: SentHashedRekord): void {
  if (e.kindVersion?.kind !== 'hashedrekord' || e.kindVersion.version !== '0.0.1') {
    throw mismatch(
      'kindVersion',
      `is ${e.kindVersion?.kind}/${e.kindVersion?.version}, not hashedrekord/0.0.1`,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(e.canonicalizedBody).toString('utf8'));
  } catch {
    throw mismatch('body', 'is not JSON');
  }
  if (at(body, 'kind') !== 'hashedrekord' || at(body, 'apiVersion') !== '0.0.1') {
    throw mismatch('body kind/apiVersion', 'is not hashedrekord/0.0.1');
  }
  const spec = at(body, 'spec');
  const hash = at(at(spec, 'data'), 'hash');
  // cosign's VerifyBundle accepts only "sha256" here, whatever the key would allow.
  if (at(hash, 'algorithm') !== 'sha256')
    throw mismatch('spec.data.hash.algorithm', 'is not sha256');
  if (at(hash, 'value') !== sent.payloadSha256Hex)
    throw mismatch('spec.data.hash.value', 'is not the sha256 of the signed payload');
  const signature = at(spec, 'signature');
  // cosign compares the signature as a string, so equal bytes in another encoding would fail.
  if (at(signature, 'content') !== sent.signatureBase64)
    throw mismatch('spec.signature.content', 'is not the signature that was sent');
  const logged = at(at(signature, 'publicKey'), 'content');
  if (typeof logged !== 'string') throw mismatch('spec.signature.publicKey.content', 'is missing');
  const loggedDer = pemDer(Buffer.from(logged, 'base64').toString('utf8'));
  const sentDer = pemDer(sent.publicKeyPem);
  if (!loggedDer || !sentDer || !loggedDer.equals(sentDer))
    throw mismatch(
      'spec.signature.publicKey.content',
      'is not the key or certificate that was sent',
    );
}

/**
 * Verifies the SET (inclusion promise): the log ID must be sha256 of the log key's SPKI DER, and
 * the SET an ECDSA (or Ed25519) signature by that key over the RFC 8785 JSON of
 * {body, integratedTime, logID, logIndex}, as cosign's VerifySET recomputes it.
 * `rekorPublicKeysPem` holds the key of every trusted log (the trusted root's); the one whose
 * log ID the entry names is used, as cosign and sigstore-go pick it (by ID, never by URL).
 */
export function verifySignedEntryTimestamp(
  e: TransparencyLogEntry,
  rekorPublicKeysPem: string,
): void {
  const id = logIdHex(e);
  const key = logKeys(rekorPublicKeysPem).find((k) => k.id === id)?.key;
  if (!key) {
    throw new SignImageError(
      'TLOG_UNTRUSTED',
      `the Rekor entry's logID ${id} is not a transparency log of the trusted root`,
      {
        hint: 'Point `rekor-url` at a log `trusted-root` names, or pass the trusted_root.json of the Rekor you use (`cosign trusted-root create --rekor=…`); nothing was written to the registry',
      },
    );
  }
  const set = e.inclusionPromise?.signedEntryTimestamp;
  if (!set || set.length === 0) throw mismatch('inclusionPromise', 'has no signed entry timestamp');
  const signed = json.canonicalize({
    body: Buffer.from(e.canonicalizedBody).toString('base64'),
    integratedTime: Number(e.integratedTime),
    logID: id,
    logIndex: Number(e.logIndex),
  });
  const algorithm = key.asymmetricKeyType === 'ed25519' ? null : 'sha256';
  if (!verifies(algorithm, Buffer.from(signed, 'utf8'), key, Buffer.from(set))) {
    throw mismatch('signedEntryTimestamp', 'does not verify with the log public key');
  }
}

// The trusted logs' keys with their log IDs (sha256 of the SPKI DER), parsed once per PEM text:
// every entry of a run is checked against the same trusted root.
const parsedLogKeys = new Map<string, { id: string; key: KeyObject }[]>();
function logKeys(pemText: string): { id: string; key: KeyObject }[] {
  let keys = parsedLogKeys.get(pemText);
  if (keys) return keys;
  const blocks = pemText.match(/-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g) ?? [];
  keys = blocks.map((block) => {
    let key: KeyObject;
    try {
      key = createPublicKey(block);
    } catch (cause) {
      throw new SignImageError('TLOG_ERROR', 'a transparency log public key cannot be read', {
        cause,
      });
    }
    const spki = key.export({ type: 'spki', format: 'der' });
    return { id: createHash('sha256').update(spki).digest('hex'), key };
  });
  parsedLogKeys.set(pemText, keys);
  return keys;
}

// node:crypto throws on malformed DER signatures; that is a failed check like any other.
function verifies(
  algorithm: string | null,
  data: Buffer,
  key: KeyObject,
  signature: Buffer,
): boolean {
  try {
    return verify(algorithm, data, key, signature);
  } catch {
    return false;
  }
}

/**
 * The DER of the single PEM block in `text`; undefined when it holds no block or more than one
 * (cosign's comparePublicKey refuses trailing PEM blocks).
 */
export function pemDer(text: string): Buffer | undefined {
  const blocks = [...text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g)];
  if (blocks.length !== 1) return undefined;
  const body = blocks[0]![2]!.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) return undefined;
  return Buffer.from(body, 'base64');
}

function at(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function mismatch(field: string, problem: string): SignImageError {
  return new SignImageError('TLOG_ENTRY_MISMATCH', `the Rekor entry's ${field} ${problem}`, {
    hint: 'The log did not record what was sent, so cosign verify would reject the signature; nothing was written to the registry. Check `rekor-url` and re-run',
  });
}
