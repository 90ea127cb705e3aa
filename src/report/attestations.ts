// Pure: the attestations of a run → the `attestations` output and the summary's attestation
// section: one row per digest, type and format (with its log index), the `cosign
// verify-attestation` command per predicate type, and the admission checks that require these
// predicate types: Kyverno `attestations` in both policy kinds (ImageValidatingPolicy `intoto`
// with verifyAttestationSignatures, ClusterPolicy verifyImages[].attestations[].type) and
// policy-controller `attestations` with `predicateType`.
import type { SignerFacts } from './identity.js';
import { imageGlobs, kyvernoCosignAttestor, policyName, writtenImageGlobs } from './policies.js';
import type { AttestationResult } from './result.js';
import {
  isPublicUrl,
  MAX_LISTED,
  rekorLogIndexCell,
  PUBLIC_FULCIO_URL,
  PUBLIC_REKOR_URL,
  quote,
  singleQuote,
  type SigstoreContext,
} from './verify-command.js';
import { toYaml, type YamlMap } from './yaml.js';

/** The `attestations` output: one object per digest, predicate type and format. */
export function buildAttestationsOutput(results: readonly AttestationResult[]): string {
  return JSON.stringify(
    results.map((r) => ({
      image: r.image,
      digest: r.digest,
      predicateType: r.attestation.predicateType,
      format: r.format,
      attestationRef: r.signatureRef,
      rekorLogIndex: r.rekorLogIndex ?? null,
      rekorLogId: r.rekorLogId ?? null,
      integratedTime: r.integratedTime ?? null,
      ...(r.identity ? { identity: r.identity, issuer: r.issuer ?? null } : {}),
    })),
  );
}

/** The summary section for the run's attestations ('' when there are none). */
export function buildAttestationSection(
  results: readonly AttestationResult[],
  signer: SignerFacts,
  ctx: SigstoreContext,
  heading: string,
): string {
  if (results.length === 0) return '';
  const lines = [heading, ''];
  lines.push(...table(results, ctx), '');
  lines.push('#### Verify the attestations with cosign', '');
  if (results.some((r) => r.format === 'bundle')) {
    lines.push(
      'Bundle-format attestations need cosign 3 (or 2.6); `.att` attestations are read by cosign 2 and 3.',
      '',
    );
  }
  lines.push('```sh', verifyAttestationCommands(results, signer, ctx).trimEnd(), '```', '');
  lines.push('#### Admission checks for these predicate types', '');
  for (const doc of attestationPolicies(results, signer, ctx)) {
    lines.push(`<details><summary><b>${doc.title}</b></summary>`, '');
    for (const note of doc.notes) lines.push(`> ${note}`, '');
    lines.push('```yaml', doc.yaml.trimEnd(), '```', '', '</details>', '');
  }
  return `${lines.join('\n')}\n`;
}

function table(results: readonly AttestationResult[], ctx: SigstoreContext): string[] {
  const out = [
    '| Image | Digest | Type | Format | Rekor log index | Attestation |',
    '|---|---|---|---|---|---|',
  ];
  const linked = isPublicUrl(ctx.rekorUrl, PUBLIC_REKOR_URL);
  for (const r of results.slice(0, MAX_LISTED)) {
    const index = rekorLogIndexCell(r.rekorLogIndex, linked);
    const type =
      r.attestation.type === r.attestation.predicateType
        ? `\`${r.attestation.type}\``
        : `\`${r.attestation.type}\` (${r.attestation.predicateType})`;
    const where = r.signatureRef
      ? `\`${r.signatureRef.replace(/([0-9a-f]{12})[0-9a-f]{52}/g, '$1…')}\`${r.added ? '' : ' (already there)'}`
      : 'not uploaded (`upload: false`)';
    out.push(`| \`${r.image}\` | \`${r.digest}\` | ${type} | ${r.format} | ${index} | ${where} |`);
  }
  if (results.length > MAX_LISTED)
    out.push(
      `| … ${results.length - MAX_LISTED} more: see the \`attestations\` output | | | | | |`,
    );
  return out;
}

/** One `cosign verify-attestation --type` command per predicate type, for every attested digest. */
export function verifyAttestationCommands(
  results: readonly AttestationResult[],
  signer: SignerFacts,
  ctx: SigstoreContext,
): string {
  const flags: string[] = [];
  if (!isPublicUrl(ctx.rekorUrl, PUBLIC_REKOR_URL))
    flags.push(`--rekor-url ${quote(ctx.rekorUrl)}`);
  if (!results.some((r) => r.rekorLogIndex !== undefined))
    flags.push('--insecure-ignore-tlog=true');
  const who =
    signer.mode === 'key'
      ? ['--key cosign.pub']
      : [
          `--certificate-identity ${singleQuote(signer.identities[0]!.identity)}`,
          `--certificate-oidc-issuer ${singleQuote(signer.identities[0]!.issuer)}`,
        ];
  const blocks: string[] = [];
  if (signer.mode === 'key')
    blocks.push(
      ["cat > cosign.pub <<'EOF'", ...signer.publicKeyPem.trimEnd().split('\n'), 'EOF'].join('\n'),
    );
  const types = [
    ...new Map(results.map((r) => [r.attestation.predicateType, r.attestation.type])).values(),
  ];
  for (const type of types) {
    const refs = [
      ...new Set(
        results.filter((r) => r.attestation.type === type).map((r) => `${r.image}@${r.digest}`),
      ),
    ];
    const parts = [
      `cosign verify-attestation --type ${quote(type)}`,
      ...who,
      ...flags,
      ...refs.slice(0, MAX_LISTED).map(quote),
    ];
    const text = parts.map((p, i) => (i === 0 ? p : `  ${p}`));
    blocks.push(
      text.map((l, i) => (i < text.length - 1 ? `${l} \\` : l)).join('\n') +
        (refs.length > MAX_LISTED
          ? `\n# ${refs.length - MAX_LISTED} more digests are in the \`attestations\` output`
          : ''),
    );
  }
  return `${blocks.join('\n\n')}\n`;
}

interface AttestationPolicy {
  title: string;
  yaml: string;
  notes: string[];
}

/** The admission checks that require every predicate type of the run, by the run's signer. */
export function attestationPolicies(
  results: readonly AttestationResult[],
  signer: SignerFacts,
  ctx: SigstoreContext,
): AttestationPolicy[] {
  const repositories = [...new Set(results.map((r) => r.image))];
  const types = [...new Set(results.map((r) => r.attestation.predicateType))];
  const name = `${policyName(repositories)}-attestations`.slice(0, 63).replace(/-$/, '');
  const logged = results.some((r) => r.rekorLogIndex !== undefined);
  const privateRekor = logged && !isPublicUrl(ctx.rekorUrl, PUBLIC_REKOR_URL);
  const privateSigstore =
    privateRekor || (signer.mode === 'keyless' && !isPublicUrl(ctx.fulcioUrl, PUBLIC_FULCIO_URL));
  const legacy = results.some((r) => r.format === 'legacy');
  const docs: AttestationPolicy[] = [];
  const privateNote = privateSigstore
    ? [
        'This run used a private Sigstore instance: give the controller its trust root (Kyverno: a TUF mirror and root or `rekor.pubkey`/`keyless.roots`; policy-controller: a `TrustRoot` on the authority).',
      ]
    : [];

  // Kyverno ImageValidatingPolicy (1.17+): one `intoto` attestation per predicate type.
  const cosign = kyvernoCosignAttestor(signer, ctx, logged, privateRekor);
  const attestationNames = types.map((_, i) => `predicate${i + 1}`);
  docs.push({
    title:
      'Kyverno ImageValidatingPolicy (Kyverno 1.17 or newer): every image carries each attestation',
    notes: [
      `Requires ${types.map((t) => `\`${t}\``).join(', ')}, signed by the run's signer.`,
      ...privateNote,
    ],
    yaml: toYaml({
      apiVersion: 'policies.kyverno.io/v1',
      kind: 'ImageValidatingPolicy',
      metadata: { name },
      spec: {
        validationActions: ['Deny'],
        failurePolicy: 'Fail',
        webhookConfiguration: { timeoutSeconds: 30 },
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
        matchImageReferences: repositories.flatMap(writtenImageGlobs).map((glob) => ({ glob })),
        validationConfigurations: { mutateDigest: true, verifyDigest: true, required: true },
        attestors: [{ name: 'signer', cosign }],
        attestations: types.map((type, i) => ({ name: attestationNames[i]!, intoto: { type } })),
        validations: types.map((type, i) => ({
          expression: `(images.containers + images.initContainers + images.ephemeralContainers).all(image, verifyAttestationSignatures(image, attestations.${attestationNames[i]}, [attestors.signer]) > 0)`,
          message: `every image must carry a ${type} attestation by the signer`,
        })),
      },
    }),
  });

  // Kyverno ClusterPolicy (before 1.17): verifyImages[].attestations[].type, `.att` (type Cosign).
  if (legacy) {
    const rekor: YamlMap = logged
      ? { url: ctx.rekorUrl, pubkey: privateRekor ? ctx.rekorPublicKeyPem : undefined }
      : { url: ctx.rekorUrl, ignoreTlog: true };
    const entries: YamlMap[] =
      signer.mode === 'key'
        ? [{ keys: { publicKeys: signer.publicKeyPem, signatureAlgorithm: 'sha256', rekor } }]
        : signer.identities.map((id) => ({
            keyless: { subject: id.identity, issuer: id.issuer, rekor },
          }));
    docs.push({
      title:
        'Kyverno ClusterPolicy for Kyverno before 1.17 (`type: Cosign`, the `.att` attestations)',
      notes: [
        'It checks the attestations only (`verifyImages[].attestations`), not an image signature; combine it with the signature policy above.',
        ...privateNote,
      ],
      yaml: toYaml({
        apiVersion: 'kyverno.io/v1',
        kind: 'ClusterPolicy',
        metadata: { name },
        spec: {
          background: false,
          webhookConfiguration: { failurePolicy: 'Fail', timeoutSeconds: 30 },
          rules: [
            {
              name: 'verify-attestations',
              match: { any: [{ resources: { kinds: ['Pod'] } }] },
              verifyImages: [
                {
                  imageReferences: repositories.flatMap((r) => imageGlobs(r, 'kyverno')),
                  type: 'Cosign',
                  failureAction: 'Enforce',
                  mutateDigest: true,
                  verifyDigest: true,
                  required: false,
                  attestations: types.map((type) => ({
                    type,
                    attestors: [{ count: 1, entries }],
                  })),
                },
              ],
            },
          ],
        },
      }),
    });
  }

  // policy-controller: the authority's attestations, matched by predicateType.
  const pcCtlog = logged ? { url: ctx.rekorUrl } : undefined;
  const authority: YamlMap =
    signer.mode === 'key'
      ? {
          name: 'sign-image',
          key: { data: signer.publicKeyPem, hashAlgorithm: 'sha256' },
          ctlog: pcCtlog,
        }
      : {
          name: 'sign-image',
          keyless: {
            url: ctx.fulcioUrl,
            identities: signer.identities.map((id) => ({
              issuer: id.issuer,
              subject: id.identity,
            })),
          },
          ctlog: pcCtlog,
          signatureFormat: legacy ? undefined : 'bundle',
        };
  authority.attestations = types.map((predicateType, i) => ({
    name: attestationNames[i]!,
    predicateType,
  }));
  docs.push({
    title: 'Sigstore policy-controller ClusterImagePolicy with `attestations`',
    notes: [
      'It applies only in namespaces labelled `policy.sigstore.dev/include=true`. An authority with `attestations` admits an image only when it carries an attestation of each listed predicate type by that authority.',
      ...(signer.mode === 'key' && !legacy
        ? [
            'policy-controller reads bundle-format attestations only for keyless authorities: attest with `signature-format: both` for a key.',
          ]
        : []),
      ...privateNote,
    ],
    yaml: toYaml({
      apiVersion: 'policy.sigstore.dev/v1beta1',
      kind: 'ClusterImagePolicy',
      metadata: { name },
      spec: {
        images: repositories.flatMap((r) =>
          imageGlobs(r, 'policy-controller').map((glob) => ({ glob })),
        ),
        authorities: [authority],
      },
    }),
  });
  return docs;
}
