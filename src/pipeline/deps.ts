// Everything the pipeline talks to or asks the time of, in one place: the action passes the real
// ones (defaultPipelineDeps); tests pass the test bed's registry, Rekor, Fulcio and TSA, a fixed
// clock and a report that is returned instead of written to the runner.
import type { Witness } from '@sigstore/sign';
import type { Config } from '../inputs/parse.js';
import type { ImageRef } from '../reference/parse.js';
import { resolveTargets } from '../reference/targets.js';
import type { Challenge } from '../registry/challenge.js';
import { LAG_DELAYS_MS, RegistryClient } from '../registry/client.js';
import { defaultKeychain } from '../registry/credentials.js';
import { nodeFetch } from '../registry/node-fetch.js';
import type { SignatureResult, SignerIdentity } from '../report/result.js';
import type { SigstoreContext } from '../report/verify-command.js';
import { writeReport } from '../report/write.js';
import { witnessesFor } from '../tlog/witnesses.js';
import type { Trust } from '../trust/trusted-root.js';
import * as log from '../util/log.js';

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
  /**
   * The trusted root (trust/): every Rekor SET, Fulcio chain, SCT and TSA token is checked
   * against it, and the summary's keys come from it. Undefined only when nothing is logged,
   * certified or timestamped (a key without tlog-upload).
   */
  trust: Promise<Trust | undefined>;
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
  trust: Promise<Trust | undefined>,
  env: NodeJS.ProcessEnv = process.env,
): PipelineDeps {
  // Explicit credentials go to the first image's registry only (never to another host).
  const keychain = defaultKeychain({
    username: config.registryUsername,
    password: config.registryPassword,
    registry: resolveTargets(config.images, config.digest)[0]?.ref.registry,
    env,
  });
  // One registry's challenge is answered once per repository, without a 401 after the first.
  const challenges = new Map<string, Challenge>();
  const fetch = nodeFetch();
  return {
    env,
    registryClient: (ref) =>
      new RegistryClient({
        registry: ref.registry,
        repository: ref.repository,
        keychain,
        challenges,
        fetch,
      }),
    trust,
    // Rekor through the same node:http transport as the registries (registry/node-fetch.ts).
    witnesses: (c) => witnessesFor(c, fetch),
    now: () => new Date(),
    // Lines quote registry answers and references: escaped so none starts a workflow command.
    log: (line) => log.info(line),
    report: writeReport,
    lagDelaysMs: LAG_DELAYS_MS,
  };
}
