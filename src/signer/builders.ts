// The bundle builders, loaded on first use. @sigstore/sign's index pulls in its whole HTTP stack
// (make-fetch-happen with its cache, proxy and socks agents: about 1 MB of dist/) although the
// action uses only these two builders; behind import() that code is a chunk of its own instead
// of part of the start-up chunk that is compiled while scrypt runs. A format starts the load when
// it is made (before the check phase), so the chunk compiles while the registry answers.
import type { DSSEV03BundleBuilder } from './dsse-bundle.js';
import type { MessageSignatureV03BundleBuilder } from './message-bundle.js';

let messageModule: Promise<typeof import('./message-bundle.js')> | undefined;
let dsseModule: Promise<typeof import('./dsse-bundle.js')> | undefined;

/** The class of the legacy format's builder (message signature, bundle v0.3). */
export async function messageBundleBuilder(): Promise<typeof MessageSignatureV03BundleBuilder> {
  messageModule ??= import('./message-bundle.js');
  return (await messageModule).MessageSignatureV03BundleBuilder;
}

/** The class of the DSSE builder of the bundle and attestation formats (bundle v0.3). */
export async function dsseBundleBuilder(): Promise<typeof DSSEV03BundleBuilder> {
  dsseModule ??= import('./dsse-bundle.js');
  return (await dsseModule).DSSEV03BundleBuilder;
}

/** Starts loading a builder without waiting; a failed load is reported by the awaited call. */
export function preload(load: () => Promise<unknown>): void {
  load().catch(() => undefined);
}
