// Every workflow a user copies must work as written: the repository's workflows and each YAML
// block of the README pass actionlint (workflows as they are, step lists inside a minimal job);
// steps that use this action or the reusable workflow pass only inputs, secrets and outputs that
// action.yml and build-sign.yml declare (actionlint cannot read those here); the README's
// admission policies pass the CRD schemas; and action.yml itself is well formed and documented.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../test-env/state.js';
import { actionlint } from '../helpers/actionlint.js';
import { VERIFY_INPUT_NAMES } from '../../src/verify/inputs.js';
import { crdValidator, parseYaml } from '../helpers/crd-schema.js';
import { exec } from '../helpers/exec.js';
import { fenced } from '../helpers/report-results.js';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const read = (...p: string[]) => readFileSync(path.join(REPO_ROOT, ...p), 'utf8');
const action = parseYaml(read('action.yml')) as Doc;
const reusable = parseYaml(read('.github', 'workflows', 'build-sign.yml')) as Doc;
const call = reusable.on.workflow_call as Doc;
const readme = read('README.md');
const workflowFiles = readdirSync(path.join(REPO_ROOT, '.github', 'workflows')).filter((f) =>
  /\.ya?ml$/.test(f),
);

// README blocks: whole workflows, step lists (wrapped into one job), or Kubernetes manifests.
const blocks = fenced(readme, 'yaml').map((text, i) => {
  const doc = parseYaml(text);
  const name = `README.md#yaml-${i + 1}`;
  if (Array.isArray(doc)) {
    const steps = text.replace(/^/gm, '      ');
    const wrapped = `name: snippet\non: push\npermissions:\n  contents: read\njobs:\n  snippet:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;
    return { name, kind: 'steps' as const, text: wrapped, doc: parseYaml(wrapped) as Doc };
  }
  const kind = (doc as Doc)?.jobs ? ('workflow' as const) : ('manifest' as const);
  return { name, kind, text, doc: doc as Doc };
});

/** Every `<prefix>.<id>.outputs.<name>` expression in a value, as [id, name]. */
function outputRefs(value: unknown, prefix: 'steps' | 'needs'): [string, string][] {
  const text = JSON.stringify(value);
  return [...text.matchAll(new RegExp(`${prefix}\\.([\\w-]+)\\.outputs\\.([\\w-]+)`, 'g'))].map(
    (m) => [m[1]!, m[2]!],
  );
}

/** Checks the uses of this action and of the reusable workflow in one workflow; returns problems. */
function checkUses(workflow: Doc): string[] {
  const problems: string[] = [];
  const inputs = Object.keys(action.inputs);
  const outputs = Object.keys(action.outputs);
  for (const [jobId, job] of Object.entries(workflow.jobs as Record<string, Doc>)) {
    const signSteps = (job.steps ?? []).filter((s: Doc) => /(^|\/)sign-image@/.test(s.uses ?? ''));
    for (const step of signSteps) {
      for (const k of Object.keys(step.with ?? {}))
        if (!inputs.includes(k)) problems.push(`${jobId}: unknown input ${k}`);
      if (!step.with?.image) problems.push(`${jobId}: the required input image is missing`);
    }
    const signIds = signSteps.map((s: Doc) => s.id).filter(Boolean);
    for (const [id, name] of outputRefs(job, 'steps')) {
      if (signIds.includes(id) && !outputs.includes(name))
        problems.push(`${jobId}: unknown output ${name}`);
    }
    if (/build-sign\.yml@/.test(job.uses ?? '')) {
      const declared = Object.keys(call.inputs);
      for (const k of Object.keys(job.with ?? {}))
        if (!declared.includes(k)) problems.push(`${jobId}: build-sign has no input ${k}`);
      for (const [k, v] of Object.entries(call.inputs as Record<string, Doc>)) {
        if (v.required && !(k in (job.with ?? {})))
          problems.push(`${jobId}: build-sign input ${k} is required`);
      }
      if (job.secrets !== undefined && job.secrets !== 'inherit') {
        for (const k of Object.keys(job.secrets))
          if (!(k in call.secrets)) problems.push(`${jobId}: build-sign has no secret ${k}`);
      }
      for (const [other, otherJob] of Object.entries(workflow.jobs as Record<string, Doc>)) {
        for (const [id, name] of outputRefs(otherJob, 'needs')) {
          if (id === jobId && !(name in call.outputs))
            problems.push(`${other}: build-sign has no output ${name}`);
        }
      }
    }
  }
  return problems;
}

// How the runner starts a `run:` step (shell: bash): no startup files, errexit, pipefail.
const RUNNER_BASH = ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c'];

// Third-party actions are pinned by commit SHA with the release in a comment
// (`uses: owner/name@<40 hex> # v6.19.2`). actionlint knows popular actions' inputs by their
// major tag only, so it is shown each pin as that tag (`owner/name@v6`) and still checks every
// input; an unpinned third-party action fails below.
const PIN = /@([0-9a-f]{40}) # (v\d+)\.\d+\.\d+$/gm;
const asTags = (text: string) => text.replace(PIN, (_m, _sha, major: string) => `@${major}`);

describe('workflows', () => {
  it("actionlint finds nothing in .github/workflows or in the README's workflows and step lists", async () => {
    const files = [
      ...workflowFiles.map((f) => ({
        path: `.github/workflows/${f}`,
        text: asTags(read('.github', 'workflows', f)),
      })),
      ...blocks.filter((b) => b.kind !== 'manifest').map((b) => ({ path: b.name, text: b.text })),
    ];
    expect(files.length).toBeGreaterThanOrEqual(workflowFiles.length + 3);
    const found = await actionlint(files);
    expect(Object.keys(found).sort()).toEqual(files.map((f) => f.path).sort());
    expect(Object.fromEntries(Object.entries(found).filter(([, e]) => e.length > 0))).toEqual({});
  });

  it('actionlint does find a mistake (the linter is really running)', async () => {
    const broken = asTags(read('.github', 'workflows', 'build-sign.yml')).replace(
      'push: true',
      'pushh: true',
    );
    const found = await actionlint([{ path: 'broken.yml', text: broken }]);
    expect(found['broken.yml']!.map((e) => e.message).join('\n')).toMatch(
      /input "pushh" is not defined in action "docker\/build-push-action@v6"/,
    );
  });

  it('pins every third-party action by commit SHA, with its release in a comment', () => {
    const uses = workflowFiles.flatMap((f) =>
      [...read('.github', 'workflows', f).matchAll(/^\s*-?\s*uses: (\S+)(.*)$/gm)].map(
        (m) => `${m[1]}${m[2]}`,
      ),
    );
    const thirdParty = uses.filter((u) => !/(^|\/)sign-image@|^\.\//.test(u));
    expect(thirdParty.length).toBeGreaterThanOrEqual(6);
    expect(
      thirdParty.filter((u) => !/^[\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/.test(u)),
    ).toEqual([]);
  });

  it('uses of the action and of the reusable workflow pass only declared inputs, secrets and outputs', () => {
    const workflows = [
      ...workflowFiles.map((f) => parseYaml(read('.github', 'workflows', f)) as Doc),
      ...blocks.filter((b) => b.kind !== 'manifest').map((b) => b.doc),
    ];
    expect(workflows.flatMap(checkUses)).toEqual([]);
    // The checker itself refuses what it should.
    const bad = structuredClone(blocks.find((b) => b.kind === 'steps')!.doc);
    bad.jobs.snippet.steps[1].with['signature-fromat'] = 'bundle';
    bad.jobs.snippet.steps.push({ run: 'echo ${{ steps.sign.outputs.no-such }}' });
    bad.jobs.snippet.steps[1].id = 'sign';
    expect(checkUses(bad)).toEqual([
      'snippet: unknown input signature-fromat',
      'snippet: unknown output no-such',
    ]);
  });

  it("the README's admission policies are valid for their CRDs", () => {
    const manifests = blocks.filter((b) => b.kind === 'manifest');
    expect(manifests.map((m) => m.doc.kind).sort()).toEqual([
      'ClusterImagePolicy',
      'ClusterPolicy',
    ]);
    for (const m of manifests) {
      expect(
        crdValidator(m.doc.kind === 'ClusterPolicy' ? 'kyverno' : 'policy-controller')(m.doc),
      ).toEqual([]);
    }
  });

  it('the reusable workflow exposes digest, rekor-log-index, signatures and attestations from the build and sign steps', () => {
    expect(Object.keys(call.outputs).sort()).toEqual([
      'attestations',
      'digest',
      'rekor-log-index',
      'signatures',
    ]);
    expect(reusable.jobs['build-sign'].outputs.attestations).toBe(
      '${{ steps.sign.outputs.attestations }}',
    );
    const job = reusable.jobs['build-sign'];
    expect(job.permissions).toEqual({ contents: 'read', packages: 'write', 'id-token': 'write' });
    expect(job.outputs.digest).toBe('${{ steps.build.outputs.digest }}');
    const sign = job.steps.find((s: Doc) => s.id === 'sign');
    expect(sign.with.digest).toBe('${{ steps.build.outputs.digest }}');
    // The action's own inputs pass through unchanged.
    for (const name of ['attestations', 'trusted-root'])
      expect(sign.with[name]).toBe(`\${{ inputs.${name} }}`);
    expect(Object.keys(call.secrets).sort()).toEqual([
      'COSIGN_PASSWORD',
      'COSIGN_PRIVATE_KEY',
      'REGISTRY_PASSWORD',
    ]);
  });

  it.each([
    [
      'ghcr.io/acme/app',
      '1.2.3\nlatest\n',
      'ghcr.io',
      ['ghcr.io/acme/app:1.2.3', 'ghcr.io/acme/app:latest'],
    ],
    ['acme/app', ' 1.0, latest', '', ['acme/app:1.0', 'acme/app:latest']],
    ['127.0.0.1:5000/a/b', 'v1', '127.0.0.1:5000', ['127.0.0.1:5000/a/b:v1']],
    ['localhost/a', '*', 'localhost', ['localhost/a:*']],
  ])(
    'its reference step turns %j and tags %j into the login registry and the pushed references',
    async (image, tags, registry, refs) => {
      const step = reusable.jobs['build-sign'].steps.find((s: Doc) => s.id === 'refs');
      const dir = mkdtempSync(path.join(tmpdir(), 'build-sign-'));
      try {
        const out = path.join(dir, 'output');
        writeFileSync(out, '');
        const r = await exec('bash', RUNNER_BASH.concat(step.run), {
          cwd: dir,
          env: { PATH: process.env.PATH ?? '', IMAGE: image, TAGS: tags, GITHUB_OUTPUT: out },
        });
        expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
        expect(readFileSync(out, 'utf8')).toBe(
          `registry=${registry}\nrefs<<REFS_EOF\n${refs.join('\n')}\nREFS_EOF\n`,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('its reference step refuses an empty tag list', async () => {
    const step = reusable.jobs['build-sign'].steps.find((s: Doc) => s.id === 'refs');
    const r = await exec('bash', RUNNER_BASH.concat(step.run), {
      env: {
        PATH: process.env.PATH ?? '',
        IMAGE: 'ghcr.io/a/b',
        TAGS: ' \n',
        GITHUB_OUTPUT: '/dev/null',
      },
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('::error::the tags input names no tag');
  });
});

describe('action.yml', () => {
  it('runs dist/index.js on node24 and describes every input and output', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(typeof action.name).toBe('string');
    for (const [name, input] of Object.entries(action.inputs as Record<string, Doc>)) {
      expect([name, typeof input.description]).toEqual([name, 'string']);
      if (input.required) expect(input.default).toBeUndefined();
      else expect([name, typeof input.default]).toEqual([name, 'string']);
    }
    for (const [name, output] of Object.entries(action.outputs as Record<string, Doc>)) {
      expect([name, typeof output.description]).toEqual([name, 'string']);
    }
  });

  it('every input and output is in the README tables, and nothing else', () => {
    const section = (title: string) => readme.split(`## ${title}\n`)[1]!.split('\n## ')[0]!;
    const names = (text: string) =>
      [...text.matchAll(/^\| *((?:`[\w-]+`(?:, )?)+) *\|/gm)].flatMap((m) =>
        m[1]!.match(/[\w-]+/g)!,
      );
    expect(names(section('Inputs')).sort()).toEqual(Object.keys(action.inputs).sort());
    expect(names(section('Outputs')).sort()).toEqual(Object.keys(action.outputs).sort());
  });
});

describe('verify/action.yml', () => {
  const verify = parseYaml(read('verify', 'action.yml')) as Doc;
  // The inputs the code reads (src/verify/inputs.ts), which action-contract.md lists.
  const contract = {
    inputs: [...VERIFY_INPUT_NAMES],
    outputs: ['verified', 'signatures'],
  };

  it('runs verify/dist/index.js on node24 with the contract inputs and outputs, each described', () => {
    expect(verify.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(Object.keys(verify.inputs).sort()).toEqual([...contract.inputs].sort());
    expect(Object.keys(verify.outputs).sort()).toEqual([...contract.outputs].sort());
    for (const [name, input] of Object.entries(verify.inputs as Record<string, Doc>)) {
      expect([name, typeof input.description]).toEqual([name, 'string']);
      if (input.required) expect(input.default).toBeUndefined();
      else expect([name, typeof input.default]).toEqual([name, 'string']);
    }
  });

  it('every input and output is in the README tables of the verify action', () => {
    const section = readme.split('### The verify action (deploy gates)\n')[1]!.split('\n### ')[0]!;
    const names = [...section.matchAll(/^\| *((?:`[\w-]+`(?:, )?)+) *\|/gm)].flatMap((m) =>
      m[1]!.match(/[\w-]+/g)!,
    );
    expect(names.sort()).toEqual([...contract.inputs, ...contract.outputs].sort());
  });
});

describe('README troubleshooting', () => {
  it('has a row for every error code the action can print', () => {
    const union = read('src', 'errors.ts').split('export type ErrorCode =')[1]!.split(';')[0]!;
    const codes = [...union.matchAll(/'([A-Z0-9_]+)'/g)].map((m) => m[1]!);
    expect(codes.length).toBeGreaterThan(20);
    const table = readme.split('## Troubleshooting\n')[1]!.split('\n## ')[0]!;
    const documented = [...table.matchAll(/^\|.*\| *`([A-Z0-9_]+)` *\|/gm)].map((m) => m[1]!);
    expect(codes.filter((c) => !documented.includes(c))).toEqual([]);
    expect(documented.filter((c) => !codes.includes(c))).toEqual([]);
  });
});
