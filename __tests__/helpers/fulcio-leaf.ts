// A Fulcio-style leaf for report tests, issued by @sigstore/mock's CA through its Fulcio handler,
// which maps GitHub token claims to the same extensions real Fulcio writes (Build Config URI from
// `workflow_ref`, Build Signer URI from `job_workflow_ref`, Run Invocation URI, issuer). The SAN
// is the job workflow (the reusable one when there is one), as Fulcio sets it for GitHub.
import { fulcioHandler, initializeCA, initializeCTLog } from '@sigstore/mock';
import { generateKeyPairSync } from 'node:crypto';

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';

export interface LeafClaims {
  repository: string; // owner/name of the caller
  workflowRef: string; // the caller's workflow: owner/name/.github/workflows/x.yml@ref
  jobWorkflowRef?: string; // the reusable workflow that ran the job (default: workflowRef)
}

/** A leaf certificate PEM for an ephemeral key, and the SAN it carries. */
export async function issueLeaf(claims: LeafClaims): Promise<{ pem: string; san: string }> {
  const p256 = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ca = await initializeCA(p256(), await initializeCTLog(p256()));
  const jobWorkflowRef = claims.jobWorkflowRef ?? claims.workflowRef;
  const san = `https://github.com/${jobWorkflowRef}`;
  const token = {
    iss: GITHUB_ISSUER,
    sub: `repo:${claims.repository}:ref:refs/heads/main`,
    repository: claims.repository,
    workflow_ref: claims.workflowRef,
    job_workflow_ref: jobWorkflowRef,
    run_id: '4000',
    run_attempt: '1',
    __san: san,
  };
  const jwt = [{ alg: 'none' }, token].map((o) =>
    Buffer.from(JSON.stringify(o)).toString('base64url'),
  );
  const key = p256().publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const body = {
    credentials: { oidcIdentityToken: `${jwt.join('.')}.x` },
    publicKeyRequest: { publicKey: { algorithm: 'ECDSA', content: key }, proofOfPossession: '' },
  };
  const res = await fulcioHandler(ca, { subjectClaim: '__san' }).fn(JSON.stringify(body));
  if (res.statusCode !== 201) throw new Error(`mock Fulcio: ${String(res.response)}`);
  const chain = JSON.parse(String(res.response)) as {
    signedCertificateEmbeddedSct: { chain: { certificates: string[] } };
  };
  return { pem: chain.signedCertificateEmbeddedSct.chain.certificates[0]!, san };
}
