// The in-toto statement `cosign attest --type TYPE --predicate FILE` signs, for one digest.
// Facts from cosign v3.1.2 (pkg/cosign/attestation/attestation.go, cmd/cosign/cli/options/
// predicate.go) and in-toto-golang v0.11.0 (the URIs), the same in v2.5 for everything used here:
// - TYPE is one of cosign's short names (mapped to a predicate-type URI below) or a URI, which
//   passes through unchanged (cosign: url.ParseRequestURI; a URI then takes the JSON object as
//   is, as the default branch of GenerateStatement does).
// - `_type` is "https://in-toto.io/Statement/v0.1" for every type (in_toto.StatementInTotoV01),
//   in both the legacy `.att` path and the bundle path; the subject carries the repository as
//   `name` and the digest as `{"sha256": hex}`.
// - The statement is protojson of in-toto's v1 Statement: `_type`, `subject`, `predicateType`,
//   `predicate`. protojson varies its whitespace between builds, so nobody can expect cosign's
//   exact bytes; verifiers check the signature over the bytes signed, which are these.
// - `spdx` (not `spdxjson`) wraps the file's text as a JSON string, and cosign then marshals a Go
//   map, so its keys come out sorted: `_type`, `predicate`, `predicateType`, `subject`.
// - `custom` wraps the file's text as {"Data": text, "Timestamp": RFC 3339 UTC, whole seconds}.
// - Every other type needs a JSON object. cosign also pushes some types through its Go structs
//   (slsaprovenance* through protobuf with DiscardUnknown, link and vuln through in-toto-golang),
//   which drops fields it does not know; we sign the object as given, so the predicate a verifier
//   gets back is the file. The checks cosign makes before that are made here too (link's
//   required fields, slsaprovenance1's invocationID → invocationId rename).
import { SignImageError } from '../errors.js';
import { parseDigest } from '../reference/parse.js';
import { goString } from './go-json.js';

/** `_type` of the statement cosign attest writes (in-toto Statement v0.1). */
export const IN_TOTO_STATEMENT_V01 = 'https://in-toto.io/Statement/v0.1';
/** cosign's `custom` predicate type. */
export const COSIGN_CUSTOM_PREDICATE = 'https://cosign.sigstore.dev/attestation/v1';

/** cosign's short predicate names and the URIs cosign writes for them (options.PredicateTypeMap). */
export const PREDICATE_TYPES: Readonly<Record<string, string>> = {
  custom: COSIGN_CUSTOM_PREDICATE,
  slsaprovenance: 'https://slsa.dev/provenance/v0.2',
  slsaprovenance02: 'https://slsa.dev/provenance/v0.2',
  slsaprovenance1: 'https://slsa.dev/provenance/v1',
  spdx: 'https://spdx.dev/Document',
  spdxjson: 'https://spdx.dev/Document',
  cyclonedx: 'https://cyclonedx.org/bom',
  link: 'https://in-toto.io/Link/v1',
  vuln: 'https://cosign.sigstore.dev/attestation/vuln/v1',
  openvex: 'https://openvex.dev/ns',
};

/** How the file becomes the predicate. */
export type PredicateShape = 'object' | 'spdx-text' | 'custom';

/** A predicate type as the user named it and as cosign resolves it. */
export interface PredicateKind {
  /** What the user wrote: a short name or a URI. */
  name: string;
  /** The predicate-type URI written into the statement and the annotations. */
  uri: string;
  shape: PredicateShape;
}

// in-toto Link's fields without omitempty: cosign's checkRequiredJSONFields requires them all.
const LINK_FIELDS = [
  '_type',
  'name',
  'materials',
  'products',
  'byproducts',
  'command',
  'environment',
];

/** One `attestations` predicate, ready to go into every digest's statement. */
export interface Predicate {
  kind: PredicateKind;
  /** The file as the user named it. */
  file: string;
  /** The predicate as JSON text. */
  json: string;
  /** The parsed predicate, for recognising an equal stored attestation. */
  value: unknown;
}

/**
 * Resolves every TYPE of the `attestations` lines; ATTESTATION_TYPE_UNKNOWN for a type that is
 * neither a short name nor a URI, ATTESTATION_TYPE_DUPLICATE for a predicate type given twice
 * (every predicate attests every digest, so that would be two attestations of one type each).
 */
export function resolveAttestationTypes(
  requests: readonly { type: string; file: string }[],
): PredicateKind[] {
  const seen = new Map<string, string>();
  return requests.map(({ type, file }) => {
    const kind = resolvePredicateKind(type);
    const earlier = seen.get(kind.uri);
    if (earlier !== undefined) {
      throw new SignImageError(
        'ATTESTATION_TYPE_DUPLICATE',
        `The \`attestations\` input gives the predicate type ${kind.uri} twice (${earlier} and ${type}=${file}); each digest would carry two different attestations of one type`,
        {
          hint: 'Give each predicate type once (slsaprovenance and slsaprovenance02, spdx and spdxjson are the same type); merge the documents or use a distinct predicate-type URI',
        },
      );
    }
    seen.set(kind.uri, `${type}=${file}`);
    return kind;
  });
}

/** The predicates from the files' texts and their resolved types (same order). */
export function buildPredicates(
  files: readonly { file: string; text: string }[],
  kinds: readonly PredicateKind[],
  now: () => Date = () => new Date(),
): Predicate[] {
  return files.map((f, i) => {
    const kind = kinds[i]!;
    const json = buildPredicateJson(kind, f.text, f.file, now);
    return { kind, file: f.file, json, value: JSON.parse(json) as unknown };
  });
}

/** Resolves TYPE (short name or URI); ATTESTATION_TYPE_UNKNOWN for anything else. */
export function resolvePredicateKind(name: string): PredicateKind {
  const known = PREDICATE_TYPES[name];
  if (known !== undefined) {
    const shape: PredicateShape =
      name === 'spdx' ? 'spdx-text' : name === 'custom' ? 'custom' : 'object';
    return { name, uri: known, shape };
  }
  if (isUri(name)) return { name, uri: name, shape: 'object' };
  throw new SignImageError(
    'ATTESTATION_TYPE_UNKNOWN',
    `The attestation type "${name}" is unknown`,
    {
      hint: `Use one of cosign's names (${Object.keys(PREDICATE_TYPES).join(', ')}) or a predicate-type URI such as https://example.com/my-predicate/v1`,
    },
  );
}

// An absolute URI with a scheme, as url.ParseRequestURI accepts one (a bare word is not).
function isUri(text: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(text)) return false;
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The predicate's JSON text for `kind` from the file's text. `now` stamps `custom`. Throws
 * ATTESTATION_NOT_JSON when the type needs a JSON object and the text is not one.
 */
export function buildPredicateJson(
  kind: PredicateKind,
  text: string,
  file: string,
  now: () => Date = () => new Date(),
): string {
  if (kind.shape === 'spdx-text') return goString(text);
  if (kind.shape === 'custom') {
    // Go's time.RFC3339 of now().UTC(): whole seconds, `Z`.
    const stamp = now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
    return `{"Data":${JSON.stringify(text)},"Timestamp":${JSON.stringify(stamp)}}`;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw notJson(kind, file, cause instanceof Error ? cause.message : String(cause));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw notJson(kind, file, 'it is valid JSON but not an object');
  const object = value as Record<string, unknown>;
  if (kind.name === 'link') {
    const missing = LINK_FIELDS.filter((f) => !Object.hasOwn(object, f));
    if (missing.length > 0)
      throw notJson(kind, file, `an in-toto link needs the fields ${missing.join(', ')}`);
  }
  if (kind.name === 'slsaprovenance1') renameInvocationId(object);
  return JSON.stringify(object);
}

// cosign (generateSLSAProvenanceStatementSLSA1) renames runDetails.metadata.invocationID, the
// spelling of early drafts, to the v1 field invocationId before parsing.
function renameInvocationId(predicate: Record<string, unknown>): void {
  const run = predicate.runDetails;
  if (typeof run !== 'object' || run === null) return;
  const metadata = (run as Record<string, unknown>).metadata;
  if (typeof metadata !== 'object' || metadata === null) return;
  const m = metadata as Record<string, unknown>;
  if (Object.hasOwn(m, 'invocationID')) {
    m.invocationId = m.invocationID;
    delete m.invocationID;
  }
}

function notJson(kind: PredicateKind, file: string, why: string): SignImageError {
  return new SignImageError(
    'ATTESTATION_NOT_JSON',
    `The \`attestations\` file ${file} for type ${kind.name} is not a JSON object (${why})`,
    {
      hint: 'Give the predicate itself as a JSON object (e.g. the SBOM or provenance document, not an in-toto statement around it); only `spdx` and `custom` take any text',
    },
  );
}

/**
 * The statement bytes for one digest: `{"_type","subject":[{"name","digest":{"sha256"}}],
 * "predicateType","predicate"}`, or for `spdx` text the sorted-key form cosign's Go map gives.
 * `predicateJson` comes from buildPredicateJson.
 */
export function buildAttestationStatement(
  repository: string,
  digest: string,
  kind: PredicateKind,
  predicateJson: string,
): Buffer {
  const hex = parseDigest(digest).slice('sha256:'.length);
  const subject = `[{"name":${goString(repository)},"digest":{"sha256":"${hex}"}}]`;
  const type = goString(IN_TOTO_STATEMENT_V01);
  const predicateType = goString(kind.uri);
  const json =
    kind.shape === 'spdx-text'
      ? `{"_type":${type},"predicate":${predicateJson},"predicateType":${predicateType},"subject":${subject}}`
      : `{"_type":${type},"subject":${subject},"predicateType":${predicateType},"predicate":${predicateJson}}`;
  return Buffer.from(json, 'utf8');
}

/** What a stored statement says, for recognising our own attestation on a re-run. */
export interface StatementFacts {
  predicateType: string;
  subjectDigests: string[];
  predicate: unknown;
}

/** Parses a statement's predicate type, subject digests and predicate; undefined if it is not one. */
export function readStatement(bytes: Buffer): StatementFacts | undefined {
  try {
    const s = JSON.parse(bytes.toString('utf8')) as {
      predicateType?: unknown;
      subject?: unknown;
      predicate?: unknown;
    };
    if (typeof s.predicateType !== 'string' || !Array.isArray(s.subject)) return undefined;
    const subjectDigests = s.subject
      .map((x) => (x as { digest?: { sha256?: unknown } })?.digest?.sha256)
      .filter((d): d is string => typeof d === 'string')
      .map((d) => `sha256:${d}`);
    return { predicateType: s.predicateType, subjectDigests, predicate: s.predicate };
  } catch {
    return undefined;
  }
}

/**
 * True when two predicates say the same. For `custom`, the Timestamp cosign stamps at signing is
 * ignored: the same file attested again is the same attestation.
 */
export function samePredicate(kind: PredicateKind, stored: unknown, ours: unknown): boolean {
  if (kind.shape === 'custom') {
    return (
      typeof stored === 'object' &&
      stored !== null &&
      typeof ours === 'object' &&
      ours !== null &&
      (stored as { Data?: unknown }).Data === (ours as { Data?: unknown }).Data
    );
  }
  return deepEqual(stored, ours);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const y = b as unknown[];
    return a.length === y.length && a.every((v, i) => deepEqual(v, y[i]));
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  return (
    keys.length === Object.keys(y).length &&
    keys.every((k) => Object.hasOwn(y, k) && deepEqual(x[k], y[k]))
  );
}
