// One interface for a signature format: the cosign `.sig` image (legacy.ts), the Sigstore bundle
// referrer (bundle.ts), and any later one (attestations). The pipeline (pipeline/run.ts) drives
// every format the config asks for through the same steps, in phases across all targets:
//
//   find     (check phase, reads only) what this format already stored for the target, e.g.
//                                      to skip re-signing on a re-run; optional
//   stage    (after every check; opt.) upload the blobs `store` needs that do not depend on the
//                                      signature (content-addressed: no manifest, tag, referrer)
//   sign     (after every check)       sign and log the target, check the log entry; never writes
//   toVerify (after each signature)    the bundle the trust gate (trust/gate.ts) verifies against
//                                      the trusted root (before the first write)
//   upload   (after its gate; opt.)    upload the blobs of what was signed (content-addressed)
//   store    (after the gate)          write what was signed (unless `upload: false`) and return
//                                      the record the report is made from
//
// No manifest, tag or referrer is written before every target was checked and every signature
// of the run was made and its log entry verified (staged blobs are not visible to anyone). A
// format is made once per run by a FormatFactory, from the run's shared collaborators (registry
// clients, write limit, config, log, clock); it keeps its own per-repository state (e.g. one
// store per repository) inside the closure.
import type { Witness } from '@sigstore/sign';
import type { Config } from '../inputs/parse.js';
import type { SignTarget } from '../reference/targets.js';
import type { Descriptor, RegistryClient } from '../registry/client.js';
import type { SignatureResult } from '../report/result.js';
import type { PreparedSigner } from '../signer/prepared.js';
import type { GateItem } from '../trust/gate.js';
import type { Limiter } from '../util/limit.js';

/** The format names, as the `signatures` output and the report show them. */
export type FormatName = SignatureResult['format'];

/** A target whose digest the registry has. */
export interface CheckedTarget {
  target: SignTarget;
  /** What the registry says the digest is (media type and size), e.g. to find indexes. */
  descriptor: Descriptor;
}

/** What every format of one run shares, given when the format is made. */
export interface FormatRun {
  config: Config;
  /** The registry client of a target's repository: one per repository per run, shared by all formats. */
  clientFor(target: SignTarget): RegistryClient;
  /** Bounds registry writes across formats and repositories; waits between attempts hold no slot. */
  writeLimit: Limiter;
  /** A progress line for the job log (core.info in the action). */
  log(line: string): void;
  /** The clock for timestamps a format writes (e.g. a referrer's `created`). */
  now(): Date;
}

/** What signing needs, known once the signer and Rekor's key are ready (after every check). */
export interface Signing {
  prepared: PreparedSigner;
  /** Rekor and TSA witnesses of the run (tlog/witnesses.ts), shared by every format. */
  witnesses: Witness[];
  /** Set when a Rekor entry is expected (`tlog-upload`): every entry's SET is checked against it. */
  rekorPublicKey?: string;
}

/**
 * A signature format. `Found` is what `find` read for a target (undefined when the format has no
 * `find`), `Signed` what `sign` made for it and `store` writes.
 */
export interface SignatureFormat<Found = unknown, Signed = unknown> {
  readonly name: FormatName;
  /** Reads (never writes) what the format already stored for the target, for idempotent re-runs. */
  find?(checked: CheckedTarget): Promise<Found>;
  /**
   * (once every target is checked; optional) Uploads the content-addressed blobs `store` will
   * reference that do not depend on the signature (the legacy payload and `.sig` config), so
   * that they go up while the key decrypts and the log is asked. Never a manifest, tag or
   * referrer: a run that fails later leaves only blobs nothing references. `store` of the
   * target runs after it; its failure is the target's store failure.
   */
  stage?(checked: CheckedTarget, found: Found | undefined): Promise<void>;
  /** Signs the target and checks its log entry; writes nothing. */
  sign(checked: CheckedTarget, found: Found | undefined, signing: Signing): Promise<Signed>;
  /**
   * (right after the signature passed the trust gate; optional) Uploads the content-addressed
   * blobs of what was signed (an attestation's DSSE envelope) while other targets are still
   * being signed. Never a manifest, tag or referrer. `store` gets its promise, to wait for
   * before the manifest that references the blobs (its failure is the target's store failure).
   */
  upload?(signed: Signed): Promise<void>;
  /**
   * The Sigstore bundle of what was signed, verified against the trusted root before any write
   * (trust/gate.ts); undefined when nothing will be written for it and its stored entry was
   * already checked against the trusted root's log keys when it was found.
   */
  toVerify(signed: Signed): GateItem | undefined;
  /**
   * Stores what was signed (unless `config.upload` is false); returns its record for the report.
   * `uploaded` is this format's `upload` of it, when it has one.
   */
  store(signed: Signed, uploaded?: Promise<void>): Promise<SignatureResult>;
}

/** Makes a format for one run. */
export type FormatFactory = (run: FormatRun) => SignatureFormat;
