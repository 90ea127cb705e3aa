// The check stage: the registry must have each digest before anything is signed. Reads only.
import { SignImageError } from '../errors.js';
import type { CheckedTarget } from '../formats/format.js';
import { repositoryName } from '../reference/parse.js';
import type { SignTarget } from '../reference/targets.js';
import { LAG_DELAYS_MS, type RegistryClient } from '../registry/client.js';
import { retryWhileUndefined } from '../util/retry.js';

/** Confirms the registry has the digest (HEAD, waiting out read-after-write lag); writes nothing. */
export async function checkTarget(
  target: SignTarget,
  client: RegistryClient,
  options: { lagDelaysMs?: readonly number[] } = {},
): Promise<CheckedTarget> {
  const descriptor = await retryWhileUndefined(
    () => client.headManifest(target.digest),
    options.lagDelaysMs ?? LAG_DELAYS_MS,
  );
  if (!descriptor) {
    throw new SignImageError(
      'DIGEST_NOT_FOUND',
      `${repositoryName(target.ref)}@${target.digest} is not in the registry`,
      {
        hint: 'Sign the digest the build step pushed (docker/build-push-action `digest` output, with `push: true`), after the push, in the repository it was pushed to',
      },
    );
  }
  return { target, descriptor };
}

/** The exact bytes of the index a checked target names (the client checks them against the digest). */
export async function readIndex(checked: CheckedTarget, client: RegistryClient): Promise<Buffer> {
  const found = await client.getManifest(checked.target.digest);
  if (!found)
    throw new SignImageError(
      'DIGEST_NOT_FOUND',
      `${repositoryName(checked.target.ref)}@${checked.target.digest} is no longer in the registry`,
    );
  return found.bytes;
}
