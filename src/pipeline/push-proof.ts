// Before the transparency log is asked (its entries are public and permanent), every registry the
// run writes to shows that it takes our pushes. Credentials that may pull but not push (a GitHub
// job without `packages: write`, a read-only robot account) then fail the run with nothing logged
// and nothing written, instead of after a log entry for a signature that can never be stored.
//
// One push per registry, from its first target: the blobs the formats stage for it (no request
// of its own; with one image, done while scrypt runs), or, where no format stages anything, the
// two-byte OCI empty blob, which bundle referrers reference anyway (content-addressed and
// referenced by nothing until then). That first target stages alone, so that its push is not
// queued behind everyone else's; the other targets stage once their registry took it. Only a
// refusal stops the run here; any other failure is the target's own, met again where it writes.
import { hasCode } from '../errors.js';
import type { SignTarget } from '../reference/targets.js';

type Staging = Promise<unknown>;

/**
 * Starts every format's staging of every target (`stagers[f]`: format f's, absent where f stages
 * nothing), each registry's first target first. `staged[f][j]` is format f's staging of target
 * j; `pushed` resolves once each registry took its first push (at once when `prove` is false:
 * nothing will be written), and rejects with a registry's refusal.
 */
export function stageWithPushProof(
  targets: readonly SignTarget[],
  stagers: ReadonlyArray<((j: number) => Staging) | undefined>,
  probe: (j: number) => Staging,
  prove: boolean,
): { staged: Array<Array<Staging | undefined>>; pushed: Promise<void> } {
  const staged = stagers.map(() => new Array<Staging | undefined>(targets.length));
  const proofs = new Map<string, Promise<void>>();
  targets.forEach((t, j) => {
    if (!prove || proofs.has(t.ref.registry)) return;
    stagers.forEach((stage, f) => {
      staged[f]![j] = stage?.(j);
    });
    const pushes = staged.map((s) => s[j]).filter((p): p is Staging => p !== undefined);
    const proof = (pushes.length > 0 ? Promise.all(pushes) : probe(j)).then(
      () => undefined,
      (err: unknown) => {
        if (hasCode(err, 'REGISTRY_DENIED') || hasCode(err, 'REGISTRY_AUTH_FAILED')) throw err;
      },
    );
    proof.catch(() => undefined); // the run awaits `pushed`
    proofs.set(t.ref.registry, proof);
  });
  targets.forEach((t, j) => {
    stagers.forEach((stage, f) => {
      if (!stage || staged[f]![j]) return;
      const proof = proofs.get(t.ref.registry);
      const staging = proof ? proof.then(() => stage(j)) : stage(j);
      staging.catch(() => undefined); // awaited by the target's store
      staged[f]![j] = staging;
    });
  });
  return { staged, pushed: Promise.all(proofs.values()).then(() => undefined) };
}
