// The only place results leave the process for the runner: step outputs, the job summary and
// the bundle file.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '../util/runner.js';
import { buildBundleFile, buildOutputs } from './outputs.js';
import { buildAttestationSection, buildAttestationsOutput } from './attestations.js';
import { describeSigner } from './identity.js';
import { isAttestation, type SignatureResult, type SignerIdentity } from './result.js';
import { buildSummary } from './summary.js';
import { publicSigstore, type SigstoreContext } from './verify-command.js';

/** Writes the bundle file, sets every output and (unless disabled) appends the summary. */
export async function writeReport(
  all: readonly SignatureResult[],
  signer: SignerIdentity,
  options: {
    summary: boolean;
    env?: NodeJS.ProcessEnv;
    sigstore?: Partial<SigstoreContext>;
  },
): Promise<Record<string, string>> {
  // Image signatures go to `signatures` and the bundle file, attestations to `attestations`.
  const results = all.filter((r) => !isAttestation(r));
  const attestations = all.filter(isAttestation);
  const env = options.env ?? process.env;
  const dir = mkdtempSync(join(env.RUNNER_TEMP || tmpdir(), 'sign-image-'));
  const bundlePath = join(dir, 'bundles.json');
  writeFileSync(bundlePath, buildBundleFile(results));
  const outputs = {
    ...buildOutputs(results, signer, bundlePath),
    attestations: buildAttestationsOutput(attestations),
  };
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);
  if (options.summary && env.GITHUB_STEP_SUMMARY) {
    const ctx = { ...publicSigstore(), ...options.sigstore };
    const facts = describeSigner(all, signer);
    // `sign: false`: only attestations were made, so only they are reported.
    const summary =
      results.length === 0
        ? buildAttestationSection(attestations, facts, ctx, '## Attested container images')
        : buildSummary(results, signer, options.sigstore) +
          buildAttestationSection(attestations, facts, ctx, '### Attestations');
    core.appendSummary(summary);
  }
  return outputs;
}
