// Keyless signing end to end: `node dist/index.js` run as the runner runs it, with the job's
// OIDC token from the bed's GitHub-style endpoint, a certificate from the bed's Fulcio and the
// entry in its Rekor, checked by the real cosign 3.1 and 2.5 trusting only the bed's roots.
// The action reaches Fulcio through a proxy of this file's own, so requests are counted (and
// failed) for this file alone although other suites share the bed.
import { X509Certificate } from '@sigstore/core';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cosignSign } from '../helpers/cosign-sign.js';
import { startProxy, type Proxy } from '../helpers/proxy.js';
import { runAction, type ActionResult } from '../helpers/run-action.js';
import { peekSignatures } from '../helpers/sig-peek.js';
import { loadTestbed, pushTestImage, type Pushed, type TestbedState } from '../helpers/testbed.js';
import { cosignVerify, DEFAULT_IDENTITY, GITHUB_ISSUER } from '../helpers/verifiers.js';
import { RETRY_DEFAULTS } from '../../src/util/retry.js';

const SIGNING_CERT = '/api/v2/signingCert';
const JWT = /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}/;

let state: TestbedState;
let fulcio: Proxy;

beforeAll(async () => {
  state = loadTestbed();
  fulcio = await startProxy(state.fulcio.url);
});
afterAll(() => fulcio.close());

function inputs(
  image: Pushed | Pushed[],
  extra: Record<string, string> = {},
): Record<string, string> {
  const images = Array.isArray(image) ? image : [image];
  return {
    image: images.map((i) => `${i.repository}@${i.digest}`).join('\n'),
    'rekor-url': state.rekor.url,
    'fulcio-url': fulcio.url,
    'registry-username': state.registry.username,
    'registry-password': state.registry.password,
    ...extra,
  };
}

function certRequests(proxy: Proxy, since: number): number {
  return proxy.requests.slice(since).filter((r) => r.method === 'POST' && r.path === SIGNING_CERT)
    .length;
}

/** What the runner keeps and shows: stdout without the mask commands, stderr, outputs, summary. */
function visible(result: ActionResult): string {
  const stdout = result.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
  return [...stdout, result.stderr, JSON.stringify(result.outputs), result.summary].join('\n');
}

function expectSuccess(result: ActionResult): void {
  if (result.code !== 0) throw new Error(`action failed: ${result.stdout}\n${result.stderr}`);
  expect(result.errors).toEqual([]);
  // The OIDC token is masked and printed nowhere.
  expect(visible(result)).not.toMatch(JWT);
}

function der(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
}

describe('one image, signing-mode auto with only the OIDC token', () => {
  let image: Pushed;
  let result: ActionResult;
  let requests: number;

  beforeAll(async () => {
    image = await pushTestImage(state, { repository: 'e2e/keyless-one', tag: '1.0' });
    const before = fulcio.requests.length;
    result = await runAction(inputs(image), {}, { oidc: true });
    requests = certRequests(fulcio, before);
  });

  it('signs keylessly and reports the certificate, its identity and issuer', () => {
    expectSuccess(result);
    expect(requests).toBe(1);
    expect(result.outputs['signing-mode']).toBe('keyless');
    expect(result.outputs['public-key']).toBe('');
    const leaf = X509Certificate.parse(result.outputs.certificate!);
    expect(leaf.subjectAltName).toBe(DEFAULT_IDENTITY);
    const [signature] = JSON.parse(result.outputs.signatures!);
    expect(signature).toMatchObject({
      image: image.repository,
      digest: image.digest,
      format: 'legacy',
      rekorLogId: state.rekor.logID,
      identity: DEFAULT_IDENTITY,
      issuer: GITHUB_ISSUER,
    });
    expect(result.summary).toContain('--certificate-identity');
    expect(result.summary).toContain(DEFAULT_IDENTITY);
  });

  it('writes the leaf, the rest of the chain and the Rekor bundle as cosign does', async () => {
    const sig = await peekSignatures(`${image.repository}@${image.digest}`);
    expect(sig?.layers).toHaveLength(1);
    const { annotations, bundle } = sig!.layers[0]!;
    expect(annotations['dev.sigstore.cosign/certificate']).toBe(result.outputs.certificate);
    // Go's PEM layout, as cosign writes it: 64-character lines and a final newline.
    expect(annotations['dev.sigstore.cosign/certificate']).toMatch(
      /^-----BEGIN CERTIFICATE-----\n([A-Za-z0-9+/]{64}\n)*[A-Za-z0-9+/=]{1,64}\n-----END CERTIFICATE-----\n$/,
    );
    // The bed's Fulcio returns [leaf, root]: the chain annotation is its root.
    const root = readFileSync(state.fulcio.rootPath, 'utf8');
    expect(der(annotations['dev.sigstore.cosign/chain']!)).toEqual(der(root));
    expect(bundle?.Payload.logIndex).toBe(Number(result.outputs['rekor-log-index']));
    // The Rekor entry carries the same leaf (base64 of its PEM, re-encoded by Rekor).
    const body = JSON.parse(Buffer.from(bundle!.Payload.body, 'base64').toString());
    const logged = Buffer.from(body.spec.signature.publicKey.content, 'base64').toString();
    expect(der(logged)).toEqual(der(result.outputs.certificate!));
  });

  it.each([3, 2] as const)(
    'cosign %i verifies the identity and issuer, Rekor SET included',
    async (v) => {
      const r = await cosignVerify(v, { image: `${image.repository}@${image.digest}` });
      expect({ code: r.code, err: r.stderr }).toMatchObject({ code: 0 });
      expect(r.stderr).toContain(
        'Existence of the claims in the transparency log was verified offline',
      );
    },
  );

  it.each([3, 2] as const)(
    'cosign %i rejects another identity or issuer with the same command',
    async (v) => {
      const ref = `${image.repository}@${image.digest}`;
      const [identity, issuer] = await Promise.all([
        cosignVerify(v, { image: ref, identity: DEFAULT_IDENTITY.replace('acme/app', 'evil/app') }),
        cosignVerify(v, { image: ref, issuer: 'https://accounts.google.com' }),
      ]);
      expect(identity.code).not.toBe(0);
      expect(identity.stderr).toMatch(
        /none of the expected identities matched|no matching signatures/i,
      );
      expect(issuer.code).not.toBe(0);
    },
  );

  it('uses the annotation keys cosign 3.1 writes for a keyless legacy signature', async () => {
    const ref = await pushTestImage(state, { repository: 'e2e/keyless-cosign-ref' });
    const signed = await cosignSign(3, { image: ref.reference });
    expect({ code: signed.code, err: signed.stderr }).toMatchObject({ code: 0 });
    const theirs = (await peekSignatures(ref.reference))!.layers[0]!.annotations;
    const ours = (await peekSignatures(`${image.repository}@${image.digest}`))!.layers[0]!
      .annotations;
    expect(Object.keys(ours)).toEqual(Object.keys(theirs));
  });
});

describe('five images in one run', () => {
  let images: Pushed[];
  let result: ActionResult;
  let requests: number;

  beforeAll(async () => {
    images = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => pushTestImage(state, { repository: `e2e/keyless-five-${n}` })),
    );
    const before = fulcio.requests.length;
    result = await runAction(inputs(images, { 'signing-mode': 'keyless' }), {}, { oidc: true });
    requests = certRequests(fulcio, before);
  });

  it('asks Fulcio for exactly one certificate and signs every image with it', async () => {
    expectSuccess(result);
    expect(requests).toBe(1);
    const signatures = JSON.parse(result.outputs.signatures!) as { digest: string }[];
    expect(signatures.map((s) => s.digest)).toEqual(images.map((i) => i.digest));
    for (const image of images) {
      const sig = await peekSignatures(`${image.repository}@${image.digest}`);
      expect(sig?.layers[0]?.annotations['dev.sigstore.cosign/certificate']).toBe(
        result.outputs.certificate,
      );
    }
  });

  it('every signature verifies with cosign 3.1', async () => {
    const results = await Promise.all(
      images.map((i) => cosignVerify(3, { image: `${i.repository}@${i.digest}` })),
    );
    expect(results.map((r) => r.code)).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('failures are clear and write nothing', () => {
  let image: Pushed;

  beforeAll(async () => {
    image = await pushTestImage(state, { repository: 'e2e/keyless-fail', tag: 'v1' });
  });

  afterEach(async () => {
    expect(await peekSignatures(`${image.repository}@${image.digest}`)).toBeUndefined();
  });

  function expectCleanFailure(result: ActionResult, message: RegExp): void {
    expect(result.code).not.toBe(0);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(message);
    expect(result.outputs).toEqual({});
    expect(visible(result)).not.toMatch(JWT);
  }

  it('keyless without the token variables says to add id-token: write, at once', async () => {
    const before = fulcio.requests.length;
    const result = await runAction(inputs(image, { 'signing-mode': 'keyless' }));
    expectCleanFailure(result, /cannot request one.*permissions: id-token: write/);
    expect(fulcio.requests.length).toBe(before);
  });

  it('auto with neither a key nor the token variables names both setups', async () => {
    const result = await runAction(inputs(image));
    expectCleanFailure(result, /id-token: write.*COSIGN_PRIVATE_KEY/);
  });

  it('a token endpoint answering 403 says which permission is missing; Fulcio is not asked', async () => {
    const before = fulcio.requests.length;
    const result = await runAction(inputs(image), {
      ACTIONS_ID_TOKEN_REQUEST_URL: state.oidc.requestUrl,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'not-the-request-token',
    });
    expectCleanFailure(result, /refused to issue a token \(HTTP 403\).*id-token: write/);
    expect(visible(result)).not.toContain('not-the-request-token');
    expect(fulcio.requests.length).toBe(before);
  });

  it('Fulcio answering 500 names the CA and its status after its retries', async () => {
    const failing = await startProxy(state.fulcio.url, (method, p) =>
      method === 'POST' && p === SIGNING_CERT ? 500 : undefined,
    );
    try {
      const result = await runAction(
        inputs(image, { 'fulcio-url': failing.url }),
        {},
        { oidc: true },
      );
      expectCleanFailure(
        result,
        /Fulcio at 127\.0\.0\.1:\d+ answered 500 to the certificate request.*re-run/,
      );
      expect(certRequests(failing, 0)).toBe(RETRY_DEFAULTS.attempts); // the action's one retry policy
    } finally {
      await failing.close();
    }
  });

  it('a private repository is refused before any token is asked for when the public logs are used', async () => {
    // Default (public) fulcio-url; tlog-upload false still leaves Fulcio's CT log. Every request
    // that could follow is kept on loopback: the token endpoint is a proxy answering 403.
    const tokens = await startProxy(state.oidc.url, () => 403);
    const dir = mkdtempSync(path.join(tmpdir(), 'keyless-event-'));
    const eventPath = path.join(dir, 'event.json');
    writeFileSync(
      eventPath,
      JSON.stringify({ repository: { full_name: 'acme/secret', private: true } }),
    );
    try {
      const publicFulcio = { 'tlog-upload': 'false', 'fulcio-url': 'https://fulcio.sigstore.dev' };
      const result = await runAction(inputs(image, publicFulcio), {
        GITHUB_EVENT_PATH: eventPath,
        ACTIONS_ID_TOKEN_REQUEST_URL: `${tokens.url}/token?api-version=2.0`,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: state.oidc.requestToken,
      });
      expectCleanFailure(
        result,
        /private.*fulcio\.sigstore\.dev.*allow-public-tlog-for-private-repo: true/,
      );
      expect(tokens.requests).toEqual([]);
    } finally {
      await tokens.close();
    }
  });
});
