// The action proper, loaded by index.ts while the key derivation runs: masks secrets, turns the
// inputs into a config, prepares the signer and runs the stages; prints exactly one `::error::`
// line on failure.
import * as core from './util/runner.js';
import { asSignImageError } from './errors.js';
import { maskSecretInputs } from './inputs/mask.js';
import { selectSigningMode } from './inputs/mode.js';
import { readPredicateFiles } from './inputs/attestations.js';
import { parseConfig } from './inputs/parse.js';
import { checkPublicLogPrivacy, readEventPayload, repositoryVisibility } from './inputs/privacy.js';
import type { RawInputs } from './inputs/read.js';
import { buildPredicates, resolveAttestationTypes } from './payload/attestation.js';
import { defaultPipelineDeps } from './pipeline/deps.js';
import { runPipeline } from './pipeline/run.js';
import type { KeyObject } from 'node:crypto';
import { prepareSigner } from './signer/select.js';
import { loadTrust, requireTrustInputs } from './trust/required.js';
import { trace } from './util/trace.js';

/** Runs the action on raw inputs; `earlyKey` is the key decryption index.ts already started. */
export async function runAction(raw: RawInputs, earlyKey?: Promise<KeyObject>): Promise<void> {
  trace('runAction');
  maskSecretInputs(raw);
  try {
    const config = parseConfig(raw);
    const mode = selectSigningMode(config, process.env);
    // Before any token, certificate or log request: a private repository stays off public logs.
    checkPublicLogPrivacy(mode, config, repositoryVisibility(readEventPayload(process.env)));
    // `attestations`: every file read (bounded) and checked before any token or request.
    const kinds = resolveAttestationTypes(config.attestations);
    const files = await readPredicateFiles(
      config.attestations,
      process.env.GITHUB_WORKSPACE || process.cwd(),
    );
    const predicates = buildPredicates(files, kinds);
    // Before any token, certificate or log request too: a private Sigstore needs `trusted-root`.
    requireTrustInputs(config, mode);
    const trustReady = loadTrust(config, mode, process.env);
    trustReady.catch(() => undefined); // awaited in runPipeline() and by the keyless signer
    const signerReady = prepareSigner(mode, config, earlyKey, trustReady);
    signerReady.catch(() => undefined); // awaited in runPipeline(); this only avoids an early unhandled rejection
    trace('pipeline start');
    await runPipeline(config, signerReady, defaultPipelineDeps(config, trustReady), predicates);
  } catch (err) {
    const error = asSignImageError(err);
    core.error(error.toLine());
    if (error.cause)
      core.debug(
        `cause: ${error.cause instanceof Error ? error.cause.message : String(error.cause)}`,
      );
    process.exitCode = 1;
  }
}
