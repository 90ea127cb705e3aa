// RFC 3161 over DER (`application/timestamp-query` in, `application/timestamp-reply` out) for
// the test bed's TSA and the unit tests' DER-only authority: the request is parsed with
// @sigstore/core's ASN.1 reader and the token signed by @sigstore/mock's TSA (a real CMS
// SignedData over a real TSTInfo, with the bed's fixed clock). The mock takes only sigstore's
// JSON request itself, and writes the nonce as a JS number, exact only below 2^53: RFC 3161
// clients send 64 bits or more, so the TSTInfo's nonce is re-encoded from the request's bytes.
import { ASN1Obj } from '@sigstore/core';
import type { initializeTSA } from '@sigstore/mock';

type MockTSA = Awaited<ReturnType<typeof initializeTSA>>;
type TimestampRequest = Parameters<MockTSA['timestamp']>[0];

export const TIMESTAMP_QUERY = 'application/timestamp-query';
export const TIMESTAMP_REPLY = 'application/timestamp-reply';
const SIGSTORE_TSA_POLICY = '1.3.6.1.4.1.57264.2';

/** The fields of a DER TimeStampReq (RFC 3161 §2.4.1), as the authority reads them. */
export interface ParsedTimestampRequest {
  version: bigint;
  hashAlgorithmOID: string;
  hashedMessage: Buffer;
  policyOID?: string;
  /** The nonce INTEGER's content octets, as sent. */
  nonce?: Buffer;
  certReq: boolean;
}

export function parseTimestampRequest(der: Buffer): ParsedTimestampRequest {
  const req = ASN1Obj.parseBuffer(Buffer.from(der));
  const [version, imprint, ...rest] = req.subs;
  if (!version || !imprint || imprint.subs.length !== 2) throw new Error('not a TimeStampReq');
  const out: ParsedTimestampRequest = {
    version: version.toInteger(),
    hashAlgorithmOID: imprint.subs[0]!.subs[0]!.toOID(),
    hashedMessage: Buffer.from(imprint.subs[1]!.value),
    certReq: false,
  };
  for (const field of rest) {
    if (field.tag.isOID()) out.policyOID = field.toOID();
    else if (field.tag.isInteger()) out.nonce = Buffer.from(field.value);
    else if (field.tag.isBoolean()) out.certReq = field.toBoolean();
  }
  return out;
}

/** A TimeStampResp from the mock's signer answering `der`, a DER TimeStampReq. */
export async function timestampReply(tsa: MockTSA, der: Buffer): Promise<Buffer> {
  const req = parseTimestampRequest(der);
  if (req.version !== 1n) throw new Error(`TimeStampReq version ${req.version}`);
  const nonce = req.nonce ?? Buffer.from([0]);
  const request: TimestampRequest & { nonceOctets: Buffer } = {
    artifactHash: req.hashedMessage,
    hashAlgorithmOID: req.hashAlgorithmOID,
    policyOID: req.policyOID ?? SIGSTORE_TSA_POLICY,
    certReq: req.certReq,
    nonce: 0,
    nonceOctets: nonce,
  };
  exactNonces(tsa);
  const reply = await tsa.timestamp(request);
  return Buffer.from(reply.buffer, reply.byteOffset, reply.byteLength);
}

// The mock builds the TSTInfo in its own `tstInfo(req)` (pkijs, asn1js) from the request object
// it was given; wrap it once so the nonce comes from the octets, in asn1js's own Integer type.
interface Asn1Integer {
  constructor: new (p: { valueHex: ArrayBuffer }) => Asn1Integer;
}
const patched = new WeakSet<object>();
function exactNonces(tsa: MockTSA): void {
  if (patched.has(tsa)) return;
  const impl = tsa as unknown as {
    tstInfo(req: TimestampRequest & { nonceOctets?: Buffer }): { nonce?: Asn1Integer };
  };
  const build = impl.tstInfo.bind(impl);
  impl.tstInfo = (req) => {
    const info = build(req);
    if (req.nonceOctets && info.nonce) {
      const o = req.nonceOctets;
      info.nonce = new info.nonce.constructor({
        valueHex: o.buffer.slice(o.byteOffset, o.byteOffset + o.byteLength) as ArrayBuffer,
      });
    }
    return info;
  };
  patched.add(tsa);
}
