// Pure: admission policies that admit exactly what this run signed, filled in with the signed
// repositories and the key or certificate identity: a Kyverno ClusterPolicy (`type: Cosign`
// for the legacy `.sig`, `SigstoreBundle` for bundles) and a Sigstore policy-controller
// ClusterImagePolicy. Checked against the controllers' CRD schemas and their source:
// kyverno api/kyverno/v1/image_verification_types.go, pkg/image/verifiers/cpol/cosign/sigstore.go;
// policy-controller pkg/webhook/validator.go (checkOptsFromAuthority), pkg/apis/glob/glob.go.
import type { KeylessIdentity, SignerFacts } from './identity.js';
import type { SignatureResult } from './result.js';
import {
  isPublicUrl,
  PUBLIC_FULCIO_URL,
  PUBLIC_REKOR_URL,
  wasLogged,
  type SigstoreContext,
} from './verify-command.js';
import { toYaml, type YamlMap } from './yaml.js';

/** One controller's policy for one signature format, or why there is none. */
export interface PolicyDoc {
  controller: 'kyverno' | 'policy-controller';
  format: 'legacy' | 'bundle';
  title: string;
  /** The controller release it needs, in words. */
  requires: string;
  /** The manifest; absent when the controller cannot verify this combination. */
  yaml?: string;
  /** Caveats a platform engineer must know before applying it. */
  notes: string[];
}

/** Policies for every format in `results`, legacy first, Kyverno before policy-controller. */
export function buildPolicies(
  results: readonly SignatureResult[],
  signer: SignerFacts,
  context: SigstoreContext,
): PolicyDoc[] {
  const repositories = [...new Set(results.map((r) => r.image))];
  const formats = (['legacy', 'bundle'] as const).filter((f) =>
    results.some((r) => r.format === f),
  );
  const name = policyName(repositories);
  const logged = wasLogged(results);
  return formats.flatMap((format) => [
    kyvernoPolicy({ name, repositories, signer, context, format, logged }),
    policyControllerPolicy({ name, repositories, signer, context, format, logged }),
  ]);
}

interface Input {
  name: string;
  repositories: string[];
  signer: SignerFacts;
  context: SigstoreContext;
  format: 'legacy' | 'bundle';
  logged: boolean;
}

/** Image patterns for one repository: any tag, any digest, and nothing in a sibling repository. */
export function imageGlobs(repository: string, controller: PolicyDoc['controller']): string[] {
  // Kyverno names Docker Hub `docker.io/…`; policy-controller (ggcr) `index.docker.io/…`.
  const repo =
    controller === 'kyverno'
      ? repository.replace(/^index\.docker\.io\//, 'docker.io/')
      : repository;
  return [`${repo}:*`, `${repo}@*`];
}

function kyvernoPolicy(input: Input): PolicyDoc {
  const { signer, context, format, logged } = input;
  const privateRekor = !isPublicUrl(context.rekorUrl, PUBLIC_REKOR_URL);
  const rekor: YamlMap = logged
    ? { url: context.rekorUrl, pubkey: privateRekor ? context.rekorPublicKeyPem : undefined }
    : { url: context.rekorUrl, ignoreTlog: true };
  const entries: YamlMap[] =
    signer.mode === 'key'
      ? [{ keys: { publicKeys: signer.publicKeyPem, signatureAlgorithm: 'sha256', rekor } }]
      : signer.identities.map((id: KeylessIdentity) => ({
          keyless: { subject: id.identity, issuer: id.issuer, rekor },
        }));
  const notes: string[] = [];
  if (format === 'bundle' && (privateRekor || !isPublicUrl(context.fulcioUrl, PUBLIC_FULCIO_URL))) {
    notes.push(
      '`type: SigstoreBundle` trusts only the public Sigstore instance, so it cannot verify signatures logged in a private Rekor.',
    );
  } else if (signer.mode === 'keyless' && !isPublicUrl(context.fulcioUrl, PUBLIC_FULCIO_URL)) {
    notes.push('This run used a private Fulcio: add its root certificates as `keyless.roots`.');
  }
  const yaml = toYaml({
    apiVersion: 'kyverno.io/v1',
    kind: 'ClusterPolicy',
    metadata: { name: input.name },
    spec: {
      // Image verification needs the admission request; a background scan cannot run it.
      background: false,
      webhookConfiguration: { failurePolicy: 'Fail', timeoutSeconds: 30 },
      rules: [
        {
          name: 'verify-signature',
          match: { any: [{ resources: { kinds: ['Pod'] } }] },
          verifyImages: [
            {
              imageReferences: input.repositories.flatMap((r) => imageGlobs(r, 'kyverno')),
              type: format === 'legacy' ? 'Cosign' : 'SigstoreBundle',
              failureAction: 'Enforce',
              mutateDigest: true,
              verifyDigest: true,
              required: true,
              attestors: [{ count: 1, entries }],
            },
          ],
        },
      ],
    },
  });
  return {
    controller: 'kyverno',
    format,
    title: `Kyverno ClusterPolicy (\`type: ${format === 'legacy' ? 'Cosign' : 'SigstoreBundle'}\`)`,
    requires:
      format === 'bundle' && signer.mode === 'key'
        ? 'Kyverno 1.19 or newer (earlier releases ignore `publicKeys` for `SigstoreBundle`)'
        : 'Kyverno 1.13 or newer',
    yaml,
    notes,
  };
}

function policyControllerPolicy(input: Input): PolicyDoc {
  const { signer, context, format, logged } = input;
  const base = {
    controller: 'policy-controller' as const,
    format,
    title: 'Sigstore policy-controller ClusterImagePolicy',
  };
  const scope = 'It applies only in namespaces labelled `policy.sigstore.dev/include=true`.';
  if (format === 'bundle' && signer.mode === 'key') {
    return {
      ...base,
      requires: 'no release up to v0.15.1',
      notes: [
        'policy-controller accepts `signatureFormat: bundle` only for keyless authorities ("when using the new bundle format, the authority must be keyless"). Sign with `signature-format: both` and apply the legacy policy.',
      ],
    };
  }
  const privateRekor = !isPublicUrl(context.rekorUrl, PUBLIC_REKOR_URL);
  // Without `ctlog` policy-controller skips the transparency log for a key authority.
  const ctlog = logged && format === 'legacy' ? { url: context.rekorUrl } : undefined;
  const authority: YamlMap =
    signer.mode === 'key'
      ? { name: 'sign-image', key: { data: signer.publicKeyPem, hashAlgorithm: 'sha256' }, ctlog }
      : {
          name: 'sign-image',
          keyless: {
            url: context.fulcioUrl,
            identities: signer.identities.map((id) => ({
              issuer: id.issuer,
              subject: id.identity,
            })),
          },
          ctlog,
          signatureFormat: format === 'bundle' ? 'bundle' : undefined,
        };
  const notes = [scope];
  if (format === 'bundle') {
    notes.push(
      'Up to v0.15.1 policy-controller verifies bundle-format attestations but not bundle-format image signatures (sigstore/policy-controller#1899); until a release does, sign with `signature-format: both` and apply the legacy policy.',
    );
  }
  if (privateRekor || !isPublicUrl(context.fulcioUrl, PUBLIC_FULCIO_URL)) {
    notes.push(
      'This run used a private Sigstore instance: create a `TrustRoot` with its keys and set `trustRootRef` on the authority.',
    );
  }
  return {
    ...base,
    requires:
      format === 'bundle'
        ? 'v0.13 or newer reads the syntax, but no release up to v0.15.1 verifies these signatures'
        : 'any policy-controller release',
    yaml: toYaml({
      apiVersion: 'policy.sigstore.dev/v1beta1',
      kind: 'ClusterImagePolicy',
      metadata: { name: input.name },
      spec: {
        images: input.repositories.flatMap((r) =>
          imageGlobs(r, 'policy-controller').map((glob) => ({ glob })),
        ),
        authorities: [authority],
      },
    }),
    notes,
  };
}

/** A DNS-1123 name from the first repository's path, e.g. `verify-acme-app`. */
export function policyName(repositories: readonly string[]): string {
  const path = (repositories[0] ?? 'images').split('/').slice(1).join('-') || 'images';
  const more = repositories.length > 1 ? `-and-${repositories.length - 1}-more` : '';
  const slug = `verify-${path}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  return `${slug.slice(0, 63 - more.length)}${more}`.replace(/-+/g, '-').replace(/-$/, '');
}
