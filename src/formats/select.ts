// Which formats a run signs in: `signature-format` names one, or `both` (legacy first, so the
// outputs list the `.sig` signatures before the bundles, as they always have).
import type { Predicate } from '../inputs/attestations.js';
import type { Config, SignatureFormatChoice } from '../inputs/parse.js';
import { attestationFormats } from './attestations.js';
import { bundleFormat } from './bundle.js';
import type { FormatFactory } from './format.js';
import { legacyFormat } from './legacy.js';

/** The formats `signature-format` asks for, in the order they are signed and reported. */
export function formatsFor(choice: SignatureFormatChoice): FormatFactory[] {
  switch (choice) {
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
  return [
    ...(config.sign ? formatsFor(config.signatureFormat) : []),
    ...attestationFormats(config, predicates),
  ];
}
