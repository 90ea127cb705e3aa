// The real verifiers, with only the bed's local trust: cosign 2.5 (SIGSTORE_* variables),
// cosign 3.1 (--trusted-root), and skopeo 1.18 (sigstoreSigned policy). The Rekor SET is
// always checked: nothing here passes --insecure-ignore-tlog.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { exec, peerEnv, scratch, type ExecResult } from './exec.js';
import { loadTestbed, type TestbedState } from './testbed.js';

export interface VerifyOptions {
  image: string; // HOST/REPO@sha256:…
  key?: string; // public key path (key mode)
  identity?: string; // certificate identity (keyless)
  issuer?: string; // certificate OIDC issuer (keyless)
  annotations?: Record<string, string>;
  extraArgs?: string[];
  /** More environment for cosign (e.g. AWS credentials for `--key awskms://…`). */
  env?: Record<string, string>;
  state?: TestbedState;
}

export interface VerifyResult extends ExecResult {
  ok: boolean;
  payloads: unknown[]; // the JSON array cosign prints on success
}

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
// The SAN the bed's Fulcio gives the default token (acme/app, release.yml, refs/heads/main).
export const DEFAULT_IDENTITY =
  'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main';

export async function cosignVerify(version: 2 | 3, opts: VerifyOptions): Promise<VerifyResult> {
  const s = opts.state ?? loadTestbed();
  const home = scratch('cosign-verify');
  const env = peerEnv(home, { DOCKER_CONFIG: s.registry.dockerConfigDir, ...opts.env });
  const args = ['verify', '--allow-http-registry', '--rekor-url', s.rekor.url];
  if (version === 2) {
    // cosign 2.5 takes the legacy Rekor key and keyless roots only from these variables.
    env.SIGSTORE_REKOR_PUBLIC_KEY = s.rekor.publicKeyPath;
    env.SIGSTORE_ROOT_FILE = s.fulcio.rootPath;
    env.SIGSTORE_CT_LOG_PUBLIC_KEY_FILE = s.ctlog.publicKeyPath;
  } else {
    args.push('--trusted-root', s.trustedRootPath);
  }
  if (opts.key) args.push('--key', opts.key);
  else {
    args.push('--certificate-identity', opts.identity ?? DEFAULT_IDENTITY);
    args.push('--certificate-oidc-issuer', opts.issuer ?? GITHUB_ISSUER);
  }
  for (const [k, v] of Object.entries(opts.annotations ?? {})) args.push('-a', `${k}=${v}`);
  args.push(...(opts.extraArgs ?? []), opts.image);
  const r = await exec(version === 2 ? s.peers.cosign2 : s.peers.cosign3, args, { env });
  let payloads: unknown[] = [];
  if (r.code === 0) {
    try {
      payloads = JSON.parse(r.stdout.trim()) as unknown[];
    } catch {
      /* -o text or extra output: leave empty */
    }
  }
  return { ...r, ok: r.code === 0, payloads };
}

// skopeo copy through a sigstoreSigned policy (what podman and CRI-O enforce). With
// `rekor` (default) the policy demands a valid Rekor SET from the bed's log.
export async function skopeoVerify(opts: {
  image: string;
  keyPath: string;
  rekor?: boolean;
  state?: TestbedState;
}): Promise<ExecResult & { ok: boolean }> {
  const s = opts.state ?? loadTestbed();
  const dir = scratch('skopeo-verify');
  const host = s.registry.host;
  const requirement = {
    type: 'sigstoreSigned',
    keyPath: opts.keyPath,
    ...(opts.rekor === false ? {} : { rekorPublicKeyPath: s.rekor.publicKeyPath }),
    // cosign (and we) record the bare repository as identity.
    signedIdentity: { type: 'matchRepository' },
  };
  const policy = {
    default: [{ type: 'reject' }],
    transports: { docker: { [host]: [requirement] } },
  };
  writeFileSync(path.join(dir, 'policy.json'), JSON.stringify(policy));
  writeFileSync(
    path.join(dir, 'registries.yaml'),
    `docker:\n  ${host}:\n    use-sigstore-attachments: true\n`,
  );
  const { username, password } = s.registry;
  const r = await exec(
    s.peers.skopeo,
    [
      'copy',
      '--policy',
      path.join(dir, 'policy.json'),
      '--registries.d',
      dir,
      '--src-tls-verify=false',
      '--src-creds',
      `${username}:${password}`,
      `docker://${opts.image}`,
      `dir:${path.join(dir, 'out')}`,
    ],
    { env: peerEnv(dir, { TMPDIR: dir }) },
  );
  return { ...r, ok: r.code === 0 };
}
