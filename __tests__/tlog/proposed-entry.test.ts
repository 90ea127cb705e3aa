// proposed-entry.ts owns the Rekor v1 proposals that @sigstore/sign 5 builds internally. These
// pin the bytes: equal to @sigstore/sign's own function (read from its dist/ here, in a test,
// so a change in a later release shows up as a failure rather than a silent difference) and to
// a literal, so a change on either side is seen.
import type { Envelope } from '@sigstore/bundle';
import { createRequire } from 'node:module';
import {
  proposedEntry,
  submittedEnvelope,
  type SignedContent,
} from '../../src/tlog/proposed-entry.js';

const require = createRequire(import.meta.url);
const { toProposedEntry } = require('@sigstore/sign/dist/witness/tlog/entry.js') as {
  toProposedEntry: (content: unknown, publicKey: string, kind?: string) => unknown;
};

const PEM = '-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n';
const envelope: Envelope = {
  payload: Buffer.from('{"_type":"https://in-toto.io/Statement/v1"}'),
  payloadType: 'application/vnd.in-toto+json',
  signatures: [{ keyid: '', sig: Buffer.from([1, 2, 3, 250]) }],
};
const dsse = { $case: 'dsseEnvelope' as const, dsseEnvelope: envelope };
const message = {
  $case: 'messageSignature' as const,
  messageSignature: {
    messageDigest: { algorithm: 1, digest: Buffer.alloc(32, 0xab) },
    signature: Buffer.from([9, 8, 7]),
  },
};

describe('proposedEntry', () => {
  it.each([
    ['dsse', dsse],
    ['hashedrekord', message],
  ])('serializes a %s proposal byte for byte as @sigstore/sign 5 does', (_, content) => {
    expect(JSON.stringify(proposedEntry(content, PEM))).toBe(
      JSON.stringify(toProposedEntry(content, PEM, 'dsse')),
    );
  });

  it('submits the envelope in the protobuf-specs JSON form, payload first, an empty keyid left out', () => {
    expect(submittedEnvelope(envelope)).toBe(
      '{"payload":"eyJfdHlwZSI6Imh0dHBzOi8vaW4tdG90by5pby9TdGF0ZW1lbnQvdjEifQ==",' +
        '"payloadType":"application/vnd.in-toto+json","signatures":[{"sig":"AQID+g=="}]}',
    );
    const proposal = proposedEntry(dsse, PEM);
    expect(proposal.kind === 'dsse' && proposal.spec.proposedContent.envelope).toBe(
      submittedEnvelope(envelope),
    );
  });

  it('refuses a message signature without its digest', () => {
    const bare = {
      $case: 'messageSignature' as const,
      messageSignature: { signature: Buffer.from([1]) },
    };
    expect(() => proposedEntry(bare as unknown as SignedContent, PEM)).toThrow(/digest/);
  });
});
