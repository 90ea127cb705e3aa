// Validates a manifest against an admission controller's CRD the way the API server does for
// `kubectl apply --validate=strict`: the served version's openAPIV3Schema, with every object that
// lists its properties closed to unknown fields (unless it says x-kubernetes-preserve-unknown-fields).
// YAML and JSON Schema come from packages already in node_modules (js-yaml, ajv 6).
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO_ROOT } from '../../test-env/state.js';

interface JsYaml {
  load(text: string, options?: { schema?: unknown }): unknown;
  loadAll(text: string, iterator?: undefined, options?: { schema?: unknown }): unknown[];
  CORE_SCHEMA: unknown;
}
// js-yaml ships no types; the two calls used here are the same in js-yaml 3 and 4.
export const yaml = createRequire(import.meta.url)('js-yaml') as JsYaml;

/** Parses one YAML document with the YAML 1.2 core schema (no custom tags). */
export function parseYaml(text: string): unknown {
  return yaml.load(text, { schema: yaml.CORE_SCHEMA });
}

const CRD_DIR = path.join(REPO_ROOT, '__tests__', 'fixtures', 'admission-crds');
export const CRDS = {
  kyverno: { file: 'kyverno.io_clusterpolicies.yaml', kind: 'ClusterPolicy', version: 'v1' },
  'kyverno-ivp': {
    file: 'policies.kyverno.io_imagevalidatingpolicies.yaml',
    kind: 'ImageValidatingPolicy',
    version: 'v1',
  },
  'policy-controller': {
    file: 'policy.sigstore.dev_clusterimagepolicies.yaml',
    kind: 'ClusterImagePolicy',
    version: 'v1beta1',
  },
} as const;

type Schema = Record<string, unknown>;

// Objects with listed properties accept nothing else, as a structural schema prunes (and strict
// validation rejects) unknown fields.
function closeObjects(schema: Schema): Schema {
  const out: Schema = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'properties' && v && typeof v === 'object') {
      out[k] = Object.fromEntries(
        Object.entries(v).map(([p, s]) => [p, closeObjects(s as Schema)]),
      );
    } else if (Array.isArray(v)) {
      out[k] = v.map((x) => (x && typeof x === 'object' ? closeObjects(x as Schema) : x));
    } else if (v && typeof v === 'object') {
      out[k] = closeObjects(v as Schema);
    } else {
      out[k] = v;
    }
  }
  const open = schema['x-kubernetes-preserve-unknown-fields'] === true;
  if (schema.properties && !('additionalProperties' in schema) && !open) {
    out.additionalProperties = false;
  }
  return out;
}

/** A validator for the controller's served version: returns the errors ([] when valid). */
export function crdValidator(controller: keyof typeof CRDS): (doc: unknown) => string[] {
  const spec = CRDS[controller];
  const crd = yaml
    .loadAll(readFileSync(path.join(CRD_DIR, spec.file), 'utf8'), undefined, {
      schema: yaml.CORE_SCHEMA,
    })
    .find(Boolean) as {
    spec: {
      group: string;
      names: { kind: string };
      versions: { name: string; served: boolean; schema: { openAPIV3Schema: Schema } }[];
    };
  };
  if (crd.spec.names.kind !== spec.kind)
    throw new Error(`${spec.file} defines ${crd.spec.names.kind}`);
  const version = crd.spec.versions.find((v) => v.name === spec.version && v.served);
  if (!version) throw new Error(`${spec.file} serves no ${spec.version}`);
  // Kubernetes-only keywords (x-kubernetes-*) are not JSON Schema; ajv 6 ignores them. The
  // formats these CRDs use are checked (date-time is ajv's own); an unknown one stops the compile.
  const ajv = new Ajv({ allErrors: true, nullable: true, unknownFormats: true, schemaId: 'auto' });
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31,
  });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  // The API server always knows apiVersion, kind and metadata, whether the schema lists them or not.
  const root = version.schema.openAPIV3Schema;
  const implicit = {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object' },
  };
  const validate = ajv.compile(
    closeObjects({ ...root, properties: { ...implicit, ...(root.properties as Schema) } }),
  );
  const apiVersion = `${crd.spec.group}/${spec.version}`;
  return (doc) => {
    const errors: string[] = [];
    const { apiVersion: v, kind: k } = (doc ?? {}) as { apiVersion?: unknown; kind?: unknown };
    if (v !== apiVersion || k !== spec.kind)
      errors.push(`/ is ${String(v)} ${String(k)}, not ${apiVersion} ${spec.kind}`);
    if (!validate(doc)) {
      errors.push(
        ...(validate.errors ?? []).map(
          (e) => `${e.dataPath || '/'} ${e.message} ${JSON.stringify(e.params)}`,
        ),
      );
    }
    return errors;
  };
}
