// Checks a Rekor `dsse` 0.0.1 entry before anything reaches the registry. Rekor does not keep the
// envelope: it stores hashes of it and the signatures with their verifiers (cosign-format §6).
// `envelopeHash` is the sha256 of the envelope string exactly as it was submitted (the real
// Rekor hashes `ProposedContent.Envelope` as sent and re-serializes nothing), `payloadHash` that
// of the statement. An entry that logged something else would give a bundle nobody can verify,
// so it stops the run here.
// https://github.com/sigstore/rekor/blob/main/pkg/types/dsse/v0.0.1/dsse_v0_0_1_schema.json
import type { Envelope, TransparencyLogEntry } from '@sigstore/bundle';
import { createHash } from 'node:crypto';
import { SignImageError } from '../errors.js';
import { pemDer } from './verify-entry.js';

/** What we sent to Rekor: the signed envelope and the key or leaf certificate that verifies it. */
export interface SentDsse {
  envelope: Envelope;
  /** The exact string that went into `proposedContent.envelope` (proposed-entry.ts). */
  submittedEnvelope: string;
  /** `PUBLIC KEY` PEM (key mode) or leaf `CERTIFICATE` PEM (keyless). */
  publicKeyPem: string;
}

/**
 * Requires the entry to be dsse/0.0.1 with `envelopeHash` = sha256 of the envelope string we
 * submitted, `payloadHash` = sha256 of our statement, and exactly our signature with a verifier
 * whose DER equals ours. Throws TLOG_ENTRY_MISMATCH naming the first field that differs.
 */
export function checkDsseEntry(e: TransparencyLogEntry, sent: SentDsse): void {
  if (e.kindVersion?.kind !== 'dsse' || e.kindVersion.version !== '0.0.1') {
    throw mismatch(
      'kindVersion',
      `is ${e.kindVersion?.kind}/${e.kindVersion?.version}, not dsse/0.0.1`,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(e.canonicalizedBody).toString('utf8'));
  } catch {
    throw mismatch('body', 'is not JSON');
  }
  if (at(body, 'kind') !== 'dsse' || at(body, 'apiVersion') !== '0.0.1')
    throw mismatch('body kind/apiVersion', 'is not dsse/0.0.1');
  const spec = at(body, 'spec');
  expectHash(
    at(spec, 'envelopeHash'),
    sha256Hex(Buffer.from(sent.submittedEnvelope, 'utf8')),
    'spec.envelopeHash',
    'the envelope that was sent',
  );
  expectHash(
    at(spec, 'payloadHash'),
    sha256Hex(sent.envelope.payload),
    'spec.payloadHash',
    'the signed statement',
  );
  const logged = at(spec, 'signatures');
  if (!Array.isArray(logged) || logged.length !== sent.envelope.signatures.length) {
    throw mismatch('spec.signatures', 'do not match the envelope signatures that were sent');
  }
  const sentDer = pemDer(sent.publicKeyPem);
  for (const sig of sent.envelope.signatures) {
    const match = logged.find(
      (l) => at(l, 'signature') === Buffer.from(sig.sig).toString('base64'),
    );
    if (!match) throw mismatch('spec.signatures', 'do not hold the signature that was sent');
    const verifier = at(match, 'verifier');
    const loggedDer =
      typeof verifier === 'string'
        ? pemDer(Buffer.from(verifier, 'base64').toString('utf8'))
        : undefined;
    if (!loggedDer || !sentDer || !loggedDer.equals(sentDer)) {
      throw mismatch('spec.signatures[].verifier', 'is not the key or certificate that was sent');
    }
  }
}

function expectHash(hash: unknown, expected: string, field: string, what: string): void {
  if (at(hash, 'algorithm') !== 'sha256') throw mismatch(`${field}.algorithm`, 'is not sha256');
  if (at(hash, 'value') !== expected)
    throw mismatch(`${field}.value`, `is not the sha256 of ${what}`);
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function at(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function mismatch(field: string, problem: string): SignImageError {
  return new SignImageError('TLOG_ENTRY_MISMATCH', `the Rekor dsse entry's ${field} ${problem}`, {
    hint: 'The log did not record what was sent, so cosign verify would reject the bundle; nothing was written to the registry. Check `rekor-url` and re-run',
  });
}
