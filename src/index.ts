// Entry point, the only module with top-level effects. Signing with a key is gated by scrypt
// (~0.2 s at cosign's N=2^16), so the key derivation starts before anything heavy is loaded
// (this module imports only the inputs and the key file parser); the rest of the action
// (Sigstore, the registry client, the cipher that opens the key) loads while it runs on the
// thread pool. Nothing is printed before action.ts has masked the secrets.
import { readRawInputs } from './inputs/read.js';
import { startKeyDecryption } from './signer/key/decrypt.js';
import { trace } from './util/trace.js';

trace('index start');
const raw = readRawInputs();
const earlyKey =
  raw['private-key'].trim() !== '' && raw['signing-mode'] !== 'keyless' && raw['kms-key'] === ''
    ? startKeyDecryption(raw['private-key'], raw.password)
    : undefined;
const { runAction } = await import('./action.js');
trace('action loaded');
await runAction(raw, earlyKey);
trace('action done');
process.on('exit', () => trace('exit'));
