// Everything the pipeline talks to or asks the time of, in one place: the action passes the real
// ones (defaultPipelineDeps); tests pass the test bed's registry, Rekor, Fulcio and TSA, a fixed
// clock and a report that is returned instead of written to the runner.
import * as core from '@actions/core';
import type { Witness } from '@sigstore/sign';
import type { Config } from '../inputs/parse.js';
import type { ImageRef } from '../reference/parse.js';
import { RegistryClient } from '../registry/client.js';
import { defaultKeychain } from '../registry/credentials.js';
import type { SignatureResult, SignerIdentity } from '../report/result.js';
import type { SigstoreContext } from '../report/verify-command.js';
import { writeReport } from '../report/write.js';
import { fetchRekorPublicKey } from '../tlog/rekor.js';
import { witnessesFor } from '../tlog/witnesses.js';
import { LAG_DELAYS_MS } from './check.js';

/** How the report is delivered: step outputs, summary and bundle file (report/write.ts). */
export type ReportWriter = (
  results: readonly SignatureResult[],
  signer: SignerIdentity,
  options: { summary: boolean; env?: NodeJS.ProcessEnv; sigstore?: Partial<SigstoreContext> },
) => Promise<Record<string, string>>;

export interface PipelineDeps {
  env: NodeJS.ProcessEnv;
  /** A client for one repository; the pipeline makes one per repository and run. */
  registryClient(ref: Pick<ImageRef, 'registry' | 'repository'>): RegistryClient;
  /** Rekor's public key (PEM), which every entry's signed entry timestamp is checked against. */
  rekorPublicKey(rekorUrl: string): Promise<string>;
  /** The Rekor and TSA witnesses every signature goes through. */
  witnesses(config: Config): Witness[];
  /** The clock of timestamps we write (a referrer's `created`). */
  now(): Date;
  /** Progress lines for the job log. */
  log(line: string): void;
  report: ReportWriter;
  /** Waits before a digest counts as missing (read-after-write lag). */
  lagDelaysMs: readonly number[];
}

/** The real collaborators: registries with the Docker config's or the inputs' credentials. */
export function defaultPipelineDeps(
  config: Config,
  env: NodeJS.ProcessEnv = process.env,
): PipelineDeps {
  const keychain = defaultKeychain({
    username: config.registryUsername,
    password: config.registryPassword,
    env,
  });
  return {
    env,
    registryClient: (ref) =>
      new RegistryClient({ registry: ref.registry, repository: ref.repository, keychain }),
    rekorPublicKey: (rekorUrl) => fetchRekorPublicKey(rekorUrl),
    witnesses: witnessesFor,
    now: () => new Date(),
    log: (line) => core.info(line),
    report: writeReport,
    lagDelaysMs: LAG_DELAYS_MS,
  };
}
