// The Rekor v1 witness: `POST /api/v1/log/entries` under the action's one retry policy, with
// errors that name the log, its host, the status and the fix. The proposed entry
// (`hashedrekord` for message signatures, `dsse` for bundles) is built by proposed-entry.ts, byte
// for byte what @sigstore/sign's RekorWitness would send. Its HTTP layer is not used: it cannot
// honour `Retry-After`, and the deadline and retry lines are the action's.
//
// A retried POST whose first try was logged but whose answer was lost gets 409 with the
// existing entry's Location: that entry is fetched and used (the pipeline then checks it is
// exactly what we sent), so a retry never logs a signature twice.
// https://github.com/sigstore/rekor/blob/main/openapi.yaml
import type { TransparencyLogEntry } from '@sigstore/bundle';
import type { SignatureBundle, VerificationMaterial, Witness } from '@sigstore/sign';
import { SignImageError } from '../errors.js';
import { proposedEntry } from './proposed-entry.js';
import {
  attemptsNote,
  describeFailure,
  fetchWithRetry,
  RequestFailure,
  type FetchFn,
  type HttpAnswer,
} from '../util/http-retry.js';
import type { RetryPolicy } from '../util/retry.js';
import { BODY_LIMITS } from '../util/bounded-body.js';

const UUID = /^[0-9a-f]{64,80}$/;

/** Options of a RekorLog; `policy` and `fetch` default to the action's own. */
export interface RekorLogOptions {
  rekorUrl: string;
  policy?: RetryPolicy;
  fetch?: FetchFn;
}

/** A Witness that records each signature in a Rekor v1 log and returns its entry. */
export class RekorLog implements Witness {
  constructor(private readonly opts: RekorLogOptions) {}

  async testify(content: SignatureBundle, publicKey: string): Promise<VerificationMaterial> {
    const proposed = proposedEntry(content, publicKey);
    const doing = 'recording the signature';
    const res = await this.send(`${this.opts.rekorUrl}/api/v1/log/entries`, doing, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(proposed),
    });
    if (res.status === 201) return { tlogEntries: [await entryFrom(res, this.opts.rekorUrl)] };
    const uuid = res.headers.get('location')?.split('/').pop() ?? '';
    if (res.status !== 409 || !UUID.test(uuid))
      throw await statusError(this.opts.rekorUrl, res, doing);
    // Already logged (by our own earlier try): use that entry.
    const existing = await this.send(
      `${this.opts.rekorUrl}/api/v1/log/entries/${uuid}`,
      'fetching the existing entry',
      {
        headers: { Accept: 'application/json' },
      },
    );
    if (existing.status !== 200)
      throw await statusError(this.opts.rekorUrl, existing, 'fetching the existing entry');
    return { tlogEntries: [await entryFrom(existing, this.opts.rekorUrl)] };
  }

  private async send(url: string, doing: string, init: RequestInit): Promise<HttpAnswer> {
    const what = `Rekor at ${host(this.opts.rekorUrl)}`;
    try {
      return await fetchWithRetry(url, init, {
        what,
        policy: this.opts.policy,
        fetch: this.opts.fetch,
        maxBodyBytes: BODY_LIMITS.service,
      });
    } catch (err) {
      if (err instanceof SignImageError) throw err; // RESPONSE_TOO_LARGE
      throw rekorUnreachable(this.opts.rekorUrl, err, doing);
    }
  }
}

/** TLOG_UNREACHABLE for a request that got no answer (refused, reset, timed out, deadline). */
export function rekorUnreachable(rekorUrl: string, err: unknown, doing: string): SignImageError {
  const how = err instanceof RequestFailure ? describeFailure(err) : 'could not be reached';
  return new SignImageError('TLOG_UNREACHABLE', `Rekor at ${host(rekorUrl)} ${how} when ${doing}`, {
    cause: err,
    hint: 'Check `rekor-url` and the network (for the public log see https://status.sigstore.dev), or set `tlog-upload: false` to sign without the transparency log; nothing was pushed to the registry',
  });
}

/** TLOG_ERROR naming the status Rekor answered (after every retry) and Rekor's own reason. */
export async function statusError(
  rekorUrl: string,
  res: HttpAnswer,
  doing: string,
): Promise<SignImageError> {
  const text = await res.text().catch(() => '');
  let reason = '';
  try {
    const message = (JSON.parse(text) as { message?: unknown }).message;
    if (typeof message === 'string') reason = `: ${message.slice(0, 300)}`;
  } catch {
    // Not Rekor's JSON error body: the status says enough.
  }
  const transient = res.status >= 500 || res.status === 429 || res.status === 408;
  return new SignImageError(
    'TLOG_ERROR',
    `Rekor at ${host(rekorUrl)} answered ${res.status} when ${doing}${attemptsNote(res)}${reason}`,
    {
      hint: transient
        ? 'The log is failing or throttling; re-run the job later (for the public log see https://status.sigstore.dev); nothing was pushed to the registry'
        : 'Check `rekor-url` (a Rekor v1 API such as https://rekor.sigstore.dev); nothing was pushed to the registry',
    },
  );
}

interface RekorEntry {
  body: string;
  integratedTime: number;
  logID: string;
  logIndex: number;
  verification?: {
    signedEntryTimestamp?: string;
    inclusionProof?: {
      logIndex: number;
      rootHash: string;
      treeSize: number;
      hashes: string[];
      checkpoint: string;
    };
  };
}

// `{"<uuid>": {body, integratedTime, logID, logIndex, verification}}` → the bundle's entry form.
async function entryFrom(res: HttpAnswer, rekorUrl: string): Promise<TransparencyLogEntry> {
  try {
    const entries = Object.values((await res.json()) as Record<string, RekorEntry>);
    if (entries.length !== 1) throw new Error(`${entries.length} entries`);
    const e = entries[0]!;
    const kind = JSON.parse(Buffer.from(e.body, 'base64').toString('utf8')) as {
      kind: string;
      apiVersion: string;
    };
    const proof = e.verification?.inclusionProof;
    const sets = e.verification?.signedEntryTimestamp;
    return {
      logIndex: String(e.logIndex),
      logId: { keyId: Buffer.from(e.logID, 'hex') },
      kindVersion: { kind: kind.kind, version: kind.apiVersion },
      integratedTime: String(e.integratedTime),
      inclusionPromise: sets ? { signedEntryTimestamp: Buffer.from(sets, 'base64') } : undefined,
      inclusionProof: proof && {
        logIndex: String(proof.logIndex),
        rootHash: Buffer.from(proof.rootHash, 'hex'),
        treeSize: String(proof.treeSize),
        hashes: proof.hashes.map((h) => Buffer.from(h, 'hex')),
        checkpoint: { envelope: proof.checkpoint },
      },
      canonicalizedBody: Buffer.from(e.body, 'base64'),
    };
  } catch (cause) {
    throw new SignImageError(
      'TLOG_ERROR',
      `the transparency log at ${host(rekorUrl)} returned an entry that cannot be read`,
      {
        cause,
        hint: '`rekor-url` must be a Rekor v1 API (e.g. https://rekor.sigstore.dev); nothing was pushed to the registry',
      },
    );
  }
}

function host(url: string): string {
  return new URL(url).host;
}
