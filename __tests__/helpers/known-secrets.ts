// Secrets a test knows, so it can look for them everywhere the action could leave them: a key
// made here (so its decrypted form is known too) and encrypted by the real cosign, every text
// form each secret could take, and every file under a run's directory.
import { generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exec, peerEnv, scratch } from './exec.js';
import type { ActionResult } from './run-action.js';
import type { TestbedState } from './testbed.js';

export interface KnownKey {
  /** `cosign import-key-pair` output: ENCRYPTED SIGSTORE PRIVATE KEY. */
  encrypted: string;
  /** What it decrypts to: PKCS#8 PEM, its DER in base64, the JWK private scalar. */
  decrypted: { pem: string; der: string; d: string };
}

// A fresh P-256 key, encrypted with `password` by cosign 3.1 itself.
export async function importedKey(state: TestbedState, password: string): Promise<KnownKey> {
  const dir = scratch('known-key');
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  writeFileSync(path.join(dir, 'plain.pem'), pem);
  const args = ['import-key-pair', '--key', 'plain.pem', '-o', 'k', '-y'];
  const env = peerEnv(dir, { COSIGN_PASSWORD: password });
  const r = await exec(state.peers.cosign3, args, { cwd: dir, env });
  if (r.code !== 0) throw new Error(`cosign import-key-pair: ${r.stderr}`);
  return {
    encrypted: readFileSync(path.join(dir, 'k.key'), 'utf8'),
    decrypted: {
      pem,
      der: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
      d: privateKey.export({ format: 'jwk' }).d!,
    },
  };
}

// Every text form of the secrets worth looking for, named for the failure message.
export function secretForms(
  secrets: { password: string; key: KnownKey; registry: { username: string; password: string }[] },
  tokens: string[],
  extra: Record<string, string> = {},
): Record<string, string> {
  const lines = (pem: string) =>
    pem.split('\n').filter((l) => l.length >= 16 && !l.startsWith('-----'));
  const forms: Record<string, string> = {
    password: secrets.password,
    'key PEM': secrets.key.encrypted.trim(),
    'decrypted key PEM': secrets.key.decrypted.pem.trim(),
    'decrypted key DER': secrets.key.decrypted.der,
    'decrypted key d': secrets.key.decrypted.d,
    ...extra,
  };
  lines(secrets.key.encrypted).forEach((l, i) => (forms[`key PEM line ${i}`] = l));
  lines(secrets.key.decrypted.pem).forEach((l, i) => (forms[`decrypted key line ${i}`] = l));
  secrets.registry.forEach(({ username, password }, i) => {
    forms[`registry password ${i}`] = password;
    forms[`registry Basic auth ${i}`] = Buffer.from(`${username}:${password}`).toString('base64');
  });
  tokens.forEach((t, i) => {
    forms[`OIDC token ${i}`] = t;
    forms[`OIDC token ${i} signature`] = t.split('.')[2]!;
  });
  return forms;
}

// What a run left that a person or a later step could read: stdout without the mask commands,
// stderr, and every file under the run's directory (GITHUB_OUTPUT, the summary, RUNNER_TEMP,
// the workspace, HOME).
export function whatTheRunLeft(result: ActionResult): Record<string, string> {
  const stdout = result.stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
  const places: Record<string, string> = { stdout, stderr: result.stderr };
  for (const file of everyFile(result.dir))
    places[path.relative(result.dir, file)] = readFileSync(file, 'utf8');
  return places;
}

function everyFile(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? everyFile(p) : [p];
  });
}
