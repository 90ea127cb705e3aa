// Pure: admission policies that admit exactly what this run signed, filled in with the signed
// repositories and the key or certificate identity:
// - Kyverno ImageValidatingPolicy (policies.kyverno.io/v1, Kyverno 1.17+), the primary one: it
//   reads legacy `.sig` signatures and detects Sigstore bundles by itself;
// - Kyverno ClusterPolicy verifyImages (`type: Cosign` for `.sig`, `SigstoreBundle` for
//   bundles), for Kyverno before 1.17 (deprecated from 1.18, removal planned for 1.20);
// - Sigstore policy-controller ClusterImagePolicy.
// Each names the controller releases it needs and what it cannot do. Checked against the
// controllers' CRD schemas, their source (kyverno pkg/image/verifiers/ivpol/cosign/opts.go,
// api/kyverno/v1/image_verification_types.go, pkg/image/verifiers/cpol/cosign/sigstore.go;
// policy-controller pkg/webhook/validator.go, pkg/apis/glob/glob.go) and run end to end by the
// Kyverno CLI and policy-controller's tester (__tests__/e2e/admission.e2e.test.ts).
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

/** One controller's policy for one signature format (or all of the run's), or why there is none. */
export interface PolicyDoc {
  controller: 'kyverno' | 'policy-controller';
  kind: 'ImageValidatingPolicy' | 'ClusterPolicy' | 'ClusterImagePolicy';
  /** `both`: one policy verifies either format (the ImageValidatingPolicy detects bundles). */
  format: 'legacy' | 'bundle' | 'both';
  title: string;
  /** The controller releases it needs, in words. */
  requires: string;
  /** The manifest; absent when the controller cannot verify this combination. */
  yaml?: string;
  /** Caveats a platform engineer must know before applying it. */
  notes: string[];
}

/**
 * Policies for the run: the Kyverno ImageValidatingPolicy once for all formats, then per format
 * (legacy first) the ClusterPolicy for older Kyverno and the policy-controller policy.
 */
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
  const base = { name, repositories, signer, context, logged };
  return [
    imageValidatingPolicy({ ...base, formats }),
    ...formats.flatMap((format) => [
      kyvernoPolicy({ ...base, format }),
      policyControllerPolicy({ ...base, format }),
    ]),
  ];
}

interface Base {
  name: string;
  repositories: string[];
  signer: SignerFacts;
  context: SigstoreContext;
  logged: boolean;
}
interface Input extends Base {
  format: 'legacy' | 'bundle';
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

/**
 * Every way a pod can name an image of `repository`, for the ImageValidatingPolicy's globs,
 * which match the image string as written (gobwas globs, no normalisation; an image no glob
 * matches is not verified at all): bare (`:latest` implied), any tag, any digest, and Docker
 * Hub's short and long names.
 */
export function writtenImageGlobs(repository: string): string[] {
  const hub = /^(?:index\.)?docker\.io\/(.+)$/.exec(repository)?.[1];
  const names = hub
    ? [
        `docker.io/${hub}`,
        `index.docker.io/${hub}`,
        hub,
        ...(hub.startsWith('library/')
          ? [hub.slice('library/'.length), `docker.io/${hub.slice('library/'.length)}`]
          : []),
      ]
    : [repository];
  return names.flatMap((n) => [n, `${n}:*`, `${n}@*`]);
}

/**
 * The `cosign` attestor of a Kyverno ImageValidatingPolicy for the run's signer, shared by the
 * signature and the attestation policies. Without the log only a key verifies; a `ctlog` block
 * needs a URL unless the log is ignored, and the log's key only for a private Rekor.
 */
export function kyvernoCosignAttestor(
  signer: SignerFacts,
  context: SigstoreContext,
  logged: boolean,
  privateRekor: boolean,
): YamlMap {
  const ctlog: YamlMap = logged
    ? { url: context.rekorUrl, rekorPubKey: privateRekor ? context.rekorPublicKeyPem : undefined }
    : { insecureIgnoreTlog: true };
  return signer.mode === 'key'
    ? { key: { data: signer.publicKeyPem, hashAlgorithm: 'sha256' }, ctlog }
    : {
        keyless: {
          identities: signer.identities.map((id) => ({ issuer: id.issuer, subject: id.identity })),
        },
        ctlog,
      };
}

function imageValidatingPolicy(input: Base & { formats: ('legacy' | 'bundle')[] }): PolicyDoc {
  const { signer, context, logged } = input;
  const privateRekor = logged && !isPublicUrl(context.rekorUrl, PUBLIC_REKOR_URL);
  const privateFulcio =
    signer.mode === 'keyless' && !isPublicUrl(context.fulcioUrl, PUBLIC_FULCIO_URL);
  const cosign = kyvernoCosignAttestor(signer, context, logged, privateRekor);
  const who =
    signer.mode === 'key'
      ? `the key with SHA-256 fingerprint ${signer.fingerprint}`
      : signer.identities.map((id) => id.identity).join(' or ');
  const notes = [
    'Its globs match the image as the pod writes it, so it lists the bare name, every tag and every digest of each repository; an image that matches no glob is not checked. Images are pinned to the digest that was verified (`mutateDigest`).',
  ];
  if (!logged) {
    notes.push(
      'Nothing was logged in Rekor (`tlog-upload: false`), so the attestor ignores the transparency log.',
    );
  }
  if (privateRekor || privateFulcio) {
    notes.push(
      "This run used a private Sigstore instance. Kyverno initialises TUF before it verifies anything logged, from the public Sigstore TUF repository unless told otherwise, and trusts what it finds there: add `tuf: {mirror: …, root: {data: …}}` for your instance's TUF repository to the attestor (an inline `trustedRoot` is read only after TUF has been initialised).",
    );
  }
  const yaml = toYaml({
    apiVersion: 'policies.kyverno.io/v1',
    kind: 'ImageValidatingPolicy',
    metadata: { name: input.name },
    spec: {
      validationActions: ['Deny'],
      failurePolicy: 'Fail',
      webhookConfiguration: { timeoutSeconds: 30 },
      // Verification needs the admission request; a background scan cannot run it.
      evaluation: { background: { enabled: false } },
      matchConstraints: {
        resourceRules: [
          {
            apiGroups: [''],
            apiVersions: ['v1'],
            operations: ['CREATE', 'UPDATE'],
            resources: ['pods'],
          },
        ],
      },
      matchImageReferences: input.repositories.flatMap(writtenImageGlobs).map((glob) => ({ glob })),
      validationConfigurations: { mutateDigest: true, verifyDigest: true, required: true },
      attestors: [{ name: 'signer', cosign }],
      validations: [
        {
          expression:
            '(images.containers + images.initContainers + images.ephemeralContainers).all(image, verifyImageSignatures(image, [attestors.signer]) > 0)',
          message: `every image must be signed by ${who}`,
        },
      ],
    },
  });
  const bundles = input.formats.includes('bundle');
  return {
    controller: 'kyverno',
    kind: 'ImageValidatingPolicy',
    format: input.formats.length > 1 ? 'both' : input.formats[0]!,
    title: 'Kyverno ImageValidatingPolicy',
    requires: bundles
      ? 'Kyverno 1.17 or newer (`policies.kyverno.io/v1`; it detects Sigstore bundles and verifies them instead of `.sig` when both are present)'
      : 'Kyverno 1.17 or newer (`policies.kyverno.io/v1`)',
    yaml,
    notes,
  };
}

function kyvernoPolicy(input: Input): PolicyDoc {
  const { signer, context, format, logged } = input;
  const privateRekor = !isPublicUrl(context.rekorUrl, PUBLIC_REKOR_URL);
  const privateFulcio =
    signer.mode === 'keyless' && !isPublicUrl(context.fulcioUrl, PUBLIC_FULCIO_URL);
  const rekor: YamlMap = logged
    ? { url: context.rekorUrl, pubkey: privateRekor ? context.rekorPublicKeyPem : undefined }
    : { url: context.rekorUrl, ignoreTlog: true };
  const entries: YamlMap[] =
    signer.mode === 'key'
      ? [{ keys: { publicKeys: signer.publicKeyPem, signatureAlgorithm: 'sha256', rekor } }]
      : signer.identities.map((id: KeylessIdentity) => ({
          keyless: {
            subject: id.identity,
            issuer: id.issuer,
            // A private Fulcio: its CA and CT log key from the trusted root the run checked against.
            ...(privateFulcio && context.fulcioRootsPem ? { roots: context.fulcioRootsPem } : {}),
            ...(privateFulcio && context.ctlogPublicKeyPem
              ? { ctlog: { pubkey: context.ctlogPublicKeyPem } }
              : {}),
            rekor,
          },
        }));
  const notes: string[] = [];
  if (format === 'bundle' && (privateRekor || !isPublicUrl(context.fulcioUrl, PUBLIC_FULCIO_URL))) {
    notes.push(
      '`type: SigstoreBundle` trusts only the public Sigstore instance, so it cannot verify signatures logged in a private Rekor.',
    );
  } else if (privateFulcio && context.fulcioRootsPem) {
    notes.push(
      "This run used a private Fulcio: `keyless.roots` and `keyless.ctlog.pubkey` are its CA certificates and CT log key from the run's trusted root.",
    );
  } else if (privateFulcio) {
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
  notes.push(
    '`ClusterPolicy` is deprecated from Kyverno 1.18 (removal planned for 1.20): on 1.17 or newer apply the ImageValidatingPolicy above instead.',
  );
  return {
    controller: 'kyverno',
    kind: 'ClusterPolicy',
    format,
    title: `Kyverno ClusterPolicy for Kyverno before 1.17 (\`type: ${format === 'legacy' ? 'Cosign' : 'SigstoreBundle'}\`)`,
    requires:
      format === 'bundle' && signer.mode === 'key'
        ? 'Kyverno 1.19 (earlier releases ignore `publicKeys` for `SigstoreBundle`)'
        : 'Kyverno 1.13 to 1.19 (deprecated from 1.18)',
    yaml,
    notes,
  };
}

function policyControllerPolicy(input: Input): PolicyDoc {
  const { signer, context, format, logged } = input;
  const base = {
    controller: 'policy-controller' as const,
    kind: 'ClusterImagePolicy' as const,
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
        : 'policy-controller (run against v0.15.1)',
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
