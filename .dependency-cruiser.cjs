/* global module */
// Import rules of src/ (`npm run lint` runs them; CI fails on any violation). The layout is a
// ladder: every module imports only modules on its own rung or below, never one above, and no
// import cycle exists at all.
//
//   index.ts            entry: inputs + the early key, then action.ts
//   action.ts           mask, config, mode, privacy, signer, the one catch
//   pipeline/           targets → check → expand → sign → store → report, over every format
//   formats/            one module per signature format (format.ts is the interface)
//   storage/            what each format writes to the registry
//   signer/             key, keyless, KMS; PreparedSigner
//   trust/              the trusted root and the checks of every bundle against it
//   payload/ tlog/      bytes signed; transparency log and timestamp witnesses
//   reference/          image references and targets
//   registry/           the OCI distribution client
//   inputs/ report/     raw inputs → Config; results → outputs and summary
//   util/ errors.ts     shared primitives
//
//   verify/             the verify action (verify/action.yml), a second ladder beside the signer's:
//                       verify/index.ts → action.ts → run.ts → formats/ + check.ts; it reads with
//                       the signer's registry, storage parsers and trust, and nothing imports it.
//
// A new folder gets a rule below saying what it may import (and is added to the `pathNot` of
// every folder that may import it).
const below = (folders) => `^src/(${folders.join('|')})/|^src/errors\\.ts$`;

// For each folder, the folders (besides itself) it may import.
const allowed = {
  verify: [
    'storage',
    'signer',
    'trust',
    'payload',
    'tlog',
    'reference',
    'registry',
    'inputs',
    'report',
    'util',
  ],
  pipeline: [
    'formats',
    'storage',
    'signer',
    'trust',
    'payload',
    'tlog',
    'reference',
    'registry',
    'inputs',
    'report',
    'util',
  ],
  formats: [
    'storage',
    'signer',
    'trust',
    'payload',
    'tlog',
    'reference',
    'registry',
    'inputs',
    'report',
    'util',
  ],
  storage: ['payload', 'tlog', 'reference', 'registry', 'util'],
  signer: ['trust', 'inputs', 'report', 'util'],
  trust: ['inputs', 'report', 'util'],
  payload: ['reference', 'registry', 'util'],
  tlog: ['inputs', 'util'],
  reference: ['registry', 'util'],
  registry: ['util'],
  inputs: ['util'],
  report: ['util'],
  util: [],
};

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: the modules cannot be read (or loaded) one after the other.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'entry-is-top',
      severity: 'error',
      comment: 'Only index.ts may import action.ts; nothing imports index.ts.',
      from: { path: '^src/', pathNot: '^src/index\\.ts$' },
      to: { path: '^src/(index|action)\\.ts$' },
    },
    {
      name: 'action-above-pipeline',
      severity: 'error',
      comment: 'Only action.ts (and index.ts) may import the pipeline.',
      from: { path: '^src/', pathNot: '^src/(index|action)\\.ts$|^src/pipeline/' },
      to: { path: '^src/pipeline/' },
    },
    ...Object.entries(allowed).map(([folder, may]) => ({
      name: `${folder}-imports-down-only`,
      severity: 'error',
      comment: `src/${folder}/ may import only ${[folder, ...may].join(', ')} and errors.ts.`,
      from: { path: `^src/${folder}/` },
      to: { path: '^src/', pathNot: below([folder, ...may]) },
    })),
    {
      name: 'errors-is-bottom',
      severity: 'error',
      from: { path: '^src/errors\\.ts$' },
      to: { path: '^src/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
