// One bundle builder per run's Signing: every signature a format makes in a run uses the same
// signer and witnesses.
import type { Signing } from './format.js';
import type { BuilderOptions } from '../signer/bundle-builders.js';

/** The builder of `Builder` for a Signing, made on its first use. */
export function builderPerSigning<B>(
  Builder: new (options: BuilderOptions) => B,
): (signing: Signing) => B {
  const builders = new WeakMap<Signing, B>();
  return (signing) => {
    let builder = builders.get(signing);
    if (!builder) {
      builder = new Builder({ signer: signing.prepared.signer, witnesses: signing.witnesses });
      builders.set(signing, builder);
    }
    return builder;
  };
}
