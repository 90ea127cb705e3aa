// Signs a blob with @sigstore/sign through the bed's Fulcio, Rekor and TSA, then verifies the
// bundle with @sigstore/verify against the bed's trusted_root.json. Prints the signer's SAN.
// A separate process because @sigstore/sign's fetch stack (ESM-only http-proxy-agent) cannot
// be loaded by Jest's module runtime on Node 20.
//
//   npx tsx test-env/sigstore-js-check.ts
import { readFileSync } from 'node:fs';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { DSSEBundleBuilder, FulcioSigner, RekorWitness, TSAWitness } from '@sigstore/sign';
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';
import { readState } from './state.js';

const state = readState();
if (!state) throw new Error('no test bed: run `npx tsx test-env/testbed.ts start`');
const url = new URL(state.oidc.requestUrl);
url.searchParams.set('audience', 'sigstore');
const res = await fetch(url, { headers: { Authorization: `Bearer ${state.oidc.requestToken}` } });
const token = ((await res.json()) as { value: string }).value;

const builder = new DSSEBundleBuilder({
  signer: new FulcioSigner({
    fulcioBaseURL: state.fulcio.url,
    identityProvider: { getToken: async () => token },
  }),
  witnesses: [
    new RekorWitness({ rekorBaseURL: state.rekor.url }),
    new TSAWitness({ tsaBaseURL: state.tsa.url }),
  ],
});
const bundle = await builder.create({ data: Buffer.from('hello'), type: 'text/plain' });
const root = TrustedRoot.fromJSON(JSON.parse(readFileSync(state.trustedRootPath, 'utf8')));
// Two timestamps: the Rekor entry's and the TSA's.
const verifier = new Verifier(toTrustMaterial(root), {
  tlogThreshold: 1,
  ctlogThreshold: 1,
  timestampThreshold: 2,
});
const signer = verifier.verify(toSignedEntity(bundle), {
  subjectAlternativeName:
    'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main',
  extensions: { issuer: state.oidc.issuer },
});
console.log(JSON.stringify({ verified: true, san: signer.identity?.subjectAlternativeName }));
