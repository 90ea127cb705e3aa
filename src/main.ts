// Sequences the stages for one run: targets → registry checks (while the key decrypts) → sign
// and log every target → store every target → report. Writes happen only after every target
// was checked and every signature was logged and its Rekor entry verified, so a failure
// before the signing phase leaves the registry untouched. From signing on, a failing target
// fails alone: the rest are stored and reported, then the step fails naming it (unsigned.ts).
import type { Signer, Witness } from '@sigstore/sign';
import type { Config } from './inputs/parse.js';
import { checkTarget, readIndex, signTarget, storeTarget } from './pipeline.js';
import { expandIndexes } from './reference/expand.js';
import { repositoryName } from './reference/parse.js';
import { resolveTargets, type SignTarget } from './reference/targets.js';
import { RegistryClient } from './registry/client.js';
import { defaultKeychain, type Keychain } from './registry/credentials.js';
import type { SignerIdentity } from './report/result.js';
import { writeReport } from './report/write.js';
import { MessageSignatureV03BundleBuilder } from './signer/message-bundle.js';
import { LegacyStore } from './storage/legacy/legacy-store.js';
import { checkBeforeWrite, expectationsFor } from './trust/gate.js';
import type { Trust } from './trust/trusted-root.js';
import { explicitCredentialsNote } from './registry/credentials.js';
import * as log from './util/log.js';
import { witnessesFor } from './tlog/witnesses.js';
import { bundleStores, signBundles, storeBundle } from './pipeline-bundle.js';
import { runStopper, settleEach, unsignedError, unsignedFrom, type Unsigned } from './unsigned.js';
import { createLimiter, mapLimit } from './util/limit.js';

// Enough to hide registry and Rekor latency, few enough not to be throttled.
const PARALLEL = 8;

/** A signer that is ready to sign, with what verifiers need to know about it. */
export interface PreparedSigner {
  signer: Signer;
  identity: SignerIdentity;
  /** The PEM Rekor records for this signer (public key or leaf certificate). */
  publicKeyPem: string;
  /** Keyless: the rest of the Fulcio chain for a leaf this signer used (cosign's `chain` annotation). */
  chainFor?: (leafPem: string) => string;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  keychain?: Keychain;
  witnesses?: (config: Config) => Witness[];
  /** The trusted root every entry, certificate and timestamp is checked against (trust/). */
  trust?: Promise<Trust | undefined>;
}

/** Signs every target of `config` with the signer `signerReady` resolves to. */
export async function run(
  config: Config,
  signerReady: Promise<PreparedSigner>,
  options: RunOptions = {},
): Promise<Record<string, string>> {
  const env = options.env ?? process.env;
  const targets = resolveTargets(config.images, config.digest);
  // Explicit credentials go to the first image's registry only (never to another host).
  const keychain =
    options.keychain ??
    defaultKeychain({
      username: config.registryUsername,
      password: config.registryPassword,
      registry: targets[0]?.ref.registry,
      env,
    });
  const credentialsNote = explicitCredentialsNote(
    targets.map((t) => t.ref.registry),
    Boolean(config.registryUsername),
  );
  if (credentialsNote) log.info(credentialsNote);

  // Everything that needs no key runs while the key decrypts (scrypt takes ~0.2 s). The log's
  // keys come from the trusted root (by log ID), never from the log itself.
  const trustReady = options.trust ?? Promise.resolve(undefined);
  const rekorKeyReady = config.tlogUpload
    ? trustReady.then((trust) => {
        if (!trust)
          throw new Error('a transparency log entry cannot be checked without a trusted root');
        return trust.rekorKeysPem;
      })
    : Promise.resolve(undefined);
  rekorKeyReady.catch(() => undefined); // reported when awaited, not as an unhandled rejection
  const repositories = new Map<string, { client: RegistryClient; store: LegacyStore }>();
  // One bound on `.sig` writes across repositories; their waits between attempts hold no slot.
  const writeLimit = createLimiter(PARALLEL);
  const forTarget = (target: SignTarget) => {
    const name = repositoryName(target.ref);
    let repo = repositories.get(name);
    if (!repo) {
      const client = new RegistryClient({
        registry: target.ref.registry,
        repository: target.ref.repository,
        keychain,
      });
      repo = {
        client,
        // Its lines quote the registry's error answers: escaped (util/log.ts).
        store: new LegacyStore(client, name, { limit: writeLimit, log: log.info }),
      };
      repositories.set(name, repo);
    }
    return repo;
  };
  const check = (t: SignTarget) => checkTarget(t, forTarget(t).client, forTarget(t).store);
  const roots = await mapLimit(targets, PARALLEL, check);
  const checked = !config.recursive
    ? roots
    : await expandIndexes(roots, {
        check,
        readIndex: (c) => readIndex(c, forTarget(c.target).client),
        onSkip: (parent, child) =>
          log.info(
            `Not signing ${child.digest} in ${repositoryName(parent.target.ref)}@${parent.target.digest}: a BuildKit attestation manifest or not an image`,
          ),
        parallel: PARALLEL,
      });

  const [prepared, rekorPublicKey] = await Promise.all([signerReady, rekorKeyReady]);
  const witnesses = options.witnesses?.(config) ?? witnessesFor(config);
  const builder = new MessageSignatureV03BundleBuilder({ signer: prepared.signer, witnesses });
  // `signature-format`: legacy `.sig`, Sigstore bundle referrer, or both, signed side by side.
  const format = config.signatureFormat;
  const none = { ok: [], failed: [] };
  // From here on a target's failure is its own: the others are still signed and stored (unsigned.ts).
  const [signed, bundled] = await Promise.all([
    format === 'bundle'
      ? none
      : settleEach(checked, PARALLEL, (c) =>
          signTarget(c, builder, {
            annotations: config.annotations,
            publicKeyPem: prepared.publicKeyPem,
            rekorPublicKey,
            chainFor: prepared.chainFor,
            // A stored layer carries no timestamp we could check, so with a TSA every run signs anew.
            reuse: prepared.identity.mode === 'key' && !config.force && !config.tsaUrl,
          }),
        ),
    format === 'legacy'
      ? none
      : signBundles(checked, {
          prepared,
          witnesses,
          annotations: config.annotations,
          rekorPublicKey,
          parallel: PARALLEL,
        }),
  ]);

  // A log or CA that cannot be trusted (or a bug) stops everything here, before any write.
  const stopper = runStopper([...signed.failed, ...bundled.failed]);
  if (stopper) throw stopper;
  // Every bundle, whatever its format, verified against the trusted root before the first write.
  const trust = await trustReady;
  checkBeforeWrite(
    [
      ...signed.ok.map((s) => ({
        bundle: s.bundle,
        artifact: s.payload,
        reused: s.reused,
        what: `${repositoryName(s.target.ref)}@${s.target.digest} (legacy)`,
      })),
      ...bundled.ok.map((b) => ({
        bundle: b.bundle,
        what: `${repositoryName(b.checked.target.ref)}@${b.checked.target.digest} (bundle)`,
      })),
    ],
    trust,
    expectationsFor(prepared.identity, config),
  );
  // Only what was signed and whose entry was checked reaches the registry. All at once: each
  // store's registry work goes through writeLimit.
  const bundleStoreFor = bundleStores(writeLimit);
  const [legacyResults, bundleResults] = await Promise.all([
    settleEach(signed.ok, signed.ok.length, (s) => storeTarget(s, config.upload)),
    settleEach(bundled.ok, bundled.ok.length, (b) =>
      storeBundle(b, config.upload, (t) => bundleStoreFor(forTarget(t).client, t)),
    ),
  ]);
  const results = [...legacyResults.ok, ...bundleResults.ok];
  const unsigned: Unsigned[] = [
    ...unsignedFrom(signed.failed, 'legacy', (c) => c.target),
    ...unsignedFrom(legacyResults.failed, 'legacy', (s) => s.target),
    ...unsignedFrom(bundled.failed, 'bundle', (c) => c.target),
    ...unsignedFrom(bundleResults.failed, 'bundle', (b) => b.checked.target),
  ];
  const asked = checked.length * (format === 'both' ? 2 : 1);
  // The outputs and summary report what was signed, even when the step then fails for the rest.
  const outputs =
    results.length === 0 && unsigned.length > 0
      ? {}
      : await writeReport(results, prepared.identity, {
          summary: config.summary,
          env,
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
  if (unsigned.length > 0) throw unsignedError(unsigned, asked, format === 'both');
  return outputs;
}
