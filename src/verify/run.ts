// The verify pipeline: for every digest, confirm it is in the registry, read each place the
// config looks in (formats/), check every stored signature (check.ts) and keep the first that
// passes; with `attestation-type`, an attestation of that type must pass as well. Digests are
// verified side by side; nothing is written to the registry.
import { asSignImageError } from '../errors.js';
import { repositoryName } from '../reference/parse.js';
import type { SignTarget } from '../reference/targets.js';
import type { RegistryClient } from '../registry/client.js';
import { retryWhileUndefined } from '../util/retry.js';
import { mapLimitFirstAlone } from '../util/limit.js';
import type { Checker, Verdict } from './check.js';
import { bundleReferrers } from './formats/bundle.js';
import type { Candidate, SignatureKind, StoredFormat, VerifyFormat } from './formats/format.js';
import { legacyAttestations, legacySignatures } from './formats/legacy.js';
import type { LookIn } from './inputs.js';

/** The outcome for one digest: the `signatures` output's object and the summary's row. */
export interface DigestResult {
  image: string;
  digest: string;
  verified: boolean;
  /** Where the accepted signature is (or '' when none passed). */
  format: StoredFormat | '';
  signatureRef: string;
  signer: string;
  issuer?: string;
  rekorLogIndex?: number;
  /** Why the digest failed; '' when it passed. */
  reason: string;
  /** The accepted attestation, with `attestation-type`. */
  attestationRef?: string;
  /** How many stored signatures (and attestations) were checked. */
  checked: number;
}

export interface VerifyDeps {
  client(ref: SignTarget['ref']): RegistryClient;
  checker: Checker;
  /** Waits before a digest counts as missing (read-after-write lag). */
  lagDelaysMs: readonly number[];
}

export interface VerifyPlan {
  lookIn: LookIn;
  attestations: boolean;
  /** The annotations every signature must carry (`annotations`). */
  annotations?: Readonly<Record<string, string>>;
}

/** Digests verified at once. */
const PARALLEL_DIGESTS = 8;

export async function verifyTargets(
  targets: readonly SignTarget[],
  plan: VerifyPlan,
  deps: VerifyDeps,
): Promise<DigestResult[]> {
  const rounds = formatsFor(plan);
  const verify = (t: SignTarget) => verifyTarget(t, deps.client(t.ref), rounds, plan, deps);
  // The first digest of each registry goes alone: its 401 tells the run how that registry
  // authenticates, so the digests fanned out next do not each draw a 401 of their own.
  return mapLimitFirstAlone(targets, (t) => t.ref.registry, PARALLEL_DIGESTS, verify);
}

// The places to read, in rounds: a later round is read only when the earlier ones left the
// digest unverified. With `any`, the `.sig` (what this action writes by default) comes first and
// the bundle referrers only when it did not settle it, which spares most digests a request.
function formatsFor(plan: VerifyPlan): VerifyFormat[][] {
  const legacy = [
    legacySignatures(plan.annotations),
    ...(plan.attestations ? [legacyAttestations] : []),
  ];
  if (plan.lookIn === 'legacy') return [legacy];
  if (plan.lookIn === 'bundle') return [[bundleReferrers()]];
  return [legacy, [bundleReferrers()]];
}

async function verifyTarget(
  target: SignTarget,
  client: RegistryClient,
  rounds: readonly (readonly VerifyFormat[])[],
  plan: VerifyPlan,
  deps: VerifyDeps,
): Promise<DigestResult> {
  const image = repositoryName(target.ref);
  const base: DigestResult = {
    image,
    digest: target.digest,
    verified: false,
    format: '',
    signatureRef: '',
    signer: '',
    reason: '',
    checked: 0,
  };
  try {
    const candidates: Candidate[] = [];
    for (const round of rounds) {
      candidates.push(...(await readRound(round, target, client)));
      if (settled(candidates, plan, target.digest, deps.checker)) break;
    }
    const signature = firstPassing(candidates, 'signature', target.digest, deps.checker);
    const result: DigestResult = { ...base, checked: signature.checked };
    if (!signature.accepted) {
      // As cosign, a digest is judged by its signatures: the registry is asked for the digest
      // itself only to say why none passed (waiting out read-after-write lag, as the signer).
      const present = await retryWhileUndefined(
        () => client.headManifest(target.digest),
        deps.lagDelaysMs,
      );
      if (!present) return { ...base, reason: `${image}@${target.digest} is not in the registry` };
      return { ...result, reason: signature.reason ?? '' };
    }
    const accepted = {
      ...result,
      format: signature.accepted.candidate.format,
      signatureRef: signature.accepted.candidate.ref,
      signer: signature.accepted.verdict.signer ?? '',
      issuer: signature.accepted.verdict.issuer,
      rekorLogIndex: signature.accepted.verdict.rekorLogIndex,
    };
    if (!plan.attestations) return { ...accepted, verified: true };
    const attestation = firstPassing(candidates, 'attestation', target.digest, deps.checker);
    const both = { ...accepted, checked: accepted.checked + attestation.checked };
    if (!attestation.accepted)
      return {
        ...both,
        reason: `the signature verified, but no attestation did: ${attestation.reason ?? ''}`,
      };
    return { ...both, verified: true, attestationRef: attestation.accepted.candidate.ref };
  } catch (err) {
    return { ...base, reason: asSignImageError(err).message };
  }
}

async function readRound(
  formats: readonly VerifyFormat[],
  target: SignTarget,
  client: RegistryClient,
): Promise<Candidate[]> {
  return (await Promise.all(formats.map((f) => f.find(target, client)))).flat();
}

// True when what was read already verifies the digest (checks are pure and cheap to repeat).
function settled(
  candidates: readonly Candidate[],
  plan: VerifyPlan,
  digest: string,
  checker: Checker,
): boolean {
  return (
    firstPassing(candidates, 'signature', digest, checker).accepted !== undefined &&
    (!plan.attestations ||
      firstPassing(candidates, 'attestation', digest, checker).accepted !== undefined)
  );
}

interface Search {
  accepted?: { candidate: Candidate; verdict: Verdict };
  checked: number;
  reason?: string;
}

// cosign accepts a digest when at least one stored signature passes every check.
function firstPassing(
  all: readonly Candidate[],
  kind: SignatureKind,
  digest: string,
  checker: Checker,
): Search {
  const candidates = all.filter((c) => c.kind === kind);
  if (candidates.length === 0)
    return {
      checked: 0,
      reason:
        kind === 'signature' ? 'no signature is stored for it' : 'no attestation is stored for it',
    };
  const reasons: string[] = [];
  for (const candidate of candidates) {
    const verdict = checker.check(candidate, digest);
    if (verdict.ok) return { accepted: { candidate, verdict }, checked: candidates.length };
    reasons.push(verdict.reason ?? 'it does not verify');
  }
  return { checked: candidates.length, reason: summarize(kind, reasons) };
}

// One reason per distinct failure, the most frequent first: a digest with 40 signatures by
// other keys says so once.
function summarize(kind: SignatureKind, reasons: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const parts = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([r, n]) => (reasons.length > 1 ? `${n}× ${r}` : r));
  const what = kind === 'signature' ? 'signature' : 'attestation';
  return reasons.length === 1
    ? `its one ${what} fails: ${parts[0]}`
    : `none of its ${reasons.length} ${what}s passes: ${parts.join('; ')}`;
}
