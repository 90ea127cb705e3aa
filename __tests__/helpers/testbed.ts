// The running test bed, as `npx tsx test-env/testbed.ts start` left it in .testbed/state.json.
import { readState, STATE_PATH, type TestbedState } from '../../test-env/state.js';
import type { Fault } from '../../test-env/sigstore/http.js';

export type { TestbedState } from '../../test-env/state.js';
export { pushTestImage, pushTestIndex, type Pushed, type Index } from '../../test-env/image.js';

export function loadTestbed(): TestbedState {
  const state = readState();
  if (!state) {
    throw new Error(
      `no test bed state at ${STATE_PATH}: run \`npx tsx test-env/testbed.ts start\` first`,
    );
  }
  return state;
}

// Request counts of the local Sigstore services, per service and route, e.g.
// stats.fulcio['POST /api/v2/signingCert'].
export type Stats = Record<string, Record<string, number>>;

export async function getStats(state: TestbedState): Promise<Stats> {
  return (await (await fetch(state.stats.url)).json()) as Stats;
}

// How many times `route` of `service` was called between two snapshots.
export function delta(before: Stats, after: Stats, service: string, route: string): number {
  return (after[service]?.[route] ?? 0) - (before[service]?.[route] ?? 0);
}

// Makes the next `times` calls of one route fail, e.g.
// { service: 'rekor', method: 'POST', path: '/api/v1/log/entries', status: 503, times: 1 }.
export async function injectFault(state: TestbedState, fault: Fault): Promise<void> {
  const r = await fetch(state.faults.url, { method: 'POST', body: JSON.stringify(fault) });
  if (r.status !== 204) throw new Error(`injecting fault: ${r.status}`);
}

export async function clearFaults(state: TestbedState): Promise<void> {
  await fetch(state.faults.url, { method: 'DELETE' });
}

// A GitHub-style OIDC token from the bed's endpoint, as the action would get it. `params`
// change the identity: repository (owner/name), ref, workflow (file name), ttl (seconds).
export async function getIdToken(
  state: TestbedState,
  audience = 'sigstore',
  params: Record<string, string> = {},
): Promise<string> {
  const url = new URL(state.oidc.requestUrl);
  url.searchParams.set('audience', audience);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const r = await fetch(url, { headers: { Authorization: `Bearer ${state.oidc.requestToken}` } });
  if (!r.ok) throw new Error(`OIDC token request: ${r.status}`);
  return ((await r.json()) as { value: string }).value;
}
