// The verify action against cosign itself: a corpus of signed, re-signed and tampered digests,
// made by our signer, cosign 2.5, cosign 3.1, skopeo and by hand, and on every case our verdict
// (`node verify/dist/index.js` run as the runner runs it) must equal `cosign verify` /
// `verify-attestation` 3.1's, and cosign 2.5's for the legacy format. Every case also names the
// verdict it was built to have, so a corpus that broke while being made (every verifier saying
// "no" for the same wrong reason) fails too. The table is printed for the closing note.
import { initializeCA, initializeCTLog, initializeTLog, initializeTSA } from '@sigstore/mock';
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exec, peerEnv, scratch } from '../helpers/exec.js';
import { loggedBundleAnnotation } from '../helpers/mock-log.js';
import { cosignSign } from '../helpers/cosign-sign.js';
import { generateCosignKey, generateSkopeoKey, type KeyPair } from '../helpers/keys.js';
import { runAction, runVerify, type ActionResult } from '../helpers/run-action.js';
import { peekSignatures, putBlob, putManifest, splitImage } from '../helpers/sig-peek.js';
import { loadTestbed, pushTestImage, type Pushed, type TestbedState } from '../helpers/testbed.js';
import { DEFAULT_IDENTITY, GITHUB_ISSUER } from '../helpers/verifiers.js';

let state: TestbedState;
// Made in beforeAll; the corpus is listed before that, so it names keys, not KeyPairs.
const keys = {} as Record<KeyName, KeyPair>;
type KeyName = 'A' | 'B' | 'skopeo';

/** A trusted root and what cosign 2.5 takes instead of one. */
interface Root {
  name: string;
  path: string;
  cosign2Env: Record<string, string>;
  tsaChainPath?: string;
}

/** What a verifier is asked. */
interface Ask {
  key?: KeyName;
  identity?: string;
  issuer?: string;
  format?: 'legacy' | 'bundle' | 'any';
  annotations?: Record<string, string>;
  ignoreTlog?: boolean;
  attestationType?: string;
  root?: Root;
  /** Compare with cosign 2.5 too (legacy signatures). */
  cosign2?: boolean;
  /** false: cosign 3.1 has no mode that asks the same (it falls back from bundles to `.sig`). */
  cosign3?: false;
  /** The signature carries an RFC 3161 token: cosign checks it with --use-signed-timestamps. */
  tsa?: boolean;
}

interface Case {
  name: string;
  image: () => Promise<string>;
  /** A function when the ask needs something made first (a trusted root). */
  ask: Ask | (() => Promise<Ask>);
  expected: boolean;
}

interface Row {
  name: string;
  expected: boolean;
  ours: boolean;
  cosign3?: boolean;
  cosign2?: boolean;
  reason: string;
}

const rows: Row[] = [];

function bedRoot(): Root {
  return {
    name: 'bed',
    path: state.trustedRootPath,
    cosign2Env: {
      SIGSTORE_REKOR_PUBLIC_KEY: state.rekor.publicKeyPath,
      SIGSTORE_ROOT_FILE: state.fulcio.rootPath,
      SIGSTORE_CT_LOG_PUBLIC_KEY_FILE: state.ctlog.publicKeyPath,
    },
  };
}

function registryInputs(): Record<string, string> {
  return {
    'rekor-url': state.rekor.url,
    'registry-username': state.registry.username,
    'registry-password': state.registry.password,
  };
}

function keyEnv(key: KeyPair): Record<string, string> {
  return { COSIGN_PRIVATE_KEY: key.privateKey, COSIGN_PASSWORD: key.password };
}

async function push(name: string): Promise<Pushed> {
  return pushTestImage(state, { repository: `verify-diff/${name}` });
}

function mustSucceed(
  what: string,
  r: { code: number | null; stdout: string; stderr: string },
): void {
  if (r.code !== 0) throw new Error(`${what} failed: ${r.stdout}\n${r.stderr}`);
}

/** Our signer on a fresh image; returns its reference. */
async function signedByUs(
  name: string,
  inputs: Record<string, string>,
  keyName?: KeyName,
): Promise<Pushed> {
  const key = keyName && keys[keyName];
  const image = await push(name);
  const r = await runAction(
    { image: image.reference, ...registryInputs(), 'fulcio-url': state.fulcio.url, ...inputs },
    key ? keyEnv(key) : {},
    { oidc: !key },
  );
  mustSucceed(`signing ${name}`, r);
  return image;
}

// ---- the verifiers ----

async function ours(image: string, ask: Ask): Promise<ActionResult> {
  return runVerify({
    image,
    ...registryInputs(),
    ...(ask.key
      ? { key: keys[ask.key].publicKey }
      : {
          'certificate-identity': ask.identity ?? DEFAULT_IDENTITY,
          'certificate-oidc-issuer': ask.issuer ?? GITHUB_ISSUER,
        }),
    'signature-format': ask.format ?? 'any',
    annotations: Object.entries(ask.annotations ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join('\n'),
    'ignore-tlog': String(ask.ignoreTlog ?? false),
    'attestation-type': ask.attestationType ?? '',
    'trusted-root': (ask.root ?? bedRoot()).path,
  });
}

async function cosign(version: 2 | 3, image: string, ask: Ask, attest: boolean): Promise<boolean> {
  const root = ask.root ?? bedRoot();
  const home = scratch('cosign-verify');
  const env = peerEnv(home, { DOCKER_CONFIG: state.registry.dockerConfigDir });
  const args = [
    attest ? 'verify-attestation' : 'verify',
    '--allow-http-registry',
    '--rekor-url',
    state.rekor.url,
  ];
  if (version === 2) Object.assign(env, root.cosign2Env);
  else args.push('--trusted-root', root.path);
  if (ask.key) args.push('--key', keys[ask.key].publicKeyPath);
  else
    args.push(
      '--certificate-identity',
      ask.identity ?? DEFAULT_IDENTITY,
      '--certificate-oidc-issuer',
      ask.issuer ?? GITHUB_ISSUER,
    );
  if (attest) args.push('--type', ask.attestationType!);
  for (const [k, v] of Object.entries(ask.annotations ?? {})) args.push('-a', `${k}=${v}`);
  if (ask.ignoreTlog) args.push('--insecure-ignore-tlog=true');
  if (ask.tsa) {
    args.push('--use-signed-timestamps');
    if (version === 2 && root.tsaChainPath)
      args.push('--timestamp-certificate-chain', root.tsaChainPath);
  }
  // Where to look: cosign 3.1 reads bundles first and falls back to `.sig`; `legacy` is its
  // --new-bundle-format=false. cosign 2.5 reads `.sig` only.
  if (version === 3 && ask.format === 'legacy') args.push('--new-bundle-format=false');
  if (version === 3 && ask.format === 'bundle') args.push('--new-bundle-format=true');
  args.push(image);
  const r = await exec(version === 2 ? state.peers.cosign2 : state.peers.cosign3, args, { env });
  return r.code === 0;
}

async function cosignVerdict(version: 2 | 3, image: string, ask: Ask): Promise<boolean> {
  const signature = await cosign(version, image, ask, false);
  if (!ask.attestationType) return signature;
  return signature && (await cosign(version, image, ask, true));
}

// ---- hand-made signatures: tampering and a world with its own clocks ----

/** A `.sig` manifest as cosign writes it, around the given layers. */
async function putSig(
  image: string,
  layers: { payload: Buffer; annotations: Record<string, string> }[],
): Promise<void> {
  const { repo, digest } = splitImage(image);
  const descriptors = [];
  for (const l of layers) {
    const d = await putBlob(repo, l.payload, state);
    descriptors.push({
      mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json',
      size: l.payload.length,
      digest: d,
      annotations: l.annotations,
    });
  }
  const config = Buffer.from(
    JSON.stringify({
      architecture: '',
      created: '0001-01-01T00:00:00Z',
      history: [{ created: '0001-01-01T00:00:00Z' }],
      os: '',
      rootfs: { type: 'layers', diff_ids: descriptors.map((d) => d.digest) },
      config: {},
    }),
  );
  const configDigest = await putBlob(repo, config, state);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        size: config.length,
        digest: configDigest,
      },
      layers: descriptors,
    }),
  );
  await putManifest(
    repo,
    `${digest.replace(':', '-')}.sig`,
    manifest,
    'application/vnd.oci.image.manifest.v1+json',
    state,
  );
}

async function sigLayers(
  image: string,
): Promise<{ payload: Buffer; annotations: Record<string, string> }[]> {
  const peek = await peekSignatures(image, state);
  if (!peek) throw new Error(`${image} has no .sig`);
  return peek.layers.map((l) => ({ payload: l.payload, annotations: { ...l.annotations } }));
}

function payloadFor(image: string): Buffer {
  const { host, repo, digest } = splitImage(image);
  return Buffer.from(
    `{"critical":{"identity":{"docker-reference":"${host}/${repo}"},"image":{"docker-manifest-digest":"${digest}"},"type":"cosign container image signature"},"optional":null}`,
  );
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest();
const pemOf = (label: string, der: Buffer) =>
  `-----BEGIN ${label}-----\n${der
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n')}\n-----END ${label}-----\n`;

/**
 * A Sigstore of our own whose clocks are set per service: a Fulcio CA whose leaf is valid for 10
 * minutes from `leafAt`, a log that stamps entries an hour after that (when the leaf has
 * expired), and two TSAs, one inside the leaf's validity and one an hour after it.
 */
interface World {
  root: Root;
  leafPem: string;
  leafKey: KeyObject;
  log: Awaited<ReturnType<typeof initializeTLog>>;
  tsaInside: Awaited<ReturnType<typeof initializeTSA>>;
  tsaLate: Awaited<ReturnType<typeof initializeTSA>>;
}

async function makeWorld(): Promise<World> {
  const p256 = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const leafAt = new Date((Math.floor(Date.now() / 1000) + 60) * 1000);
  const late = new Date(leafAt.getTime() + 3600 * 1000);
  const inside = new Date(leafAt.getTime() + 5 * 60 * 1000);
  const [ctKey, caKey, logKey, tsaKey] = [p256(), p256(), p256(), p256()];
  const ctlog = await initializeCTLog(ctKey, leafAt);
  const ca = await initializeCA(caKey, ctlog, leafAt);
  const log = await initializeTLog('http://127.0.0.1:1/world-rekor', logKey, late);
  const tsaInside = await initializeTSA(tsaKey, inside);
  const tsaLate = Object.create(tsaInside) as typeof tsaInside;
  (tsaLate as unknown as { getCurrentTime: () => Date }).getCurrentTime = () => late;
  const leafKey = p256();
  const leaf = Buffer.from(
    (
      await ca.issueCertificate({
        publicKey: leafKey.publicKey.export({ type: 'spki', format: 'der' }),
        subjectAltName: DEFAULT_IDENTITY,
        extensions: [
          { oid: '1.3.6.1.4.1.57264.1.1', value: GITHUB_ISSUER, legacy: true },
          { oid: '1.3.6.1.4.1.57264.1.8', value: GITHUB_ISSUER },
        ],
      })
    ).buffer,
  );
  const dir = scratch('verify-world');
  const start = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
  const instance = (baseUrl: string, spkiDer: Buffer) => ({
    baseUrl,
    hashAlgorithm: 'SHA2_256',
    publicKey: {
      rawBytes: spkiDer.toString('base64'),
      keyDetails: 'PKIX_ECDSA_P256_SHA_256',
      validFor: { start },
    },
    logId: { keyId: sha256(spkiDer).toString('base64') },
  });
  const spki = (k: KeyObject) => k.export({ type: 'spki', format: 'der' });
  const caRoot = Buffer.from(ca.rootCertificate.buffer);
  const tsaChain = [
    Buffer.from(tsaInside.intCertificate.buffer),
    Buffer.from(tsaInside.rootCertificate.buffer),
  ];
  const trustedRoot = {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [instance('http://127.0.0.1:1/world-rekor', spki(logKey.publicKey))],
    certificateAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'sigstore' },
        uri: 'http://127.0.0.1:1/world-fulcio',
        certChain: { certificates: [{ rawBytes: caRoot.toString('base64') }] },
        validFor: { start },
      },
    ],
    ctlogs: [instance('http://127.0.0.1:1/world-ctlog', spki(ctKey.publicKey))],
    timestampAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'tsa' },
        uri: 'http://127.0.0.1:1/world-tsa',
        certChain: { certificates: tsaChain.map((c) => ({ rawBytes: c.toString('base64') })) },
        validFor: { start },
      },
    ],
  };
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  return {
    root: {
      name: 'world',
      path: file('trusted_root.json', JSON.stringify(trustedRoot, null, 2)),
      cosign2Env: {
        SIGSTORE_REKOR_PUBLIC_KEY: file('rekor.pub', pemOf('PUBLIC KEY', spki(logKey.publicKey))),
        SIGSTORE_ROOT_FILE: file('fulcio.pem', pemOf('CERTIFICATE', caRoot)),
        SIGSTORE_CT_LOG_PUBLIC_KEY_FILE: file(
          'ctlog.pub',
          pemOf('PUBLIC KEY', spki(ctKey.publicKey)),
        ),
      },
      tsaChainPath: file('tsa-chain.pem', tsaChain.map((c) => pemOf('CERTIFICATE', c)).join('')),
    },
    leafPem: pemOf('CERTIFICATE', leaf),
    leafKey: leafKey.privateKey,
    log,
    tsaInside,
    tsaLate,
  };
}

/** A keyless `.sig` made in `world`: logged (an hour after the leaf expired) and/or timestamped. */
async function worldSigned(
  world: World,
  name: string,
  opts: { logged: boolean; tsa?: 'inside' | 'late' },
): Promise<string> {
  const image = (await push(name)).reference;
  const payload = payloadFor(image);
  const signature = sign('sha256', payload, world.leafKey);
  const annotations: Record<string, string> = {
    'dev.cosignproject.cosign/signature': signature.toString('base64'),
    'dev.sigstore.cosign/certificate': world.leafPem,
  };
  if (opts.logged) {
    annotations['dev.sigstore.cosign/bundle'] = await loggedBundleAnnotation(world.log, {
      signatureBase64: signature.toString('base64'),
      verifierPem: world.leafPem,
      payload,
    });
  }
  if (opts.tsa) {
    const tsa = opts.tsa === 'inside' ? world.tsaInside : world.tsaLate;
    const token = await tsa.timestamp({
      artifactHash: sha256(signature),
      hashAlgorithmOID: '2.16.840.1.101.3.4.2.1',
      nonce: 7,
      policyOID: '1.3.6.1.4.1.57264.2',
      certReq: true,
    });
    annotations['dev.sigstore.cosign/rfc3161timestamp'] = JSON.stringify({
      SignedRFC3161Timestamp: Buffer.from(token.buffer).toString('base64'),
    });
  }
  await putSig(image, [{ payload, annotations }]);
  return image;
}

/** The bed's trusted root with its Rekor key replaced by one nobody holds. */
function rootWithAnotherLogKey(): Root {
  const dir = scratch('verify-root');
  mkdirSync(dir, { recursive: true });
  const root = JSON.parse(readFileSync(state.trustedRootPath, 'utf8')) as {
    tlogs: { publicKey: { rawBytes: string }; logId: { keyId: string } }[];
  };
  const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({
    type: 'spki',
    format: 'der',
  });
  for (const t of root.tlogs) {
    t.publicKey.rawBytes = other.toString('base64');
    t.logId.keyId = sha256(other).toString('base64');
  }
  const p = path.join(dir, 'trusted_root.json');
  writeFileSync(p, JSON.stringify(root, null, 2));
  const pub = path.join(dir, 'rekor.pub');
  writeFileSync(pub, pemOf('PUBLIC KEY', other));
  return {
    name: 'other-log-key',
    path: p,
    cosign2Env: { ...bedRoot().cosign2Env, SIGSTORE_REKOR_PUBLIC_KEY: pub },
  };
}

// ---- the corpus ----

/** A small SLSA v1 provenance predicate file. */
function provenanceFile(): string {
  const file = path.join(scratch('verify-predicate'), 'provenance.json');
  writeFileSync(
    file,
    JSON.stringify({
      buildDefinition: { buildType: 'https://example.com/build/v1' },
      runDetails: {},
    }),
  );
  return file;
}

function corpus(): Case[] {
  const once = <T>(f: () => Promise<T>) => {
    let p: Promise<T> | undefined;
    return () => (p ??= f());
  };
  const keyLegacy = once(() => signedByUs('key-legacy', { 'signature-format': 'legacy' }, 'A'));
  const keyless = once(() => signedByUs('keyless-legacy', { 'signature-format': 'legacy' }));
  const keyBundle = once(() => signedByUs('key-bundle', { 'signature-format': 'bundle' }, 'A'));
  const keylessBundle = once(() => signedByUs('keyless-bundle', { 'signature-format': 'bundle' }));
  const annotated = once(() =>
    signedByUs(
      'annotated',
      { 'signature-format': 'both', annotations: 'env=prod\nteam=core' },
      'A',
    ),
  );
  const noTlog = once(() =>
    signedByUs('no-tlog', { 'signature-format': 'legacy', 'tlog-upload': 'false' }, 'A'),
  );
  const attested = once(async () => {
    const image = await push('attested');
    const file = provenanceFile();
    const r = await runAction(
      {
        image: image.reference,
        ...registryInputs(),
        'signature-format': 'legacy',
        attestations: `slsaprovenance1=${file}`,
      },
      keyEnv(keys.A),
    );
    mustSucceed('attesting', r);
    return image;
  });
  const attestedBundle = once(async () => {
    const image = await push('attested-bundle');
    const file = provenanceFile();
    const r = await runAction(
      {
        image: image.reference,
        ...registryInputs(),
        'signature-format': 'bundle',
        attestations: `slsaprovenance1=${file}`,
      },
      keyEnv(keys.A),
    );
    mustSucceed('attesting', r);
    return image;
  });
  const keylessAttested = once(async () => {
    const image = await push('keyless-attested');
    const r = await runAction(
      {
        image: image.reference,
        ...registryInputs(),
        'fulcio-url': state.fulcio.url,
        'signature-format': 'legacy',
        attestations: `slsaprovenance1=${provenanceFile()}`,
      },
      {},
      { oidc: true },
    );
    mustSucceed('attesting keylessly', r);
    return image;
  });
  // `cosign attest` 2.5 (legacy .att) after `cosign sign` 2.5.
  const cosign2Attested = once(async () => {
    const image = await push('cosign2-attested');
    mustSucceed(
      'cosign 2 sign',
      await cosignSign(2, { image: image.reference, key: keys.A, state }),
    );
    const home = scratch('cosign-attest');
    const r = await exec(
      state.peers.cosign2,
      [
        'attest',
        '-y',
        '--allow-http-registry',
        '--key',
        keys.A.privateKeyPath,
        '--type',
        'slsaprovenance1',
        '--predicate',
        provenanceFile(),
        '--rekor-url',
        state.rekor.url,
        image.reference,
      ],
      {
        env: peerEnv(home, {
          DOCKER_CONFIG: state.registry.dockerConfigDir,
          COSIGN_PASSWORD: keys.A.password,
          ...bedRoot().cosign2Env,
        }),
      },
    );
    mustSucceed('cosign 2 attest', r);
    return image;
  });
  const byCosign = (version: 2 | 3, name: string, format: 'legacy' | 'bundle', key?: KeyName) =>
    once(async () => {
      const image = await push(name);
      const r = await cosignSign(version, {
        image: image.reference,
        key: key && keys[key],
        format,
        state,
      });
      mustSucceed(`cosign ${version} sign`, r);
      return image;
    });
  const cosign2Key = byCosign(2, 'cosign2-key', 'legacy', 'A');
  const cosign3Key = byCosign(3, 'cosign3-key', 'legacy', 'A');
  const cosign3KeyBundle = byCosign(3, 'cosign3-key-bundle', 'bundle', 'A');
  const cosign3KeylessBundle = byCosign(3, 'cosign3-keyless-bundle', 'bundle');
  const bySkopeo = once(async () => {
    const image = await push('skopeo');
    const dir = scratch('skopeo-sign');
    const passFile = path.join(dir, 'pass');
    // skopeo writes a `.sig` beside the image only where registries.d says so.
    writeFileSync(
      path.join(dir, 'registries.yaml'),
      `docker:\n  ${state.registry.host}:\n    use-sigstore-attachments: true\n`,
    );
    writeFileSync(passFile, keys.skopeo.password);
    const { username, password } = state.registry;
    const r = await exec(
      state.peers.skopeo,
      [
        'copy',
        '--insecure-policy',
        '--preserve-digests',
        '--src-creds',
        `${username}:${password}`,
        '--dest-creds',
        `${username}:${password}`,
        '--src-tls-verify=false',
        '--dest-tls-verify=false',
        '--sign-by-sigstore-private-key',
        keys.skopeo.privateKeyPath,
        '--sign-passphrase-file',
        passFile,
        '--registries.d',
        dir,
        `docker://${image.reference}`,
        `docker://${image.reference}`,
      ],
      { env: peerEnv(dir, { TMPDIR: dir }) },
    );
    mustSucceed('skopeo sign', r);
    return image;
  });
  // Tampered copies of a valid key signature, each on its own image.
  const tampered = (
    name: string,
    change: (
      layer: { payload: Buffer; annotations: Record<string, string> },
      image: string,
      other: { payload: Buffer; annotations: Record<string, string> },
    ) => Promise<void> | void,
  ) =>
    once(async () => {
      const [image, other] = await Promise.all([
        signedByUs(`${name}`, { 'signature-format': 'legacy' }, 'A'),
        signedByUs(`${name}-other`, { 'signature-format': 'legacy' }, 'A'),
      ]);
      const layers = await sigLayers(image.reference);
      const [otherLayer] = await sigLayers(other.reference);
      await change(layers[0]!, image.reference, otherLayer!);
      await putSig(image.reference, layers);
      return image;
    });
  const tamperedPayload = tampered('tampered-payload', (l) => {
    l.payload = Buffer.from(
      l.payload.toString().replace('"optional":null', '"optional":{"env":"prod"}'),
    );
  });
  const swappedSignature = tampered('swapped-signature', (l, _image, other) => {
    l.annotations['dev.cosignproject.cosign/signature'] =
      other.annotations['dev.cosignproject.cosign/signature']!;
  });
  const setOverOtherBody = tampered('set-other-body', (l, _image, other) => {
    const mine = JSON.parse(l.annotations['dev.sigstore.cosign/bundle']!) as {
      Payload: { body: string };
    };
    const theirs = JSON.parse(other.annotations['dev.sigstore.cosign/bundle']!) as {
      Payload: { body: string };
    };
    mine.Payload.body = theirs.Payload.body;
    l.annotations['dev.sigstore.cosign/bundle'] = JSON.stringify(mine);
  });
  // Another digest's whole signature copied onto this one (its payload names the other digest).
  const copiedSignature = tampered('copied-signature', (l, _image, other) => {
    l.payload = other.payload;
    l.annotations = { ...other.annotations };
  });
  const world = once(makeWorld);
  const expiredLogged = once(async () =>
    worldSigned(await world(), 'expired-logged', { logged: true }),
  );
  const expiredLoggedTsa = once(async () =>
    worldSigned(await world(), 'expired-logged-tsa', { logged: true, tsa: 'inside' }),
  );
  const tsaInside = once(async () =>
    worldSigned(await world(), 'tsa-inside', { logged: false, tsa: 'inside' }),
  );
  const tsaLate = once(async () =>
    worldSigned(await world(), 'tsa-late', { logged: false, tsa: 'late' }),
  );
  const noTimestamp = once(async () =>
    worldSigned(await world(), 'no-timestamp', { logged: false }),
  );
  const otherLogKey = once(async () => rootWithAnotherLogKey());
  const ref = (p: () => Promise<Pushed>) => async () => (await p()).reference;
  const withRoot = async (ask: Ask, root: () => Promise<Root>): Promise<Ask> => ({
    ...ask,
    root: await root(),
  });

  return [
    {
      name: 'key signature (ours, legacy)',
      image: ref(keyLegacy),
      ask: { key: 'A', cosign2: true },
      expected: true,
    },
    {
      name: 'key signature (cosign 2.5)',
      image: ref(cosign2Key),
      ask: { key: 'A', cosign2: true },
      expected: true,
    },
    {
      name: 'key signature (cosign 3.1, legacy)',
      image: ref(cosign3Key),
      ask: { key: 'A', cosign2: true },
      expected: true,
    },
    {
      name: 'keyless signature (ours, legacy)',
      image: ref(keyless),
      ask: { cosign2: true },
      expected: true,
    },
    { name: 'key bundle (ours)', image: ref(keyBundle), ask: { key: 'A' }, expected: true },
    {
      name: 'key bundle (cosign 3.1)',
      image: ref(cosign3KeyBundle),
      ask: { key: 'A' },
      expected: true,
    },
    { name: 'keyless bundle (ours)', image: ref(keylessBundle), ask: {}, expected: true },
    {
      name: 'keyless bundle (cosign 3.1)',
      image: ref(cosign3KeylessBundle),
      ask: {},
      expected: true,
    },
    {
      name: 'another key (legacy)',
      image: ref(keyLegacy),
      ask: { key: 'B', cosign2: true },
      expected: false,
    },
    { name: 'another key (bundle)', image: ref(keyBundle), ask: { key: 'B' }, expected: false },
    {
      name: 'another identity (legacy)',
      image: ref(keyless),
      ask: {
        identity: 'https://github.com/evil/app/.github/workflows/release.yml@refs/heads/main',
        cosign2: true,
      },
      expected: false,
    },
    {
      name: 'another identity (bundle)',
      image: ref(keylessBundle),
      ask: {
        identity: 'https://github.com/evil/app/.github/workflows/release.yml@refs/heads/main',
      },
      expected: false,
    },
    {
      name: 'another issuer (legacy)',
      image: ref(keyless),
      ask: { issuer: 'https://accounts.google.com', cosign2: true },
      expected: false,
    },
    {
      name: 'another issuer (bundle)',
      image: ref(keylessBundle),
      ask: { issuer: 'https://accounts.google.com' },
      expected: false,
    },
    {
      name: 'tampered payload',
      image: ref(tamperedPayload),
      ask: { key: 'A', cosign2: true },
      expected: false,
    },
    {
      name: 'swapped signature',
      image: ref(swappedSignature),
      ask: { key: 'A', cosign2: true },
      expected: false,
    },
    {
      name: "another digest's signature copied over",
      image: ref(copiedSignature),
      ask: { key: 'A', cosign2: true },
      expected: false,
    },
    {
      name: 'SET over another body',
      image: ref(setOverOtherBody),
      ask: { key: 'A', cosign2: true },
      expected: false,
    },
    {
      name: 'SET by a log key not in the trusted root (legacy)',
      image: ref(keyLegacy),
      ask: () => withRoot({ key: 'A', cosign2: true }, otherLogKey),
      expected: false,
    },
    {
      name: 'SET by a log key not in the trusted root (bundle)',
      image: ref(keyBundle),
      ask: () => withRoot({ key: 'A' }, otherLogKey),
      expected: false,
    },
    {
      name: 'leaf expired at the log time, no TSA token',
      image: expiredLogged,
      ask: async () => ({ root: (await world()).root, cosign2: true }),
      expected: false,
    },
    {
      name: 'leaf expired at the log time, TSA token inside',
      image: expiredLoggedTsa,
      ask: async () => ({ root: (await world()).root, tsa: true, cosign2: true }),
      expected: false,
    },
    {
      name: 'no log, TSA token inside the validity (ignore-tlog)',
      image: tsaInside,
      ask: async () => ({ root: (await world()).root, tsa: true, ignoreTlog: true, cosign2: true }),
      expected: true,
    },
    {
      name: 'no log, TSA token after the validity (ignore-tlog)',
      image: tsaLate,
      ask: async () => ({ root: (await world()).root, tsa: true, ignoreTlog: true, cosign2: true }),
      expected: false,
    },
    {
      name: 'no log, no TSA token, leaf not valid now (ignore-tlog)',
      image: noTimestamp,
      ask: async () => ({ root: (await world()).root, ignoreTlog: true, cosign2: true }),
      expected: false,
    },
    {
      name: 'no tlog entry (ours, tlog-upload: false)',
      image: ref(noTlog),
      ask: { key: 'A', cosign2: true },
      expected: false,
    },
    {
      name: 'no tlog entry, ignore-tlog (ours)',
      image: ref(noTlog),
      ask: { key: 'A', ignoreTlog: true, cosign2: true },
      expected: true,
    },
    {
      name: 'no tlog entry (skopeo)',
      image: ref(bySkopeo),
      ask: { key: 'skopeo', cosign2: true },
      expected: false,
    },
    {
      name: 'no tlog entry, ignore-tlog (skopeo)',
      image: ref(bySkopeo),
      ask: { key: 'skopeo', ignoreTlog: true, cosign2: true },
      expected: true,
    },
    {
      name: 'required annotations present (legacy)',
      image: ref(annotated),
      ask: { key: 'A', format: 'legacy', annotations: { env: 'prod' }, cosign2: true },
      expected: true,
    },
    {
      name: 'required annotation missing (legacy)',
      image: ref(annotated),
      ask: { key: 'A', format: 'legacy', annotations: { env: 'dev' }, cosign2: true },
      expected: false,
    },
    {
      name: 'required annotations present (bundle)',
      image: ref(annotated),
      ask: { key: 'A', annotations: { env: 'prod', team: 'core' } },
      expected: true,
    },
    {
      name: 'required annotation missing (bundle)',
      image: ref(annotated),
      ask: { key: 'A', annotations: { release: 'yes' } },
      expected: false,
    },
    {
      name: 'only a bundle, legacy asked',
      image: ref(keyBundle),
      ask: { key: 'A', format: 'legacy', cosign2: true },
      expected: false,
    },
    {
      name: 'only a .sig, bundle asked',
      image: ref(keyLegacy),
      ask: { key: 'A', format: 'bundle', cosign3: false },
      expected: false,
    },
    {
      name: 'only a .sig, any format',
      image: ref(keyLegacy),
      ask: { key: 'A', format: 'any' },
      expected: true,
    },
    {
      name: 'attestation type present (legacy .att)',
      image: ref(attested),
      ask: { key: 'A', attestationType: 'slsaprovenance1', cosign2: true },
      expected: true,
    },
    {
      name: 'attestation type absent (legacy .att)',
      image: ref(attested),
      ask: { key: 'A', attestationType: 'cyclonedx', cosign2: true },
      expected: false,
    },
    {
      name: 'keyless attestation present (legacy .att)',
      image: ref(keylessAttested),
      ask: { attestationType: 'slsaprovenance1', cosign2: true },
      expected: true,
    },
    {
      name: 'keyless attestation, another identity',
      image: ref(keylessAttested),
      ask: {
        attestationType: 'slsaprovenance1',
        identity: 'https://github.com/evil/app/.github/workflows/release.yml@refs/heads/main',
        cosign2: true,
      },
      expected: false,
    },
    {
      name: 'attestation by cosign 2.5 attest',
      image: ref(cosign2Attested),
      ask: { key: 'A', attestationType: 'slsaprovenance1', cosign2: true },
      expected: true,
    },
    {
      name: 'attestation type present (bundle)',
      image: ref(attestedBundle),
      ask: { key: 'A', attestationType: 'slsaprovenance1' },
      expected: true,
    },
    {
      name: 'attestation type absent (bundle)',
      image: ref(attestedBundle),
      ask: { key: 'A', attestationType: 'spdxjson' },
      expected: false,
    },
  ];
}

beforeAll(async () => {
  state = loadTestbed();
  [keys.A, keys.B, keys.skopeo] = await Promise.all([
    generateCosignKey('verify pass A'),
    generateCosignKey('verify pass B'),
    generateSkopeoKey('verify skopeo pass'),
  ]);
}, 120000);

afterAll(() => {
  const line = (r: Row) =>
    `| ${r.name} | ${r.expected ? 'accept' : 'reject'} | ${r.ours ? 'accept' : 'reject'} | ${r.cosign3 === undefined ? 'no such mode' : r.cosign3 ? 'accept' : 'reject'} | ${r.cosign2 === undefined ? '—' : r.cosign2 ? 'accept' : 'reject'} | ${r.reason.replace(/\|/g, '\\|').slice(0, 140)} |`;
  const table = [
    '| case | built to | ours | cosign 3.1 | cosign 2.5 | our reason |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(line),
  ].join('\n');
  const out = path.join(state.dir, 'verify-differential.md');
  writeFileSync(out, table + '\n');
  console.log(`differential table (${out}):\n${table}`);
});

describe('the verify action agrees with cosign on every case of the corpus', () => {
  test.each(corpus().map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const image = await c.image();
    const ask = typeof c.ask === 'function' ? await c.ask() : c.ask;
    const [result, cosign3, cosign2] = await Promise.all([
      ours(image, ask),
      ask.cosign3 === false ? Promise.resolve(undefined) : cosignVerdict(3, image, ask),
      ask.cosign2 ? cosignVerdict(2, image, ask) : Promise.resolve(undefined),
    ]);
    const verified = result.outputs.verified === 'true';
    const [entry] = JSON.parse(result.outputs.signatures ?? '[]') as {
      reason: string;
      verified: boolean;
    }[];
    rows.push({
      name: c.name,
      expected: c.expected,
      ours: verified,
      cosign3,
      cosign2,
      reason: entry?.reason ?? result.errors.join(' '),
    });
    // The step's exit status, outputs and error line agree with the verdict.
    expect(result.code === 0).toBe(verified);
    expect(entry?.verified).toBe(verified);
    if (!verified) expect(result.errors).toHaveLength(1);
    expect({ ours: verified, cosign3, ...(ask.cosign2 ? { cosign2 } : {}) }).toEqual({
      ours: c.expected,
      cosign3: ask.cosign3 === false ? undefined : c.expected,
      ...(ask.cosign2 ? { cosign2: c.expected } : {}),
    });
  });
});
