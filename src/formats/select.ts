// Which formats a run signs in: `signature-format` names one, or `both` (legacy first, so the
// outputs list the `.sig` signatures before the bundles, as they always have).
import type { SignatureFormatChoice } from '../inputs/parse.js';
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
