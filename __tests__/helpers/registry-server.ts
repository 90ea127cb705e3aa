// A small OCI distribution peer on 127.0.0.1 for the registry layer's tests: manifests, blobs
// (POST + PUT uploads), optional referrers API, and the auth schemes registries use (none,
// Basic, Bearer with a token endpoint, 403). It behaves like distribution 2.8 where the tests
// care (OCI manifests only for OCI Accept, Content-Type must match mediaType, upload state in
// the Location query). Every request is logged, so tests can count round trips.
import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type AuthMode =
  | { kind: 'none' }
  | { kind: 'basic'; username: string; password: string }
  | {
      kind: 'bearer';
      username: string;
      password: string;
      identityToken?: string;
      /** Users whose tokens only get `pull` (push then answers 401 insufficient_scope). */
      readOnlyUsers?: string[];
      anonymousPull?: boolean;
      /** Answer with `access_token` instead of `token`. */
      accessTokenField?: boolean;
    }
  | { kind: 'deny'; username: string; password: string };

export interface LoggedRequest {
  method: string;
  path: string;
  query: string;
  authorization?: string;
  contentType?: string;
  ifMatch?: string;
  body: Buffer;
  status: number;
}

export interface RegistryServer {
  host: string;
  url: string;
  log: LoggedRequest[];
  manifests: Map<string, { bytes: Buffer; mediaType: string }>;
  blobs: Map<string, Buffer>;
  /** Tokens the endpoint handed out; delete one to make it expire. */
  tokens: Map<string, { user: string; actions: string[] }>;
  options: ServerOptions;
  close(): Promise<void>;
}

export interface ServerOptions {
  auth?: AuthMode;
  referrers?: boolean;
  /** Omit Docker-Content-Digest and Content-Type on manifest HEAD (some registries do). */
  bareHead?: boolean;
  /** Redirect blob GETs to this base URL (a storage host). */
  blobRedirect?: string;
  /** Serve these bytes for every manifest GET (a corrupting proxy). */
  corruptManifests?: Buffer;
}

const OCI = new Set([
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
]);
const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const errorBody = (code: string, message: string, detail: unknown = null) =>
  JSON.stringify({ errors: [{ code, message, detail }] });

export async function startRegistry(options: ServerOptions = {}): Promise<RegistryServer> {
  const auth = options.auth ?? { kind: 'none' };
  const log: LoggedRequest[] = [];
  const manifests = new Map<string, { bytes: Buffer; mediaType: string }>();
  const blobs = new Map<string, Buffer>();
  const tokens = new Map<string, { user: string; actions: string[] }>();
  const uploads = new Set<string>();
  let base = '';

  const basicOk = (header: string | undefined, u: string, p: string) =>
    header === `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

  const tokenEndpoint = (req: http.IncomingMessage, url: URL, body: Buffer, send: Send) => {
    if (auth.kind !== 'bearer') return send(404, '');
    let user: string | undefined;
    let scope = url.searchParams.getAll('scope').join(' ');
    if (req.method === 'POST') {
      const form = new URLSearchParams(body.toString());
      if (
        form.get('grant_type') !== 'refresh_token' ||
        form.get('refresh_token') !== auth.identityToken
      ) {
        return send(401, JSON.stringify({ error: 'invalid_grant' }));
      }
      user = auth.username;
      scope = form.get('scope') ?? '';
    } else if (req.headers.authorization) {
      if (!basicOk(req.headers.authorization, auth.username, auth.password)) {
        return send(401, errorBody('UNAUTHORIZED', 'authentication required'));
      }
      user = url.searchParams.get('account') ?? auth.username;
    } else if (!auth.anonymousPull) {
      return send(401, errorBody('UNAUTHORIZED', 'authentication required'));
    }
    const requested = scope.split(' ').flatMap((s) => (s.split(':')[2] ?? '').split(','));
    const granted = requested.filter(
      (a) => a === 'pull' || (a === 'push' && user && !auth.readOnlyUsers?.includes(user)),
    );
    const token = `tok-${randomUUID()}`;
    tokens.set(token, { user: user ?? '', actions: granted });
    send(
      200,
      JSON.stringify(auth.accessTokenField ? { access_token: token } : { token, expires_in: 300 }),
    );
  };

  type Send = (status: number, body: string | Buffer, headers?: Record<string, string>) => void;

  // undefined when the request may proceed; otherwise the response was sent.
  const authorize = (
    req: http.IncomingMessage,
    name: string,
    write: boolean,
    send: Send,
  ): boolean => {
    const header = req.headers.authorization;
    if (auth.kind === 'none') return true;
    if (auth.kind === 'basic' || auth.kind === 'deny') {
      if (!basicOk(header, auth.username, auth.password)) {
        send(401, errorBody('UNAUTHORIZED', 'authentication required'), {
          'WWW-Authenticate': 'Basic realm="fake-registry"',
        });
        return false;
      }
      if (auth.kind === 'deny') {
        send(403, errorBody('DENIED', 'requested access to the resource is denied'));
        return false;
      }
      return true;
    }
    const grant = header?.startsWith('Bearer ') ? tokens.get(header.slice(7)) : undefined;
    const need = write ? 'push' : 'pull';
    if (grant?.actions.includes(need)) return true;
    const scope = `repository:${name}:${write ? 'pull,push' : 'pull'}`;
    const error = grant ? ',error="insufficient_scope"' : header ? ',error="invalid_token"' : '';
    send(401, errorBody('UNAUTHORIZED', 'authentication required'), {
      'WWW-Authenticate': `Bearer realm="${base}/token",service="fake-registry",scope="${scope}"${error}`,
    });
    return false;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', base);
      const entry: LoggedRequest = {
        method: req.method ?? '',
        path: url.pathname,
        query: url.search,
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        ifMatch: req.headers['if-match'] as string | undefined,
        body,
        status: 0,
      };
      log.push(entry);
      const send: Send = (status, payload, headers = {}) => {
        entry.status = status;
        const bytes = Buffer.from(payload);
        const type =
          typeof payload === 'string' && payload.startsWith('{')
            ? 'application/json; charset=utf-8'
            : 'text/plain';
        res.writeHead(status, {
          'Content-Type': type,
          'Content-Length': String(bytes.length),
          ...headers,
        });
        res.end(req.method === 'HEAD' ? undefined : bytes);
      };
      handle(req, url, body, send);
    });
  });

  const handle = (req: http.IncomingMessage, url: URL, body: Buffer, send: Send) => {
    if (url.pathname === '/token') return tokenEndpoint(req, url, body, send);
    if (url.pathname === '/v2/') return authorize(req, '', false, send) && send(200, '{}');
    const m = /^\/v2\/(.+)\/(blobs\/uploads|manifests|blobs|referrers)\/(.*)$/.exec(url.pathname);
    if (!m) return send(404, '404 page not found');
    const [, name, kind, ref] = m as unknown as [string, string, string, string];
    const method = req.method ?? 'GET';
    if (!authorize(req, name, method === 'PUT' || method === 'POST', send)) return;
    const key = `${name}@${ref}`;
    if (kind === 'manifests') {
      if (method === 'PUT') {
        const mediaType = (JSON.parse(body.toString()) as { mediaType?: string }).mediaType;
        if (req.headers['content-type'] !== mediaType)
          return send(400, errorBody('MANIFEST_INVALID', 'manifest invalid'));
        const current = manifests.get(key);
        const ifMatch = req.headers['if-match'];
        if (ifMatch && (!current || `"${sha256(current.bytes)}"` !== ifMatch))
          return send(412, errorBody('PRECONDITION_FAILED', 'etag mismatch'));
        const digest = sha256(body);
        manifests.set(key, { bytes: body, mediaType: mediaType ?? '' });
        manifests.set(`${name}@${digest}`, { bytes: body, mediaType: mediaType ?? '' });
        return send(201, '', {
          'Docker-Content-Digest': digest,
          Location: `/v2/${name}/manifests/${digest}`,
        });
      }
      const found = manifests.get(key);
      const accept = String(req.headers.accept ?? '');
      if (!found || (OCI.has(found.mediaType) && !accept.includes(found.mediaType))) {
        return send(404, errorBody('MANIFEST_UNKNOWN', 'manifest unknown', { Tag: ref }));
      }
      const bytes = options.corruptManifests ?? found.bytes;
      const headers: Record<string, string> =
        options.bareHead && method === 'HEAD'
          ? {}
          : {
              'Content-Type': found.mediaType,
              'Docker-Content-Digest': sha256(found.bytes),
              ETag: `"${sha256(found.bytes)}"`,
            };
      return send(200, bytes, headers);
    }
    if (kind === 'blobs') {
      const blob = blobs.get(ref);
      if (!blob) return send(404, errorBody('BLOB_UNKNOWN', 'blob unknown to registry', ref));
      if (options.blobRedirect && method === 'GET')
        return send(307, '', { Location: `${options.blobRedirect}/${ref}` });
      return send(200, blob, { 'Docker-Content-Digest': ref });
    }
    if (kind === 'blobs/uploads') {
      if (method === 'POST' && ref === '') {
        const id = randomUUID();
        uploads.add(id);
        return send(202, '', {
          Location: `/v2/${name}/blobs/uploads/${id}?_state=a%2Bb%3D`,
          'Docker-Upload-UUID': id,
        });
      }
      if (method === 'PUT' && uploads.has(ref)) {
        const digest = url.searchParams.get('digest');
        if (url.searchParams.get('_state') !== 'a+b=')
          return send(400, errorBody('BLOB_UPLOAD_INVALID', 'state lost'));
        if (digest !== sha256(body))
          return send(
            400,
            errorBody('DIGEST_INVALID', 'provided digest did not match uploaded content'),
          );
        uploads.delete(ref);
        blobs.set(digest, body);
        return send(201, '', { 'Docker-Content-Digest': digest });
      }
      return send(404, errorBody('BLOB_UPLOAD_UNKNOWN', 'blob upload unknown to registry'));
    }
    // referrers
    if (!options.referrers) return send(404, '404 page not found');
    const seen = new Set<string>();
    const found = [...manifests.entries()]
      .filter(([k]) => k.startsWith(`${name}@sha256:`))
      .map(([, v]) => ({
        v,
        parsed: JSON.parse(v.bytes.toString()) as {
          subject?: { digest: string };
          artifactType?: string;
        },
      }))
      .filter(
        ({ v, parsed }) =>
          parsed.subject?.digest === ref && !seen.has(sha256(v.bytes)) && seen.add(sha256(v.bytes)),
      )
      .map(({ v, parsed }) => ({
        mediaType: v.mediaType,
        size: v.bytes.length,
        digest: sha256(v.bytes),
        artifactType: parsed.artifactType,
      }));
    const index = {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: found,
    };
    return send(200, JSON.stringify(index), {
      'Content-Type': 'application/vnd.oci.image.index.v1+json',
    });
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  return {
    host: `127.0.0.1:${port}`,
    url: base,
    log,
    manifests,
    blobs,
    tokens,
    options,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (bound once, then released). */
export async function deadPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A server that accepts connections and never answers (for timeouts). */
export async function silentServer(): Promise<{ host: string; close(): Promise<void> }> {
  const server = http.createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    host: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
