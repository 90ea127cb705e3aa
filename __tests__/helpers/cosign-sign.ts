// Real `cosign sign` against the bed: reference signatures to compare with, and signatures our
// action must keep when it appends to a `.sig` that cosign wrote.
import { exec, peerEnv, scratch, type ExecResult } from './exec.js';
import type { KeyPair } from './keys.js';
import { getIdToken, loadTestbed, type TestbedState } from './testbed.js';

export interface SignOptions {
  image: string; // HOST/REPO@sha256:…
  key?: KeyPair; // key mode; otherwise keyless with a token from the bed
  // cosign 3 only: `legacy` (.sig tag + hashedrekord, the default here) or `bundle`
  // (its own default: Sigstore bundle referrer, dsse entry) through the bed's signing config.
  format?: 'legacy' | 'bundle';
  annotations?: Record<string, string>;
  tlog?: boolean; // default true
  extraArgs?: string[];
  state?: TestbedState;
}

export async function cosignSign(
  version: 2 | 3,
  opts: SignOptions,
): Promise<ExecResult & { ok: boolean }> {
  const s = opts.state ?? loadTestbed();
  const home = scratch('cosign-sign');
  const env = peerEnv(home, { DOCKER_CONFIG: s.registry.dockerConfigDir });
  const args = ['sign', '-y', '--allow-http-registry'];
  const tlog = opts.tlog ?? true;
  if (version === 2) {
    // cosign 2.5 checks the new entry's SET and the certificate's SCT with these.
    Object.assign(env, {
      SIGSTORE_REKOR_PUBLIC_KEY: s.rekor.publicKeyPath,
      SIGSTORE_ROOT_FILE: s.fulcio.rootPath,
      SIGSTORE_CT_LOG_PUBLIC_KEY_FILE: s.ctlog.publicKeyPath,
    });
    args.push('--rekor-url', s.rekor.url, `--tlog-upload=${tlog}`);
    if (!opts.key) args.push('--fulcio-url', s.fulcio.url);
  } else if ((opts.format ?? 'legacy') === 'legacy') {
    args.push(
      '--new-bundle-format=false',
      '--use-signing-config=false',
      '--trusted-root',
      s.trustedRootPath,
    );
    args.push('--rekor-url', s.rekor.url, `--tlog-upload=${tlog}`);
    if (!opts.key) args.push('--fulcio-url', s.fulcio.url);
  } else {
    args.push('--signing-config', s.signingConfigPath, '--trusted-root', s.trustedRootPath);
  }
  if (opts.key) {
    args.push('--key', opts.key.privateKeyPath);
    env.COSIGN_PASSWORD = opts.key.password;
  } else {
    args.push('--identity-token', await getIdToken(s));
  }
  for (const [k, v] of Object.entries(opts.annotations ?? {})) args.push('-a', `${k}=${v}`);
  args.push(...(opts.extraArgs ?? []), opts.image);
  const r = await exec(version === 2 ? s.peers.cosign2 : s.peers.cosign3, args, { env });
  return { ...r, ok: r.code === 0 };
}
