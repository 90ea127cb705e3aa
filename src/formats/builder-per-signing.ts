// One bundle builder per run's Signing: every signature a format makes in a run uses the same
// signer and witnesses. The builder's class loads on first use (signer/builders.ts); the load
// starts when the format is made, so it compiles while the check phase waits on the registry.
import type { Signer, Witness } from '@sigstore/sign';
import { preload } from '../signer/builders.js';
import type { Signing } from './format.js';

/** The builder for a Signing, made once from the class `load` resolves to. */
export function builderPerSigning<B>(
  load: () => Promise<new (options: { signer: Signer; witnesses: Witness[] }) => B>,
): (signing: Signing) => Promise<B> {
  preload(load);
  const builders = new WeakMap<Signing, B>();
  return async (signing) => {
    const Builder = await load();
    let builder = builders.get(signing);
    if (!builder) {
      builder = new Builder({ signer: signing.prepared.signer, witnesses: signing.witnesses });
      builders.set(signing, builder);
    }
    return builder;
  };
}
