// The config every registry of the bed runs with (Debian's docker-registry 2.8 and distribution
// v3 read the same keys): filesystem storage with delete enabled, plain HTTP on 127.0.0.1, and
// the given `auth` block.
import { writeFileSync } from 'node:fs';
import path from 'node:path';

/** htpasswd Basic auth from `file` (bcrypt, as `htpasswd -B` writes it). */
export const htpasswdAuth = (file: string): string =>
  `{ htpasswd: { realm: test-registry, path: ${file} } }`;

/** distribution's token auth: JWTs from `realm` for `service`, signed under `rootcertbundle`. */
export const tokenAuth = (o: {
  realm: string;
  service: string;
  issuer: string;
  rootcertbundle: string;
}): string =>
  `{ token: { realm: "${o.realm}", service: ${o.service}, issuer: ${o.issuer}, rootcertbundle: ${o.rootcertbundle} } }`;

/** Writes `dir`/`name` for a registry storing under `dir`/storage; returns its path. */
export function writeRegistryConfig(
  dir: string,
  o: { port: number; auth: string; name?: string; storageDir?: string },
): string {
  const file = path.join(dir, o.name ?? 'config.yml');
  writeFileSync(
    file,
    [
      'version: 0.1',
      'log: { level: info }',
      `storage: { filesystem: { rootdirectory: ${o.storageDir ?? path.join(dir, 'storage')} }, delete: { enabled: true } }`,
      `http: { addr: 127.0.0.1:${o.port}, secret: testbed-not-a-secret }`,
      `auth: ${o.auth}`,
      '',
    ].join('\n'),
  );
  return file;
}
