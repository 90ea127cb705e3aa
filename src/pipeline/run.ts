// The pipeline of one run: targets → check (while the key decrypts) → expand indexes → sign and
// log every target in every format → store → report. Manifests, tags and referrers are written
// only after every target was checked and every signature was logged and its Rekor entry
// verified, so a failure before the signing phase leaves no signature, tag or referrer. What a
// format stages once every target is checked (formats/format.ts: the legacy payload and `.sig`
// config blobs, which do not depend on the signature) is content-addressed and referenced by
// nothing until the store phase; a run refused in the check phase or on its inputs writes
// nothing at all, and one whose credentials may not push logs nothing (push-proof.ts: each
// registry takes one push before the log is asked). From signing on, a failing target fails
// alone: the rest are stored and reported, then the step fails naming it (unsigned.ts).
// Each format (formats/) is driven the same way; `signature-format: both` is two of them.
import type { CheckedTarget, FormatRun, SignatureFormat, Signing } from '../formats/format.js';
import { runFormats } from '../formats/select.js';
import type { Predicate } from '../payload/attestation.js';
import type { Config } from '../inputs/parse.js';
import { expandIndexes, isAttestationManifest } from '../reference/expand.js';
import { repositoryName } from '../reference/parse.js';
import { resolveTargets, type SignTarget } from '../reference/targets.js';
import type { RegistryClient } from '../registry/client.js';
import { explicitCredentialsNote } from '../registry/credentials.js';
import type { PreparedSigner } from '../signer/prepared.js';
import { checkBeforeWrite, expectationsFor } from '../trust/gate.js';
import { createLimiter, mapLimitFirstAlone } from '../util/limit.js';
import { checkTarget, readIndex } from './check.js';
import { stageWithPushProof } from './push-proof.js';
import { EMPTY_BLOB } from '../storage/bundle/referrer.js';
import type { PipelineDeps } from './deps.js';
import { runStopper, settleEach, unsignedError, unsignedFrom, type Unsigned } from './unsigned.js';
import { trace } from '../util/trace.js';

// Enough to hide registry and Rekor latency, few enough not to be throttled.
const PARALLEL = 8;

/** A checked target with what each format found for it (index i: the run's format i). */
interface Found extends CheckedTarget {
  found: unknown[];
}

/** Signs every target of `config` with the signer `signerReady` resolves to; returns the outputs. */
export async function runPipeline(
  config: Config,
  signerReady: Promise<PreparedSigner>,
  deps: PipelineDeps,
  /** The `attestations` predicates, read and built (payload/attestation.ts) before the run. */
  predicates: readonly Predicate[] = [],
): Promise<Record<string, string>> {
  const targets = resolveTargets(config.images, config.digest);

  const credentialsNote = explicitCredentialsNote(
    targets.map((t) => t.ref.registry),
    Boolean(config.registryUsername),
  );
  if (credentialsNote) deps.log(credentialsNote);

  // Everything that needs no key runs while the key decrypts (scrypt takes ~0.2 s). The log's
  // keys come from the trusted root (matched by log ID), never from the log itself.
  const rekorKeyReady = config.tlogUpload
    ? deps.trust.then((trust) => {
        if (!trust)
          throw new Error('a transparency log entry cannot be checked without a trusted root');
        return trust.rekorKeysPem;
      })
    : Promise.resolve(undefined);
  rekorKeyReady.catch(() => undefined); // reported when awaited, not as an unhandled rejection
  const clients = new Map<string, RegistryClient>();
  const clientFor = (target: SignTarget): RegistryClient => {
    const name = repositoryName(target.ref);
    let client = clients.get(name);
    if (!client) clients.set(name, (client = deps.registryClient(target.ref)));
    return client;
  };
  const run: FormatRun = {
    config,
    clientFor,
    // One bound on writes across formats and repositories; their waits between attempts hold no slot.
    writeLimit: createLimiter(PARALLEL),
    log: deps.log,
    now: deps.now,
  };
  const formats: SignatureFormat[] = runFormats(config, predicates).map((make) => make(run));

  const check = async (target: SignTarget): Promise<Found> => {
    const checked = await checkTarget(target, clientFor(target), { lagDelaysMs: deps.lagDelaysMs });
    // After the HEAD, not beside it: the client then has its credentials and skips a second 401.
    const found = await Promise.all(formats.map((f) => f.find?.(checked)));
    return { ...checked, found };
  };
  trace('check start');
  // The first target of each registry goes alone: the challenge it answers serves the rest
  // (registry/auth.ts), which then send no request that only draws a 401.
  const roots = await mapLimitFirstAlone(targets, (t) => t.ref.registry, PARALLEL, check);
  trace('check done');
  const checked =
    !config.recursive && !config.signBuildkitAttestations
      ? roots
      : await expandIndexes(roots, {
          select: { platforms: config.recursive, attestations: config.signBuildkitAttestations },
          check,
          readIndex: (c) => readIndex(c, clientFor(c.target)),
          onSkip: (parent, child) =>
            deps.log(
              `Not signing ${child.digest} in ${repositoryName(parent.target.ref)}@${parent.target.digest}: ${
                isAttestationManifest(child)
                  ? 'a BuildKit attestation manifest (`sign-buildkit-attestations: true` signs it)'
                  : config.recursive
                    ? 'not an image'
                    : 'a platform manifest (`recursive: true` signs it)'
              }`,
            ),
          parallel: PARALLEL,
        });

  // Every target is there: each format stages what its store needs that does not depend on the
  // signature (format.ts). Not awaited: the uploads run while the key decrypts and the log is
  // asked, and each target's store waits for its own. A run refused in the check phase (a missing
  // digest, an index too large) writes nothing at all; nor does one refused on its inputs (a key
  // that does not parse) or its trusted root: staging waits for the trusted root and is skipped
  // once the signer has failed (a PEM that does not parse fails before the first registry answer).
  let refused = false;
  signerReady.catch(() => (refused = true));
  const whenStaging = (work: () => Promise<unknown>): Promise<unknown> => {
    const staging = deps.trust.then(
      () => (refused ? undefined : work()),
      () => undefined, // the run stops on it before the store phase
    );
    staging.catch(() => undefined); // awaited by the target's store
    return staging;
  };
  // Nothing is logged before each registry took one push (push-proof.ts).
  const { staged, pushed } = stageWithPushProof(
    checked.map((c) => c.target),
    formats.map((format, i) =>
      format.stage
        ? (j: number) => whenStaging(() => format.stage!(checked[j]!, checked[j]!.found[i]))
        : undefined,
    ),
    (j) => whenStaging(() => clientFor(checked[j]!.target).uploadBlob(EMPTY_BLOB, { fresh: true })),
    config.upload,
  );

  const [prepared, rekorPublicKey, trust] = await Promise.all([
    signerReady,
    rekorKeyReady,
    deps.trust,
    pushed,
  ]);
  trace('signer ready');
  const signing: Signing = { prepared, witnesses: deps.witnesses(config), rekorPublicKey };
  const expectations = expectationsFor(prepared.identity, config);
  // From here on a target's failure is its own: the others are still signed and stored (unsigned.ts).
  const signed = await Promise.all(
    formats.map((format, i) =>
      settleEach(
        checked.map((c, j) => ({ c, staged: staged[i]?.[j] })),
        PARALLEL,
        async ({ c, staged }) => {
          const made = await format.sign(c, c.found[i], signing);
          // Every bundle, whatever its format, is verified against the trusted root as soon as
          // it is made (while other targets wait on the log); a failure stops the run below,
          // before any write.
          const item = format.toVerify(made);
          if (item) checkBeforeWrite([item], trust, expectations);
          // Verified: its blobs may go up while the others are signed (format.ts `upload`).
          const uploaded = config.upload ? format.upload?.(made) : undefined;
          uploaded?.catch(() => undefined); // awaited by the target's store
          return { target: c.target, signed: made, staged, uploaded };
        },
      ),
    ),
  );

  trace('signed');
  // A log or CA that cannot be trusted, a bundle the trusted root does not verify (or a bug)
  // stops everything here, before any write.
  const stopper = runStopper(signed.flatMap((s) => s.failed));
  if (stopper) throw stopper;
  // Only what was signed and whose entry was checked reaches the registry. All at once: each
  // store's registry work goes through the run's write limit.
  const stored = await Promise.all(
    formats.map((format, i) => {
      const ok = signed[i]?.ok ?? [];
      return settleEach(ok, ok.length, async (s) => {
        await s.staged;
        return format.store(s.signed, s.uploaded);
      });
    }),
  );
  trace('stored');
  const results = stored.flatMap((s) => s.ok);
  const unsigned: Unsigned[] = formats.flatMap((format, i) => [
    ...unsignedFrom(signed[i]?.failed ?? [], format.name, ({ c }) => c.target),
    ...unsignedFrom(stored[i]?.failed ?? [], format.name, (s) => s.target),
  ]);
  const asked = checked.length * formats.length;
  // The outputs and summary report what was signed, even when the step then fails for the rest.
  const outputs =
    results.length === 0 && unsigned.length > 0
      ? {}
      : await deps.report(results, prepared.identity, {
          summary: config.summary,
          env: deps.env,
          sigstore: {
            rekorUrl: config.rekorUrl,
            fulcioUrl: config.fulcioUrl,
            // The key of the log that logged these entries, as the trusted root has it.
            rekorPublicKeyPem: trust?.tlog(results.find((r) => r.rekorLogId)?.rekorLogId ?? '')
              ?.publicKeyPem,
            fulcioRootsPem: trust?.fulcioCertificatesPem || undefined,
            ctlogPublicKeyPem: trust?.ctlogPublicKeyPem,
          },
        });
  trace('reported');
  if (unsigned.length > 0) throw unsignedError(unsigned, asked, formats.length > 1);
  return outputs;
}
