// Registry failures as SignImageErrors that keep the registry's own words (ggcr transport.Error
// style): "PUT /v2/acme/app/manifests/x: 400 MANIFEST_INVALID: manifest invalid". Bodies are
// the registry's, never ours, so they carry no credentials; request headers are never quoted.

import { type ErrorCode, SignImageError } from '../errors.js';
import { attemptsNote, type HttpAnswer } from '../util/http-retry.js';
import { isRetryableStatus } from '../util/retry.js';

/** One entry of the distribution error body, `{"errors":[{"code","message","detail"}]}`. */
// https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#error-codes
export interface RegistryDiagnostic {
  code: string;
  message?: string;
  detail?: unknown;
}

/** A registry answered with a status the caller did not expect. */
export class RegistryError extends SignImageError {
  readonly status: number;
  readonly diagnostics: RegistryDiagnostic[];

  constructor(
    code: ErrorCode,
    message: string,
    opts: { status: number; diagnostics?: RegistryDiagnostic[]; hint?: string },
  ) {
    super(code, message, { hint: opts.hint });
    this.name = 'RegistryError';
    this.status = opts.status;
    this.diagnostics = opts.diagnostics ?? [];
  }

  /** True when the registry reported `code` (e.g. MANIFEST_UNKNOWN, DIGEST_INVALID). */
  hasDiagnostic(code: string): boolean {
    return this.diagnostics.some((d) => d.code === code);
  }
}

/** Parses a distribution error body; anything else yields no diagnostics. */
export function parseErrorBody(text: string): RegistryDiagnostic[] {
  try {
    const body = JSON.parse(text) as { errors?: unknown };
    if (!Array.isArray(body.errors)) return [];
    return body.errors
      .filter(
        (e): e is Record<string, unknown> =>
          typeof e === 'object' && e !== null && typeof e.code === 'string',
      )
      .map((e) => ({
        code: e.code as string,
        message: typeof e.message === 'string' ? e.message : undefined,
        detail: e.detail ?? undefined,
      }));
  } catch {
    return [];
  }
}

/** What a request was, for messages: method, host and path (never the query or headers). */
export interface RequestLabel {
  method: string;
  url: URL;
}

function describe(req: RequestLabel): string {
  return `${req.method} ${req.url.host}${req.url.pathname}`;
}

function formatDiagnostic(d: RegistryDiagnostic): string {
  let text = d.code;
  if (d.message) text += `: ${d.message}`;
  if (d.detail !== undefined && d.detail !== null) {
    const detail = typeof d.detail === 'string' ? d.detail : JSON.stringify(d.detail);
    text += `; ${detail.slice(0, 300)}`;
  }
  return text;
}

/**
 * Builds the error for an unexpected answer. The code and hint follow the status (401 → auth
 * failed, 403 → denied, else REGISTRY_ERROR) unless `override` says better.
 */
export function errorFromResponse(
  req: RequestLabel,
  status: number,
  bodyText: string,
  override: { code?: ErrorCode; hint?: string } = {},
): RegistryError {
  const diagnostics = parseErrorBody(bodyText);
  let message = `${describe(req)}: ${status}`;
  if (diagnostics.length > 0) message += ` ${diagnostics.map(formatDiagnostic).join(', ')}`;
  else if (bodyText.trim() && !bodyText.trimStart().startsWith('<'))
    message += ` ${bodyText.trim().slice(0, 200)}`;
  const host = req.url.host;
  let code: ErrorCode = 'REGISTRY_ERROR';
  let hint: string | undefined;
  if (status === 401) [code, hint] = ['REGISTRY_AUTH_FAILED', authHint(host)];
  if (status === 403) [code, hint] = ['REGISTRY_DENIED', deniedHint(host)];
  // Only the last of several tries gets here (util/http-retry.ts).
  if (isRetryableStatus(status))
    hint = `${host} kept failing or throttling through every retry; re-run the job later`;
  return new RegistryError(override.code ?? code, message, {
    status,
    diagnostics,
    hint: override.hint ?? hint,
  });
}

/** Reads the body (bounded) and throws unless the status is one of `codes`. */
export async function expectStatus(
  res: HttpAnswer,
  req: RequestLabel,
  ...codes: number[]
): Promise<void> {
  if (codes.includes(res.status)) return;
  const text = req.method === 'HEAD' ? '' : await res.text().catch(() => '');
  const error = errorFromResponse(req, res.status, text.slice(0, 4096));
  error.message += attemptsNote(res); // " after 8 attempts" when the policy retried it
  throw error;
}

/** Hint for a 401 that persists after credentials were sent (or none could be found). */
export function authHint(host: string): string {
  return (
    `Check the \`registry-username\`/\`registry-password\` inputs, or run docker/login-action ` +
    `for ${host} before this step`
  );
}

/** Hint for a 403 (or a token without the push scope). */
export function deniedHint(host: string): string {
  return (
    `The credentials for ${host} are valid but lack push rights on this repository; ` +
    `for GHCR give the job \`permissions: packages: write\` (and the repository access to the package)`
  );
}
