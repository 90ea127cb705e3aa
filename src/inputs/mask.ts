// Masks secrets in the job log. Runs first thing once the action is loaded, before anything
// can print.
import * as core from '../util/runner.js';
import { SECRET_INPUTS, type RawInputs } from './read.js';

/** Masks every secret input (core.setSecret) and each line of a multi-line one. */
export function maskSecretInputs(raw: RawInputs): void {
  for (const name of SECRET_INPUTS) maskSecret(raw[name]);
}

/** Masks a secret and each of its lines (the runner masks line by line, so a PEM needs both). */
export function maskSecret(secret: string | undefined): void {
  if (!secret) return;
  core.setSecret(secret);
  for (const line of secret.split(/\r?\n/)) {
    // Masking a very short or structural line (`-----END …-----`) would only garble the log.
    if (line.trim().length >= 8 && !line.startsWith('-----')) core.setSecret(line.trim());
  }
}
