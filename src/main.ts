// Sequences the stages for one run: targets → registry checks (while the key decrypts) → sign
// and log every target → store every target → report. Writes happen only after every target
// was checked and every signature was logged and its Rekor entry verified, so a failure
// anywhere before the last phase leaves the registry untouched.
import type { Signer, Witness } from '@sigstore/sign';
import type { Config } from './inputs/parse.js';
import { checkTarget, signTarget, storeTarget } from './pipeline.js';
import { repositoryName } from './reference/parse.js';
import { resolveTargets, type SignTarget } from './reference/targets.js';
import { RegistryClient } from './registry/client.js';
import { defaultKeychain, type Keychain } from './registry/credentials.js';
import type { SignerIdentity } from './report/result.js';
import { writeReport } from './report/write.js';
import { MessageSignatureV03BundleBuilder } from './signer/message-bundle.js';
import { LegacyStore } from './storage/legacy/legacy-store.js';
import { fetchRekorPublicKey, rekorWitness } from './tlog/rekor.js';
import { mapLimit } from './util/limit.js';

// Enough to hide registry and Rekor latency, few enough not to be throttled.
const PARALLEL = 8;

/** A signer that is ready to sign, with what verifiers need to know about it. */
export interface PreparedSigner {
  signer: Signer;
  identity: SignerIdentity;
  /** The PEM Rekor records for this signer (public key or leaf certificate). */
  publicKeyPem: string;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  keychain?: Keychain;
  witnesses?: (config: Config) => Witness[];
}

/** Signs every target of `config` with the signer `signerReady` resolves to. */
export async function run(config: Config, signerReady: Promise<PreparedSigner>, options: RunOptions = {}): Promise<Record<string, string>> {
  const env = options.env ?? process.env;
  const targets = resolveTargets(config.images, config.digest);
  const keychain =
    options.keychain ?? defaultKeychain({ username: config.registryUsername, password: config.registryPassword, env });

  // Everything that needs no key runs while the key decrypts (scrypt takes ~0.2 s).
  const rekorKeyReady = config.tlogUpload ? fetchRekorPublicKey(config.rekorUrl) : Promise.resolve(undefined);
  rekorKeyReady.catch(() => undefined); // reported when awaited, not as an unhandled rejection
  const repositories = new Map<string, { client: RegistryClient; store: LegacyStore }>();
  const forTarget = (target: SignTarget) => {
    const name = repositoryName(target.ref);
    let repo = repositories.get(name);
    if (!repo) {
      const client = new RegistryClient({ registry: target.ref.registry, repository: target.ref.repository, keychain });
      repo = { client, store: new LegacyStore(client, name) };
      repositories.set(name, repo);
    }
    return repo;
  };
  const checked = await mapLimit(targets, PARALLEL, (t) => checkTarget(t, forTarget(t).client, forTarget(t).store));

  const [prepared, rekorPublicKey] = await Promise.all([signerReady, rekorKeyReady]);
  const witnesses = options.witnesses?.(config) ?? (config.tlogUpload ? [rekorWitness(config.rekorUrl)] : []);
  const builder = new MessageSignatureV03BundleBuilder({ signer: prepared.signer, witnesses });
  const signed = await mapLimit(checked, PARALLEL, (c) =>
    signTarget(c, builder, { annotations: config.annotations, publicKeyPem: prepared.publicKeyPem, rekorPublicKey }),
  );

  const results = await mapLimit(signed, PARALLEL, (s) => storeTarget(s, config.upload));
  return writeReport(results, prepared.identity, { summary: config.summary, env });
}
