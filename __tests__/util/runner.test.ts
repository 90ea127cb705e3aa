// util/runner.ts writes what @actions/core 3.x writes, byte for byte (the random output
// delimiter aside): the same commands on stdout, the same blocks in $GITHUB_OUTPUT, the same
// summary text. @actions/core is a dev dependency for this comparison only.
import * as core from '@actions/core';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as runner from '../../src/util/runner.js';

const SAMPLES = [
  'plain',
  '',
  'a%b\r\nc\nd',
  '::add-mask::x',
  'unicode ✓ and %0A literal',
  'colon: and, comma',
];

function captureStdout(fn: () => void): string {
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((c: string | Uint8Array) => {
    chunks.push(String(c));
    return true;
  }) as typeof process.stdout.write;
  try {
    fn();
  } finally {
    process.stdout.write = write;
  }
  return chunks.join('');
}

const DELIMITER = /ghadelimiter_[0-9a-f-]{36}/g;

describe.each(['setSecret', 'info', 'debug', 'error', 'warning'] as const)('%s', (name) => {
  test.each(SAMPLES)('%j is written as @actions/core writes it', (text) => {
    const ours = captureStdout(() => runner[name](text));
    const theirs = captureStdout(() => core[name](text));
    expect(ours).toBe(theirs);
  });
});

describe('setOutput', () => {
  const saved = process.env.GITHUB_OUTPUT;
  afterEach(() => {
    process.env.GITHUB_OUTPUT = saved;
  });

  test.each(SAMPLES)('%j: the same $GITHUB_OUTPUT block', (value) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'runner-'));
    const file = path.join(dir, 'out');
    writeFileSync(file, '');
    process.env.GITHUB_OUTPUT = file;
    runner.setOutput('name-1', value);
    const ours = readFileSync(file, 'utf8');
    writeFileSync(file, '');
    core.setOutput('name-1', value);
    const theirs = readFileSync(file, 'utf8');
    expect(ours.replace(DELIMITER, 'D')).toBe(theirs.replace(DELIMITER, 'D'));
    expect(ours.match(DELIMITER)).toHaveLength(2);
  });

  test('a missing output file is an error, as with @actions/core', () => {
    process.env.GITHUB_OUTPUT = path.join(tmpdir(), 'does-not-exist', 'out');
    expect(() => runner.setOutput('x', 'y')).toThrow(/Missing file/);
    expect(() => core.setOutput('x', 'y')).toThrow(/Missing file/);
  });

  test('without GITHUB_OUTPUT: the same stdout command', () => {
    delete process.env.GITHUB_OUTPUT;
    const ours = captureStdout(() => runner.setOutput('a,b', 'v:1\n2'));
    const theirs = captureStdout(() => core.setOutput('a,b', 'v:1\n2'));
    expect(ours).toBe(theirs);
  });
});

test('appendSummary appends as core.summary.addRaw().write() does', async () => {
  const saved = process.env.GITHUB_STEP_SUMMARY;
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'runner-')), 'summary.md');
  try {
    writeFileSync(file, 'before\n');
    process.env.GITHUB_STEP_SUMMARY = file;
    runner.appendSummary('## one\n| a |\n');
    runner.appendSummary('two');
    const ours = readFileSync(file, 'utf8');
    writeFileSync(file, 'before\n');
    await core.summary.addRaw('## one\n| a |\n').write();
    await core.summary.addRaw('two').write();
    expect(ours).toBe(readFileSync(file, 'utf8'));
  } finally {
    process.env.GITHUB_STEP_SUMMARY = saved;
  }
});

test('isDebug follows RUNNER_DEBUG as @actions/core does', () => {
  const saved = process.env.RUNNER_DEBUG;
  for (const v of ['1', '0', 'true', undefined]) {
    if (v === undefined) delete process.env.RUNNER_DEBUG;
    else process.env.RUNNER_DEBUG = v;
    expect(runner.isDebug()).toBe(core.isDebug());
  }
  process.env.RUNNER_DEBUG = saved;
});
