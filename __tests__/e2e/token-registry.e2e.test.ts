// Signing on a registry with distribution's token auth, as GHCR, Docker Hub and ECR answer: the
// bed's second docker-registry sends a Bearer challenge and trusts JWTs from token-issuer.ts.
// The action trades the DOCKER_CONFIG credentials for a token per repository scope (registry/
// auth.ts, token.ts), writes both formats, and the real verifiers read them back through the
// same token flow; the test doubles of registry/auth.test.ts only stand in for this server.
import { readFileSync } from 'node:fs';
import { generateCosignKey, type KeyPair } from '../helpers/keys.js';
import { runAction, runVerify, type ActionResult } from '../helpers/run-action.js';
import { loadTestbed, pushTestImage, type Pushed, type TestbedState } from '../helpers/testbed.js';
import { cosignVerify, skopeoVerify } from '../helpers/verifiers.js';

let state: TestbedState;
let bed: TestbedState; // the same bed, its token-auth registry in the `registry` slot
let key: KeyPair;
let otherKey: KeyPair;

/** The bed's user and password as a Basic header, which only the issuer takes. */
const basicAuth = (): string =>
  `Basic ${Buffer.from(`${state.registry.username}:${state.registry.password}`).toString('base64')}`;

const issued = async (): Promise<number> =>
  ((await (await fetch(state.tokenRegistry.statsUrl)).json()) as { issued: number }).issued;

beforeAll(async () => {
  state = loadTestbed();
  bed = { ...state, registry: { ...state.registry, host: state.tokenRegistry.host } };
  [key, otherKey] = await Promise.all([
    generateCosignKey('token pass'),
    generateCosignKey('other pass'),
  ]);
});

it('the registry asks for a Bearer token from the bed issuer, and refuses Basic', async () => {
  const challenge = await fetch(`http://${state.tokenRegistry.host}/v2/`);
  expect(challenge.status).toBe(401);
  expect(challenge.headers.get('www-authenticate')).toBe(
    `Bearer realm="${state.tokenRegistry.realm}",service="${state.tokenRegistry.service}"`,
  );
  const withBasic = await fetch(`http://${state.tokenRegistry.host}/v2/`, {
    headers: { authorization: basicAuth() },
  });
  expect(withBasic.status).toBe(401);
});

describe('two images signed in both formats with DOCKER_CONFIG credentials', () => {
  let images: Pushed[];
  let result: ActionResult;
  let tokens: number;

  beforeAll(async () => {
    images = await Promise.all(
      ['e2e/token-a', 'e2e/token-b'].map((repository) => pushTestImage(bed, { repository })),
    );
    const before = await issued();
    result = await runAction(
      {
        image: images.map((i) => i.reference).join('\n'),
        'rekor-url': state.rekor.url,
        'signature-format': 'both',
      },
      {
        COSIGN_PRIVATE_KEY: key.privateKey,
        COSIGN_PASSWORD: key.password,
        DOCKER_CONFIG: state.registry.dockerConfigDir,
      },
    );
    tokens = (await issued()) - before;
  });

  it('succeeds with a token per repository', () => {
    if (result.code !== 0) throw new Error(`action failed: ${result.stdout}\n${result.stderr}`);
    expect(result.errors).toEqual([]);
    const signatures = JSON.parse(result.outputs.signatures!) as Array<{ format: string }>;
    expect(signatures.map((s) => s.format).sort()).toEqual([
      'bundle',
      'bundle',
      'legacy',
      'legacy',
    ]);
    // One token per repository, reused by every request of that repository (not one per request).
    expect(tokens).toBe(2);
  });

  it('cosign 2.5 and 3.1 and skopeo accept the `.sig` with the Rekor SET checked', async () => {
    for (const image of images) {
      const [v2, v3, skopeo] = await Promise.all([
        cosignVerify(2, { image: image.reference, key: key.publicKeyPath, state: bed }),
        cosignVerify(3, { image: image.reference, key: key.publicKeyPath, state: bed }),
        skopeoVerify({ image: image.reference, keyPath: key.publicKeyPath, state: bed }),
      ]);
      expect({ code: v2.code, err: v2.stderr }).toMatchObject({ code: 0 });
      expect(v2.stderr).toContain(
        'Existence of the claims in the transparency log was verified offline',
      );
      expect({ code: v3.code, err: v3.stderr }).toMatchObject({ code: 0 });
      expect({ code: skopeo.code, err: skopeo.stderr }).toMatchObject({ code: 0 });
    }
  });

  it('cosign 3.1 accepts the bundle referrer', async () => {
    const v3 = await cosignVerify(3, {
      image: images[0]!.reference,
      key: key.publicKeyPath,
      extraArgs: ['--new-bundle-format'],
      state: bed,
    });
    expect({ code: v3.code, err: v3.stderr }).toMatchObject({ code: 0 });
  });

  it('another key is refused (the verifier can fail here)', async () => {
    const v3 = await cosignVerify(3, {
      image: images[0]!.reference,
      key: otherKey.publicKeyPath,
      state: bed,
    });
    expect(v3.code).not.toBe(0);
  });

  it('the verify action passes both digests through the same token flow', async () => {
    const v = await runVerify(
      {
        image: images.map((i) => i.reference).join('\n'),
        key: readFileSync(key.publicKeyPath, 'utf8'),
        'rekor-url': state.rekor.url,
      },
      { DOCKER_CONFIG: state.registry.dockerConfigDir },
    );
    expect({ code: v.code, errors: v.errors }).toEqual({ code: 0, errors: [] });
    expect(v.outputs.verified).toBe('true');
  });
});

// A GitHub job without `packages: write` gets a GHCR token that can pull but not push; the
// registry answers the push with 401 insufficient_scope (not 403). The run must find that out
// before it logs anything: the legacy format's staged blobs are the first push, a bundle-only run
// pushes the empty blob first (pipeline/push-proof.ts).
describe.each(['legacy', 'bundle'])(
  '`%s` with credentials that may pull but not push',
  (format) => {
    let image: Pushed;
    let result: ActionResult;
    let logged: number;
    const repository = `e2e/token-reader-${format}`;

    beforeAll(async () => {
      image = await pushTestImage(bed, { repository });
      const before = await logSize();
      result = await runAction(
        {
          image: image.reference,
          'rekor-url': state.rekor.url,
          'signature-format': format,
          'registry-username': state.tokenRegistry.reader,
          'registry-password': state.registry.password,
        },
        { COSIGN_PRIVATE_KEY: key.privateKey, COSIGN_PASSWORD: key.password },
      );
      logged = (await logSize()) - before;
    });

    it('fails the step with one error saying push was refused and how to allow it', () => {
      expect(result.code).toBe(1);
      expect(result.errors).toEqual([
        expect.stringMatching(/refused access.*lack push rights.*packages: write/s),
      ]);
    });

    it('logs nothing and writes no `.sig` tag or referrer', async () => {
      expect(logged).toBe(0);
      const token = await fetch(
        `${state.tokenRegistry.realm}?service=${state.tokenRegistry.service}&scope=repository:${repository}:pull`,
        { headers: { authorization: basicAuth() } },
      );
      const { token: bearer } = (await token.json()) as { token: string };
      const get = (what: string) =>
        fetch(`http://${state.tokenRegistry.host}/v2/${repository}/${what}`, {
          method: 'HEAD',
          headers: { authorization: `Bearer ${bearer}` },
        });
      const tag = image.digest.replace(':', '-');
      expect((await get(`manifests/${tag}.sig`)).status).toBe(404);
      expect((await get(`manifests/${tag}`)).status).toBe(404); // the referrers fallback index
    });
  },
);

/** The local Rekor's tree size. */
async function logSize(): Promise<number> {
  const r = await fetch(`${state.rekor.url}/api/v1/log`);
  return ((await r.json()) as { treeSize: number }).treeSize;
}
