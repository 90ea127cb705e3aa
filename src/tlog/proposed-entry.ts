// The Rekor v1 entries we propose (`POST /api/v1/log/entries`): `hashedrekord` 0.0.1 for message
// signatures, `dsse` 0.0.1 for DSSE envelopes. Owned here rather than deep-imported from
// @sigstore/sign's dist/ internals (not part of its API, so free to change in any release); the
// bytes are pinned to @sigstore/sign 5's by __tests__/tlog/proposed-entry.test.ts.
//
// The dsse entry carries the envelope as a JSON *string*. The real Rekor keeps no envelope: it
// logs `envelopeHash` = sha256 of that string exactly as submitted (pkg/types/dsse/v0.0.1/entry.go,
// `sha256.Sum256([]byte(*ProposedContent.Envelope))`), never of a re-serialization. So the one
// function below decides both the bytes sent and the bytes the returned entry is checked against.
// https://github.com/sigstore/rekor/blob/main/pkg/types/dsse/v0.0.1/dsse_v0_0_1_schema.json
import { envelopeToJSON, type Envelope, type MessageSignature } from '@sigstore/bundle';

export interface ProposedHashedRekord {
  apiVersion: '0.0.1';
  kind: 'hashedrekord';
  spec: {
    data: { hash: { algorithm: 'sha256'; value: string } };
    signature: { content: string; publicKey: { content: string } };
  };
}

export interface ProposedDsse {
  apiVersion: '0.0.1';
  kind: 'dsse';
  spec: { proposedContent: { envelope: string; verifiers: string[] } };
}

export type ProposedEntry = ProposedHashedRekord | ProposedDsse;

/** What a signature bundle's content is: a message signature or a DSSE envelope. */
export type SignedContent =
  | { $case: 'messageSignature'; messageSignature: MessageSignature }
  | { $case: 'dsseEnvelope'; dsseEnvelope: Envelope };

/**
 * The entry to propose for a signature, with `verifierPem` the `PUBLIC KEY` PEM (key mode) or the
 * leaf `CERTIFICATE` PEM (keyless), base64-encoded as Rekor's schema asks.
 */
export function proposedEntry(content: SignedContent, verifierPem: string): ProposedEntry {
  const verifier = Buffer.from(verifierPem, 'utf8').toString('base64');
  if (content.$case === 'dsseEnvelope') {
    return {
      apiVersion: '0.0.1',
      kind: 'dsse',
      spec: {
        proposedContent: {
          envelope: submittedEnvelope(content.dsseEnvelope),
          verifiers: [verifier],
        },
      },
    };
  }
  const { messageDigest, signature } = content.messageSignature;
  if (!messageDigest) throw new Error('a message signature without its digest cannot be logged');
  return {
    apiVersion: '0.0.1',
    kind: 'hashedrekord',
    spec: {
      data: {
        hash: { algorithm: 'sha256', value: Buffer.from(messageDigest.digest).toString('hex') },
      },
      signature: {
        content: Buffer.from(signature).toString('base64'),
        publicKey: { content: verifier },
      },
    },
  };
}

/**
 * The envelope string that goes into `proposedContent.envelope`: the protobuf-specs JSON form
 * (`payload`, `payloadType`, `signatures[{sig, keyid}]`), which is not the form Go would marshal.
 */
export function submittedEnvelope(envelope: Envelope): string {
  return JSON.stringify(envelopeToJSON(envelope));
}
