// The verdict on one stored signature, as `cosign verify` / `verify-attestation` decide it
// (cosign-format §8): the signature, the Rekor entry (SET by a log of the trusted root, for
// exactly this signature) unless `ignore-tlog`, keyless the Fulcio chain, the SCT and a validity
// covering the log time or the TSA time (the current time when there is neither), then the
// identity and issuer, then what the payload claims: the digest, the annotations, the
// predicate type. The cryptography is @sigstore/verify's (sigstore-js's verifier); only the
// inputs cosign has and sigstore-js lacks are ours: regexp identities, the claims, and the
// dsse entry's envelopeHash over the stored `.att` blob.
import type { Bundle, TransparencyLogEntry } from '@sigstore/bundle';
import { pem } from '@sigstore/core';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import {
  PolicyError,
  toSignedEntity,
  toTrustMaterial,
  VerificationError,
  Verifier,
  type SignedEntity,
  type TrustMaterial,
} from '@sigstore/verify';
import { errorText } from '../errors.js';
import { publicKeyFingerprint } from '../report/identity.js';
import { checkDsseEntry } from '../tlog/verify-dsse.js';
import type { Trust } from '../trust/trusted-root.js';
import { keyTrust, timeEntry, withKeyCache } from '../trust/verify.js';
import type { Candidate } from './formats/format.js';
import { matches, type ResolvedPolicy } from './inputs.js';

/** What every signature of the run must show. */
export interface Requirements {
  policy: ResolvedPolicy;
  annotations?: Record<string, string>;
  /** For attestations: the predicate type URI. */
  predicateType?: string;
  ignoreTlog: boolean;
}

export interface Verdict {
  ok: boolean;
  /** Why it failed, in a user's words. */
  reason?: string;
  /** The key fingerprint (`sha256:<hex>`) or the certificate identity, when the signature verified. */
  signer?: string;
  issuer?: string;
  rekorLogIndex?: number;
  integratedTime?: number;
}

/** Trust material for one run: the root, and in key mode the policy's key. */
export interface Checker {
  check(candidate: Candidate, digest: string): Verdict;
}

export function createChecker(
  req: Requirements,
  trust: Trust | undefined,
  now: () => Date = () => new Date(),
): Checker {
  const key = req.policy.mode === 'key' ? keyFacts(req.policy.publicKeyPem) : undefined;
  const material: TrustMaterial = withKeyCache(
    toTrustMaterial(trust?.root ?? EMPTY_ROOT, key?.trust),
  );
  // A candidate is judged once per digest, however often the run asks (run.ts rounds).
  const verdicts = new WeakMap<Candidate, Map<string, Verdict>>();
  return {
    check: (c, digest) => {
      const seen = verdicts.get(c) ?? new Map<string, Verdict>();
      verdicts.set(c, seen);
      const verdict = seen.get(digest) ?? checkOne(c, digest, req, material, key, now);
      seen.set(digest, verdict);
      return verdict;
    },
  };
}

// A root that trusts nothing: a key verified with `ignore-tlog` needs no log, CA or TSA.
const EMPTY_ROOT = TrustedRoot.fromJSON({
  mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
  tlogs: [],
  certificateAuthorities: [],
  ctlogs: [],
  timestampAuthorities: [],
});

function checkOne(
  c: Candidate,
  digest: string,
  req: Requirements,
  material: TrustMaterial,
  key: KeyFacts | undefined,
  now: () => Date,
): Verdict {
  if (c.unreadable || !c.bundle) return fail(c.unreadable ?? 'it cannot be read');
  const keyless = c.bundle.verificationMaterial.content.$case !== 'publicKey';
  if (req.policy.mode === 'key' && keyless)
    return fail('it was signed keylessly (it carries a certificate), not by the key');
  if (req.policy.mode === 'keyless' && !keyless)
    return fail('it was signed by a key, not by a Fulcio certificate');
  const bundle = key ? withKeyHint(c.bundle, key.hint) : c.bundle;
  let entity: SignedEntity;
  try {
    entity = toSignedEntity(bundle, c.artifact);
  } catch (err) {
    return fail(`it cannot be read (${errorText(err)})`);
  }
  if (req.ignoreTlog) {
    // As `--insecure-ignore-tlog`: the entry is neither required nor looked at.
    entity = {
      ...entity,
      tlogEntries: [],
      timestamps: entity.timestamps.filter((t) => t.$case === 'timestamp-authority'),
    };
  }
  if (keyless && entity.timestamps.length === 0) {
    // No log time and no TSA time: the certificate must be valid now (cosign does the same).
    entity = {
      ...entity,
      timestamps: [{ $case: 'transparency-log', tlogEntry: timeEntry(now()) }],
    };
  }
  const verifier = new Verifier(material, {
    tlogThreshold: req.ignoreTlog ? 0 : 1,
    ctlogThreshold: keyless ? 1 : 0,
    timestampThreshold: 0,
  });
  let signer: ReturnType<Verifier['verify']>;
  try {
    signer = verifier.verify(entity);
  } catch (err) {
    return fail(explain(err, keyless));
  }
  const entry = entity.tlogEntries[0];
  if (entry && c.storedEnvelope && entry.kindVersion.kind === 'dsse') {
    const problem = envelopeHashProblem(entry, c, bundle, key, keyless);
    if (problem) return fail(problem);
  }
  const identity = signer.identity?.subjectAlternativeName;
  const issuer = signer.identity?.extensions?.issuer;
  if (req.policy.mode === 'keyless') {
    if (!matches(req.policy.identity, identity))
      return fail(`its certificate names another identity (${identity ?? 'none'})`);
    if (!matches(req.policy.issuer, issuer))
      return fail(`its certificate names another OIDC issuer (${issuer ?? 'none'})`);
  }
  const claims = c.claims;
  if (!claims) return fail('its signed payload cannot be parsed');
  if (!claims.subjectDigests.includes(digest))
    return fail(`it signs another digest (${claims.subjectDigests.join(', ') || 'none'})`);
  if (c.kind === 'signature') {
    // `cosign verify -a`: the signature's own payload carries them.
    for (const [k, v] of Object.entries(req.annotations ?? {})) {
      if (claims.annotations?.[k] !== v)
        return fail(`the annotation ${k}=${v} is missing or different in the signed payload`);
    }
  } else if (claims.predicateType !== req.predicateType) {
    // `cosign verify-attestation --type`.
    return fail(
      `its predicate type is ${claims.predicateType ?? 'none'}, not ${req.predicateType ?? 'the one asked'}`,
    );
  }
  return {
    ok: true,
    signer: key ? `sha256:${key.fingerprint}` : identity,
    issuer: key ? undefined : issuer,
    rekorLogIndex: entry ? Number(entry.logIndex) : undefined,
    integratedTime: entry ? Number(entry.integratedTime) : undefined,
  };
}

interface KeyFacts {
  hint: string;
  fingerprint: string;
  pem: string;
  trust: Parameters<typeof toTrustMaterial>[1];
}

function keyFacts(publicKeyPem: string): KeyFacts {
  const { hint, keys } = keyTrust(publicKeyPem);
  return { hint, fingerprint: publicKeyFingerprint(publicKeyPem), pem: publicKeyPem, trust: keys };
}

// `cosign verify --key` verifies with the key it is given, whatever hint the layer carries.
function withKeyHint(bundle: Bundle, hint: string): Bundle {
  if (bundle.verificationMaterial.content.$case !== 'publicKey') return bundle;
  return {
    ...bundle,
    verificationMaterial: {
      ...bundle.verificationMaterial,
      content: { $case: 'publicKey', publicKey: { hint } },
    },
  };
}

// sigstore-js checks a dsse entry's payload hash and signatures; cosign also requires its
// envelopeHash to be the sha256 of the stored `.att` blob (what was submitted, byte for byte).
function envelopeHashProblem(
  entry: TransparencyLogEntry,
  c: Candidate,
  bundle: Bundle,
  key: KeyFacts | undefined,
  keyless: boolean,
): string | undefined {
  if (bundle.content.$case !== 'dsseEnvelope') return undefined;
  const material = bundle.verificationMaterial.content;
  const verifierPem = key
    ? key.pem
    : keyless && material.$case === 'certificate'
      ? pem.fromDER(Buffer.from(material.certificate.rawBytes))
      : undefined;
  if (!verifierPem) return undefined;
  try {
    checkDsseEntry(entry, {
      envelope: bundle.content.dsseEnvelope,
      submittedEnvelope: c.storedEnvelope!.toString('utf8'),
      publicKeyPem: verifierPem,
    });
    return undefined;
  } catch (err) {
    return `its Rekor entry is for another envelope (${errorText(err)})`;
  }
}

// @sigstore/verify's error codes, in the words of a deploy gate's log.
function explain(err: unknown, keyless: boolean): string {
  const code = (err as { code?: unknown })?.code;
  const detail = errorText(err);
  if (err instanceof PolicyError) return `it does not meet the identity policy (${detail})`;
  if (!(err instanceof VerificationError)) return `it cannot be checked (${detail})`;
  switch (code) {
    case 'SIGNATURE_ERROR':
      return keyless
        ? 'its signature does not verify with its certificate (the payload or signature was changed)'
        : 'its signature does not verify with the key (another key signed it, or the payload or signature was changed)';
    case 'TLOG_ERROR':
      return /expected \d+ tlog entries/.test(detail)
        ? 'it has no Rekor entry (a signature made with `tlog-upload: false` needs `ignore-tlog: true`)'
        : `its Rekor entry does not verify (${detail})`;
    case 'TLOG_INCLUSION_PROMISE_ERROR':
    case 'TLOG_INCLUSION_PROOF_ERROR':
    case 'TLOG_MISSING_INCLUSION_ERROR':
      return `its Rekor entry is not signed by a transparency log of the trusted root (${detail})`;
    case 'TLOG_BODY_ERROR':
      return `its Rekor entry is for another signature or payload (${detail})`;
    case 'CERTIFICATE_ERROR':
      return `its certificate does not chain to a Fulcio CA of the trusted root at the signing time, or has no valid SCT (${detail})`;
    case 'PUBLIC_KEY_ERROR':
      return `the key is not valid at the signing time (${detail})`;
    case 'TIMESTAMP_ERROR':
      return `its RFC 3161 timestamp does not verify against a timestamp authority of the trusted root (${detail})`;
    default:
      return `it does not verify (${detail})`;
  }
}

function fail(reason: string): Verdict {
  return { ok: false, reason };
}
