// Pure: the RFC 3161 §2.4.1 TimeStampReq we send to `tsa-url`, DER-encoded, and the nonce the
// answer must echo. Written by hand because @sigstore/core parses ASN.1 but builds none (its
// ASN1Obj needs tag objects the package does not export), @sigstore/sign only speaks sigstore's
// JSON request, and the request is five short fields:
//
//   TimeStampReq ::= SEQUENCE {
//     version        INTEGER { v1(1) },
//     messageImprint SEQUENCE { hashAlgorithm AlgorithmIdentifier, hashedMessage OCTET STRING },
//     nonce          INTEGER OPTIONAL,
//     certReq        BOOLEAN DEFAULT FALSE }
//
// The imprint's algorithm carries explicit NULL parameters, as OpenSSL's `ts -query` and Go's
// digitorus/timestamp (cosign, the Sigstore timestamp authority) write it.
import { randomBytes } from 'node:crypto';

/** Media types of RFC 3161 over HTTP (RFC 3161 §3.4). */
export const TIMESTAMP_QUERY = 'application/timestamp-query';
export const TIMESTAMP_REPLY = 'application/timestamp-reply';

const SHA256_OID = Buffer.from('608648016503040201', 'hex'); // 2.16.840.1.101.3.4.2.1

/**
 * DER TimeStampReq over a SHA-256 `digest`, asking for the signer's certificate in the token
 * (certReq: cosign's verifiers look for the TSA's leaf there) and carrying `nonce`.
 */
export function timestampRequest(digest: Buffer, nonce: Buffer): Buffer {
  if (digest.length !== 32) throw new Error(`a SHA-256 digest has 32 bytes, not ${digest.length}`);
  return tlv(
    0x30,
    integer(Buffer.from([1])),
    tlv(0x30, tlv(0x30, tlv(0x06, SHA256_OID), tlv(0x05)), tlv(0x04, digest)),
    integer(nonce),
    tlv(0x01, Buffer.from([0xff])),
  );
}

/** A fresh 64-bit nonce, as OpenSSL and cosign send. */
export function newNonce(): Buffer {
  return randomBytes(8);
}

/** The nonce as the INTEGER's value: unsigned, big-endian, no leading zeros. */
export function nonceValue(nonce: Buffer): bigint {
  return nonce.length === 0 ? 0n : BigInt(`0x${nonce.toString('hex')}`);
}

// A non-negative INTEGER in its minimal two's-complement form: leading zero bytes dropped, one
// put back when the top bit would read as a sign.
function integer(unsigned: Buffer): Buffer {
  let start = 0;
  while (start < unsigned.length - 1 && unsigned[start] === 0) start++;
  let value = unsigned.subarray(start);
  if (value.length === 0) value = Buffer.from([0]);
  if (value[0]! & 0x80) value = Buffer.concat([Buffer.from([0]), value]);
  return tlv(0x02, value);
}

function tlv(tag: number, ...contents: Buffer[]): Buffer {
  const value = Buffer.concat(contents);
  return Buffer.concat([Buffer.from([tag]), length(value.length), value]);
}

// DER lengths: one byte below 128, else 0x80 + the count of big-endian length bytes.
function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
