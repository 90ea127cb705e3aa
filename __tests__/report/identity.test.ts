import { describeSigner, publicKeyFingerprint } from '../../src/report/identity.js';
import type { SignerIdentity } from '../../src/report/result.js';
import { GITHUB_ISSUER, issueLeaf } from '../helpers/fulcio-leaf.js';
import { CALLER, KEY_PEM, REUSABLE, resultsFor } from '../helpers/report-results.js';

describe('describeSigner', () => {
  it('key: the public key (newline-terminated) and its SPKI fingerprint', () => {
    const facts = describeSigner([], { mode: 'key', publicKeyPem: KEY_PEM.trimEnd() });
    expect(facts).toEqual({
      mode: 'key',
      publicKeyPem: KEY_PEM,
      fingerprint: publicKeyFingerprint(KEY_PEM),
    });
  });

  it('keyless in a reusable workflow: the identity is the called workflow, the caller is reported beside it', async () => {
    const leaf = await issueLeaf({
      repository: 'acme/app',
      workflowRef: CALLER,
      jobWorkflowRef: REUSABLE,
    });
    const signer: SignerIdentity = {
      mode: 'keyless',
      certificatePem: leaf.pem,
      subject: leaf.san,
      issuer: GITHUB_ISSUER,
    };
    expect(describeSigner(resultsFor(signer, 'legacy', 2), signer)).toEqual({
      mode: 'keyless',
      identities: [{ identity: `https://github.com/${REUSABLE}`, issuer: GITHUB_ISSUER }],
      callerWorkflow: `https://github.com/${CALLER}`,
      runUrl: 'https://github.com/acme/app/actions/runs/4000/attempts/1',
    });
  });

  it('keyless in a plain workflow: no caller line, since the identity is the workflow itself', async () => {
    const leaf = await issueLeaf({ repository: 'acme/app', workflowRef: CALLER });
    const signer: SignerIdentity = {
      mode: 'keyless',
      certificatePem: leaf.pem,
      subject: leaf.san,
      issuer: GITHUB_ISSUER,
    };
    const facts = describeSigner(resultsFor(signer, 'bundle', 1), signer);
    expect(facts).toEqual({
      mode: 'keyless',
      identities: [{ identity: `https://github.com/${CALLER}`, issuer: GITHUB_ISSUER }],
      runUrl: 'https://github.com/acme/app/actions/runs/4000/attempts/1',
    });
  });

  it('keyless with an unreadable certificate: the identity from the signer, no extras, no error', () => {
    const signer: SignerIdentity = {
      mode: 'keyless',
      certificatePem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n',
      subject: 'https://x/y',
      issuer: 'https://i',
    };
    expect(describeSigner([], signer)).toEqual({
      mode: 'keyless',
      identities: [{ identity: 'https://x/y', issuer: 'https://i' }],
    });
  });

  it('keyless: distinct identities across results, first seen first', () => {
    const signer: SignerIdentity = {
      mode: 'keyless',
      certificatePem: '',
      subject: 'https://s',
      issuer: 'https://i',
    };
    const [a, b, c] = resultsFor(signer, 'legacy', 3);
    const facts = describeSigner([a!, { ...b!, identity: 'https://t' }, c!], signer);
    expect(facts.mode === 'keyless' && facts.identities.map((i) => i.identity)).toEqual([
      'https://s',
      'https://t',
    ]);
  });
});
