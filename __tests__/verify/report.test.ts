// The verify action's outputs, error line and summary, from per-digest results.
import MarkdownIt from 'markdown-it';
import {
  parseVerifyConfig,
  VERIFY_INPUT_NAMES,
  type VerifyRawInputs,
} from '../../src/verify/inputs.js';
import {
  buildVerifyOutputs,
  buildVerifySummary,
  describeRequirements,
  failureLine,
} from '../../src/verify/report.js';
import type { DigestResult } from '../../src/verify/run.js';

const ok: DigestResult = {
  image: 'ghcr.io/acme/app',
  digest: `sha256:${'a'.repeat(64)}`,
  verified: true,
  format: 'legacy',
  signatureRef: `ghcr.io/acme/app@sha256:${'b'.repeat(64)}#layer 0`,
  signer: `sha256:${'c'.repeat(64)}`,
  rekorLogIndex: 7001,
  reason: '',
  checked: 2,
};
const bad: DigestResult = {
  ...ok,
  digest: `sha256:${'d'.repeat(64)}`,
  verified: false,
  format: '',
  signatureRef: '',
  signer: '',
  rekorLogIndex: undefined,
  reason: 'its one signature fails: <img src=x> | ## not a heading',
};

describe('outputs', () => {
  test('verified is true only when every digest passed; one object per digest', () => {
    expect(buildVerifyOutputs([ok]).verified).toBe('true');
    const out = buildVerifyOutputs([ok, bad]);
    expect(out.verified).toBe('false');
    expect(JSON.parse(out.signatures!)).toEqual([
      {
        image: ok.image,
        digest: ok.digest,
        verified: true,
        format: 'legacy',
        signatureRef: ok.signatureRef,
        signer: ok.signer,
        rekorLogIndex: 7001,
        reason: '',
      },
      {
        image: bad.image,
        digest: bad.digest,
        verified: false,
        format: '',
        signatureRef: '',
        signer: '',
        rekorLogIndex: null,
        reason: bad.reason,
      },
    ]);
    expect(buildVerifyOutputs([]).verified).toBe('false');
  });

  test('one error line names each failed digest and why', () => {
    expect(failureLine([ok])).toBeUndefined();
    const line = failureLine([
      ok,
      bad,
      { ...bad, digest: `sha256:${'e'.repeat(64)}`, reason: 'not in the registry' },
    ])!;
    expect(line).toMatch(/^2 of 3 digests failed verification: /);
    expect(line).toContain(`${bad.image}@${bad.digest}: ${bad.reason}`);
    expect(line).toContain(`sha256:${'e'.repeat(64)}: not in the registry`);
    expect(line).not.toContain('\n');
  });
});

describe('summary', () => {
  const raw = Object.fromEntries(VERIFY_INPUT_NAMES.map((n) => [n, ''])) as VerifyRawInputs;
  const config = parseVerifyConfig({
    ...raw,
    image: 'ghcr.io/acme/app',
    digest: ok.digest,
    'certificate-identity-regexp': '^https://github.com/acme/',
    'certificate-oidc-issuer': 'https://token.actions.githubusercontent.com',
    annotations: 'env=prod',
  });

  test('says what was required and renders outside text as text', () => {
    const md = buildVerifySummary(
      [ok, bad],
      describeRequirements(config, 'the trusted root x.json'),
      'https://rekor.sigstore.dev',
    );
    expect(md).toContain('❌ 1 of 2 digests failed verification');
    expect(md).toContain('`~ ^https://github.com/acme/`');
    expect(md).toContain('`env=prod`');
    expect(md).toContain('[7001](https://search.sigstore.dev/?logIndex=7001)');
    const html = new MarkdownIt().render(md);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<h2>not a heading');
    const rows = html.split('<tr>').slice(2);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.match(/<td>/g)).toHaveLength(7);
  });

  test('a private log index is not linked', () => {
    const md = buildVerifySummary([ok], describeRequirements(config, undefined), undefined);
    expect(md).toContain('✅ 1 of 1 digests verified');
    expect(md).toContain('| 7001 |');
  });
});
