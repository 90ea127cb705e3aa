// The witnesses every signature of a run goes through, whatever its format: Rekor (unless
// `tlog-upload: false`) and, with `tsa-url`, an RFC 3161 timestamp authority. @sigstore/sign runs
// them in parallel and merges what they return into the bundle's verification material.
import type { Witness } from '@sigstore/sign';
import type { Config } from '../inputs/parse.js';
import type { FetchFn } from '../util/fetch.js';
import { rekorWitness } from './rekor.js';
import { tsaWitness } from './tsa.js';

/** Rekor and TSA witnesses as the config asks for them; Rekor through `fetch` when given. */
export function witnessesFor(
  config: Pick<Config, 'tlogUpload' | 'rekorUrl' | 'tsaUrl'>,
  fetch?: FetchFn,
): Witness[] {
  return [
    ...(config.tlogUpload ? [rekorWitness(config.rekorUrl, undefined, fetch)] : []),
    ...(config.tsaUrl ? [tsaWitness(config.tsaUrl)] : []),
  ];
}
