// The verify action proper, loaded by verify/index.ts: masks the registry password, parses the
// inputs, loads the trust, verifies every digest, writes the outputs and the summary, and fails
// the step with one `::error::` naming each digest that failed and why. The outputs are written
// on failure too, so a later step can read which digests failed.
import * as core from '../util/runner.js';
import { pem } from '@sigstore/core';
import { resolve } from 'node:path';
import { asSignImageError } from '../errors.js';
import { maskSecret } from '../inputs/mask.js';
import type { Challenge } from '../registry/challenge.js';
import { LAG_DELAYS_MS, RegistryClient } from '../registry/client.js';
import { defaultKeychain } from '../registry/credentials.js';
import { nodeFetch } from '../registry/node-fetch.js';
import { readTrustedRootFile, type Trust } from '../trust/trusted-root.js';
import { publicGoodTrust, tufCachePath } from '../trust/tuf.js';
import * as log from '../util/log.js';
import { createChecker } from './check.js';
import {
  parseVerifyConfig,
  type ResolvedPolicy,
  type SignerPolicy,
  type VerifyConfig,
  type VerifyRawInputs,
} from './inputs.js';
import {
  buildVerifyOutputs,
  buildVerifySummary,
  describeRequirements,
  failureLine,
} from './report.js';
import { verifyTargets } from './run.js';

export async function runVerifyAction(
  raw: VerifyRawInputs,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  maskSecret(raw['registry-password']);
  try {
    const config = parseVerifyConfig(raw);
    const [trust, policy] = await Promise.all([
      loadVerifyTrust(config, env),
      resolvePolicy(config.policy, env),
    ]);
    const checker = createChecker(
      {
        policy,
        annotations: config.annotations,
        predicateType: config.attestationType?.uri,
        ignoreTlog: config.ignoreTlog,
      },
      trust,
    );
    const keychain = defaultKeychain({
      username: config.registryUsername,
      password: config.registryPassword,
      registry: config.targets[0]?.ref.registry,
      env,
    });
    // One registry's challenge is answered once per repository, without a 401 after the first.
    const challenges = new Map<string, Challenge>();
    const fetch = nodeFetch();
    const results = await verifyTargets(
      config.targets,
      {
        lookIn: config.lookIn,
        attestations: config.attestationType !== undefined,
        annotations: config.annotations,
      },
      {
        client: (ref) =>
          new RegistryClient({
            registry: ref.registry,
            repository: ref.repository,
            keychain,
            // A deploy gate reads: a read-only token must do.
            access: 'pull',
            challenges,
            fetch,
          }),
        checker,
        lagDelaysMs: LAG_DELAYS_MS,
      },
    );
    for (const r of results)
      log.info(
        r.verified
          ? `${r.image}@${r.digest}: verified (${r.format} ${r.signatureRef}, signer ${r.signer})`
          : `${r.image}@${r.digest}: FAILED: ${r.reason}`,
      );
    for (const [name, value] of Object.entries(buildVerifyOutputs(results)))
      core.setOutput(name, value);
    if (config.summary && env.GITHUB_STEP_SUMMARY)
      core.appendSummary(
        buildVerifySummary(
          results,
          describeRequirements(config, trust?.source),
          // Log indexes link to the public log's search only when the public root was trusted.
          config.trustedRoot ? undefined : config.rekorUrl,
        ),
      );
    const failure = failureLine(results);
    if (failure) {
      // Command data: the runner's escaping keeps it on its one line (util/runner.ts).
      core.error(failure);
      process.exitCode = 1;
    }
  } catch (err) {
    const error = asSignImageError(err);
    core.setOutput('verified', 'false');
    core.setOutput('signatures', '[]');
    core.error(error.toLine());
    if (error.cause)
      core.debug(
        `cause: ${error.cause instanceof Error ? error.cause.message : String(error.cause)}`,
      );
    process.exitCode = 1;
  }
}

// A KMS key's public key, read with GetPublicKey through the signer's KMS client (the AWS SDK is
// loaded only then); credentials and region come from the SDK's chain, as for signing.
async function resolvePolicy(
  policy: SignerPolicy,
  env: NodeJS.ProcessEnv,
): Promise<ResolvedPolicy> {
  if (!('kmsKey' in policy)) return policy;
  const { awsKmsClient } = await import('../signer/kms/aws-client.js');
  const { spki } = await awsKmsClient(policy.kmsKey, { env }).getPublicKey();
  return { mode: 'key', publicKeyPem: pem.fromDER(spki, 'PUBLIC KEY') };
}

// The `trusted-root` file, else the public-good root; none for a key with `ignore-tlog` (nothing
// a log, CA or TSA signed is looked at then).
async function loadVerifyTrust(
  config: VerifyConfig,
  env: NodeJS.ProcessEnv,
): Promise<Trust | undefined> {
  if (config.trustedRoot)
    return readTrustedRootFile(resolve(env.GITHUB_WORKSPACE || process.cwd(), config.trustedRoot));
  if (config.policy.mode === 'key' && config.ignoreTlog) return undefined;
  return publicGoodTrust({ cachePath: tufCachePath(env) });
}
