// check.ts on `.sig` layers made here: signed with node:crypto, logged in @sigstore/mock's
// transparency log (a real SET over the canonical entry), read back by formats/legacy.ts.
import { initializeTLog } from '@sigstore/mock';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { trustOf, type Trust } from '../../src/trust/trusted-root.js';
import { createChecker, type Requirements } from '../../src/verify/check.js';
import {
  MAX_PAYLOAD_BYTES,
  planLayerReads,
  signatureCandidate,
} from '../../src/verify/formats/legacy.js';
import { MAX_BLOB_BYTES_PER_DIGEST, MAX_CANDIDATES } from '../../src/verify/formats/format.js';
import type { Descriptor } from '../../src/registry/types.js';
import { loggedBundleAnnotation } from '../helpers/mock-log.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const OTHER = `sha256:${'b'.repeat(64)}`;
const p256 = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = (k: KeyObject) => k.export({ type: 'spki', format: 'pem' }).toString();
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest();

let signer: ReturnType<typeof p256>;
let log: Awaited<ReturnType<typeof initializeTLog>>;
let trust: Trust;
let strangerTrust: Trust;

function rootWith(logKey: KeyObject): Trust {
  const spki = logKey.export({ type: 'spki', format: 'der' });
  return trustOf(
    TrustedRoot.fromJSON({
      mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
      tlogs: [
        {
          baseUrl: 'http://127.0.0.1:1',
          hashAlgorithm: 'SHA2_256',
          publicKey: {
            rawBytes: spki.toString('base64'),
            keyDetails: 'PKIX_ECDSA_P256_SHA_256',
            validFor: { start: '2020-01-01T00:00:00Z' },
          },
          logId: { keyId: sha256(spki).toString('base64') },
        },
      ],
      certificateAuthorities: [],
      ctlogs: [],
      timestampAuthorities: [],
    }),
    'a test root',
  );
}

beforeAll(async () => {
  signer = p256();
  const logKey = p256();
  log = await initializeTLog('http://127.0.0.1:1', logKey);
  trust = rootWith(logKey.publicKey);
  strangerTrust = rootWith(p256().publicKey);
});

function payload(digest: string, optional = 'null'): Buffer {
  return Buffer.from(
    `{"critical":{"identity":{"docker-reference":"ghcr.io/acme/app"},"image":{"docker-manifest-digest":"${digest}"},"type":"cosign container image signature"},"optional":${optional}}`,
  );
}

async function layer(
  body: Buffer,
  opts: { logged?: boolean; key?: KeyObject } = {},
): Promise<Descriptor> {
  const signature = sign('sha256', body, opts.key ?? signer.privateKey).toString('base64');
  const annotations: Record<string, string> = { 'dev.cosignproject.cosign/signature': signature };
  if (opts.logged !== false) {
    annotations['dev.sigstore.cosign/bundle'] = await loggedBundleAnnotation(log, {
      signatureBase64: signature,
      verifierPem: pem(signer.publicKey),
      payload: body,
    });
  }
  return {
    mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json',
    digest: `sha256:${sha256(body).toString('hex')}`,
    size: body.length,
    annotations,
  };
}

function verdict(l: Descriptor, body: Buffer, req: Partial<Requirements> = {}, t: Trust = trust) {
  const checker = createChecker(
    { policy: { mode: 'key', publicKeyPem: pem(signer.publicKey) }, ignoreTlog: false, ...req },
    t,
  );
  return checker.check(signatureCandidate(l, body, 'ghcr.io/acme/app@sha256:x#layer 0'), DIGEST);
}

describe('a key signature', () => {
  test('with its entry: accepted, with the log index and the key fingerprint', async () => {
    const body = payload(DIGEST);
    const v = verdict(await layer(body), body);
    expect(v).toMatchObject({ ok: true, signer: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
    expect(v.rekorLogIndex).toEqual(expect.any(Number));
  });

  test('by another key: refused', async () => {
    const body = payload(DIGEST);
    const v = verdict(await layer(body, { key: p256().privateKey }), body);
    expect(v.ok).toBe(false);
  });

  test('over a payload changed after signing: refused', async () => {
    const body = payload(DIGEST);
    const l = await layer(body);
    const changed = payload(DIGEST, '{"env":"prod"}');
    expect(verdict(l, changed)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/signature|Rekor entry/),
    });
  });

  test('for another digest: refused by the claims', async () => {
    const body = payload(OTHER);
    expect(verdict(await layer(body), body)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('another digest'),
    });
  });

  test('without an entry: refused, unless ignore-tlog', async () => {
    const body = payload(DIGEST);
    const l = await layer(body, { logged: false });
    expect(verdict(l, body)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('no Rekor entry'),
    });
    expect(verdict(l, body, { ignoreTlog: true })).toMatchObject({
      ok: true,
      rekorLogIndex: undefined,
    });
  });

  test('logged by a log the root does not name: refused (the SET is checked)', async () => {
    const body = payload(DIGEST);
    expect(verdict(await layer(body), body, {}, strangerTrust)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('Rekor entry'),
    });
  });

  test('annotations must be in the signed payload', async () => {
    const body = payload(DIGEST, '{"env":"prod","n":1}');
    const l = await layer(body);
    expect(verdict(l, body, { annotations: { env: 'prod' } }).ok).toBe(true);
    expect(verdict(l, body, { annotations: { env: 'dev' } }).ok).toBe(false);
    // cosign compares values as given: the number 1 is not the string "1".
    expect(verdict(l, body, { annotations: { n: '1' } }).ok).toBe(false);
  });

  test('a keyless policy refuses it', async () => {
    const body = payload(DIGEST);
    const checker = createChecker(
      {
        policy: { mode: 'keyless', identity: { exact: 'x' }, issuer: { exact: 'y' } },
        ignoreTlog: false,
      },
      trust,
    );
    expect(checker.check(signatureCandidate(await layer(body), body, 'r'), DIGEST)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('by a key'),
    });
  });

  test('a malformed layer says why', () => {
    const body = payload(DIGEST);
    const l: Descriptor = {
      mediaType: 'x',
      digest: 'sha256:0',
      size: 1,
      annotations: { 'dev.cosignproject.cosign/signature': '%%' },
    };
    expect(verdict(l, body)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not base64'),
    });
    const l2: Descriptor = {
      ...l,
      annotations: {
        'dev.cosignproject.cosign/signature': 'AAAA',
        'dev.sigstore.cosign/bundle': '{',
      },
    };
    expect(verdict(l2, body)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('Rekor bundle annotation'),
    });
  });
});

describe('which layers are read (planLayerReads)', () => {
  const layer = (size: number): Descriptor => ({
    mediaType: 'x',
    digest: `sha256:${'0'.repeat(64)}`,
    size,
  });

  test('a .sig payload that claims more than 1 MiB is not fetched', () => {
    const plan = planLayerReads([layer(300), layer(MAX_PAYLOAD_BYTES + 1)], 'signature');
    expect(plan.map((p) => p.read)).toEqual([true, false]);
    expect(plan[1]).toMatchObject({ why: expect.stringContaining('more than a signed payload') });
  });

  test('reads stop once the layers read claim the per-digest budget; at most MAX_CANDIDATES', () => {
    const big = MAX_BLOB_BYTES_PER_DIGEST / 4;
    const plan = planLayerReads(
      [layer(big), layer(big), layer(big), layer(big), layer(1), layer(big)],
      'attestation',
    );
    expect(plan.map((p) => p.read)).toEqual([true, true, true, true, false, false]);
    expect(
      planLayerReads(
        Array.from({ length: MAX_CANDIDATES + 5 }, () => layer(10)),
        'signature',
      ),
    ).toHaveLength(MAX_CANDIDATES);
  });
});
