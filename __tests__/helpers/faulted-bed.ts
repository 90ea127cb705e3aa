// The test bed behind fault proxies: one proxy per service (registry, Rekor, Fulcio, TSA, the
// OIDC token endpoint), and the inputs and environment that point the action at them. Images
// are pushed to the real registry and signed through the registry proxy's host.
import { startFaultProxy, type Decide, type FaultProxy } from './fault-proxy.js';
import type { Pushed, TestbedState } from './testbed.js';

export const SERVICES = ['registry', 'rekor', 'fulcio', 'tsa', 'oidc'] as const;
export type Service = (typeof SERVICES)[number];

export interface FaultedBed {
  proxies: Record<Service, FaultProxy>;
  /** `<registry proxy>/<repo>@<digest>`: the image as the action sees it. */
  imageRef(image: Pushed): string;
  /** Inputs that send every request through the proxies (credentials as inputs). */
  inputs(image: Pushed | Pushed[], extra?: Record<string, string>): Record<string, string>;
  /** Environment for keyless runs: the OIDC endpoint through its proxy (with runAction's oidc). */
  oidcEnv(): Record<string, string>;
  close(): Promise<void>;
}

export async function startFaultedBed(
  state: TestbedState,
  decide: (service: Service) => Decide | undefined = () => undefined,
  capture?: (service: Service, method: string, path: string) => boolean,
): Promise<FaultedBed> {
  const targets: Record<Service, string> = {
    registry: `http://${state.registry.host}`,
    rekor: state.rekor.url,
    fulcio: state.fulcio.url,
    tsa: state.tsa.url,
    oidc: state.oidc.url,
  };
  const started = await Promise.all(
    SERVICES.map((s) =>
      startFaultProxy(targets[s], {
        decide: decide(s),
        capture: capture && ((m, p) => capture(s, m, p)),
      }),
    ),
  );
  const proxies = Object.fromEntries(SERVICES.map((s, i) => [s, started[i]!])) as Record<
    Service,
    FaultProxy
  >;
  const imageRef = (image: Pushed) =>
    `${image.repository.replace(state.registry.host, proxies.registry.host)}@${image.digest}`;
  return {
    proxies,
    imageRef,
    inputs: (image, extra = {}) => ({
      image: (Array.isArray(image) ? image : [image]).map(imageRef).join('\n'),
      'rekor-url': proxies.rekor.url,
      'fulcio-url': proxies.fulcio.url,
      'registry-username': state.registry.username,
      'registry-password': state.registry.password,
      ...extra,
    }),
    oidcEnv: () => {
      const request = new URL(state.oidc.requestUrl);
      return {
        ACTIONS_ID_TOKEN_REQUEST_URL: `${proxies.oidc.url}${request.pathname}${request.search}`,
      };
    },
    close: async () => void (await Promise.all(started.map((p) => p.close()))),
  };
}

/** Runs `fn` over `items`, `parallel` at a time (the machine has two cores). */
export async function pool<T, R>(
  items: T[],
  parallel: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}
