// trust/verify.ts against real signatures: the local Sigstore services (test-env, in process on
// 127.0.0.1: Rekor, Fulcio with its CT log, a TSA, the OIDC endpoint) sign through the action's
// own signers and witnesses, and each check runs against the services' trusted root and against
// roots that lack one of its keys, or whose validity periods exclude the signing time.
import { jest } from '@jest/globals';
import type { Bundle } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSigstoreServices, type SigstoreInfo } from '../../test-env/sigstore-services.js';
import { SignImageError } from '../../src/errors.js';
import {
  DSSEV03BundleBuilder,
  MessageSignatureV03BundleBuilder,
} from '../../src/signer/bundle-builders.js';
import { KeySigner } from '../../src/signer/key/key-signer.js';
import { KeylessSigner } from '../../src/signer/keyless/keyless-signer.js';
import { githubIdentityProvider } from '../../src/signer/keyless/oidc.js';
import { RekorLog } from '../../src/tlog/rekor-log.js';
import { tsaWitness } from '../../src/tlog/tsa.js';
import { parseTrustedRoot, type Trust } from '../../src/trust/trusted-root.js';
import { checkCertificate, verifyBundle } from '../../src/trust/verify.js';
import { checkBeforeWrite } from '../../src/trust/gate.js';

type Json = Record<string, unknown> & { tlogs: Json[]; certificateAuthorities: Json[] };

let dir: string;
let info: SigstoreInfo;
let close: () => Promise<void>;
let rootJson: Json;
let trust: Trust;
let keyless: KeylessSigner;
const SAN = 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main';
const payload = Buffer.from('{"critical":{}}');

const rootWith = (change: (j: Json) => void): Trust => {
  const j = JSON.parse(JSON.stringify(rootJson)) as Json;
  change(j);
  return parseTrustedRoot(JSON.stringify(j), 'the test root');
};
// Another service of the same kind: its key or certificate replaces the bed's.
const otherRoot = (): Json => {
  const spki = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({
    type: 'spki',
    format: 'der',
  });
  return { rawBytes: spki.toString('base64') } as unknown as Json;
};

function codeOf(fn: () => void): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof SignImageError) return err.code;
    throw err;
  }
  return undefined;
}

beforeAll(async () => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined); // the services' request lines
  dir = mkdtempSync(path.join(tmpdir(), 'sign-image-trust-'));
  ({ info, close } = await startSigstoreServices(dir));
  rootJson = JSON.parse(readFileSync(info.trust.trustedRoot, 'utf8')) as Json;
  trust = parseTrustedRoot(JSON.stringify(rootJson), 'the bed root');
  keyless = new KeylessSigner({
    fulcioUrl: info.fulcio.url,
    identityProvider: githubIdentityProvider({
      ACTIONS_ID_TOKEN_REQUEST_URL: info.oidc.requestUrl,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: info.oidc.requestToken,
    }),
    serverUrl: 'https://github.com',
  });
}, 60_000);
afterAll(async () => {
  await close();
  rmSync(dir, { recursive: true, force: true });
});

const witnesses = () => [new RekorLog({ rekorUrl: info.rekor.url }), tsaWitness(info.tsa.url)];
const identity = () => ({ subject: SAN, issuer: 'https://token.actions.githubusercontent.com' });

describe('verifyBundle, keyless message signature with a Rekor entry and a TSA token', () => {
  let bundle: Bundle;
  beforeAll(async () => {
    bundle = await new MessageSignatureV03BundleBuilder({
      signer: keyless,
      witnesses: witnesses(),
    }).create({ data: payload });
  }, 60_000);
  const expect2 = () => ({ identity: identity(), artifact: payload, tlog: true, tsa: true });

  it('passes against the trusted root of the services that made it', () => {
    expect(() => verifyBundle(bundle, trust, expect2())).not.toThrow();
  });

  it('refuses a Rekor whose key the root does not hold (TLOG_UNTRUSTED)', () => {
    const t = rootWith((j) => {
      j.tlogs[0]!.publicKey = { ...(j.tlogs[0]!.publicKey as Json), ...otherRoot() };
    });
    expect(codeOf(() => verifyBundle(bundle, t, expect2()))).toBe('TLOG_UNTRUSTED');
  });

  it('refuses an entry made outside the log key validity period (TLOG_UNTRUSTED)', () => {
    const t = rootWith((j) => {
      (j.tlogs[0]!.publicKey as Json).validFor = {
        start: '2001-01-01T00:00:00Z',
        end: '2002-01-01T00:00:00Z',
      };
    });
    expect(codeOf(() => verifyBundle(bundle, t, expect2()))).toBe('TLOG_UNTRUSTED');
  });

  it('refuses a Fulcio chain the root does not hold (CERTIFICATE_UNTRUSTED)', () => {
    const t = rootWith((j) => {
      j.certificateAuthorities = [];
    });
    expect(codeOf(() => verifyBundle(bundle, t, expect2()))).toBe('CERTIFICATE_UNTRUSTED');
  });

  it('refuses a certificate without an SCT by a trusted CT log (CERTIFICATE_UNTRUSTED)', () => {
    const t = rootWith((j) => {
      j.ctlogs = [];
    });
    expect(codeOf(() => verifyBundle(bundle, t, expect2()))).toBe('CERTIFICATE_UNTRUSTED');
  });

  it('refuses a TSA token from an authority the root does not hold (TSA_UNTRUSTED)', () => {
    const t = rootWith((j) => {
      j.timestampAuthorities = [];
    });
    expect(codeOf(() => verifyBundle(bundle, t, expect2()))).toBe('TSA_UNTRUSTED');
  });

  it('refuses another identity than the job asked for (CERTIFICATE_UNTRUSTED)', () => {
    const other = { ...expect2(), identity: { ...identity(), subject: `${SAN}x` } };
    expect(codeOf(() => verifyBundle(bundle, trust, other))).toBe('CERTIFICATE_UNTRUSTED');
  });

  it('refuses a payload other than the one signed', () => {
    const other = { ...expect2(), artifact: Buffer.from('{"other":1}') };
    expect(codeOf(() => verifyBundle(bundle, trust, other))).toBeDefined();
  });

  it('stops the gate before any write on the first untrusted bundle', () => {
    const t = rootWith((j) => {
      j.tlogs = [];
    });
    const items = [{ bundle, artifact: payload, what: 'r@sha256:x (legacy)' }];
    expect(codeOf(() => checkBeforeWrite(items, trust, expect2()))).toBeUndefined();
    expect(codeOf(() => checkBeforeWrite(items, t, expect2()))).toBe('TLOG_UNTRUSTED');
  });
});

describe('verifyBundle, key-mode DSSE bundle', () => {
  it('passes with the signer key, and fails with a log the root does not name', async () => {
    const signer = new KeySigner(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
    const bundle = await new DSSEV03BundleBuilder({
      signer,
      witnesses: [new RekorLog({ rekorUrl: info.rekor.url })],
    }).create({ data: payload, type: 'application/vnd.in-toto+json' });
    const expectation = { publicKeyPem: signer.publicKeyPem, tlog: true, tsa: false };
    expect(() => verifyBundle(bundle, trust, expectation)).not.toThrow();
    const t = rootWith((j) => {
      j.tlogs = [];
    });
    expect(codeOf(() => verifyBundle(bundle, t, expectation))).toBe('TLOG_UNTRUSTED');
  }, 60_000);
});

describe('checkCertificate (at issue, before anything is signed)', () => {
  it('passes for the bed Fulcio leaf and refuses a CA or CT log the root does not hold', async () => {
    const cert = await keyless.certificate();
    expect(() => checkCertificate(cert.leafPem, trust, identity())).not.toThrow();
    const noCa = rootWith((j) => {
      j.certificateAuthorities = [];
    });
    expect(codeOf(() => checkCertificate(cert.leafPem, noCa, identity()))).toBe(
      'CERTIFICATE_UNTRUSTED',
    );
    const noCt = rootWith((j) => {
      j.ctlogs = [];
    });
    expect(codeOf(() => checkCertificate(cert.leafPem, noCt, identity()))).toBe(
      'CERTIFICATE_UNTRUSTED',
    );
    const expired = rootWith((j) => {
      j.certificateAuthorities[0]!.validFor = {
        start: '2001-01-01T00:00:00Z',
        end: '2002-01-01T00:00:00Z',
      };
    });
    expect(codeOf(() => checkCertificate(cert.leafPem, expired, identity()))).toBe(
      'CERTIFICATE_UNTRUSTED',
    );
    expect(
      codeOf(() => checkCertificate(cert.leafPem, trust, { ...identity(), subject: 'https://x' })),
    ).toBe('CERTIFICATE_UNTRUSTED');
  }, 60_000);

  it('the keyless signer refuses a leaf the trust check refuses, before any signature', async () => {
    const signer = new KeylessSigner({
      fulcioUrl: info.fulcio.url,
      identityProvider: githubIdentityProvider({
        ACTIONS_ID_TOKEN_REQUEST_URL: info.oidc.requestUrl,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: info.oidc.requestToken,
      }),
      checkCertificate: (c) =>
        checkCertificate(
          c.leafPem,
          rootWith((j) => {
            j.certificateAuthorities = [];
          }),
        ),
    });
    await expect(signer.sign(payload)).rejects.toMatchObject({ code: 'CERTIFICATE_UNTRUSTED' });
  }, 60_000);

  it('the keyless signer refuses a leaf whose SAN is not the job_workflow_ref identity', async () => {
    const signer = new KeylessSigner({
      fulcioUrl: info.fulcio.url,
      identityProvider: githubIdentityProvider({
        ACTIONS_ID_TOKEN_REQUEST_URL: info.oidc.requestUrl,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: info.oidc.requestToken,
      }),
      // The token names github.com; a signer told another server expects another SAN.
      serverUrl: 'https://ghes.example',
    });
    await expect(signer.certificate()).rejects.toMatchObject({ code: 'CERTIFICATE_UNTRUSTED' });
  }, 60_000);
});

describe('parseTrustedRoot', () => {
  it('finds logs by log ID and joins their keys', () => {
    const id = Buffer.from(
      (rootJson.tlogs[0]!.logId as { keyId: string }).keyId,
      'base64',
    ).toString('hex');
    expect(trust.tlog(id)?.publicKeyPem).toContain('BEGIN PUBLIC KEY');
    expect(trust.tlog(id.toUpperCase())).toBeDefined();
    expect(trust.tlog('00'.repeat(32))).toBeUndefined();
    expect(trust.rekorKeysPem).toBe(trust.tlogs.map((t) => t.publicKeyPem).join(''));
    expect(TrustedRoot.toJSON(trust.root)).toBeTruthy();
  });

  it.each([
    ['not JSON', '{'],
    ['no media type', '{"tlogs":[]}'],
    ['another media type', '{"mediaType":"application/json"}'],
  ])('refuses %s (TRUST_ROOT_INVALID)', (_why, text) => {
    expect(codeOf(() => parseTrustedRoot(text, 'x'))).toBe('TRUST_ROOT_INVALID');
  });
});
