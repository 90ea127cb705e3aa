// The printed command is run by a real bash with `cosign` replaced by a function that records its
// arguments: what a user pastes must reach cosign as exactly these words.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeSigner } from '../../src/report/identity.js';
import type { SignatureResult, SignerIdentity } from '../../src/report/result.js';
import { buildVerifyCommand, publicSigstore, quote } from '../../src/report/verify-command.js';
import { KEY_PEM, REUSABLE, resultsFor, signerFor } from '../helpers/report-results.js';

/** Runs `script` in bash with a recording `cosign`; returns each call's argv and cosign.pub. */
function runInBash(script: string): { calls: string[][]; pub?: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'verify-cmd-'));
  const prelude =
    'set -euo pipefail\ncosign() { printf "%s\\0" "$@" >> calls; printf "\\n" >> calls; }\n';
  try {
    execFileSync('bash', ['--noprofile', '--norc', '-c', prelude + script], { cwd: dir });
    return { calls: readCalls(dir), pub: readIfThere(path.join(dir, 'cosign.pub')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function readCalls(dir: string): string[][] {
  return readFileSync(path.join(dir, 'calls'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((c) => c.split('\0').filter((_, i, a) => i < a.length - 1));
}

function readIfThere(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

const command = (results: SignatureResult[], signer: SignerIdentity, ctx = publicSigstore()) =>
  buildVerifyCommand(results, describeSigner(results, signer), ctx);

describe('buildVerifyCommand', () => {
  let keyless: SignerIdentity;
  const key: SignerIdentity = { mode: 'key', publicKeyPem: KEY_PEM };
  beforeAll(async () => {
    keyless = await signerFor('keyless');
  });

  it('key: writes the exact public key to cosign.pub, then verifies every digest with it', () => {
    const results = resultsFor(key, 'legacy', 3);
    const { calls, pub } = runInBash(command(results, key));
    expect(pub).toBe(KEY_PEM);
    expect(calls).toEqual([
      ['verify', '--key', 'cosign.pub', ...results.map((r) => `${r.image}@${r.digest}`)],
    ]);
  });

  it('keyless: pins the certificate identity (the reusable workflow) and issuer exactly', () => {
    const results = resultsFor(keyless, 'bundle', 2);
    const { calls, pub } = runInBash(command(results, keyless));
    expect(pub).toBeUndefined();
    expect(calls).toEqual([
      [
        'verify',
        '--certificate-identity',
        `https://github.com/${REUSABLE}`,
        '--certificate-oidc-issuer',
        'https://token.actions.githubusercontent.com',
        ...results.map((r) => `${r.image}@${r.digest}`),
      ],
    ]);
  });

  it('keyless: one command per identity when signatures name different ones', () => {
    const [a, b] = resultsFor(keyless, 'legacy', 2);
    const other = {
      ...b!,
      identity: "https://github.com/acme/o'ther/.github/workflows/x.yml@refs/tags/v2 $HOME",
    };
    const { calls } = runInBash(command([a!, other], keyless));
    expect(calls.map((c) => [c[2], c[5]])).toEqual([
      [`https://github.com/${REUSABLE}`, `${a!.image}@${a!.digest}`],
      [other.identity, `${other.image}@${other.digest}`],
    ]);
  });

  it('adds --rekor-url for a private log and --insecure-ignore-tlog only when nothing was logged', () => {
    const results = resultsFor(key, 'legacy', 1);
    const ctx = { ...publicSigstore(), rekorUrl: 'http://127.0.0.1:3000' };
    expect(runInBash(command(results, key, ctx)).calls[0]).toEqual([
      'verify',
      '--key',
      'cosign.pub',
      '--rekor-url',
      'http://127.0.0.1:3000',
      `${results[0]!.image}@${results[0]!.digest}`,
    ]);
    const unlogged = results.map((r) => ({ ...r, rekorLogIndex: undefined }));
    expect(runInBash(command(unlogged, key)).calls[0]!.slice(0, 4)).toEqual([
      'verify',
      '--key',
      'cosign.pub',
      '--insecure-ignore-tlog=true',
    ]);
  });

  it('quotes only what a shell would change', () => {
    expect(quote('ghcr.io/acme/app@sha256:ab')).toBe('ghcr.io/acme/app@sha256:ab');
    expect(quote("a b'c")).toBe(`'a b'\\''c'`);
    expect(runInBash(`cosign ${quote("$x `y` a b'c *")}`).calls).toEqual([["$x `y` a b'c *"]]);
  });
});
