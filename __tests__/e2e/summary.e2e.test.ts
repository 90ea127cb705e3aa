// The summary's `cosign verify` command, taken from the Markdown and run as a user would paste
// it, with only the bed's trust roots swapped in (a `cosign` on PATH that adds SIGSTORE_* for
// cosign 2.5, or --trusted-root for cosign 3.1, plus --allow-http-registry). Key/legacy is signed
// by the action itself; the keyless and bundle cases, which this action does not write yet, use
// what the real cosign wrote, described as results of the same shape. The Rekor SET is checked.
import { X509Certificate } from '@sigstore/core';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SignatureResult, SignerIdentity } from '../../src/report/result.js';
import { buildSummary } from '../../src/report/summary.js';
import { cosignSign } from '../helpers/cosign-sign.js';
import { crdValidator, parseYaml } from '../helpers/crd-schema.js';
import { exec, peerEnv, scratch, type ExecResult } from '../helpers/exec.js';
import { generateCosignKey, type KeyPair } from '../helpers/keys.js';
import { fenced } from '../helpers/report-results.js';
import { runAction, type ActionResult } from '../helpers/run-action.js';
import { peekReferrers, peekSignatures } from '../helpers/sig-peek.js';
import { loadTestbed, pushTestImage, type TestbedState } from '../helpers/testbed.js';

let state: TestbedState;
let key: KeyPair;
let otherKey: KeyPair;
beforeAll(async () => {
  state = loadTestbed();
  [key, otherKey] = await Promise.all([
    generateCosignKey('summary pass'),
    generateCosignKey('other pass'),
  ]);
});

/** Runs the printed shell text with `cosign` meaning cosign 2.5 or 3.1 plus the bed's trust. */
async function runPrinted(version: 2 | 3, script: string): Promise<ExecResult> {
  const dir = scratch(`summary-cosign${version}`);
  const trust =
    version === 2
      ? `export SIGSTORE_REKOR_PUBLIC_KEY='${state.rekor.publicKeyPath}' SIGSTORE_ROOT_FILE='${state.fulcio.rootPath}' SIGSTORE_CT_LOG_PUBLIC_KEY_FILE='${state.ctlog.publicKeyPath}'\nsub="$1"; shift\nexec '${state.peers.cosign2}' "$sub" --allow-http-registry "$@"`
      : `sub="$1"; shift\nexec '${state.peers.cosign3}' "$sub" --trusted-root '${state.trustedRootPath}' --allow-http-registry "$@"`;
  writeFileSync(path.join(dir, 'cosign'), `#!/bin/sh\n${trust}\n`, { mode: 0o755 });
  const env = peerEnv(dir, {
    DOCKER_CONFIG: state.registry.dockerConfigDir,
    PATH: `${dir}:${process.env.PATH}`,
  });
  return exec('bash', ['--noprofile', '--norc', '-euo', 'pipefail', '-c', script], {
    cwd: dir,
    env,
  });
}

function shOf(summary: string): string {
  const blocks = fenced(summary, 'sh');
  expect(blocks).toHaveLength(1);
  return blocks[0]!;
}

function certificateFacts(pem: string): { subject: string; issuer: string } {
  const cert = X509Certificate.parse(pem);
  // The bed's Fulcio writes the issuer in the v1 extension too (raw bytes).
  return {
    subject: cert.subjectAltName!,
    issuer: cert.extension('1.3.6.1.4.1.57264.1.1')!.value.toString('utf8'),
  };
}

function resultFor(
  image: { repository: string; digest: string },
  format: 'legacy' | 'bundle',
  extra: Partial<SignatureResult> = {},
): SignatureResult {
  return {
    image: image.repository,
    digest: image.digest,
    tags: [],
    format,
    signatureRef: '',
    added: true,
    rekorLogIndex: 1,
    bundle: {} as SignatureResult['bundle'],
    ...extra,
  };
}

describe('key signing, legacy format: an image the action signed', () => {
  let image: Awaited<ReturnType<typeof pushTestImage>>;
  let result: ActionResult;
  beforeAll(async () => {
    image = await pushTestImage(state, { repository: 'e2e/summary-key', tag: '2.0' });
    result = await runAction(
      {
        image: `${image.repository}:2.0`,
        digest: image.digest,
        'rekor-url': state.rekor.url,
        'registry-username': state.registry.username,
        'registry-password': state.registry.password,
      },
      { COSIGN_PRIVATE_KEY: key.privateKey, COSIGN_PASSWORD: key.password },
    );
    if (result.code !== 0) throw new Error(`action failed: ${result.stdout}\n${result.stderr}`);
  });

  it.each([2, 3] as const)('its printed command verifies with cosign %i', async (version) => {
    const sh = shOf(result.summary);
    expect(sh).toContain(`--rekor-url ${state.rekor.url}`);
    expect(sh).not.toContain('insecure');
    const r = await runPrinted(version, sh);
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 0 });
    expect(r.stderr).toContain('The signatures were verified against the specified public key');
    expect(JSON.parse(r.stdout.trim())[0].critical.image['docker-manifest-digest']).toBe(
      image.digest,
    );
  });

  it('its printed command fails for another key (the command checks the signature)', async () => {
    const forged = shOf(result.summary).replace(key.publicKey.trim(), otherKey.publicKey.trim());
    expect(forged).not.toBe(shOf(result.summary));
    expect((await runPrinted(3, forged)).code).not.toBe(0);
  });

  it('prints policies the CRDs accept, carrying this key and repository', () => {
    const docs = fenced(result.summary, 'yaml').map((y) => parseYaml(y) as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any
    const [ivp, kyverno, pc] = ['ImageValidatingPolicy', 'ClusterPolicy', 'ClusterImagePolicy'].map(
      (kind) => docs.find((d) => d.kind === kind),
    );
    expect(crdValidator('kyverno-ivp')(ivp)).toEqual([]);
    expect(crdValidator('kyverno')(kyverno)).toEqual([]);
    expect(crdValidator('policy-controller')(pc)).toEqual([]);
    expect(ivp!.spec.attestors[0].cosign.key.data.trim()).toBe(key.publicKey.trim());
    const entry = kyverno!.spec.rules[0].verifyImages[0];
    expect(entry.imageReferences).toEqual([`${image.repository}:*`, `${image.repository}@*`]);
    expect(entry.attestors[0].entries[0].keys.publicKeys.trim()).toBe(key.publicKey.trim());
    expect(pc!.spec.authorities[0].key.data.trim()).toBe(key.publicKey.trim());
  });

  it('shows the tag, links nothing to the public log, and holds no secret', () => {
    expect(result.summary).toContain(
      `| \`${image.repository}\` | \`2.0\` | \`${image.digest}\` | legacy | ${result.outputs['rekor-log-index']} |`,
    );
    expect(result.summary).not.toContain('search.sigstore.dev');
    for (const secret of [key.password, 'ENCRYPTED', 'PRIVATE KEY', state.registry.password]) {
      expect(result.summary).not.toContain(secret);
    }
  });
});

describe('what real cosign signed, described as results', () => {
  async function keyless(
    format: 'legacy' | 'bundle',
  ): Promise<{ results: SignatureResult[]; signer: SignerIdentity }> {
    const image = await pushTestImage(state, { repository: `e2e/summary-keyless-${format}` });
    const ref = `${image.repository}@${image.digest}`;
    const signed = await cosignSign(format === 'legacy' ? 2 : 3, { image: ref, format });
    expect({ code: signed.code, err: signed.stderr }).toMatchObject({ code: 0 });
    let pem: string;
    if (format === 'legacy') {
      pem = (await peekSignatures(ref))!.layers[0]!.annotations['dev.sigstore.cosign/certificate']!;
    } else {
      const bundle = JSON.parse((await peekReferrers(ref))[0]!.layers[0]!.content.toString());
      const der =
        bundle.verificationMaterial.certificate?.rawBytes ??
        bundle.verificationMaterial.x509CertificateChain.certificates[0].rawBytes;
      pem = `-----BEGIN CERTIFICATE-----\n${der}\n-----END CERTIFICATE-----\n`;
    }
    const { subject, issuer } = certificateFacts(pem);
    const signer: SignerIdentity = { mode: 'keyless', certificatePem: pem, subject, issuer };
    return { results: [resultFor(image, format, { identity: subject, issuer })], signer };
  }

  it.each([2, 3] as const)(
    'keyless, legacy: the printed command verifies with cosign %i, and fails for another identity',
    async (version) => {
      const { results, signer } = await keyless('legacy');
      const sh = shOf(
        buildSummary(results, signer, { rekorUrl: state.rekor.url, fulcioUrl: state.fulcio.url }),
      );
      expect(sh).toContain(
        "--certificate-identity 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main'",
      );
      const ok = await runPrinted(version, sh);
      expect({ code: ok.code, stderr: ok.stderr }).toMatchObject({ code: 0 });
      const wrong = sh.replace('release.yml@refs/heads/main', 'release.yml@refs/heads/other');
      expect((await runPrinted(version, wrong)).code).not.toBe(0);
    },
  );

  it('keyless, bundle: the printed command verifies with cosign 3', async () => {
    const { results, signer } = await keyless('bundle');
    const sh = shOf(
      buildSummary(results, signer, { rekorUrl: state.rekor.url, fulcioUrl: state.fulcio.url }),
    );
    const ok = await runPrinted(3, sh);
    expect({ code: ok.code, stderr: ok.stderr }).toMatchObject({ code: 0 });
    expect(
      (
        await runPrinted(
          3,
          sh.replace("--certificate-oidc-issuer 'https://", "--certificate-oidc-issuer 'https://x"),
        )
      ).code,
    ).not.toBe(0);
  });

  it('key, bundle: the printed command verifies with cosign 3', async () => {
    const image = await pushTestImage(state, { repository: 'e2e/summary-key-bundle' });
    const ref = `${image.repository}@${image.digest}`;
    const signed = await cosignSign(3, { image: ref, key, format: 'bundle' });
    expect({ code: signed.code, err: signed.stderr }).toMatchObject({ code: 0 });
    const signer: SignerIdentity = { mode: 'key', publicKeyPem: key.publicKey };
    const sh = shOf(
      buildSummary([resultFor(image, 'bundle')], signer, { rekorUrl: state.rekor.url }),
    );
    const ok = await runPrinted(3, sh);
    expect({ code: ok.code, stderr: ok.stderr }).toMatchObject({ code: 0 });
    expect(
      (await runPrinted(3, sh.replace(key.publicKey.trim(), otherKey.publicKey.trim()))).code,
    ).not.toBe(0);
  });
});
