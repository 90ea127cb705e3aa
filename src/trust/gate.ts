// The gate between signing and storing: every bundle of the run, whatever its format (the
// legacy `.sig` layer is made from the same message-signature bundle, and a reused layer is
// converted back into one), is verified against the trusted root before the first registry
// write. One bundle that fails stops the run: a service that cannot be trusted says nothing good
// about the other signatures it made.
import type { Bundle } from '@sigstore/bundle';
import type { SignerIdentity } from '../report/result.js';
import type { Trust } from './trusted-root.js';
import { verifyBundle, type BundleExpectations } from './verify.js';

/** One signature about to be stored. */
export interface GateItem {
  bundle: Bundle;
  /** Message-signature bundles: the signed payload. */
  artifact?: Buffer;
  /** `repo@digest (legacy)`, for the message. */
  what: string;
  /** A signature found already stored: it carries no TSA token (reuse is off with a TSA). */
  reused?: boolean;
}

/** What every bundle of a run must show, from the signer and the inputs. */
export function expectationsFor(
  signer: SignerIdentity,
  config: { tlogUpload: boolean; tsaUrl?: string },
): Omit<BundleExpectations, 'artifact'> {
  return {
    ...(signer.mode === 'key'
      ? { publicKeyPem: signer.publicKeyPem }
      : { identity: { subject: signer.subject, issuer: signer.issuer } }),
    tlog: config.tlogUpload,
    tsa: Boolean(config.tsaUrl),
  };
}

/** Verifies every item; throws the first failure (nothing has been written yet). */
export function checkBeforeWrite(
  items: readonly GateItem[],
  trust: Trust | undefined,
  expect: Omit<BundleExpectations, 'artifact'>,
): void {
  // No trust is loaded only when nothing was logged, certified or timestamped (a key, no log).
  if (!trust) return;
  for (const item of items) {
    verifyBundle(
      item.bundle,
      trust,
      { ...expect, artifact: item.artifact, tsa: expect.tsa && !item.reused },
      `the signature of ${item.what}`,
    );
  }
}
