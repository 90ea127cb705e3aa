// The GitHub runner's command protocol, which is all this project needs of @actions/core:
// workflow commands on stdout (`::add-mask::`, `::debug::`, `::error::`, `::warning::`), step
// outputs appended to $GITHUB_OUTPUT as `name<<DELIMITER` blocks, and the job summary appended
// to $GITHUB_STEP_SUMMARY.
//
// Decision: these few lines instead of @actions/core at run time. Importing @actions/core
// evaluates its OIDC HTTP client (undici, ~1 MB bundled): 53–67 ms measured on every start,
// before the first request, in the signer while scrypt needs both cores and in the verify
// action where it is a fifth of verifying 20 digests. The bytes written are those of
// @actions/core 3.x: __tests__/util/runner.test.ts compares every function with it.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync } from 'node:fs';
import { EOL } from 'node:os';

// Command data: `%`, CR and LF escaped so the value stays on its line (the runner unescapes).
function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function command(name: string, message: string): void {
  process.stdout.write(`::${name}::${escapeData(message)}${EOL}`);
}

/** Masks `secret` in the rest of the job's log. */
export function setSecret(secret: string): void {
  command('add-mask', secret);
}

/** A plain log line (printed as given: callers escape outside text, util/log.ts). */
export function info(message: string): void {
  process.stdout.write(`${message}${EOL}`);
}

/** A debug line, shown when the run has debug logging on. */
export function debug(message: string): void {
  command('debug', message);
}

/** True when the run has debug logging on (RUNNER_DEBUG=1). */
export function isDebug(): boolean {
  return process.env.RUNNER_DEBUG === '1';
}

/** An error annotation. */
export function error(message: string): void {
  command('error', message);
}

/** A warning annotation. */
export function warning(message: string): void {
  command('warning', message);
}

/** Sets a step output: a `name<<DELIMITER` block in $GITHUB_OUTPUT (the delimiter is random). */
export function setOutput(name: string, value: string): void {
  const file = process.env.GITHUB_OUTPUT ?? '';
  if (!file) {
    // Runners older than file commands read the deprecated stdout command.
    process.stdout.write(EOL);
    process.stdout.write(`::set-output name=${escapeProperty(name)}::${escapeData(value)}${EOL}`);
    return;
  }
  const delimiter = `ghadelimiter_${randomUUID()}`;
  if (name.includes(delimiter) || value.includes(delimiter))
    throw new Error(`the output ${name} holds its own delimiter`);
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`);
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, {
    encoding: 'utf8',
  });
}

/** Appends Markdown to the job summary ($GITHUB_STEP_SUMMARY). */
export function appendSummary(markdown: string): void {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (!file) throw new Error('GITHUB_STEP_SUMMARY is not set: the job summary cannot be written');
  appendFileSync(file, markdown, { encoding: 'utf8' });
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
