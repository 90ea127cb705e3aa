// A hashedrekord entry logged in @sigstore/mock's transparency log (a real SET over the
// canonical entry, at the log's clock), as the `dev.sigstore.cosign/bundle` annotation cosign
// puts on a `.sig` layer: for tests that build layers by hand.
import type { initializeTLog } from '@sigstore/mock';
import { createHash } from 'node:crypto';

type MockLog = Awaited<ReturnType<typeof initializeTLog>>;

/** Logs `signatureBase64` over `payload` by `verifierPem` (key or certificate); the annotation text. */
export async function loggedBundleAnnotation(
  log: MockLog,
  entry: { signatureBase64: string; verifierPem: string; payload: Buffer },
): Promise<string> {
  const logged = await log.log({
    apiVersion: '0.0.1',
    kind: 'hashedrekord',
    spec: {
      signature: {
        content: entry.signatureBase64,
        publicKey: { content: Buffer.from(entry.verifierPem).toString('base64') },
      },
      data: {
        hash: {
          algorithm: 'sha256',
          value: createHash('sha256').update(entry.payload).digest('hex'),
        },
      },
    },
  });
  const e = Object.values(logged)[0] as {
    body: string;
    integratedTime: number;
    logIndex: number;
    logID: string;
    verification: { signedEntryTimestamp: string };
  };
  return JSON.stringify({
    SignedEntryTimestamp: e.verification.signedEntryTimestamp,
    Payload: {
      body: e.body,
      integratedTime: e.integratedTime,
      logIndex: e.logIndex,
      logID: e.logID,
    },
  });
}
