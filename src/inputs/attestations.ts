// The `attestations` input: newline-separated TYPE=FILE lines, as `cosign attest --type TYPE
// --predicate FILE` takes them one at a time. Pure parsing plus one bounded read per file, both
// before any key is decrypted or any request is made, so a bad line or file writes nothing.
//
// The size bound. Rekor v1 does not store a dsse entry's envelope, but the whole envelope travels
// in the POST: the statement base64-encoded inside a JSON string, ~4/3 of its size. rekor-server
// bounds a request with --max_request_body_size; its built-in default is 0 (unlimited) and the
// public instance's value is not documented (sigstore/rekor#2808). The value Rekor's own
// deployments in its repository use, and its end-to-end test for 413 checks ("default value is
// 32Mb"), is 32792576 bytes (rekor: docker-compose.test.yml, cmd/rekor-server/e2e_test.go). We
// take that as the documented ceiling: a predicate file may have up to 16 MiB, and the statement
// built from it must keep the request within REKOR_MAX_REQUEST_BYTES (checked once it is built,
// since `spdx`/`custom` text grows when escaped).
import { open } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { SignImageError } from '../errors.js';

/** Largest predicate file read: 16 MiB. */
export const MAX_PREDICATE_BYTES = 16 * 1024 * 1024;
/** Rekor's request body limit in its own deployment configuration (see the header). */
export const REKOR_MAX_REQUEST_BYTES = 32_792_576;
// Room for everything in the request but the statement: the signature, the verifier (a
// certificate PEM, base64) and the JSON around them, with a wide margin.
const REQUEST_OVERHEAD_BYTES = 64 * 1024;
/** Largest statement whose Rekor dsse request stays within REKOR_MAX_REQUEST_BYTES. */
export const MAX_STATEMENT_BYTES = Math.floor(
  ((REKOR_MAX_REQUEST_BYTES - REQUEST_OVERHEAD_BYTES) * 3) / 4,
);

/** One TYPE=FILE line, as written (payload/attestation.ts resolves TYPE). */
export interface AttestationRequest {
  type: string;
  /** The path as written. */
  file: string;
}

/** A request with its file's text (UTF-8, bounded). */
export interface PredicateFile extends AttestationRequest {
  text: string;
}

/** Parses the input; [] when empty. Throws ATTESTATION_INPUT_INVALID naming the line and the fix. */
export function parseAttestationsInput(text: string): AttestationRequest[] {
  const out: AttestationRequest[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0 || line.slice(eq + 1).trim() === '') {
      throw new SignImageError(
        'ATTESTATION_INPUT_INVALID',
        `The \`attestations\` line "${line}" is not TYPE=FILE`,
        {
          hint: 'Write one `TYPE=FILE` per line, e.g. `spdxjson=sbom.spdx.json` or `slsaprovenance1=provenance.json`',
        },
      );
    }
    out.push({ type: line.slice(0, eq).trim(), file: line.slice(eq + 1).trim() });
  }
  return out;
}

/** Reads every file (relative to `workspace`), bounded, as UTF-8 text. */
export async function readPredicateFiles(
  requests: readonly AttestationRequest[],
  workspace: string,
): Promise<PredicateFile[]> {
  const out: PredicateFile[] = [];
  for (const r of requests) {
    const path = isAbsolute(r.file) ? r.file : resolve(workspace, r.file);
    out.push({ ...r, text: await readBoundedUtf8(path, r.file) });
  }
  return out;
}

/** Refuses a statement whose Rekor request would pass REKOR_MAX_REQUEST_BYTES. */
export function checkStatementSize(statement: Buffer, p: { file: string }): void {
  if (statement.length > MAX_STATEMENT_BYTES) throw tooLarge(p.file, statement.length, 'statement');
}

async function readBoundedUtf8(path: string, shown: string): Promise<string> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw fileError(err, shown);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      throw new SignImageError(
        'ATTESTATION_FILE_UNREADABLE',
        `The \`attestations\` file ${shown} is not a regular file`,
        { hint: 'Name the predicate file itself, relative to the workspace or absolute' },
      );
    }
    if (stat.size > MAX_PREDICATE_BYTES) throw tooLarge(shown, stat.size, 'file');
    // Read at most one byte past the bound: a file that grows meanwhile is still refused.
    const buffer = Buffer.alloc(MAX_PREDICATE_BYTES + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > MAX_PREDICATE_BYTES) throw tooLarge(shown, length, 'file');
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, length));
    } catch {
      throw new SignImageError(
        'ATTESTATION_NOT_JSON',
        `The \`attestations\` file ${shown} is not UTF-8 text`,
        { hint: 'Give a JSON predicate (UTF-8), e.g. the SBOM your generator wrote as JSON' },
      );
    }
  } catch (err) {
    if (err instanceof SignImageError) throw err;
    throw fileError(err, shown);
  } finally {
    await handle.close();
  }
}

function fileError(err: unknown, shown: string): SignImageError {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') {
    return new SignImageError(
      'ATTESTATION_FILE_MISSING',
      `The \`attestations\` file ${shown} does not exist`,
      {
        hint: 'Write the predicate file in an earlier step (e.g. the SBOM generator) and name it relative to GITHUB_WORKSPACE or absolute',
      },
    );
  }
  return new SignImageError(
    'ATTESTATION_FILE_UNREADABLE',
    `The \`attestations\` file ${shown} cannot be read (${code ?? 'error'})`,
    { hint: 'Make the file readable by the job user and name the file itself, not a directory' },
  );
}

function tooLarge(shown: string, size: number, what: 'file' | 'statement'): SignImageError {
  const limit =
    what === 'file'
      ? `${MAX_PREDICATE_BYTES} bytes (16 MiB)`
      : `${MAX_STATEMENT_BYTES} bytes once wrapped in its statement`;
  return new SignImageError(
    'ATTESTATION_TOO_LARGE',
    `The \`attestations\` ${what === 'file' ? 'file' : 'predicate from'} ${shown} has ${size} bytes, more than the ${limit} a Rekor entry request may carry (Rekor's request limit of ${REKOR_MAX_REQUEST_BYTES} bytes, with the statement base64-encoded)`,
    {
      hint: 'Attest a smaller document (e.g. an SBOM without file-level entries), or split it across predicate types',
    },
  );
}
