// Six jobs sign one digest at the same moment with six keys (a matrix of signers), against the
// real docker-registry 2.8, which ignores If-Match: last writer wins. Every key must verify
// afterwards. Real `cosign sign` 3.1 in the same situation is measured beside it for the record.
import { jest } from '@jest/globals';
import { cosignSign } from '../helpers/cosign-sign.js';
import { generateCosignKey, type KeyPair } from '../helpers/keys.js';
import { runAction, type ActionResult } from '../helpers/run-action.js';
import { peekSignatures } from '../helpers/sig-peek.js';
import { loadTestbed, pushTestImage, type TestbedState } from '../helpers/testbed.js';
import { cosignVerify } from '../helpers/verifiers.js';

const WRITERS = 6;
// Many action runs and peer verifications per test; the e2e project's default is too short for them.
jest.setTimeout(180_000);
let state: TestbedState;
let keys: KeyPair[];
const run = Date.now().toString(36);

beforeAll(async () => {
  state = loadTestbed();
  keys = await Promise.all(
    Array.from({ length: WRITERS }, (_, i) => generateCosignKey(`writer ${i} pass`)),
  );
});

async function verifyingKeys(image: string, version: 2 | 3): Promise<number[]> {
  const results = await Promise.all(
    keys.map((k) => cosignVerify(version, { image, key: k.publicKeyPath })),
  );
  return results.flatMap((r, i) => (r.ok ? [i] : []));
}

describe(`${WRITERS} runs of the action at once on one digest, one key each`, () => {
  let image: Awaited<ReturnType<typeof pushTestImage>>;
  let results: ActionResult[];

  beforeAll(async () => {
    image = await pushTestImage(state, { repository: `e2e/concurrent-${run}` });
    results = await Promise.all(
      keys.map((k) =>
        runAction(
          {
            image: image.reference,
            'rekor-url': state.rekor.url,
            'registry-username': state.registry.username,
            'registry-password': state.registry.password,
          },
          { COSIGN_PRIVATE_KEY: k.privateKey, COSIGN_PASSWORD: k.password },
        ),
      ),
    );
  });

  it('all succeed', () => {
    expect(results.map((r) => (r.code === 0 ? 'ok' : `${r.code}: ${r.errors.join(' ')}`))).toEqual(
      keys.map(() => 'ok'),
    );
  });

  it(`the .sig keeps all ${WRITERS} layers`, async () => {
    const sig = await peekSignatures(image.reference);
    const ours = results.map(
      (r) => (JSON.parse(r.outputs.signatures!) as { rekorLogIndex: number }[])[0]!.rekorLogIndex,
    );
    expect(sig!.layers.map((l) => l.bundle!.Payload.logIndex).sort()).toEqual([...ours].sort());
  });

  it(`each of the ${WRITERS} public keys verifies with cosign 3.1 and cosign 2.5`, async () => {
    const all = keys.map((_, i) => i);
    expect(await verifyingKeys(image.reference, 3)).toEqual(all);
    expect(await verifyingKeys(image.reference, 2)).toEqual(all);
  });
});

// Not a pass condition: what the peer our action must beat does in the same situation
// (test-peers.md saw it keep 1 of 6). Printed so the number can be quoted.
describe(`reference: ${WRITERS} \`cosign sign\` 3.1 runs at once on one digest`, () => {
  it('is measured', async () => {
    const lines: string[] = [];
    for (let round = 1; round <= 3; round++) {
      const image = await pushTestImage(state, { repository: `e2e/concurrent-cosign-${run}` });
      const exits = await Promise.all(
        keys.map((key) => cosignSign(3, { image: image.reference, key })),
      );
      const layers = (await peekSignatures(image.reference))?.layers.length ?? 0;
      const verified = (await verifyingKeys(image.reference, 3)).length;
      lines.push(
        `round ${round}: ${exits.filter((e) => e.ok).length}/${WRITERS} cosign runs exited 0; .sig holds ${layers} layer(s); ${verified}/${WRITERS} keys verify`,
      );
    }
    console.log(
      `cosign sign 3.1, ${WRITERS} concurrent signers on one digest:\n${lines.join('\n')}`,
    );
    expect(lines).toHaveLength(3);
  });
});
