// Which formats a run signs in: `signature-format` names one, or `both` (legacy first, so the
// outputs list the `.sig` signatures before the bundles, as they always have). A new format is
// added here, chosen by whatever input asks for it: `attestations` adds, per predicate, its
// attestation formats (attestations.ts).
import type { Predicate } from '../payload/attestation.js';
import type { Config } from '../inputs/parse.js';
import { attestationFormats } from './attestations.js';
import { bundleFormat } from './bundle.js';
import type { FormatFactory } from './format.js';
import { legacyFormat } from './legacy.js';

/** The formats the config asks for, in the order they are signed and reported. */
export function formatsFor(config: Pick<Config, 'signatureFormat'>): FormatFactory[] {
  switch (config.signatureFormat) {
    case 'legacy':
      return [legacyFormat];
    case 'bundle':
      return [bundleFormat];
    case 'both':
      return [legacyFormat, bundleFormat];
  }
}

/**
 * Every format of the run: the image signatures (unless `sign: false`), then for each predicate
 * of `attestations` its attestation formats (attestations.ts).
 */
export function runFormats(
  config: Pick<Config, 'signatureFormat' | 'sign'>,
  predicates: readonly Predicate[],
): FormatFactory[] {
  return [...(config.sign ? formatsFor(config) : []), ...attestationFormats(config, predicates)];
}
