// The trusted root: which Rekor logs, Fulcio CAs, CT logs and timestamp authorities this run
// trusts, with the validity period of each key. Read from the `trusted-root` input (the
// protobuf-specs TrustedRoot JSON that `cosign trusted-root create` writes and cosign's
// `--trusted-root` reads), or the public-good root through Sigstore's TUF repository (tuf.ts).
// Never from the services themselves: a key a Rekor hands out proves only that it agrees with
// itself. Logs are found by log ID (sha256 of the key), as cosign and sigstore-go do, so the
// same log reached through a proxy or another host name is the same log.
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toTrustMaterial, type TrustMaterial } from '@sigstore/verify';
import { createPublicKey } from 'node:crypto';
import { closeSync, openSync, readSync, fstatSync } from 'node:fs';
import { SignImageError } from '../errors.js';

/** A trusted_root.json larger than this is not one (the public-good root is about 7 KB). */
export const MAX_TRUSTED_ROOT_BYTES = 1024 * 1024;

/** One transparency log of the trusted root. */
export interface TrustedLog {
  /** Lower-case hex log ID (what a Rekor entry names as `logID`). */
  logIdHex: string;
  /** SPKI PEM of its key. */
  publicKeyPem: string;
  baseUrl: string;
}

/** What a run trusts, parsed and ready for @sigstore/verify. */
export interface Trust {
  /** Where it came from, for messages: the input's path, or the public-good TUF repository. */
  source: string;
  root: TrustedRoot;
  /** Every Rekor log of the root. */
  tlogs: TrustedLog[];
  /** The log with this hex log ID, if the root has it. */
  tlog(logIdHex: string): TrustedLog | undefined;
  /** Every Rekor key as one PEM text (tlog/verify-entry.ts picks the key by log ID). */
  rekorKeysPem: string;
  /** Every certificate of every Fulcio CA of the root, PEM (Kyverno's `keyless.roots`). */
  fulcioCertificatesPem: string;
  /** The CT log key valid last (PEM), for policies that take one; undefined without CT logs. */
  ctlogPublicKeyPem?: string;
  /** @sigstore/verify's trust material; key mode adds the signer's own key. */
  material(keys?: Parameters<typeof toTrustMaterial>[1]): TrustMaterial;
}

/** The Trust of a parsed TrustedRoot. */
export function trustOf(root: TrustedRoot, source: string): Trust {
  const tlogs: TrustedLog[] = [];
  for (const t of root.tlogs) {
    const raw = t.publicKey?.rawBytes;
    const id = t.logId?.keyId;
    if (!raw || !id) continue;
    let pem: string;
    try {
      pem = createPublicKey({ key: Buffer.from(raw), format: 'der', type: 'spki' })
        .export({ type: 'spki', format: 'pem' })
        .toString();
    } catch (cause) {
      throw invalid(
        source,
        `its transparency log ${t.baseUrl} has a key that cannot be read`,
        cause,
      );
    }
    tlogs.push({
      logIdHex: Buffer.from(id).toString('hex'),
      publicKeyPem: pem,
      baseUrl: t.baseUrl,
    });
  }
  // Parse everything once up front: a root @sigstore/verify cannot read fails here, not mid-run.
  try {
    toTrustMaterial(root);
  } catch (cause) {
    throw invalid(source, 'its certificates or keys cannot be read', cause);
  }
  return {
    source,
    root,
    tlogs,
    tlog: (logIdHex) => tlogs.find((t) => t.logIdHex === logIdHex.toLowerCase()),
    rekorKeysPem: tlogs.map((t) => t.publicKeyPem).join(''),
    fulcioCertificatesPem: root.certificateAuthorities
      .flatMap((ca) => ca.certChain?.certificates ?? [])
      .map((c) => certificatePem(Buffer.from(c.rawBytes)))
      .join(''),
    ctlogPublicKeyPem: lastCtlogKey(root),
    material: (keys) => toTrustMaterial(root, keys),
  };
}

/** Parses trusted_root.json text (protobuf-specs JSON); TRUST_ROOT_INVALID when it is not one. */
export function parseTrustedRoot(text: string, source: string): Trust {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw invalid(source, 'it is not JSON', cause);
  }
  const mediaType = (json as { mediaType?: unknown } | null)?.mediaType;
  if (
    typeof mediaType !== 'string' ||
    !mediaType.startsWith('application/vnd.dev.sigstore.trustedroot')
  ) {
    throw invalid(source, 'its mediaType is not application/vnd.dev.sigstore.trustedroot…');
  }
  let root: TrustedRoot;
  try {
    root = TrustedRoot.fromJSON(json);
  } catch (cause) {
    throw invalid(source, 'it is not a Sigstore TrustedRoot', cause);
  }
  return trustOf(root, source);
}

/** Reads the `trusted-root` file (at most MAX_TRUSTED_ROOT_BYTES). */
export function readTrustedRootFile(path: string): Trust {
  const source = `the trusted root ${path}`;
  let text: string;
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    if (size > MAX_TRUSTED_ROOT_BYTES)
      throw invalid(source, `it is ${size} bytes, more than a trusted root holds`);
    const buffer = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buffer, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    text = buffer.subarray(0, read).toString('utf8');
  } catch (cause) {
    if (cause instanceof SignImageError) throw cause;
    throw new SignImageError(
      'TRUST_ROOT_INVALID',
      `the \`trusted-root\` file ${path} cannot be read`,
      {
        cause,
        hint: 'Give the path of a trusted_root.json in the workspace (make one with `cosign trusted-root create`); nothing was sent',
      },
    );
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return parseTrustedRoot(text, source);
}

function invalid(source: string, why: string, cause?: unknown): SignImageError {
  return new SignImageError('TRUST_ROOT_INVALID', `${source} cannot be used: ${why}`, {
    cause,
    hint: 'Give a Sigstore trusted_root.json (what `cosign trusted-root create` writes, or the public-good one from `cosign trusted-root`… / the TUF repository); nothing was sent',
  });
}

function certificatePem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

// The CT log whose key became valid last: the one a new certificate's SCT comes from.
function lastCtlogKey(root: TrustedRoot): string | undefined {
  const logs = [...root.ctlogs].sort(
    (a, b) =>
      (a.publicKey?.validFor?.start?.getTime() ?? 0) -
      (b.publicKey?.validFor?.start?.getTime() ?? 0),
  );
  const raw = logs.at(-1)?.publicKey?.rawBytes;
  if (!raw) return undefined;
  try {
    return createPublicKey({ key: Buffer.from(raw), format: 'der', type: 'spki' })
      .export({ type: 'spki', format: 'pem' })
      .toString();
  } catch {
    return undefined;
  }
}
