// The transport contract every HTTP client of the action is written against: the part of
// fetch's that it relies on, so Node's fetch and registry/node-fetch.ts (node:http) both fit.

/** The headers of an answer, as fetch's Headers reads them (names in any case). */
export interface AnswerHeaders {
  get(name: string): string | null;
  forEach(each: (value: string, name: string) => void): void;
}

/** An answer's body, read once through a reader (a fetch Response's ReadableStream fits). */
export interface AnswerBody {
  getReader(): {
    read(): Promise<{ done: boolean; value?: Uint8Array }>;
    cancel(): Promise<void>;
  };
  cancel(): Promise<void>;
}

/** What a transport answers before its body is read: fetch's Response is one. */
export interface FetchAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly headers: AnswerHeaders;
  readonly body: AnswerBody | null;
}

/**
 * How the action sends one request: Node's fetch, or registry/node-fetch.ts on node:http. Only
 * the part of fetch's contract the action relies on: redirects are never followed ('manual'),
 * `signal` aborts, network errors reject.
 */
export type FetchFn = (input: URL | string, init: RequestInit) => Promise<FetchAnswer>;
