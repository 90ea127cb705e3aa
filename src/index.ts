// Entry point, the only module with top-level effects. It reads the inputs, starts the key
// derivation at once (scrypt is the slowest local step) and loads the rest of the action while
// it runs, then prints exactly one `::error::` line on failure.
import * as core from '@actions/core';
import { asSignImageError } from './errors.js';
import { selectSigningMode } from './inputs/mode.js';
import { parseConfig } from './inputs/parse.js';
import { readRawInputs } from './inputs/read.js';
import { prepareSigner } from './signer/select.js';

async function main(): Promise<void> {
  try {
    const config = parseConfig(readRawInputs());
    const mode = selectSigningMode(config, process.env);
    const signerReady = prepareSigner(mode, config);
    signerReady.catch(() => undefined); // awaited in run(); this only avoids an early unhandled rejection
    const { run } = await import('./main.js');
    await run(config, signerReady);
  } catch (err) {
    const error = asSignImageError(err);
    core.error(error.toLine());
    if (error.cause) core.debug(`cause: ${error.cause instanceof Error ? error.cause.message : String(error.cause)}`);
    process.exitCode = 1;
  }
}

await main();
