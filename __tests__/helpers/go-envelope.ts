// The DSSE envelope as cosign (Go) submits it to Rekor: json.Marshal of the envelope struct,
// fields in declaration order, `keyid` present even when empty. Tests use it to say what cosign
// sent for the fixtures it logged; our own client sends another form (proposed-entry.ts).
import type { Envelope } from '@sigstore/bundle';
import { goString, goStruct } from '../../src/payload/go-json.js';

export function goMarshaledEnvelope(envelope: Envelope): string {
  const signatures = envelope.signatures.map((s) =>
    goStruct([
      ['keyid', goString(s.keyid ?? '')],
      ['sig', goString(Buffer.from(s.sig).toString('base64'))],
    ]),
  );
  return goStruct([
    ['payloadType', goString(envelope.payloadType)],
    ['payload', goString(Buffer.from(envelope.payload).toString('base64'))],
    ['signatures', `[${signatures.join(',')}]`],
  ]);
}
