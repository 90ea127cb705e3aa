export const id = 7;
export const ids = [7];
export const modules = {

/***/ 6326:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  $: () => (/* binding */ maskSecret)
});

// UNUSED EXPORTS: maskSecretInputs

// EXTERNAL MODULE: ./src/util/runner.ts
var runner = __webpack_require__(4616);
;// CONCATENATED MODULE: ./src/inputs/read.ts
// Reads the step's inputs the way the runner passes them (INPUT_<NAME> env vars) into plain
// strings, with the COSIGN_* fallbacks. Pure: it loads nothing heavy, so the entry point can
// start the key derivation before the rest of the action is even loaded.
const INPUT_NAMES = (/* unused pure expression or super */ null && ([
    'image',
    'digest',
    'signing-mode',
    'private-key',
    'password',
    'signature-format',
    'recursive',
    'annotations',
    'tlog-upload',
    'rekor-url',
    'fulcio-url',
    'tsa-url',
    'upload',
    'registry-username',
    'registry-password',
    'summary',
    'force',
    'allow-public-tlog-for-private-repo',
    'attestations',
    'sign',
    'sign-buildkit-attestations',
    'kms-key',
    'trusted-root',
]));
/** Inputs that hold secrets: kept byte for byte (a password may start or end with spaces) and masked. */
const read_SECRET_INPUTS = [
    'private-key',
    'password',
    'registry-password',
];
const UNTRIMMED = new Set(read_SECRET_INPUTS);
/** Reads the inputs from the environment and applies the COSIGN_* fallbacks. */
function readRawInputs(env = process.env) {
    const raw = {};
    for (const name of INPUT_NAMES) {
        const value = env[`INPUT_${name.toUpperCase()}`] ?? '';
        raw[name] = UNTRIMMED.has(name) ? value : value.trim();
    }
    // The contract's defaults for the key: the secrets cosign itself reads.
    if (raw['private-key'] === '' && env.COSIGN_PRIVATE_KEY)
        raw['private-key'] = env.COSIGN_PRIVATE_KEY;
    if (raw['password'] === '' && env.COSIGN_PASSWORD !== undefined)
        raw['password'] = env.COSIGN_PASSWORD;
    return raw;
}

;// CONCATENATED MODULE: ./src/inputs/mask.ts
// Masks secrets in the job log. Runs first thing once the action is loaded, before anything
// can print.


/** Masks every secret input (core.setSecret) and each line of a multi-line one. */
function maskSecretInputs(raw) {
    for (const name of SECRET_INPUTS)
        maskSecret(raw[name]);
}
/** Masks a secret and each of its lines (the runner masks line by line, so a PEM needs both). */
function maskSecret(secret) {
    if (!secret)
        return;
    runner/* setSecret */.Pq(secret);
    for (const line of secret.split(/\r?\n/)) {
        // Masking a very short or structural line (`-----END …-----`) would only garble the log.
        if (line.trim().length >= 8 && !line.startsWith('-----'))
            runner/* setSecret */.Pq(line.trim());
    }
}


/***/ }),

/***/ 8317:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  e6: () => (/* binding */ RequestFailure),
  pr: () => (/* binding */ attemptsNote),
  Ic: () => (/* binding */ describeFailure),
  J5: () => (/* binding */ fetchWithRetry)
});

// UNUSED EXPORTS: HttpAnswer

;// CONCATENATED MODULE: ./src/util/trace.ts
// Profiling aid: with SIGN_IMAGE_TRACE set, one stderr line per event, in ms since the process
// started (performance.now()), so the critical path of a run can be read off a single run.
// Off (the default), it costs one boolean test per call.
const on = Boolean(process.env.SIGN_IMAGE_TRACE);
/** Notes `what` happening now (only with SIGN_IMAGE_TRACE set). */
function trace(what) {
    if (on)
        process.stderr.write(`[trace ${performance.now().toFixed(1)}] ${what}\n`);
}

// EXTERNAL MODULE: ./src/util/retry.ts
var retry = __webpack_require__(4266);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/util/bounded-body.ts
var bounded_body = __webpack_require__(7470);
;// CONCATENATED MODULE: ./src/util/http-retry.ts
// One HTTP request under the one retry policy (util/retry.ts), for every service the action
// talks to. Each attempt reads the whole body under its own timeout, so a connection reset in
// the middle of a body is retried like one before the headers. Callers get a buffered HttpAnswer
// (or a RequestFailure when no answer ever came) and map it to their own service's error.




/**
 * A whole answer, its body read (bounded) into memory: what every client of fetchWithRetry
 * gets. Its own small class rather than a rebuilt fetch Response, whose WHATWG streams and
 * header validation cost each of a run's hundreds of requests more CPU than the rest of it.
 */
class HttpAnswer {
    status;
    statusText;
    headers;
    bytes;
    attempts;
    constructor(status, statusText, headers, 
    /** The body as received (empty for HEAD, 204, 304). */
    bytes, 
    /** Which attempt this answer was (1 when the first one was). */
    attempts = 1) {
        this.status = status;
        this.statusText = statusText;
        this.headers = headers;
        this.bytes = bytes;
        this.attempts = attempts;
    }
    get ok() {
        return this.status >= 200 && this.status <= 299;
    }
    text() {
        return Promise.resolve(this.bytes.toString('utf8'));
    }
    async json() {
        return JSON.parse(this.bytes.toString('utf8'));
    }
}
/** No answer at all: refused, reset, timed out on every attempt, or the run's deadline passed. */
class RequestFailure extends Error {
    kind;
    code;
    attempts;
    timeoutMs;
    deadlineMs;
    constructor(kind, 
    /** The system error code (ECONNREFUSED, ECONNRESET…) when there is one. */
    code, attempts, timeoutMs, deadlineMs, cause) {
        super(kind === 'network' ? `network error${code ? ` (${code})` : ''}` : kind, { cause });
        this.kind = kind;
        this.code = code;
        this.attempts = attempts;
        this.timeoutMs = timeoutMs;
        this.deadlineMs = deadlineMs;
        this.name = 'RequestFailure';
    }
}
const NULL_BODY = new Set([101, 103, 204, 205, 304]);
/** " after 8 attempts" for an answer that was the last of several tries, else ''. */
function attemptsNote(answer) {
    const n = answer.attempts;
    return n > 1 ? ` after ${n} attempts` : '';
}
/**
 * Sends `init` to `url`, retrying network errors, timeouts, 408, 429 and 500–504 with jittered
 * exponential backoff (or the server's `Retry-After`), never past the run's deadline. Returns
 * the first answer that is not retryable, or the last one; redirects are returned, not followed.
 */
async function fetchWithRetry(url, init, call) {
    const policy = call.policy ?? (0,retry/* defaultRetryPolicy */.ur)();
    const fetchFn = call.fetch ?? fetch;
    const target = new URL(url);
    for (let attempt = 1;; attempt++) {
        const remaining = policy.deadline.remainingMs();
        if (remaining <= 0)
            throw failure('deadline', undefined, attempt - 1, policy, undefined);
        const timeoutMs = Math.min(policy.timeoutMs, remaining);
        let answer;
        try {
            trace(`> ${init.method ?? 'GET'} ${target.pathname}`);
            const res = await fetchFn(target, {
                ...init,
                redirect: 'manual',
                signal: AbortSignal.timeout(timeoutMs),
            });
            const body = NULL_BODY.has(res.status)
                ? Buffer.alloc(0)
                : await (0,bounded_body/* readBounded */.CB)(res, call.maxBodyBytes ?? bounded_body/* BODY_LIMITS */.Mu.registry, call.what);
            answer = new HttpAnswer(res.status, res.statusText, res.headers, body, attempt);
            trace(`< ${res.status} ${init.method ?? 'GET'} ${target.pathname}`);
        }
        catch (err) {
            // Too large is an answer, not a failure to get one: another try would read it again.
            if (err instanceof errors/* SignImageError */.FG)
                throw err;
            const timedOut = isTimeout(err);
            // A request cut short by the deadline is not worth another try: there is no time left.
            const kind = timedOut ? (timeoutMs < policy.timeoutMs ? 'deadline' : 'timeout') : 'network';
            answer = failure(kind, timedOut ? undefined : networkCode(err), attempt, policy, err);
            if (kind === 'deadline')
                throw answer;
        }
        if (answer instanceof HttpAnswer && !(0,retry/* isRetryableStatus */.PS)(answer.status))
            return answer;
        const asked = answer instanceof HttpAnswer ? (0,retry/* parseRetryAfter */.mu)(answer.headers.get('retry-after')) : undefined;
        const waitMs = asked ?? (0,retry/* backoffMs */.jo)(attempt, policy.backoff, policy.random);
        const last = attempt >= policy.attempts ||
            (asked !== undefined && asked > policy.maxRetryAfterMs) ||
            waitMs >= policy.deadline.remainingMs();
        if (last) {
            if (answer instanceof HttpAnswer)
                return answer;
            throw answer;
        }
        const why = answer instanceof HttpAnswer ? `answered ${answer.status}` : answer.message;
        policy.log?.(`${call.what}: ${init.method ?? 'GET'} ${target.host}${target.pathname} ${why}; ` +
            `retrying in ${(waitMs / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${policy.attempts})`);
        await (policy.sleep ?? retry/* sleep */.yy)(waitMs);
    }
}
/** Words for a RequestFailure: "(ECONNREFUSED) after 8 attempts", "did not answer within 30 s"… */
function describeFailure(f) {
    if (f.kind === 'deadline')
        return `did not answer before the step's ${f.deadlineMs / 1000} s deadline`;
    if (f.kind === 'timeout')
        return `did not answer within ${f.timeoutMs / 1000} s${attemptsNote(f)}`;
    return `could not be reached${f.code ? ` (${f.code})` : ''}${attemptsNote(f)}`;
}
function failure(kind, code, attempts, policy, cause) {
    return new RequestFailure(kind, code, attempts, policy.timeoutMs, policy.deadline.totalMs, cause);
}
function isTimeout(err) {
    const name = err?.name;
    return name === 'TimeoutError' || name === 'AbortError';
}
// undici reports "fetch failed" with the system error (ECONNREFUSED, ENOTFOUND…) as its cause.
function networkCode(err) {
    let current = err;
    for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
        if (typeof current.code === 'string')
            return current.code;
        if (current.cause === undefined && depth > 0 && typeof current.message === 'string')
            return current.message;
        current = current.cause;
    }
    return undefined;
}


/***/ }),

/***/ 9906:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   gv: () => (/* binding */ stdoutLine),
/* harmony export */   pq: () => (/* binding */ info)
/* harmony export */ });
/* unused harmony exports escapeOutside, warning */
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4616);
// The one way to print text that came from outside the action (registry and Sigstore answers,
// image references, annotations, index contents). The runner reads every stdout line whose
// start (after leading blanks) is `::` (or the older `##[`) as a workflow command, and
// core.info prints its argument raw: a registry's error body holding `::add-mask::…` or
// `::set-output …` would otherwise be obeyed. Escaped here as the runner's own escapeData
// escapes command data (% → %25, CR → %0D, LF → %0A), so outside text is always one line, and
// a leading command marker is broken up (`:` → %3A, `#` → %23), so no line can start a command.

/** `text` as one log line that can never be read as a workflow command. */
function escapeOutside(text) {
    const oneLine = String(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
    // Other line breaks some log viewers honour: never let them start a line either.
    const flat = oneLine.replace(
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is matched
    /[\u000b\u000c\u0085\u2028\u2029]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
    const lead = /^\s*/.exec(flat)[0];
    const rest = flat.slice(lead.length);
    if (rest.startsWith('::'))
        return `${lead}%3A${rest.slice(1)}`;
    if (rest.startsWith('##['))
        return `${lead}%23${rest.slice(1)}`;
    return flat;
}
/** core.info of a line that holds outside text anywhere in it. */
function info(line) {
    _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(escapeOutside(line));
}
/** core.warning of a line that holds outside text (core escapes the data; this keeps it one line). */
function warning(line) {
    core.warning(escapeOutside(line));
}
/** A raw stdout line (the retry policy's), escaped the same way. */
function stdoutLine(line) {
    process.stdout.write(`${escapeOutside(line)}\n`);
}


/***/ }),

/***/ 4266:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PS: () => (/* binding */ isRetryableStatus),
/* harmony export */   jo: () => (/* binding */ backoffMs),
/* harmony export */   mX: () => (/* binding */ retryWhileUndefined),
/* harmony export */   mu: () => (/* binding */ parseRetryAfter),
/* harmony export */   ur: () => (/* binding */ defaultRetryPolicy),
/* harmony export */   yy: () => (/* binding */ sleep)
/* harmony export */ });
/* unused harmony exports RETRY_STATUSES, Deadline, RETRY_DEFAULTS, DEADLINE_ENV */
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9906);
// Bounded waiting with jitter, and the one retry policy every outbound call follows. Jitter
// matters here: several jobs that raced once on one `.sig` (or were throttled together) would
// otherwise retry in lock step and collide again.

/** Resolves after `ms` milliseconds. */
function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}
/** Backoff before retry `attempt` (1-based): base·2^(attempt-1), capped, times a factor in [0.5, 1.5). */
function backoffMs(attempt, opts, random = Math.random) {
    const plain = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.max(0, attempt - 1));
    return Math.round(plain * (0.5 + random()));
}
/**
 * Calls `lookup` until it returns a value, sleeping `delaysMs[i]` before try i+2; undefined
 * once the delays are used up. For answers that are "not yet" rather than "no" (a digest just
 * pushed can be unknown to a registry's read replicas for a few seconds).
 */
async function retryWhileUndefined(lookup, delaysMs, wait = sleep) {
    for (let attempt = 0;; attempt++) {
        const value = await lookup();
        if (value !== undefined || attempt >= delaysMs.length)
            return value;
        await wait(delaysMs[attempt]);
    }
}
/** Statuses worth another try: timeouts, rate limits and server faults. Other 4xx will not change. */
const RETRY_STATUSES = new Set([408, 429, 500, 501, 502, 503, 504]);
/** True for a status the one retry policy tries again. */
function isRetryableStatus(status) {
    return RETRY_STATUSES.has(status);
}
/** The run's overall deadline: no attempt starts after it and no request outlives it. */
class Deadline {
    totalMs;
    at;
    constructor(totalMs, startedAt = Date.now()) {
        this.totalMs = totalMs;
        this.at = startedAt + totalMs;
    }
    /** Milliseconds left (negative once passed). */
    remainingMs(now = Date.now()) {
        return this.at - now;
    }
}
/** The defaults stated in the README (Errors and troubleshooting). */
const RETRY_DEFAULTS = {
    attempts: 8,
    backoff: { baseMs: 250, maxMs: 4000 },
    maxRetryAfterMs: 60_000,
    timeoutMs: 30_000,
    deadlineMs: 300_000,
};
/** Environment variable that changes the overall deadline (whole seconds). */
const DEADLINE_ENV = 'SIGN_IMAGE_DEADLINE_SECONDS';
let shared;
/**
 * The policy of this run, shared by every client so that they share one deadline, counted from
 * the first call (the action makes its first requests right after it starts).
 * `SIGN_IMAGE_DEADLINE_SECONDS` changes the deadline.
 */
function defaultRetryPolicy(env = process.env) {
    if (shared)
        return shared;
    const seconds = Number(env[DEADLINE_ENV]);
    const totalMs = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : RETRY_DEFAULTS.deadlineMs;
    shared = {
        attempts: RETRY_DEFAULTS.attempts,
        backoff: RETRY_DEFAULTS.backoff,
        maxRetryAfterMs: RETRY_DEFAULTS.maxRetryAfterMs,
        timeoutMs: RETRY_DEFAULTS.timeoutMs,
        deadline: new Deadline(totalMs),
        // The line names hosts and paths that came from inputs and answers: escaped (util/log.ts).
        log: _log_js__WEBPACK_IMPORTED_MODULE_0__/* .stdoutLine */ .gv,
    };
    return shared;
}
/**
 * Milliseconds a `Retry-After` header asks for (delta-seconds or an HTTP date), or undefined when
 * there is none or it does not parse. RFC 9110 §10.2.3.
 */
function parseRetryAfter(value, now = Date.now()) {
    if (value === null)
        return undefined;
    const text = value.trim();
    if (/^\d+$/.test(text))
        return Number(text) * 1000;
    const date = Date.parse(text);
    return Number.isNaN(date) || !/[a-z]/i.test(text) ? undefined : Math.max(0, date - now);
}


/***/ }),

/***/ 4616:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Pq: () => (/* binding */ setSecret),
/* harmony export */   Yz: () => (/* binding */ debug),
/* harmony export */   _o: () => (/* binding */ isDebug),
/* harmony export */   fe: () => (/* binding */ appendSummary),
/* harmony export */   pq: () => (/* binding */ info),
/* harmony export */   uH: () => (/* binding */ setOutput),
/* harmony export */   z3: () => (/* binding */ error)
/* harmony export */ });
/* unused harmony export warning */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
// The GitHub runner's command protocol, which is all this project needs of @actions/core:
// workflow commands on stdout (`::add-mask::`, `::debug::`, `::error::`, `::warning::`), step
// outputs appended to $GITHUB_OUTPUT as `name<<DELIMITER` blocks, and the job summary appended
// to $GITHUB_STEP_SUMMARY.
//
// Decision: these few lines instead of @actions/core at run time. Importing @actions/core
// evaluates its OIDC HTTP client (undici, ~1 MB bundled): 53–67 ms measured on every start,
// before the first request, in the signer while scrypt needs both cores and in the verify
// action where it is a fifth of verifying 20 digests. The bytes written are those of
// @actions/core 3.x: __tests__/util/runner.test.ts compares every function with it.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions



// Command data: `%`, CR and LF escaped so the value stays on its line (the runner unescapes).
function escapeData(value) {
    return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function command(name, message) {
    process.stdout.write(`::${name}::${escapeData(message)}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}`);
}
/** Masks `secret` in the rest of the job's log. */
function setSecret(secret) {
    command('add-mask', secret);
}
/** A plain log line (printed as given: callers escape outside text, util/log.ts). */
function info(message) {
    process.stdout.write(`${message}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}`);
}
/** A debug line, shown when the run has debug logging on. */
function debug(message) {
    command('debug', message);
}
/** True when the run has debug logging on (RUNNER_DEBUG=1). */
function isDebug() {
    return process.env.RUNNER_DEBUG === '1';
}
/** An error annotation. */
function error(message) {
    command('error', message);
}
/** A warning annotation. */
function warning(message) {
    command('warning', message);
}
/** Sets a step output: a `name<<DELIMITER` block in $GITHUB_OUTPUT (the delimiter is random). */
function setOutput(name, value) {
    const file = process.env.GITHUB_OUTPUT ?? '';
    if (!file) {
        // Runners older than file commands read the deprecated stdout command.
        process.stdout.write(node_os__WEBPACK_IMPORTED_MODULE_2__.EOL);
        process.stdout.write(`::set-output name=${escapeProperty(name)}::${escapeData(value)}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}`);
        return;
    }
    const delimiter = `ghadelimiter_${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)()}`;
    if (name.includes(delimiter) || value.includes(delimiter))
        throw new Error(`the output ${name} holds its own delimiter`);
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(file))
        throw new Error(`Missing file at path: ${file}`);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.appendFileSync)(file, `${name}<<${delimiter}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}${value}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}${delimiter}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}`, {
        encoding: 'utf8',
    });
}
/** Appends Markdown to the job summary ($GITHUB_STEP_SUMMARY). */
function appendSummary(markdown) {
    const file = process.env.GITHUB_STEP_SUMMARY;
    if (!file)
        throw new Error('GITHUB_STEP_SUMMARY is not set: the job summary cannot be written');
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.appendFileSync)(file, markdown, { encoding: 'utf8' });
}
function escapeProperty(value) {
    return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}


/***/ }),

/***/ 7:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runVerifyAction: () => (/* binding */ runVerifyAction)
});

// EXTERNAL MODULE: ./src/util/runner.ts
var runner = __webpack_require__(4616);
// EXTERNAL MODULE: ./node_modules/@sigstore/core/dist/index.js
var dist = __webpack_require__(3917);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/inputs/mask.ts + 1 modules
var mask = __webpack_require__(6326);
;// CONCATENATED MODULE: ./src/registry/challenge.ts
// WWW-Authenticate parsing (RFC 9110 §11.6.1): `Bearer realm="https://a/token",service="r",
// scope="repository:x:pull,push"`. Quoted values may hold commas and escaped quotes, and one
// header may carry several challenges.
const TOKEN = /[!#$%&'*+.^_`|~0-9A-Za-z-]+/y;
const TOKEN68 = /[A-Za-z0-9\-._~+/]+=*/y;
/** All challenges in a header value; unparseable tails are ignored. */
function parseChallenges(header) {
    const out = [];
    let i = 0;
    const skip = (chars) => {
        while (i < header.length && chars.test(header[i]))
            i++;
    };
    const read = (re) => {
        re.lastIndex = i;
        const m = re.exec(header);
        if (!m)
            return undefined;
        i = re.lastIndex;
        return m[0];
    };
    const readQuoted = () => {
        let value = '';
        for (i++; i < header.length && header[i] !== '"'; i++) {
            if (header[i] === '\\' && i + 1 < header.length)
                i++;
            value += header[i];
        }
        i++; // closing quote
        return value;
    };
    for (;;) {
        skip(/[\s,]/);
        const scheme = read(TOKEN);
        if (!scheme)
            break;
        const challenge = { scheme: scheme.toLowerCase(), params: {} };
        out.push(challenge);
        for (;;) {
            skip(/\s/);
            const start = i;
            const name = read(TOKEN);
            skip(/\s/);
            if (!name || header[i] !== '=') {
                // Not `name=`: either the next challenge's scheme or a token68 credential blob.
                i = start;
                if (name === undefined || Object.keys(challenge.params).length > 0)
                    break;
                read(TOKEN68);
                break;
            }
            i++;
            skip(/\s/);
            const value = header[i] === '"' ? readQuoted() : (read(TOKEN) ?? '');
            challenge.params[name.toLowerCase()] = value;
            skip(/\s/);
            if (header[i] !== ',')
                break;
            i++;
        }
    }
    return out;
}

// EXTERNAL MODULE: ./src/util/http-retry.ts + 1 modules
var http_retry = __webpack_require__(8317);
// EXTERNAL MODULE: ./src/util/retry.ts
var retry = __webpack_require__(4266);
;// CONCATENATED MODULE: ./src/registry/errors.ts
// Registry failures as SignImageErrors that keep the registry's own words (ggcr transport.Error
// style): "PUT /v2/acme/app/manifests/x: 400 MANIFEST_INVALID: manifest invalid". Bodies are
// the registry's, never ours, so they carry no credentials; request headers are never quoted.



/** A registry answered with a status the caller did not expect. */
class RegistryError extends errors/* SignImageError */.FG {
    status;
    diagnostics;
    constructor(code, message, opts) {
        super(code, message, { hint: opts.hint });
        this.name = 'RegistryError';
        this.status = opts.status;
        this.diagnostics = opts.diagnostics ?? [];
    }
    /** True when the registry reported `code` (e.g. MANIFEST_UNKNOWN, DIGEST_INVALID). */
    hasDiagnostic(code) {
        return this.diagnostics.some((d) => d.code === code);
    }
}
/** Parses a distribution error body; anything else yields no diagnostics. */
function parseErrorBody(text) {
    try {
        const body = JSON.parse(text);
        if (!Array.isArray(body.errors))
            return [];
        return body.errors
            .filter((e) => typeof e === 'object' && e !== null && typeof e.code === 'string')
            .map((e) => ({
            code: e.code,
            message: typeof e.message === 'string' ? e.message : undefined,
            detail: e.detail ?? undefined,
        }));
    }
    catch {
        return [];
    }
}
function describe(req) {
    return `${req.method} ${req.url.host}${req.url.pathname}`;
}
function formatDiagnostic(d) {
    let text = d.code;
    if (d.message)
        text += `: ${d.message}`;
    if (d.detail !== undefined && d.detail !== null) {
        const detail = typeof d.detail === 'string' ? d.detail : JSON.stringify(d.detail);
        text += `; ${detail.slice(0, 300)}`;
    }
    return text;
}
/**
 * Builds the error for an unexpected answer. The code and hint follow the status (401 → auth
 * failed, 403 → denied, else REGISTRY_ERROR) unless `override` says better.
 */
function errorFromResponse(req, status, bodyText, override = {}) {
    const diagnostics = parseErrorBody(bodyText);
    let message = `${describe(req)}: ${status}`;
    if (diagnostics.length > 0)
        message += ` ${diagnostics.map(formatDiagnostic).join(', ')}`;
    else if (bodyText.trim() && !bodyText.trimStart().startsWith('<'))
        message += ` ${bodyText.trim().slice(0, 200)}`;
    const host = req.url.host;
    let code = 'REGISTRY_ERROR';
    let hint;
    if (status === 401)
        [code, hint] = ['REGISTRY_AUTH_FAILED', authHint(host)];
    if (status === 403)
        [code, hint] = ['REGISTRY_DENIED', deniedHint(host)];
    // Only the last of several tries gets here (util/http-retry.ts).
    if ((0,retry/* isRetryableStatus */.PS)(status))
        hint = `${host} kept failing or throttling through every retry; re-run the job later`;
    return new RegistryError(override.code ?? code, message, {
        status,
        diagnostics,
        hint: override.hint ?? hint,
    });
}
/** Reads the body (bounded) and throws unless the status is one of `codes`. */
async function expectStatus(res, req, ...codes) {
    if (codes.includes(res.status))
        return;
    const text = req.method === 'HEAD' ? '' : await res.text().catch(() => '');
    const error = errorFromResponse(req, res.status, text.slice(0, 4096));
    error.message += (0,http_retry/* attemptsNote */.pr)(res); // " after 8 attempts" when the policy retried it
    throw error;
}
/** Hint for a 401 that persists after credentials were sent (or none could be found). */
function authHint(host) {
    return (`Check the \`registry-username\`/\`registry-password\` inputs, or run docker/login-action ` +
        `for ${host} before this step`);
}
/** Hint for a 403 (or a token without the push scope). */
function deniedHint(host) {
    return (`The credentials for ${host} are valid but lack push rights on this repository; ` +
        `for GHCR give the job \`permissions: packages: write\` (and the repository access to the package)`);
}

;// CONCATENATED MODULE: ./src/registry/http.ts
// One registry request under the action's retry policy (util/http-retry.ts); failures that never
// got an answer become REGISTRY_UNREACHABLE naming the host.


/** Default deadline for one request, body included. */
const DEFAULT_TIMEOUT_MS = 30_000;
/**
 * fetch(url, init) that never follows redirects by itself (callers decide where credentials
 * may go), retries what the policy retries (network errors, 408, 429, 500–504) and turns
 * refused connections, DNS failures, resets and timeouts into REGISTRY_UNREACHABLE. `what`
 * names the peer in the message, e.g. "registry ghcr.io". The body comes back buffered.
 */
async function sendWithRetry(fetchFn, url, init, opts) {
    try {
        const policy = opts.retry && { ...opts.retry, timeoutMs: opts.timeoutMs };
        return await (0,http_retry/* fetchWithRetry */.J5)(url, init, {
            what: opts.what,
            fetch: fetchFn,
            policy,
            maxBodyBytes: opts.maxBodyBytes,
        });
    }
    catch (err) {
        if (err instanceof errors/* SignImageError */.FG)
            throw err; // RESPONSE_TOO_LARGE
        throw unreachable(err, opts.what);
    }
}
/** The body of an answer: fetchWithRetry has already read it into memory (util/http-retry.ts). */
function bodyOf(res) {
    return res.bytes;
}
function unreachable(err, what) {
    const failure = err instanceof http_retry/* RequestFailure */.e6 ? err : undefined;
    if (failure && failure.kind !== 'network') {
        return new errors/* SignImageError */.FG('REGISTRY_UNREACHABLE', `${what} ${(0,http_retry/* describeFailure */.Ic)(failure)}`, {
            hint: 'Check that the runner can reach it; a slow registry may just need a re-run',
            cause: err,
        });
    }
    const code = failure?.code;
    const tries = failure ? (0,http_retry/* attemptsNote */.pr)(failure) : '';
    return new errors/* SignImageError */.FG('REGISTRY_UNREACHABLE', `cannot reach ${what}${code ? ` (${code})` : ''}${tries}`, {
        hint: 'Check the registry name in `image` and that the runner can reach it',
        cause: err,
    });
}

// EXTERNAL MODULE: ./src/util/bounded-body.ts
var bounded_body = __webpack_require__(7470);
;// CONCATENATED MODULE: ./src/registry/token.ts
// The token endpoint of a Bearer challenge: GET the realm with Basic credentials (or none), or
// POST an OAuth2 refresh_token grant for an identity token, as docker does.
// https://distribution.github.io/distribution/spec/auth/token/
// https://distribution.github.io/distribution/spec/auth/oauth/




const CLIENT_ID = 'sign-image';
/** `Basic base64(user:password)`. */
function basicAuth(username, password) {
    return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}
/** Asks the realm of `challenge` for a token scoped to our repository. */
async function fetchToken(challenge, credentials, opts) {
    const realm = realmUrl(challenge, opts.scheme);
    const { service } = challenge.params;
    const scopes = [`repository:${opts.repository}:${opts.access}`];
    const asked = challenge.params.scope;
    // Keep a scope the registry asked for about another repository (e.g. a cross-repo mount).
    if (asked && !asked.startsWith(`repository:${opts.repository}:`))
        scopes.push(asked);
    const init = { method: 'GET' };
    if (credentials && 'identityToken' in credentials) {
        const form = new URLSearchParams({
            grant_type: 'refresh_token',
            refresh_token: credentials.identityToken,
            client_id: CLIENT_ID,
        });
        if (service)
            form.set('service', service);
        form.set('scope', scopes.join(' '));
        init.method = 'POST';
        init.headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
        init.body = form.toString();
    }
    else {
        if (service)
            realm.searchParams.set('service', service);
        for (const scope of scopes)
            realm.searchParams.append('scope', scope);
        if (credentials && 'username' in credentials) {
            realm.searchParams.set('account', credentials.username);
            init.headers = { Authorization: basicAuth(credentials.username, credentials.password) };
        }
    }
    const what = `token endpoint ${realm.host}`;
    const res = await sendWithRetry(opts.fetch, realm, init, {
        timeoutMs: opts.timeoutMs,
        what,
        retry: opts.retry,
        maxBodyBytes: bounded_body/* BODY_LIMITS */.Mu.service,
    });
    const body = bodyOf(res).toString('utf8');
    if (res.status !== 200) {
        const req = { method: init.method ?? 'GET', url: realm };
        return {
            ok: false,
            error: (hint) => errorFromResponse(req, res.status, body.slice(0, 4096), { hint }),
        };
    }
    let token;
    try {
        const parsed = JSON.parse(body);
        token = parsed.token || parsed.access_token;
    }
    catch {
        token = undefined;
    }
    if (typeof token !== 'string' || !token) {
        throw new errors/* SignImageError */.FG('REGISTRY_ERROR', `${what} answered 200 without a token`);
    }
    return { ok: true, token };
}
// An http realm behind an https registry would send the credentials in clear text.
function realmUrl(challenge, scheme) {
    const { realm } = challenge.params;
    let url;
    try {
        url = realm ? new URL(realm) : undefined;
    }
    catch {
        url = undefined;
    }
    if (url?.protocol === 'https:' || (url?.protocol === 'http:' && scheme === 'http'))
        return url;
    throw new errors/* SignImageError */.FG('REGISTRY_AUTH_FAILED', `the token realm ${JSON.stringify(realm ?? '')} named by the registry is not usable`, { hint: 'The registry must name an https:// token realm' });
}

;// CONCATENATED MODULE: ./src/registry/auth.ts
// Answers registry 401 challenges, once per client: Basic sends the credentials; Bearer trades
// them for a token at the realm (distribution token auth). The resulting Authorization value is
// cached and sent preemptively from then on, which saves a round trip on every later request.
// https://distribution.github.io/distribution/spec/auth/token/





/** Per-client authentication state: the cached header and a single-flight refresh. */
class Authenticator {
    opts;
    header;
    refreshing;
    credentials;
    /** Whether the last 401 was answered with credentials (changes the hint of a final 401). */
    usedCredentials = false;
    constructor(opts) {
        this.opts = opts;
    }
    /** The Authorization value to send preemptively, once a challenge has been answered. */
    current() {
        return this.header;
    }
    /**
     * Before the first request: the Authorization value for the challenge another client of the
     * run already answered for this registry, or undefined (no such challenge, or answering it
     * failed: the request then goes out without, and its 401 is answered as usual).
     */
    async preempt() {
        if (this.header)
            return this.header;
        const known = this.opts.challenges?.get(this.opts.registry);
        if (!known)
            return undefined;
        this.refreshing ??= this.answerChallenge(known, undefined).finally(() => {
            this.refreshing = undefined;
        });
        return this.refreshing.catch(() => undefined);
    }
    /**
     * Answers a 401 that carried `sent` (undefined when the request went out without
     * credentials) and returns the Authorization value to retry with. Concurrent 401s share one
     * answer; a request that raced an answer just retries with it.
     */
    async respond(res, sent) {
        if (this.header && this.header !== sent)
            return this.header;
        this.refreshing ??= this.answer(res.headers.get('www-authenticate') ?? '', sent).finally(() => {
            this.refreshing = undefined;
        });
        return this.refreshing;
    }
    /** The error for a 401 that persists after `respond`: wrong credentials, or none found. */
    async rejected(req, res) {
        const body = req.method === 'HEAD' ? '' : bodyOf(res).toString('utf8');
        const bearer = pick(parseChallenges(res.headers.get('www-authenticate') ?? ''));
        const text = body.slice(0, 4096);
        if (!this.usedCredentials)
            return errorFromResponse(req, res.status, text, { hint: this.noCredentialsHint() });
        // Distribution answers a token that lacks `push` with 401 insufficient_scope, not 403.
        if (bearer?.params.error === 'insufficient_scope') {
            return errorFromResponse(req, res.status, text, {
                code: 'REGISTRY_DENIED',
                hint: deniedHint(this.opts.registry),
            });
        }
        return errorFromResponse(req, res.status, text);
    }
    async answer(header, sent) {
        const challenge = pick(parseChallenges(header));
        if (!challenge) {
            throw new errors/* SignImageError */.FG('REGISTRY_AUTH_FAILED', `${this.what()} answered 401 without a challenge this action can answer`, {
                hint: authHint(this.opts.registry),
            });
        }
        const next = await this.answerChallenge(challenge, sent);
        // For the run's other repositories of this registry: the realm and service, not the scope
        // (each asks for its own repository) or an error about this request.
        if (!challenge.params.error) {
            const params = { ...challenge.params };
            delete params.scope;
            this.opts.challenges?.set(this.opts.registry, { scheme: challenge.scheme, params });
        }
        return next;
    }
    async answerChallenge(challenge, sent) {
        const credentials = await this.resolveCredentials();
        this.usedCredentials = credentials !== undefined;
        // Our token already asked for every scope we need: a new one would be refused the same way.
        if (sent && credentials && challenge.params.error === 'insufficient_scope') {
            throw new errors/* SignImageError */.FG('REGISTRY_DENIED', `${this.what()} refused access to ${this.opts.repository} (insufficient_scope)`, {
                hint: deniedHint(this.opts.registry),
            });
        }
        let next;
        if (credentials && 'registryToken' in credentials) {
            next = `Bearer ${credentials.registryToken}`;
        }
        else if (challenge.scheme === 'basic') {
            if (!credentials || !('username' in credentials)) {
                throw new errors/* SignImageError */.FG('REGISTRY_AUTH_FAILED', `${this.what()} requires credentials and none were found`, {
                    hint: this.noCredentialsHint(),
                });
            }
            next = basicAuth(credentials.username, credentials.password);
        }
        else {
            const token = await fetchToken(challenge, credentials, this.opts);
            if (!token.ok)
                throw token.error(credentials ? undefined : this.noCredentialsHint());
            this.opts.maskSecret(token.token);
            next = `Bearer ${token.token}`;
        }
        if (next === sent) {
            throw new errors/* SignImageError */.FG('REGISTRY_AUTH_FAILED', `${this.what()} rejected the credentials`, {
                hint: authHint(this.opts.registry),
            });
        }
        this.header = next;
        return next;
    }
    resolveCredentials() {
        this.credentials ??= this.opts.keychain.resolve(this.opts.registry, this.opts.repository);
        return this.credentials;
    }
    what() {
        return `registry ${this.opts.registry}`;
    }
    noCredentialsHint() {
        return (`No credentials for ${this.opts.registry} were found in the inputs or the Docker config ` +
            `(DOCKER_CONFIG or ~/.docker/config.json); set \`registry-username\`/\`registry-password\` ` +
            `or run docker/login-action before this step`);
    }
}
/** Bearer when offered (stronger, scoped), else Basic; other schemes are not spoken. */
function pick(challenges) {
    return (challenges.find((c) => c.scheme === 'bearer') ?? challenges.find((c) => c.scheme === 'basic'));
}

;// CONCATENATED MODULE: ./src/registry/media-types.ts
// Media types the registry layer sends and recognises. One place, so Accept headers, manifest
// builders and tests all agree on the exact strings.
/** https://github.com/opencontainers/image-spec/blob/v1.1.0/manifest.md */
const media_types_OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
/** https://github.com/opencontainers/image-spec/blob/v1.1.0/image-index.md */
const media_types_OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
/** https://github.com/opencontainers/image-spec/blob/v1.1.0/config.md */
const media_types_OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
/** The `{}` blob: https://github.com/opencontainers/image-spec/blob/v1.1.0/manifest.md#guidance-for-an-empty-descriptor */
const media_types_OCI_EMPTY = 'application/vnd.oci.empty.v1+json';
/** sha256 of the two bytes `{}`, the digest every OCI_EMPTY descriptor carries. */
const media_types_OCI_EMPTY_DIGEST = 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a';
/** https://github.com/distribution/distribution/blob/v2.8.2/docs/spec/manifest-v2-2.md */
const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
/** https://github.com/distribution/distribution/blob/v2.8.2/docs/spec/manifest-v2-2.md#manifest-list */
const DOCKER_MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
/** https://github.com/distribution/distribution/blob/v2.8.2/docs/spec/manifest-v2-2.md#image-manifest-field-descriptions */
const DOCKER_CONFIG = 'application/vnd.docker.container.image.v1+json';
/** Layer of a legacy `.sig` manifest: https://github.com/sigstore/cosign/blob/main/specs/SIGNATURE_SPEC.md */
const media_types_COSIGN_SIMPLE_SIGNING = 'application/vnd.dev.cosign.simplesigning.v1+json';
/** Layer and artifactType of a bundle referrer: https://github.com/sigstore/cosign/blob/main/specs/BUNDLE_SPEC.md */
/** Layer of a legacy `.att` manifest: the DSSE envelope (cosign types.DssePayloadType). */
const media_types_DSSE_ENVELOPE = 'application/vnd.dsse.envelope.v1+json';
const media_types_SIGSTORE_BUNDLE_V03 = 'application/vnd.dev.sigstore.bundle.v0.3+json';
/**
 * Accept header for manifest reads. Every type must be listed: distribution 2.8 answers
 * 404 MANIFEST_UNKNOWN for an OCI manifest or index, even by digest, unless Accept names it.
 */
const MANIFEST_ACCEPT = [
    media_types_OCI_MANIFEST,
    media_types_OCI_INDEX,
    DOCKER_MANIFEST,
    DOCKER_MANIFEST_LIST,
].join(', ');

// EXTERNAL MODULE: ./src/registry/names.ts + 1 modules
var names = __webpack_require__(171);
;// CONCATENATED MODULE: ./src/registry/transport.ts
// Sends one registry request: adds the cached Authorization (only to the registry's own
// origin), answers a 401 once through the Authenticator and retries, and follows GET/HEAD
// redirects itself so a blob redirect to a storage host never carries our credentials.

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;
const USER_AGENT = 'sign-image';
class Transport {
    opts;
    constructor(opts) {
        this.opts = opts;
    }
    /** An absolute URL on the registry for an API path such as `/v2/acme/app/manifests/x`. */
    url(path) {
        return new URL(path, this.opts.origin);
    }
    /** Sends the request; a 401 that survives one authenticated retry is thrown as an error. */
    async send(method, url, opts = {}) {
        const first = this.ownOrigin(url)
            ? (this.opts.auth.current() ?? (await this.opts.auth.preempt()))
            : undefined;
        let sent = await this.follow(method, url, opts, first);
        if (sent.res.status === 401 && this.ownOrigin(sent.url)) {
            const authorization = await this.opts.auth.respond(sent.res, first);
            sent = await this.follow(method, url, opts, authorization);
            if (sent.res.status === 401)
                throw await this.opts.auth.rejected({ method, url }, sent.res);
        }
        return sent.res;
    }
    async follow(method, url, opts, authorization) {
        let current = url;
        for (let hops = 0;; hops++) {
            const headers = { 'User-Agent': USER_AGENT, ...opts.headers };
            if (authorization && this.ownOrigin(current))
                headers.Authorization = authorization;
            const what = this.ownOrigin(current)
                ? `registry ${this.opts.registry}`
                : `blob storage ${current.host}`;
            const res = await sendWithRetry(this.opts.fetch, current, { method, headers, body: opts.body }, { timeoutMs: this.opts.timeoutMs, what, retry: this.opts.retry });
            this.opts.debug(`${method} ${current.host}${current.pathname} -> ${res.status}`);
            const location = res.headers.get('location');
            const redirectable = method === 'GET' || method === 'HEAD';
            if (!REDIRECTS.has(res.status) || !location || !redirectable || hops >= MAX_REDIRECTS)
                return { res, url: current };
            current = new URL(location, current);
        }
    }
    ownOrigin(url) {
        return url.origin === this.opts.origin;
    }
}

;// CONCATENATED MODULE: ./src/registry/client.ts
// RegistryClient: the OCI distribution API for one repository, as the stages need it.
//
// Decision: a small client of our own instead of deep-importing @sigstore/oci's unexported
// RegistryClient. Its public API cannot push a plain tag, fails on registries that answer
// without an auth challenge, and reads neither DOCKER_CONFIG nor credential helpers; a deep
// import pinned to an exact version would be more fragile than code we own and test against
// the real registry (Debian docker-registry 2.8.2). That code is this folder: ~1,400
// formatted lines in 13 files, of which ~360 read the Docker config and credential helpers.
// https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md









// A digest just pushed can be unknown to a registry's read path for a few seconds (replicas,
// caches): ask again for about 5 s before calling it missing.
const LAG_DELAYS_MS = [250, 500, 1000, 1500, 2000];
/** Pages of a referrers list followed through `Link: <…>; rel="next"` before giving up. */
const MAX_REFERRERS_PAGES = 20;
class RegistryClient {
    registry;
    repository;
    scheme;
    transport;
    /** Single flight per blob: the empty config or a shared payload goes up once per client. */
    blobs = new Map();
    constructor(opts) {
        this.registry = (0,names/* checkRegistry */.qW)(opts.registry);
        this.repository = (0,names/* checkRepository */.n_)(opts.repository);
        this.scheme = opts.scheme ?? ((0,names/* isLoopbackRegistry */.jW)(opts.registry) ? 'http' : 'https');
        const fetchFn = opts.fetch ?? fetch;
        const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
        const auth = new Authenticator({
            ...opts,
            fetch: fetchFn,
            scheme: this.scheme,
            access: opts.access ?? 'pull,push',
            timeoutMs,
            maskSecret: opts.maskSecret ?? runner/* setSecret */.Pq,
        });
        const debug = opts.debug ?? ((line) => runner/* isDebug */._o() && runner/* debug */.Yz(line));
        // Docker Hub's API answers at index.docker.io (cosign's name for it); docker.io has none.
        const host = opts.registry === 'docker.io' ? 'index.docker.io' : opts.registry;
        const origin = new URL(`${this.scheme}://${host}`).origin;
        this.transport = new Transport({ ...opts, origin, fetch: fetchFn, auth, timeoutMs, debug });
    }
    /** The descriptor of a manifest by tag or digest; undefined when the registry has none. */
    async headManifest(reference) {
        const url = this.path('manifests', (0,names/* checkReference */.M5)(reference));
        const res = await this.transport.send('HEAD', url, { headers: { Accept: MANIFEST_ACCEPT } });
        if (res.status === 404)
            return undefined;
        await expectStatus(res, { method: 'HEAD', url }, 200);
        const mediaType = (0,names/* baseType */.wV)(res.headers.get('content-type'));
        const size = Number(res.headers.get('content-length') ?? NaN);
        const digest = res.headers.get('docker-content-digest') ?? (names/* DIGEST */.Dh.test(reference) ? reference : undefined);
        if (mediaType && digest && Number.isSafeInteger(size))
            return { mediaType, size, digest };
        // Some registries omit the headers on HEAD; the manifest itself always tells.
        const manifest = await this.getManifest(reference);
        return (manifest && {
            mediaType: manifest.mediaType,
            size: manifest.bytes.length,
            digest: manifest.digest,
        });
    }
    /** A manifest by tag or digest (verified against a digest reference); undefined on 404. */
    async getManifest(reference, accept = MANIFEST_ACCEPT) {
        const url = this.path('manifests', (0,names/* checkReference */.M5)(reference));
        const res = await this.transport.send('GET', url, { headers: { Accept: accept } });
        if (res.status === 404) {
            return undefined;
        }
        await expectStatus(res, { method: 'GET', url }, 200);
        const bytes = bodyOf(res);
        if (names/* DIGEST */.Dh.test(reference))
            (0,names/* verifyDigest */.Ub)(reference, bytes, url);
        const mediaType = (0,names/* baseType */.wV)(res.headers.get('content-type'));
        return {
            bytes,
            mediaType: mediaType && mediaType !== 'application/json' ? mediaType : (0,names/* embeddedMediaType */.Tf)(bytes),
            digest: (0,names/* sha256Digest */.sI)(bytes),
            etag: res.headers.get('etag') ?? undefined,
        };
    }
    /**
     * PUT a manifest under a tag or its digest; Content-Type must equal its `mediaType`.
     * `subject` is the registry's `OCI-Subject` answer: the digest of the manifest's `subject`
     * when the registry processed it (OCI 1.1 referrers API), else undefined.
     */
    async putManifest(reference, bytes, mediaType, opts = {}) {
        const url = this.path('manifests', (0,names/* checkReference */.M5)(reference));
        const headers = { 'Content-Type': mediaType };
        if (opts.ifMatch)
            headers['If-Match'] = opts.ifMatch;
        const res = await this.transport.send('PUT', url, { headers, body: bytes });
        await expectStatus(res, { method: 'PUT', url }, 201, 200, 202, 204);
        // Only a well-formed digest counts: the header is server text, never logged or trusted raw.
        const subject = res.headers.get('oci-subject')?.trim();
        return {
            digest: (0,names/* sha256Digest */.sI)(bytes),
            ...(subject && names/* DIGEST */.Dh.test(subject) ? { subject } : {}),
        };
    }
    /** True when the repository has the blob. */
    async blobExists(digest) {
        const url = this.path('blobs', (0,names/* checkDigest */.H2)(digest));
        const res = await this.transport.send('HEAD', url);
        if (res.status === 404)
            return false;
        await expectStatus(res, { method: 'HEAD', url }, 200);
        return true;
    }
    /**
     * Uploads a blob unless the registry has it; concurrent calls for one digest share the work.
     * `fresh` skips asking first, for a blob that is new almost surely (a just-merged `.sig` config).
     */
    uploadBlob(bytes, opts = {}) {
        const digest = (0,names/* sha256Digest */.sI)(bytes);
        let pending = this.blobs.get(digest);
        if (!pending) {
            pending = this.pushBlob(digest, bytes, opts.fresh === true);
            this.blobs.set(digest, pending);
            pending.catch(() => this.blobs.delete(digest));
        }
        return pending;
    }
    /** A blob's bytes, checked against its digest. */
    async getBlob(digest) {
        const url = this.path('blobs', (0,names/* checkDigest */.H2)(digest));
        const res = await this.transport.send('GET', url);
        await expectStatus(res, { method: 'GET', url }, 200);
        const bytes = bodyOf(res);
        (0,names/* verifyDigest */.Ub)(digest, bytes, url);
        return bytes;
    }
    /**
     * The OCI 1.1 referrers of a digest, or `supported: false` when the API is absent. A list the
     * registry pages (`Link: <…>; rel="next"`, distribution-spec v1.1.0) is read to its end, up to
     * MAX_REFERRERS_PAGES pages, on the registry's own origin only.
     */
    async referrers(digest, artifactType) {
        let url = this.path('referrers', (0,names/* checkDigest */.H2)(digest));
        if (artifactType)
            url.searchParams.set('artifactType', artifactType);
        let index;
        for (let page = 1;; page++) {
            const res = await this.transport.send('GET', url, { headers: { Accept: media_types_OCI_INDEX } });
            // ggcr treats exactly these as "no referrers API" and falls back to the tag schema.
            if (page === 1 && (res.status === 404 || res.status === 400)) {
                return { supported: false };
            }
            await expectStatus(res, { method: 'GET', url }, 200);
            const bytes = bodyOf(res);
            const part = (0,names/* parseIndex */.A1)(bytes);
            // A 200 that is not an index is some catch-all page, not the API.
            if (!part || (0,names/* baseType */.wV)(res.headers.get('content-type')) !== media_types_OCI_INDEX) {
                if (page === 1)
                    return { supported: false };
                throw new errors/* SignImageError */.FG('REGISTRY_ERROR', `GET ${url.host}${url.pathname}: page ${page} of the referrers list is not an OCI image index`);
            }
            const filtered = res.headers
                .get('oci-filters-applied')
                ?.split(',')
                .map((s) => s.trim())
                .includes('artifactType');
            if (artifactType && !filtered)
                part.manifests = part.manifests.filter((d) => d.artifactType === artifactType);
            if (index)
                index.manifests.push(...part.manifests);
            else
                index = part;
            const next = nextLink(res.headers.get('link'), url);
            if (!next)
                return { supported: true, index };
            if (page >= MAX_REFERRERS_PAGES)
                throw new errors/* SignImageError */.FG('REGISTRY_ERROR', `GET ${url.host}${url.pathname}: the referrers list has more than ${MAX_REFERRERS_PAGES} pages`);
            url = next;
        }
    }
    // HEAD first; then POST for an upload session and one monolithic PUT. A POST carrying the
    // body answers 202 on distribution 2.8 and stores nothing, so the two steps are needed.
    async pushBlob(digest, bytes, fresh) {
        if (!fresh && (await this.blobExists(digest)))
            return { digest, size: bytes.length, uploaded: false };
        const start = this.transport.url(`/v2/${this.repository}/blobs/uploads/`);
        const res = await this.transport.send('POST', start);
        await expectStatus(res, { method: 'POST', url: start }, 202);
        const location = res.headers.get('location');
        if (!location)
            throw new errors/* SignImageError */.FG('REGISTRY_ERROR', `POST ${start.host}${start.pathname}: 202 without a Location header`);
        const put = new URL(location, start);
        // Append rather than re-encode: the registry's own query (`_state`) must come back verbatim.
        const target = new URL(`${put.href}${put.search ? '&' : '?'}digest=${encodeURIComponent(digest)}`);
        const done = await this.transport.send('PUT', target, {
            headers: { 'Content-Type': 'application/octet-stream' },
            body: bytes,
        });
        await expectStatus(done, { method: 'PUT', url: target }, 201, 204);
        return { digest, size: bytes.length, uploaded: true };
    }
    path(kind, reference) {
        return this.transport.url(`/v2/${this.repository}/${kind}/${reference}`);
    }
}
/**
 * The `rel="next"` target of a Link header (RFC 8288), resolved against `base`; only a target on
 * the same origin is followed, so a registry cannot send our credentials elsewhere.
 */
function nextLink(header, base) {
    if (!header)
        return undefined;
    for (const part of header.split(',')) {
        const m = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
        if (!m || !/(^|;)\s*rel\s*=\s*"?next"?\s*(;|$)/i.test(m[2]))
            continue;
        try {
            const url = new URL(m[1], base);
            return url.origin === base.origin ? url : undefined;
        }
        catch {
            return undefined;
        }
    }
    return undefined;
}

// EXTERNAL MODULE: ./node_modules/@actions/exec/lib/exec.js + 3 modules
var lib_exec = __webpack_require__(1260);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./src/registry/cred-helper.ts
// Docker credential helpers: `docker-credential-<name> get` reads the server URL on stdin and
// prints `{"ServerURL","Username","Secret"}`.
// https://github.com/docker/docker-credential-helpers#development
// Helpers run silent: their output may hold the secret and must never reach the log, nor any
// error message.




// docker-credential-helpers' ErrCredentialsNotFound text; docker treats it as "no credentials".
const NOT_FOUND = /credentials not found/i;
/** Runs one helper for `serverUrl`: credentials, undefined when it has none, or a thrown error. */
async function runCredentialHelper(name, serverUrl, opts) {
    const command = `docker-credential-${name}`;
    const hint = `Install ${command} on the runner, fix it, or remove it from credHelpers/credsStore in ${opts.configPath}`;
    if (/[\\/]/.test(name)) {
        throw new errors/* SignImageError */.FG('REGISTRY_CREDENTIAL_HELPER_FAILED', `credential helper name "${name}" is not a plain name`, { hint });
    }
    const executable = await findOnPath(command, opts.env);
    if (!executable) {
        throw new errors/* SignImageError */.FG('REGISTRY_CREDENTIAL_HELPER_FAILED', `credential helper ${command} is not on PATH`, { hint });
    }
    let result;
    try {
        result = await opts.exec(executable, ['get'], {
            input: Buffer.from(serverUrl, 'utf8'),
            silent: true,
            ignoreReturnCode: true,
            env: helperEnv(opts.env),
        });
    }
    catch (err) {
        throw new errors/* SignImageError */.FG('REGISTRY_CREDENTIAL_HELPER_FAILED', `credential helper ${command} could not be run`, { hint, cause: err });
    }
    if (result.exitCode !== 0) {
        if (NOT_FOUND.test(result.stdout) || NOT_FOUND.test(result.stderr))
            return undefined;
        throw new errors/* SignImageError */.FG('REGISTRY_CREDENTIAL_HELPER_FAILED', `credential helper ${command} failed for ${serverUrl} (exit code ${result.exitCode})`, { hint });
    }
    let answer;
    try {
        answer = JSON.parse(result.stdout);
    }
    catch {
        answer = {};
    }
    if (typeof answer !== 'object' || answer === null || typeof answer.Secret !== 'string') {
        throw new errors/* SignImageError */.FG('REGISTRY_CREDENTIAL_HELPER_FAILED', `credential helper ${command} printed no valid credentials for ${serverUrl}`, { hint });
    }
    if (!answer.Secret)
        return undefined;
    // docker's convention: the user name "<token>" marks the secret as an identity (refresh) token.
    if (answer.Username === '<token>')
        return { identityToken: answer.Secret };
    return {
        username: typeof answer.Username === 'string' ? answer.Username : '',
        password: answer.Secret,
    };
}
// Looked up on the PATH of the environment we were given (not only process.env), so the
// helper we check for is the one that runs. Absolute entries only: a relative one (or the empty
// entry, which means the working directory) would run whatever the checked-out repository
// holds under that name.
async function findOnPath(command, env) {
    const windows = process.platform === 'win32';
    const dirs = absolutePath(env).split(external_node_path_.delimiter).filter(Boolean);
    const extensions = windows ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
    for (const dir of dirs) {
        for (const ext of extensions) {
            const candidate = (0,external_node_path_.join)(dir, command + ext);
            try {
                await (0,promises_.access)(candidate, windows ? external_node_fs_.constants.F_OK : external_node_fs_.constants.X_OK);
                return candidate;
            }
            catch {
                // not here
            }
        }
    }
    return undefined;
}
function absolutePath(env) {
    return (env.PATH ?? env.Path ?? '')
        .split(external_node_path_.delimiter)
        .filter((d) => d !== '' && (0,external_node_path_.isAbsolute)(d))
        .join(external_node_path_.delimiter);
}
// What a helper may see: where to find programs and its own configuration, locale and proxy
// settings, and the cloud SDKs' own variables (ecr-login reads AWS_*, gcr GOOGLE_*/CLOUDSDK_*,
// acr AZURE_*). Never the action's inputs (INPUT_*: the registry password), the cosign key and
// password (COSIGN_*), the runner's tokens (ACTIONS_*, GITHUB_TOKEN) or anything else the job set.
const HELPER_ENV_NAMES = new Set([
    'HOME',
    'USER',
    'LOGNAME',
    'SHELL',
    'TMPDIR',
    'TEMP',
    'TMP',
    'LANG',
    'TZ',
    'DOCKER_CONFIG',
    'SYSTEMROOT',
    'APPDATA',
    'LOCALAPPDATA',
    'USERPROFILE',
    'HTTP_PROXY',
    'HTTPS_PROXY',
    'NO_PROXY',
    'http_proxy',
    'https_proxy',
    'no_proxy',
    'SSL_CERT_FILE',
    'SSL_CERT_DIR',
]);
const HELPER_ENV_PREFIXES = ['XDG_', 'LC_', 'AWS_', 'GOOGLE_', 'CLOUDSDK_', 'AZURE_'];
/** The minimal environment a credential helper runs with (PATH: its absolute entries). */
function helperEnv(env) {
    const out = {};
    for (const [k, v] of Object.entries(env)) {
        if (v === undefined)
            continue;
        if (HELPER_ENV_NAMES.has(k) || HELPER_ENV_PREFIXES.some((p) => k.startsWith(p)))
            out[k] = v;
    }
    out.PATH = absolutePath(env);
    return out;
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./src/registry/docker-config.ts
// The Docker CLI config file (`config.json`) as docker/cli and ggcr read it: which file, which
// keys to look up for a registry, and what an `auths` entry means.
// https://docs.docker.com/reference/cli/docker/#docker-cli-configuration-file-configjson-properties




/** Docker Hub's key: `docker login` stores Hub credentials under this legacy v1 URL. */
const DOCKER_HUB_KEY = 'https://index.docker.io/v1/';
const DOCKER_HUB_HOSTS = new Set(['index.docker.io', 'docker.io', 'registry-1.docker.io']);
/** `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
function dockerConfigPath(env) {
    if (env.DOCKER_CONFIG)
        return (0,external_node_path_.join)(env.DOCKER_CONFIG, 'config.json');
    return (0,external_node_path_.join)(env.HOME || env.USERPROFILE || (0,external_node_os_.homedir)(), '.docker', 'config.json');
}
/** The parsed config, or undefined when there is no file. */
async function readDockerConfig(path) {
    let text;
    try {
        text = await (0,promises_.readFile)(path, 'utf8');
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return undefined;
        throw new errors/* SignImageError */.FG('REGISTRY_CONFIG_INVALID', `cannot read the Docker config ${path}`, {
            cause: err,
        });
    }
    try {
        const parsed = JSON.parse(text);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
            throw new Error('not an object');
        return parsed;
    }
    catch {
        // No cause: newer Node versions quote the offending JSON, i.e. possibly a password.
        throw new errors/* SignImageError */.FG('REGISTRY_CONFIG_INVALID', `the Docker config ${path} is not valid JSON`, {
            hint: 'Fix or remove the file, or pass `registry-username`/`registry-password`',
        });
    }
}
/** Keys to try, most specific first (ggcr): `<registry>/<repository>`, then the registry's own key. */
function lookupKeys(registry, repository) {
    const host = registry.toLowerCase();
    if (DOCKER_HUB_HOSTS.has(host))
        return [`index.docker.io/${repository}`, DOCKER_HUB_KEY];
    return [`${host}/${repository}`, host];
}
/** docker/cli ConvertToHostname: `https://ghcr.io/v1/` → `ghcr.io`. */
function toHostname(key) {
    const stripped = key.replace(/^https?:\/\//i, '');
    return stripped.split('/')[0].toLowerCase();
}
// Registry-level keys also match entries written as URLs (`https://host`, `http://host/v1/`), as
// docker does; repository-level keys match only exactly.
function isRegistryKey(key) {
    return key === DOCKER_HUB_KEY || !key.includes('/');
}
function lookup(map, key) {
    if (!map || typeof map !== 'object')
        return undefined;
    if (Object.hasOwn(map, key))
        return map[key];
    if (!isRegistryKey(key))
        return undefined;
    const host = toHostname(key);
    const match = Object.keys(map).find((k) => toHostname(k) === host);
    return match === undefined ? undefined : map[match];
}
/** The `credHelpers` helper name for `key`, if one is configured. */
function findCredHelper(config, key) {
    const name = lookup(config.credHelpers, key);
    return typeof name === 'string' && name ? name : undefined;
}
/** The `auths` entry for `key`, if any. */
function findAuthEntry(config, key) {
    const entry = lookup(config.auths, key);
    return typeof entry === 'object' && entry !== null ? entry : undefined;
}
/** Credentials in an entry; an empty entry (a credsStore placeholder) yields none. */
function entryCredentials(entry) {
    if (!entry)
        return undefined;
    if (entry.registrytoken)
        return { registryToken: entry.registrytoken };
    if (entry.identitytoken)
        return { identityToken: entry.identitytoken };
    if (entry.auth) {
        const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw new errors/* SignImageError */.FG('REGISTRY_CONFIG_INVALID', 'a Docker config `auth` value is not base64 of `user:password`', {
                hint: 'Log in again (docker/login-action) or pass `registry-username`/`registry-password`',
            });
        }
        return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    }
    if (entry.username && entry.password !== undefined)
        return { username: entry.username, password: entry.password };
    return undefined;
}

;// CONCATENATED MODULE: ./src/registry/credentials.ts
// Where registry credentials come from: a chain of keychains, first hit wins (ggcr
// NewMultiKeychain): the action's explicit inputs, then the Docker config that
// docker/login-action writes (credHelpers → auths → credsStore), then anonymous.




/** The first keychain that knows credentials wins; errors are not skipped. */
function multiKeychain(keychains) {
    return {
        async resolve(registry, repository) {
            for (const keychain of keychains) {
                const found = await keychain.resolve(registry, repository);
                if (found)
                    return found;
            }
            return undefined;
        },
    };
}
/** Always the same credentials, e.g. from the action's inputs. */
function staticKeychain(credentials) {
    return { resolve: async () => credentials };
}
/** Explicit inputs, then the Docker config; what the action uses. */
function defaultKeychain(opts = {}) {
    const chain = [];
    // Inputs are masked where they are read (inputs/read.ts), so they are not masked again here.
    if (opts.username || opts.password) {
        const only = opts.registry;
        const explicit = staticKeychain({
            username: opts.username ?? '',
            password: opts.password ?? '',
        });
        chain.push(only === undefined
            ? explicit
            : {
                resolve: (registry, repository) => sameRegistry(registry, only)
                    ? explicit.resolve(registry, repository)
                    : Promise.resolve(undefined),
            });
    }
    chain.push(dockerConfigKeychain(opts));
    return multiKeychain(chain);
}
/**
 * Reads `$DOCKER_CONFIG/config.json` (else `~/.docker/config.json`) once, lazily: registries that
 * never challenge never cost a file read or a helper run. Helper answers are cached per key.
 */
function dockerConfigKeychain(opts = {}) {
    const env = opts.env ?? process.env;
    const exec = opts.exec ?? lib_exec/* getExecOutput */.H;
    const mask = opts.maskSecret ?? runner/* setSecret */.Pq;
    const path = dockerConfigPath(env);
    let config;
    const helperAnswers = new Map();
    const helper = (name, serverUrl) => {
        const cacheKey = `${name}\n${serverUrl}`;
        let answer = helperAnswers.get(cacheKey);
        if (!answer) {
            answer = runCredentialHelper(name, serverUrl, { exec, env, configPath: path });
            helperAnswers.set(cacheKey, answer);
        }
        return answer;
    };
    return {
        async resolve(registry, repository) {
            config ??= readDockerConfig(path);
            const file = await config;
            if (!file)
                return undefined;
            const keys = lookupKeys(registry, repository);
            let found;
            for (const key of keys) {
                // A helper named for this key owns it: docker never reads `auths` for such a key.
                const helperName = findCredHelper(file, key);
                found = helperName
                    ? await helper(helperName, key)
                    : entryCredentials(findAuthEntry(file, key));
                if (found)
                    break;
            }
            if (!found && file.credsStore)
                found = await helper(file.credsStore, keys[keys.length - 1] ?? registry);
            if (found)
                maskCredentials(found, mask);
            return found;
        },
    };
}
function maskCredentials(credentials, mask) {
    if ('password' in credentials && credentials.password)
        mask(credentials.password);
    if ('identityToken' in credentials)
        mask(credentials.identityToken);
    if ('registryToken' in credentials)
        mask(credentials.registryToken);
}
// Docker Hub answers under several names; every other registry is its host[:port], compared
// case-insensitively.
function sameRegistry(a, b) {
    const hub = (r) => ['docker.io', 'index.docker.io', 'registry-1.docker.io'].includes(r) ? 'docker.io' : r;
    return hub(a.toLowerCase()) === hub(b.toLowerCase());
}
/**
 * The line a run spanning several registries prints when explicit credentials are given: which
 * registry gets them (the others use the Docker config or go anonymous). Undefined otherwise.
 */
function explicitCredentialsNote(registries, explicit) {
    const distinct = [...new Set(registries.map((r) => r.toLowerCase()))];
    if (!explicit || distinct.length < 2)
        return undefined;
    const [first, ...others] = distinct;
    return `registry-username/registry-password are sent to ${first} only (the first image's registry); ${others.join(', ')} get credentials from the Docker config, or none`;
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
var external_node_https_default = /*#__PURE__*/__webpack_require__.n(external_node_https_);
;// CONCATENATED MODULE: ./src/registry/node-fetch.ts
// The transport for registry (and Rekor) requests on node:http/https keep-alive agents, Node's
// native HTTP parser. Node's fetch runs undici's HTTP parser as WebAssembly and wraps every
// answer in WHATWG Headers, Response and ReadableStream objects: on a run's hundreds of
// requests that was the largest item of both actions' CPU profiles, on the same two cores the
// registry needs. The contract the clients rely on (util/fetch.ts) is kept: status, headers
// read by name, a body read once through a cancellable reader, redirects never followed,
// AbortSignal deadlines, and network errors shaped as fetch reports them ("fetch failed" with
// the system error as cause, util/http-retry.ts). Nothing here touches the fetch globals,
// which would load undici.


/** A transport whose connections are kept alive for the run (one agent per scheme). */
function nodeFetch() {
    const agents = {
        http: new (external_node_http_default()).Agent({ keepAlive: true, maxSockets: 16 }),
        https: new (external_node_https_default()).Agent({ keepAlive: true, maxSockets: 16 }),
    };
    return (input, init) => new Promise((resolve, reject) => {
        const url = typeof input === 'string' ? new URL(input) : input;
        const secure = url.protocol === 'https:';
        const headers = requestHeaders(init.headers);
        const body = requestBody(init.body);
        if (body)
            headers['content-length'] = String(body.length);
        const method = init.method ?? 'GET';
        const req = (secure ? (external_node_https_default()) : (external_node_http_default())).request(url, {
            method,
            headers,
            agent: secure ? agents.https : agents.http,
            signal: init.signal ?? undefined,
        }, (res) => {
            const status = res.statusCode ?? 0;
            const empty = method === 'HEAD' || status === 204 || status === 304;
            if (empty)
                res.resume();
            resolve({
                status,
                statusText: res.statusMessage ?? '',
                headers: new ReceivedHeaders(res.rawHeaders),
                body: empty ? null : new ReceivedBody(res),
            });
        });
        req.on('error', (err) => reject(err.name === 'AbortError' ? err : new TypeError('fetch failed', { cause: err })));
        req.end(body);
    });
}
/** Answer headers by lower-case name; repeated ones joined with ", " as fetch's get() does. */
class ReceivedHeaders {
    byName = new Map();
    constructor(raw) {
        for (let i = 0; i + 1 < raw.length; i += 2) {
            const name = raw[i].toLowerCase();
            const before = this.byName.get(name);
            this.byName.set(name, before === undefined ? raw[i + 1] : `${before}, ${raw[i + 1]}`);
        }
    }
    get(name) {
        return this.byName.get(name.toLowerCase()) ?? null;
    }
    forEach(each) {
        for (const [name, value] of [...this.byName].sort(([a], [b]) => (a < b ? -1 : 1)))
            each(value, name);
    }
}
/** The body as the socket delivers it; cancelling destroys the response (and its connection). */
class ReceivedBody {
    res;
    // Made at once, so a connection error before the first read rejects a read instead of
    // being an 'error' event nobody listens to.
    chunks;
    constructor(res) {
        this.res = res;
        this.chunks = res[Symbol.asyncIterator]();
    }
    getReader() {
        return {
            read: async () => {
                const next = await this.chunks.next();
                return next.done ? { done: true } : { done: false, value: next.value };
            },
            cancel: () => this.cancel(),
        };
    }
    cancel() {
        this.res.destroy();
        return Promise.resolve();
    }
}
// The headers the clients send: a plain record (what they build), pairs or a Headers object.
function requestHeaders(init) {
    const out = {};
    if (!init)
        return out;
    if (Array.isArray(init)) {
        for (const [name, value] of init)
            out[name.toLowerCase()] = value;
    }
    else if (typeof init.forEach === 'function') {
        init.forEach((value, name) => (out[name.toLowerCase()] = value));
    }
    else {
        for (const [name, value] of Object.entries(init))
            out[name.toLowerCase()] = value;
    }
    return out;
}
// The bodies the clients send: bytes or text.
function requestBody(body) {
    if (body === undefined || body === null)
        return undefined;
    if (typeof body === 'string')
        return Buffer.from(body, 'utf8');
    if (body instanceof ArrayBuffer)
        return Buffer.from(body);
    if (ArrayBuffer.isView(body))
        return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    throw new TypeError('nodeFetch sends only bytes or text');
}

// EXTERNAL MODULE: ./node_modules/@sigstore/protobuf-specs/dist/index.js
var protobuf_specs_dist = __webpack_require__(9654);
// EXTERNAL MODULE: ./node_modules/@sigstore/verify/dist/index.js
var verify_dist = __webpack_require__(4187);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/trust/trusted-root.ts
// The trusted root: which Rekor logs, Fulcio CAs, CT logs and timestamp authorities this run
// trusts, with the validity period of each key. Read from the `trusted-root` input (the
// protobuf-specs TrustedRoot JSON that `cosign trusted-root create` writes and cosign's
// `--trusted-root` reads), or the public-good root through Sigstore's TUF repository (tuf.ts).
// Never from the services themselves: a key a Rekor hands out proves only that it agrees with
// itself. Logs are found by log ID (sha256 of the key), as cosign and sigstore-go do, so the
// same log reached through a proxy or another host name is the same log.





/** A trusted_root.json larger than this is not one (the public-good root is about 7 KB). */
const MAX_TRUSTED_ROOT_BYTES = 1024 * 1024;
/** The Trust of a parsed TrustedRoot. */
function trustOf(root, source) {
    const tlogs = [];
    for (const t of root.tlogs) {
        const raw = t.publicKey?.rawBytes;
        const id = t.logId?.keyId;
        if (!raw || !id)
            continue;
        let pem;
        try {
            pem = (0,external_node_crypto_.createPublicKey)({ key: Buffer.from(raw), format: 'der', type: 'spki' })
                .export({ type: 'spki', format: 'pem' })
                .toString();
        }
        catch (cause) {
            throw invalid(source, `its transparency log ${t.baseUrl} has a key that cannot be read`, cause);
        }
        tlogs.push({
            logIdHex: Buffer.from(id).toString('hex'),
            publicKeyPem: pem,
            baseUrl: t.baseUrl,
        });
    }
    // Parse everything once up front: a root @sigstore/verify cannot read fails here, not mid-run.
    try {
        (0,verify_dist/* toTrustMaterial */.jO)(root);
    }
    catch (cause) {
        throw invalid(source, 'its certificates or keys cannot be read', cause);
    }
    return {
        source,
        root,
        tlogs,
        tlog: (logIdHex) => tlogs.find((t) => t.logIdHex === logIdHex.toLowerCase()),
        rekorKeysPem: tlogs.map((t) => t.publicKeyPem).join(''),
        fulcioCertificatesPem: root.certificateAuthorities
            .flatMap((ca) => ca.certChain?.certificates ?? [])
            .map((c) => certificatePem(Buffer.from(c.rawBytes)))
            .join(''),
        ctlogPublicKeyPem: lastCtlogKey(root),
        material: (keys) => (0,verify_dist/* toTrustMaterial */.jO)(root, keys),
    };
}
/** Parses trusted_root.json text (protobuf-specs JSON); TRUST_ROOT_INVALID when it is not one. */
function parseTrustedRoot(text, source) {
    let json;
    try {
        json = JSON.parse(text);
    }
    catch (cause) {
        throw invalid(source, 'it is not JSON', cause);
    }
    const mediaType = json?.mediaType;
    if (typeof mediaType !== 'string' ||
        !mediaType.startsWith('application/vnd.dev.sigstore.trustedroot')) {
        throw invalid(source, 'its mediaType is not application/vnd.dev.sigstore.trustedroot…');
    }
    let root;
    try {
        root = protobuf_specs_dist.TrustedRoot.fromJSON(json);
    }
    catch (cause) {
        throw invalid(source, 'it is not a Sigstore TrustedRoot', cause);
    }
    return trustOf(root, source);
}
/** Reads the `trusted-root` file (at most MAX_TRUSTED_ROOT_BYTES). */
function readTrustedRootFile(path) {
    const source = `the trusted root ${path}`;
    let text;
    let fd;
    try {
        fd = (0,external_node_fs_.openSync)(path, 'r');
        const size = (0,external_node_fs_.fstatSync)(fd).size;
        if (size > MAX_TRUSTED_ROOT_BYTES)
            throw invalid(source, `it is ${size} bytes, more than a trusted root holds`);
        const buffer = Buffer.alloc(size);
        let read = 0;
        while (read < size) {
            const n = (0,external_node_fs_.readSync)(fd, buffer, read, size - read, read);
            if (n === 0)
                break;
            read += n;
        }
        text = buffer.subarray(0, read).toString('utf8');
    }
    catch (cause) {
        if (cause instanceof errors/* SignImageError */.FG)
            throw cause;
        throw new errors/* SignImageError */.FG('TRUST_ROOT_INVALID', `the \`trusted-root\` file ${path} cannot be read`, {
            cause,
            hint: 'Give the path of a trusted_root.json in the workspace (make one with `cosign trusted-root create`); nothing was sent',
        });
    }
    finally {
        if (fd !== undefined)
            (0,external_node_fs_.closeSync)(fd);
    }
    return parseTrustedRoot(text, source);
}
function invalid(source, why, cause) {
    return new errors/* SignImageError */.FG('TRUST_ROOT_INVALID', `${source} cannot be used: ${why}`, {
        cause,
        hint: 'Give a Sigstore trusted_root.json (what `cosign trusted-root create` writes, or the public-good one from `cosign trusted-root`… / the TUF repository); nothing was sent',
    });
}
function certificatePem(der) {
    const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
    return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
// The CT log whose key became valid last: the one a new certificate's SCT comes from.
function lastCtlogKey(root) {
    const logs = [...root.ctlogs].sort((a, b) => (a.publicKey?.validFor?.start?.getTime() ?? 0) -
        (b.publicKey?.validFor?.start?.getTime() ?? 0));
    const raw = logs.at(-1)?.publicKey?.rawBytes;
    if (!raw)
        return undefined;
    try {
        return (0,external_node_crypto_.createPublicKey)({ key: Buffer.from(raw), format: 'der', type: 'spki' })
            .export({ type: 'spki', format: 'pem' })
            .toString();
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/trust/tuf.ts
// The public-good trusted root, as cosign and sigstore-js get it: the `trusted_root.json` target
// of Sigstore's TUF repository, read through @sigstore/tuf. The TUF root that ships inside
// @sigstore/tuf (its seeds.json, keyed by the mirror URL) is the anchor: every metadata file the
// mirror serves must chain to it, so a mirror or network in between cannot substitute keys.
// Cached for the run under RUNNER_TEMP (a fresh runner has no cache worth trusting across jobs).




/** Sigstore's public-good TUF mirror (@sigstore/tuf's DEFAULT_MIRROR_URL, whose root it ships). */
const DEFAULT_MIRROR_URL = 'https://tuf-repo-cdn.sigstore.dev';
const pending = new Map();
/** The TUF cache of this run. */
function tufCachePath(env = process.env) {
    return (0,external_node_path_.join)(env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'sign-image-tuf');
}
/** The trusted root from TUF, fetched once per run (concurrent callers share one refresh). */
function publicGoodTrust(source = {}) {
    const mirrorURL = (source.mirrorURL ?? DEFAULT_MIRROR_URL).replace(/\/+$/, '');
    const cachePath = source.cachePath ?? tufCachePath();
    const key = `${mirrorURL}\n${source.rootPath ?? ''}\n${cachePath}`;
    let trust = pending.get(key);
    if (!trust) {
        trust = fetchRoot(mirrorURL, cachePath, source);
        pending.set(key, trust);
        trust.catch(() => pending.delete(key));
    }
    return trust;
}
async function fetchRoot(mirrorURL, cachePath, source) {
    const host = safeHost(mirrorURL);
    try {
        // Loaded only when needed: a run with `trusted-root` never pays for the TUF client.
        const { getTrustedRoot } = await __webpack_require__.e(/* import() */ 694).then(__webpack_require__.bind(__webpack_require__, 4423));
        const root = await getTrustedRoot({
            mirrorURL,
            rootPath: source.rootPath,
            cachePath,
            // A fresh root every run: the cache only saves the second read within it.
            forceInit: false,
            timeout: source.timeoutMs ?? 10_000,
            retry: { retries: 2 },
        });
        return trustOf(root, `the trusted root from the TUF repository at ${host}`);
    }
    catch (cause) {
        if (cause instanceof errors/* SignImageError */.FG)
            throw cause;
        const code = cause?.code;
        throw new errors/* SignImageError */.FG('TRUST_ROOT_UNAVAILABLE', `the public-good trusted root could not be read from the TUF repository at ${host}${typeof code === 'string' ? ` (${code})` : ''}`, {
            cause,
            hint: 'Re-run the job (see https://status.sigstore.dev), or pass `trusted-root` with a trusted_root.json (e.g. `cosign trusted-root create`, or the TUF target saved by `cosign initialize`); nothing was sent',
        });
    }
}
function safeHost(url) {
    try {
        return new URL(url).host;
    }
    catch {
        return 'an invalid URL';
    }
}

// EXTERNAL MODULE: ./src/util/log.ts
var log = __webpack_require__(9906);
;// CONCATENATED MODULE: ./src/report/identity.ts
// Pure: who signed, in the terms a verifier is told. Key mode: the public key and its
// fingerprint. Keyless: the certificate identity (SAN) and OIDC issuer that `cosign verify` and
// the admission controllers match, plus what the Fulcio leaf says about the run, for reviewers.
// https://github.com/sigstore/fulcio/blob/main/docs/oid-info.md


/** Fulcio "Build Config URI": the top-level workflow of the run (the caller of a reusable one). */
const OID_BUILD_CONFIG_URI = '1.3.6.1.4.1.57264.1.18';
/** Fulcio "Run Invocation URI": a link to the run that signed. */
const OID_RUN_INVOCATION_URI = '1.3.6.1.4.1.57264.1.21';
/** The signer's facts; keyless identities come from each result, else from the signer. */
function describeSigner(results, signer) {
    if (signer.mode === 'key') {
        const publicKeyPem = signer.publicKeyPem.endsWith('\n')
            ? signer.publicKeyPem
            : `${signer.publicKeyPem}\n`;
        return {
            mode: 'key',
            publicKeyPem,
            fingerprint: publicKeyFingerprint(publicKeyPem),
            ...(signer.keyRef ? { keyRef: signer.keyRef } : {}),
        };
    }
    const identities = [];
    const add = (identity, issuer) => {
        if (!identities.some((i) => i.identity === identity && i.issuer === issuer)) {
            identities.push({ identity, issuer });
        }
    };
    for (const r of results)
        add(r.identity ?? signer.subject, r.issuer ?? signer.issuer);
    if (identities.length === 0)
        add(signer.subject, signer.issuer);
    const leaf = parseLeaf(signer.certificatePem);
    const buildConfig = leaf && utf8Extension(leaf, OID_BUILD_CONFIG_URI);
    const runUrl = leaf && utf8Extension(leaf, OID_RUN_INVOCATION_URI);
    return {
        mode: 'keyless',
        identities,
        ...(buildConfig && !identities.some((i) => i.identity === buildConfig)
            ? { callerWorkflow: buildConfig }
            : {}),
        ...(runUrl ? { runUrl } : {}),
    };
}
/** Hex SHA-256 of the SubjectPublicKeyInfo DER inside a `PUBLIC KEY` PEM. */
function publicKeyFingerprint(pem) {
    const body = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
    return (0,external_node_crypto_.createHash)('sha256').update(Buffer.from(body, 'base64')).digest('hex');
}
// The report must never fail a run that signed: an unreadable leaf only loses the extras.
function parseLeaf(pem) {
    const body = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(pem)?.[1];
    if (!body)
        return undefined;
    try {
        return X509Certificate.parse(Buffer.from(body.replace(/\s+/g, ''), 'base64'));
    }
    catch {
        return undefined;
    }
}
// Fulcio's newer extensions hold a DER UTF8String; only URLs are read here, so check the shape.
function utf8Extension(leaf, oid) {
    const value = leaf.extension(oid)?.value;
    if (!value)
        return undefined;
    try {
        const text = ASN1Obj.parseBuffer(value).value.toString('utf8');
        return /^https:\/\/[^\s`'"<>]+$/.test(text) ? text : undefined;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/tlog/entry.ts

/** The log index, log ID (hex) and integrated time of an entry. */
function entry_toLogSummary(e) {
    return {
        logIndex: Number(decimal(e.logIndex, 'logIndex')),
        logIdHex: entry_logIdHex(e),
        integratedTime: Number(decimal(e.integratedTime, 'integratedTime')),
    };
}
/**
 * The `dev.sigstore.cosign/bundle` annotation text, byte-identical to Go json.Marshal of cosign's
 * bundle.RekorBundle: `{"SignedEntryTimestamp":…,"Payload":{"body","integratedTime","logIndex","logID"}}`.
 * The outer keys have no JSON tags in Go, hence the capitalised names. Throws without a SET:
 * `cosign verify` checks the bundle offline and needs one (Rekor v2 entries have none).
 */
function buildCosignBundleAnnotation(e) {
    const set = e.inclusionPromise?.signedEntryTimestamp;
    if (!set || set.length === 0) {
        throw new SignImageError('TLOG_ERROR', 'the transparency log returned an entry without a signed entry timestamp', {
            hint: 'cosign needs the SET of a Rekor v1 log in the `.sig` bundle annotation; point `rekor-url` at a Rekor v1 API such as https://rekor.sigstore.dev',
        });
    }
    if (e.canonicalizedBody.length === 0) {
        throw new SignImageError('TLOG_ERROR', 'the transparency log returned an entry without a body');
    }
    // Both numbers are copied as Rekor sent them (int64 in Go), so no float rounding can creep in.
    return (`{"SignedEntryTimestamp":"${Buffer.from(set).toString('base64')}",` +
        `"Payload":{"body":"${Buffer.from(e.canonicalizedBody).toString('base64')}",` +
        `"integratedTime":${decimal(e.integratedTime, 'integratedTime')},` +
        `"logIndex":${decimal(e.logIndex, 'logIndex')},` +
        `"logID":"${entry_logIdHex(e)}"}}`);
}
/** The log ID as lower-case hex (sha256 of the log's public key), as cosign writes `logID`. */
function entry_logIdHex(e) {
    const keyId = e.logId?.keyId;
    if (!keyId || keyId.length === 0) {
        throw new SignImageError('TLOG_ERROR', 'the transparency log entry has no log ID');
    }
    return Buffer.from(keyId).toString('hex');
}
// protobuf int64 fields arrive as decimal strings; accept only canonical non-negative ones.
function decimal(value, name) {
    const text = String(value);
    if (!/^(?:0|[1-9][0-9]*)$/.test(text) || !Number.isSafeInteger(Number(text))) {
        throw new SignImageError('TLOG_ERROR', `the transparency log entry has an invalid ${name}`);
    }
    return text;
}

;// CONCATENATED MODULE: ./src/tlog/verify-entry.ts




/**
 * Requires the entry to be the hashedrekord 0.0.1 we proposed: hash algorithm `sha256` with our
 * payload hash, the same signature text, and a key whose DER equals ours (Rekor re-encodes the
 * PEM, so the text may differ). Throws TLOG_ENTRY_MISMATCH naming the first field that differs.
 */
function verify_entry_checkHashedRekordEntry(e, sent) {
    if (e.kindVersion?.kind !== 'hashedrekord' || e.kindVersion.version !== '0.0.1') {
        throw mismatch('kindVersion', `is ${e.kindVersion?.kind}/${e.kindVersion?.version}, not hashedrekord/0.0.1`);
    }
    let body;
    try {
        body = JSON.parse(Buffer.from(e.canonicalizedBody).toString('utf8'));
    }
    catch {
        throw mismatch('body', 'is not JSON');
    }
    if (at(body, 'kind') !== 'hashedrekord' || at(body, 'apiVersion') !== '0.0.1') {
        throw mismatch('body kind/apiVersion', 'is not hashedrekord/0.0.1');
    }
    const spec = at(body, 'spec');
    const hash = at(at(spec, 'data'), 'hash');
    // cosign's VerifyBundle accepts only "sha256" here, whatever the key would allow.
    if (at(hash, 'algorithm') !== 'sha256')
        throw mismatch('spec.data.hash.algorithm', 'is not sha256');
    if (at(hash, 'value') !== sent.payloadSha256Hex)
        throw mismatch('spec.data.hash.value', 'is not the sha256 of the signed payload');
    const signature = at(spec, 'signature');
    // cosign compares the signature as a string, so equal bytes in another encoding would fail.
    if (at(signature, 'content') !== sent.signatureBase64)
        throw mismatch('spec.signature.content', 'is not the signature that was sent');
    const logged = at(at(signature, 'publicKey'), 'content');
    if (typeof logged !== 'string')
        throw mismatch('spec.signature.publicKey.content', 'is missing');
    const loggedDer = pemDer(Buffer.from(logged, 'base64').toString('utf8'));
    const sentDer = pemDer(sent.publicKeyPem);
    if (!loggedDer || !sentDer || !loggedDer.equals(sentDer))
        throw mismatch('spec.signature.publicKey.content', 'is not the key or certificate that was sent');
}
/**
 * Verifies the SET (inclusion promise): the log ID must be sha256 of the log key's SPKI DER, and
 * the SET an ECDSA (or Ed25519) signature by that key over the RFC 8785 JSON of
 * {body, integratedTime, logID, logIndex}, as cosign's VerifySET recomputes it.
 * `rekorPublicKeysPem` holds the key of every trusted log (the trusted root's); the one whose
 * log ID the entry names is used, as cosign and sigstore-go pick it (by ID, never by URL).
 */
function verify_entry_verifySignedEntryTimestamp(e, rekorPublicKeysPem) {
    const id = logIdHex(e);
    const key = logKeys(rekorPublicKeysPem).find((k) => k.id === id)?.key;
    if (!key) {
        throw new SignImageError('TLOG_UNTRUSTED', `the Rekor entry's logID ${id} is not a transparency log of the trusted root`, {
            hint: 'Point `rekor-url` at a log `trusted-root` names, or pass the trusted_root.json of the Rekor you use (`cosign trusted-root create --rekor=…`); nothing was written to the registry',
        });
    }
    const set = e.inclusionPromise?.signedEntryTimestamp;
    if (!set || set.length === 0)
        throw mismatch('inclusionPromise', 'has no signed entry timestamp');
    const signed = json.canonicalize({
        body: Buffer.from(e.canonicalizedBody).toString('base64'),
        integratedTime: Number(e.integratedTime),
        logID: id,
        logIndex: Number(e.logIndex),
    });
    const algorithm = key.asymmetricKeyType === 'ed25519' ? null : 'sha256';
    if (!verifies(algorithm, Buffer.from(signed, 'utf8'), key, Buffer.from(set))) {
        throw mismatch('signedEntryTimestamp', 'does not verify with the log public key');
    }
}
// The trusted logs' keys with their log IDs (sha256 of the SPKI DER), parsed once per PEM text:
// every entry of a run is checked against the same trusted root.
const parsedLogKeys = new Map();
function logKeys(pemText) {
    let keys = parsedLogKeys.get(pemText);
    if (keys)
        return keys;
    const blocks = pemText.match(/-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g) ?? [];
    keys = blocks.map((block) => {
        let key;
        try {
            key = createPublicKey(block);
        }
        catch (cause) {
            throw new SignImageError('TLOG_ERROR', 'a transparency log public key cannot be read', {
                cause,
            });
        }
        const spki = key.export({ type: 'spki', format: 'der' });
        return { id: createHash('sha256').update(spki).digest('hex'), key };
    });
    parsedLogKeys.set(pemText, keys);
    return keys;
}
// node:crypto throws on malformed DER signatures; that is a failed check like any other.
function verifies(algorithm, data, key, signature) {
    try {
        return verify(algorithm, data, key, signature);
    }
    catch {
        return false;
    }
}
/**
 * The DER of the single PEM block in `text`; undefined when it holds no block or more than one
 * (cosign's comparePublicKey refuses trailing PEM blocks).
 */
function pemDer(text) {
    const blocks = [...text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g)];
    if (blocks.length !== 1)
        return undefined;
    const body = blocks[0][2].replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body))
        return undefined;
    return Buffer.from(body, 'base64');
}
function at(value, key) {
    return typeof value === 'object' && value !== null
        ? value[key]
        : undefined;
}
function mismatch(field, problem) {
    return new SignImageError('TLOG_ENTRY_MISMATCH', `the Rekor entry's ${field} ${problem}`, {
        hint: 'The log did not record what was sent, so cosign verify would reject the signature; nothing was written to the registry. Check `rekor-url` and re-run',
    });
}

;// CONCATENATED MODULE: ./src/tlog/verify-dsse.ts



/**
 * Requires the entry to be dsse/0.0.1 with `envelopeHash` = sha256 of the envelope string we
 * submitted, `payloadHash` = sha256 of our statement, and exactly our signature with a verifier
 * whose DER equals ours. Throws TLOG_ENTRY_MISMATCH naming the first field that differs.
 */
function checkDsseEntry(e, sent) {
    if (e.kindVersion?.kind !== 'dsse' || e.kindVersion.version !== '0.0.1') {
        throw verify_dsse_mismatch('kindVersion', `is ${e.kindVersion?.kind}/${e.kindVersion?.version}, not dsse/0.0.1`);
    }
    let body;
    try {
        body = JSON.parse(Buffer.from(e.canonicalizedBody).toString('utf8'));
    }
    catch {
        throw verify_dsse_mismatch('body', 'is not JSON');
    }
    if (verify_dsse_at(body, 'kind') !== 'dsse' || verify_dsse_at(body, 'apiVersion') !== '0.0.1')
        throw verify_dsse_mismatch('body kind/apiVersion', 'is not dsse/0.0.1');
    const spec = verify_dsse_at(body, 'spec');
    expectHash(verify_dsse_at(spec, 'envelopeHash'), sha256Hex(Buffer.from(sent.submittedEnvelope, 'utf8')), 'spec.envelopeHash', 'the envelope that was sent');
    expectHash(verify_dsse_at(spec, 'payloadHash'), sha256Hex(sent.envelope.payload), 'spec.payloadHash', 'the signed statement');
    const logged = verify_dsse_at(spec, 'signatures');
    if (!Array.isArray(logged) || logged.length !== sent.envelope.signatures.length) {
        throw verify_dsse_mismatch('spec.signatures', 'do not match the envelope signatures that were sent');
    }
    const sentDer = pemDer(sent.publicKeyPem);
    for (const sig of sent.envelope.signatures) {
        const match = logged.find((l) => verify_dsse_at(l, 'signature') === Buffer.from(sig.sig).toString('base64'));
        if (!match)
            throw verify_dsse_mismatch('spec.signatures', 'do not hold the signature that was sent');
        const verifier = verify_dsse_at(match, 'verifier');
        const loggedDer = typeof verifier === 'string'
            ? pemDer(Buffer.from(verifier, 'base64').toString('utf8'))
            : undefined;
        if (!loggedDer || !sentDer || !loggedDer.equals(sentDer)) {
            throw verify_dsse_mismatch('spec.signatures[].verifier', 'is not the key or certificate that was sent');
        }
    }
}
function expectHash(hash, expected, field, what) {
    if (verify_dsse_at(hash, 'algorithm') !== 'sha256')
        throw verify_dsse_mismatch(`${field}.algorithm`, 'is not sha256');
    if (verify_dsse_at(hash, 'value') !== expected)
        throw verify_dsse_mismatch(`${field}.value`, `is not the sha256 of ${what}`);
}
function sha256Hex(bytes) {
    return (0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex');
}
function verify_dsse_at(value, key) {
    return typeof value === 'object' && value !== null
        ? value[key]
        : undefined;
}
function verify_dsse_mismatch(field, problem) {
    return new errors/* SignImageError */.FG('TLOG_ENTRY_MISMATCH', `the Rekor dsse entry's ${field} ${problem}`, {
        hint: 'The log did not record what was sent, so cosign verify would reject the bundle; nothing was written to the registry. Check `rekor-url` and re-run',
    });
}

;// CONCATENATED MODULE: ./src/trust/verify.ts





/** Throws TLOG_UNTRUSTED, CERTIFICATE_UNTRUSTED, TSA_UNTRUSTED or TLOG_ENTRY_MISMATCH. */
function verifyBundle(bundle, trust, expect, what = 'the signature') {
    const timestamps = (expect.tlog ? 1 : 0) + (expect.tsa ? 1 : 0);
    const keyless = bundle.verificationMaterial.content.$case !== 'publicKey';
    // A certificate is only checked at a verified time; without a log entry or token there is
    // none, and the chain was checked at issue (checkCertificate) instead.
    if (keyless && timestamps === 0)
        return;
    const verifier = new Verifier(materialFor(trust, expect.publicKeyPem), {
        tlogThreshold: expect.tlog ? 1 : 0,
        ctlogThreshold: keyless ? 1 : 0,
        timestampThreshold: timestamps,
    });
    try {
        verifier.verify(toSignedEntity(bundle, expect.artifact), expect.identity
            ? {
                subjectAlternativeName: expect.identity.subject,
                extensions: { issuer: expect.identity.issuer },
            }
            : undefined);
    }
    catch (err) {
        throw untrusted(err, trust, what, bundle);
    }
}
/**
 * Checks a Fulcio leaf before anything is signed with it: it chains to a CA of the trusted root
 * that was valid when the leaf was issued, carries an SCT by a trusted CT log, and names
 * `identity`. @sigstore/verify checks a chain only at a verified time; before any signature
 * exists that time is the leaf's own notBefore (the bundle check later repeats all of it at the
 * Rekor and TSA times). The entity below holds the leaf and that time only, no signature.
 */
function checkCertificate(leafPem, trust, identity) {
    let leaf;
    try {
        const body = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(leafPem)?.[1];
        leaf = X509Certificate.parse(Buffer.from((body ?? '').replace(/\s+/g, ''), 'base64'));
    }
    catch (cause) {
        throw new SignImageError('CERTIFICATE_INVALID', 'the certificate Fulcio returned cannot be parsed', {
            cause,
        });
    }
    const entity = {
        signature: {
            signature: Buffer.alloc(0),
            compareSignature: () => false,
            compareDigest: () => false,
            compareSignedDigest: () => false,
            verifySignature: () => true, // no signature yet: only the chain, SCT and identity are checked
        },
        key: { $case: 'certificate', certificate: leaf },
        tlogEntries: [],
        timestamps: [{ $case: 'transparency-log', tlogEntry: timeEntry(leaf.notBefore) }],
    };
    const verifier = new Verifier(trust.material(), {
        tlogThreshold: 0,
        ctlogThreshold: 1,
        timestampThreshold: 1,
    });
    try {
        verifier.verify(entity, identity
            ? { subjectAlternativeName: identity.subject, extensions: { issuer: identity.issuer } }
            : undefined);
    }
    catch (err) {
        throw untrusted(err, trust, 'the certificate Fulcio returned');
    }
}
// The trust material of a root (its keys and certificates parsed) and signer key, built once
// per run and reused for every bundle of it.
const materials = new WeakMap();
function materialFor(trust, publicKeyPem) {
    let byKey = materials.get(trust);
    if (!byKey)
        materials.set(trust, (byKey = new Map()));
    let material = byKey.get(publicKeyPem ?? '');
    if (!material) {
        material = withKeyCache(trust.material(publicKeyPem ? keyTrust(publicKeyPem).keys : undefined));
        byKey.set(publicKeyPem ?? '', material);
    }
    return material;
}
/**
 * `material` with each hinted key parsed once: @sigstore/verify's key locator runs
 * createPublicKey on every verify, and a run checks many signatures by the same key.
 */
function withKeyCache(material) {
    const found = new Map();
    return {
        ...material,
        publicKey: (hint) => {
            const known = found.get(hint) ?? material.publicKey(hint);
            found.set(hint, known);
            return known;
        },
    };
}
/**
 * Key mode: the signer's own key for @sigstore/verify's trust material, under the hint a
 * bundle names it by (KeySigner's: base64 sha256 of the SPKI).
 */
function keyTrust(pem) {
    const spki = (0,external_node_crypto_.createPublicKey)(pem).export({ type: 'spki', format: 'der' });
    const hint = (0,external_node_crypto_.createHash)('sha256').update(spki).digest('base64');
    return {
        hint,
        keys: { [hint]: { rawBytes: spki, keyDetails: protobuf_specs_dist.PublicKeyDetails.PKIX_ECDSA_P256_SHA_256 } },
    };
}
/**
 * A log entry that says nothing but a time: @sigstore/verify checks a certificate only at the
 * times of an entity's timestamps, so this is how a chain is checked at a time of our choosing
 * (a leaf's issue time before anything is signed; "now" when a signature has no timestamp).
 */
function timeEntry(at) {
    return {
        logIndex: '0',
        logId: { keyId: Buffer.alloc(0) },
        kindVersion: { kind: 'none', version: 'none' },
        integratedTime: String(Math.floor(at.getTime() / 1000)),
        inclusionPromise: { signedEntryTimestamp: Buffer.alloc(0) },
        inclusionProof: undefined,
        canonicalizedBody: Buffer.alloc(0),
    };
}
function untrusted(err, trust, what, bundle) {
    const code = err?.code;
    const detail = errorText(err);
    const hasTsa = Boolean(bundle?.verificationMaterial.timestampVerificationData?.rfc3161Timestamps.length);
    let ours = 'INTERNAL';
    let why = '';
    if (err instanceof PolicyError || code === 'CERTIFICATE_ERROR' || code === 'PUBLIC_KEY_ERROR') {
        ours = 'CERTIFICATE_UNTRUSTED';
        why =
            'its certificate does not chain to a Fulcio CA (with an SCT by a CT log) of the trusted root, or names another identity';
    }
    else if (code === 'TLOG_BODY_ERROR') {
        ours = 'TLOG_ENTRY_MISMATCH';
        why = 'the Rekor entry is not the signature that was sent';
    }
    else if (code === 'TIMESTAMP_ERROR' && hasTsa) {
        ours = 'TSA_UNTRUSTED';
        why = 'its RFC 3161 timestamp is not signed by a timestamp authority of the trusted root';
    }
    else if (typeof code === 'string' && (code.startsWith('TLOG') || code === 'TIMESTAMP_ERROR')) {
        ours = 'TLOG_UNTRUSTED';
        why =
            'its Rekor entry is not signed by a transparency log of the trusted root (matched by log ID)';
    }
    if (!(err instanceof VerificationError) && !(err instanceof PolicyError) && ours === 'INTERNAL') {
        return new SignImageError('INTERNAL', `${what} could not be checked against ${trust.source}`, {
            cause: err,
        });
    }
    return new SignImageError(ours, `${what} is not trusted: ${why || 'it does not verify'} (${trust.source}: ${detail})`, {
        cause: err,
        hint: ours === 'TLOG_ENTRY_MISMATCH'
            ? 'The log did not record what was sent; nothing was written to the registry. Check `rekor-url` and re-run'
            : 'Point `rekor-url`/`fulcio-url`/`tsa-url` at the services `trusted-root` names, or pass the trusted_root.json of the instance you use (`cosign trusted-root create`); nothing was written to the registry',
    });
}

// EXTERNAL MODULE: ./src/verify/inputs.ts + 5 modules
var inputs = __webpack_require__(874);
;// CONCATENATED MODULE: ./src/verify/check.ts








function createChecker(req, trust, now = () => new Date()) {
    const key = req.policy.mode === 'key' ? keyFacts(req.policy.publicKeyPem) : undefined;
    const material = withKeyCache((0,verify_dist/* toTrustMaterial */.jO)(trust?.root ?? EMPTY_ROOT, key?.trust));
    // A candidate is judged once per digest, however often the run asks (run.ts rounds).
    const verdicts = new WeakMap();
    return {
        check: (c, digest) => {
            const seen = verdicts.get(c) ?? new Map();
            verdicts.set(c, seen);
            const verdict = seen.get(digest) ?? checkOne(c, digest, req, material, key, now);
            seen.set(digest, verdict);
            return verdict;
        },
    };
}
// A root that trusts nothing: a key verified with `ignore-tlog` needs no log, CA or TSA.
const EMPTY_ROOT = protobuf_specs_dist.TrustedRoot.fromJSON({
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [],
    certificateAuthorities: [],
    ctlogs: [],
    timestampAuthorities: [],
});
function checkOne(c, digest, req, material, key, now) {
    if (c.unreadable || !c.bundle)
        return fail(c.unreadable ?? 'it cannot be read');
    const keyless = c.bundle.verificationMaterial.content.$case !== 'publicKey';
    if (req.policy.mode === 'key' && keyless)
        return fail('it was signed keylessly (it carries a certificate), not by the key');
    if (req.policy.mode === 'keyless' && !keyless)
        return fail('it was signed by a key, not by a Fulcio certificate');
    const bundle = key ? withKeyHint(c.bundle, key.hint) : c.bundle;
    let entity;
    try {
        entity = (0,verify_dist/* toSignedEntity */.DC)(bundle, c.artifact);
    }
    catch (err) {
        return fail(`it cannot be read (${(0,errors/* errorText */.kc)(err)})`);
    }
    if (req.ignoreTlog) {
        // As `--insecure-ignore-tlog`: the entry is neither required nor looked at.
        entity = {
            ...entity,
            tlogEntries: [],
            timestamps: entity.timestamps.filter((t) => t.$case === 'timestamp-authority'),
        };
    }
    if (keyless && entity.timestamps.length === 0) {
        // No log time and no TSA time: the certificate must be valid now (cosign does the same).
        entity = {
            ...entity,
            timestamps: [{ $case: 'transparency-log', tlogEntry: timeEntry(now()) }],
        };
    }
    const verifier = new verify_dist/* Verifier */.BL(material, {
        tlogThreshold: req.ignoreTlog ? 0 : 1,
        ctlogThreshold: keyless ? 1 : 0,
        timestampThreshold: 0,
    });
    let signer;
    try {
        signer = verifier.verify(entity);
    }
    catch (err) {
        return fail(explain(err, keyless));
    }
    const entry = entity.tlogEntries[0];
    if (entry && c.storedEnvelope && entry.kindVersion.kind === 'dsse') {
        const problem = envelopeHashProblem(entry, c, bundle, key, keyless);
        if (problem)
            return fail(problem);
    }
    const identity = signer.identity?.subjectAlternativeName;
    const issuer = signer.identity?.extensions?.issuer;
    if (req.policy.mode === 'keyless') {
        if (!(0,inputs/* matches */.cK)(req.policy.identity, identity))
            return fail(`its certificate names another identity (${identity ?? 'none'})`);
        if (!(0,inputs/* matches */.cK)(req.policy.issuer, issuer))
            return fail(`its certificate names another OIDC issuer (${issuer ?? 'none'})`);
    }
    const claims = c.claims;
    if (!claims)
        return fail('its signed payload cannot be parsed');
    if (!claims.subjectDigests.includes(digest))
        return fail(`it signs another digest (${claims.subjectDigests.join(', ') || 'none'})`);
    if (c.kind === 'signature') {
        // `cosign verify -a`: the signature's own payload carries them.
        for (const [k, v] of Object.entries(req.annotations ?? {})) {
            if (claims.annotations?.[k] !== v)
                return fail(`the annotation ${k}=${v} is missing or different in the signed payload`);
        }
    }
    else if (claims.predicateType !== req.predicateType) {
        // `cosign verify-attestation --type`.
        return fail(`its predicate type is ${claims.predicateType ?? 'none'}, not ${req.predicateType ?? 'the one asked'}`);
    }
    return {
        ok: true,
        signer: key ? `sha256:${key.fingerprint}` : identity,
        issuer: key ? undefined : issuer,
        rekorLogIndex: entry ? Number(entry.logIndex) : undefined,
        integratedTime: entry ? Number(entry.integratedTime) : undefined,
    };
}
function keyFacts(publicKeyPem) {
    const { hint, keys } = keyTrust(publicKeyPem);
    return { hint, fingerprint: publicKeyFingerprint(publicKeyPem), pem: publicKeyPem, trust: keys };
}
// `cosign verify --key` verifies with the key it is given, whatever hint the layer carries.
function withKeyHint(bundle, hint) {
    if (bundle.verificationMaterial.content.$case !== 'publicKey')
        return bundle;
    return {
        ...bundle,
        verificationMaterial: {
            ...bundle.verificationMaterial,
            content: { $case: 'publicKey', publicKey: { hint } },
        },
    };
}
// sigstore-js checks a dsse entry's payload hash and signatures; cosign also requires its
// envelopeHash to be the sha256 of the stored `.att` blob (what was submitted, byte for byte).
function envelopeHashProblem(entry, c, bundle, key, keyless) {
    if (bundle.content.$case !== 'dsseEnvelope')
        return undefined;
    const material = bundle.verificationMaterial.content;
    const verifierPem = key
        ? key.pem
        : keyless && material.$case === 'certificate'
            ? dist.pem.fromDER(Buffer.from(material.certificate.rawBytes))
            : undefined;
    if (!verifierPem)
        return undefined;
    try {
        checkDsseEntry(entry, {
            envelope: bundle.content.dsseEnvelope,
            submittedEnvelope: c.storedEnvelope.toString('utf8'),
            publicKeyPem: verifierPem,
        });
        return undefined;
    }
    catch (err) {
        return `its Rekor entry is for another envelope (${(0,errors/* errorText */.kc)(err)})`;
    }
}
// @sigstore/verify's error codes, in the words of a deploy gate's log.
function explain(err, keyless) {
    const code = err?.code;
    const detail = (0,errors/* errorText */.kc)(err);
    if (err instanceof verify_dist/* PolicyError */.pn)
        return `it does not meet the identity policy (${detail})`;
    if (!(err instanceof verify_dist/* VerificationError */.mk))
        return `it cannot be checked (${detail})`;
    switch (code) {
        case 'SIGNATURE_ERROR':
            return keyless
                ? 'its signature does not verify with its certificate (the payload or signature was changed)'
                : 'its signature does not verify with the key (another key signed it, or the payload or signature was changed)';
        case 'TLOG_ERROR':
            return /expected \d+ tlog entries/.test(detail)
                ? 'it has no Rekor entry (a signature made with `tlog-upload: false` needs `ignore-tlog: true`)'
                : `its Rekor entry does not verify (${detail})`;
        case 'TLOG_INCLUSION_PROMISE_ERROR':
        case 'TLOG_INCLUSION_PROOF_ERROR':
        case 'TLOG_MISSING_INCLUSION_ERROR':
            return `its Rekor entry is not signed by a transparency log of the trusted root (${detail})`;
        case 'TLOG_BODY_ERROR':
            return `its Rekor entry is for another signature or payload (${detail})`;
        case 'CERTIFICATE_ERROR':
            return `its certificate does not chain to a Fulcio CA of the trusted root at the signing time, or has no valid SCT (${detail})`;
        case 'PUBLIC_KEY_ERROR':
            return `the key is not valid at the signing time (${detail})`;
        case 'TIMESTAMP_ERROR':
            return `its RFC 3161 timestamp does not verify against a timestamp authority of the trusted root (${detail})`;
        default:
            return `it does not verify (${detail})`;
    }
}
function fail(reason) {
    return { ok: false, reason };
}

;// CONCATENATED MODULE: ./src/report/markdown.ts
// Pure: values from outside (image references, tags, certificate identities, service URLs) as
// job-summary Markdown that shows them as text and nothing else. GitHub renders the summary as
// GitHub-flavoured Markdown with inline HTML, so a certificate SAN from a crafted branch name
// (git allows `` ` ``, `<`, `>`, `|`, `[`, `]`) could otherwise close a code span and emit
// headings, links or table cells of its own.
/** Control characters (line breaks included) as visible escapes: a value stays on its line. */
function flatten(text) {
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is matched
    return String(text).replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, (c) => {
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    });
}
/**
 * A code span holding `text` literally (CommonMark §6.1): delimited by one backtick more than
 * the longest run inside it, padded with a space when the text starts or ends with a backtick.
 * Inside a code span `<`, `>`, `&`, `[`, `]` are literal already. In a table row (`inTable`) a
 * `|` would still end the cell, so it is escaped as GFM tables require (`\|`, even in spans).
 */
function code(text, opts = {}) {
    let value = flatten(text);
    if (opts.inTable)
        value = value.replace(/\|/g, '\\|');
    const longest = Math.max(0, ...[...value.matchAll(/`+/g)].map((m) => m[0].length));
    const ticks = '`'.repeat(longest + 1);
    const pad = value.startsWith('`') || value.endsWith('`') || value === '' ? ' ' : '';
    return `${ticks}${pad}${value}${pad}${ticks}`;
}
/**
 * `text` as plain Markdown/HTML text: every character Markdown or HTML could act on becomes a
 * numeric character reference, which renders as the character itself and is never markup.
 */
function markdown_text(value) {
    return flatten(value).replace(/[&<>"'`|[\]\\*_~#!()]/g, (c) => `&#${c.charCodeAt(0)};`);
}
/** A fenced block whose fence no line of `content` can close (one backtick more than any run). */
function fenced(content, info = '') {
    const longest = Math.max(2, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
    const fence = '`'.repeat(longest + 1);
    return [`${fence}${info}`, content, fence];
}

;// CONCATENATED MODULE: ./src/report/verify-command.ts
const PUBLIC_REKOR_URL = 'https://rekor.sigstore.dev';
const PUBLIC_FULCIO_URL = 'https://fulcio.sigstore.dev';
/** How many digests the summary lists one by one; the `signatures` output always has them all. */
const MAX_LISTED = 200;
const SEARCH = 'https://search.sigstore.dev/?logIndex=';
/** A summary table cell for a Rekor log index, linked to search.sigstore.dev for the public log only. */
function rekorLogIndexCell(logIndex, linked) {
    if (logIndex === undefined)
        return 'not logged';
    return linked ? `[${logIndex}](${SEARCH}${logIndex})` : `${logIndex}`;
}
/** The public Sigstore instance, which every verifier trusts out of the box. */
function publicSigstore() {
    return { rekorUrl: PUBLIC_REKOR_URL, fulcioUrl: PUBLIC_FULCIO_URL };
}
/** True when `url` is the given public service (trailing slashes and case aside). */
function isPublicUrl(url, publicUrl) {
    return url.replace(/\/+$/, '').toLowerCase() === publicUrl;
}
/** True when at least one signature has a Rekor entry (tlog-upload was on). */
function wasLogged(results) {
    return results.some((r) => r.rekorLogIndex !== undefined);
}
/** The shell text: every command needed, in order, without Markdown fences. */
function buildVerifyCommand(results, signer, context) {
    const flags = [];
    if (!isPublicUrl(context.rekorUrl, PUBLIC_REKOR_URL))
        flags.push(`--rekor-url ${quote(context.rekorUrl)}`);
    // Without a Rekor entry cosign refuses the signature unless told the log is not wanted.
    if (!wasLogged(results))
        flags.push('--insecure-ignore-tlog=true');
    if (signer.mode === 'key') {
        const lines = ["cat > cosign.pub <<'EOF'", ...signer.publicKeyPem.trimEnd().split('\n'), 'EOF'];
        return `${[...lines, ...command(['--key cosign.pub', ...flags], results)].join('\n')}\n`;
    }
    const blocks = signer.identities.map((id) => command([
        // Always quoted: an identity is text to compare, and an email or URL may hold `?`, `&`, `*`.
        `--certificate-identity ${singleQuote(id.identity)}`,
        `--certificate-oidc-issuer ${singleQuote(id.issuer)}`,
        ...flags,
    ], 
    // With a single identity (every real run) all results belong to it.
    signer.identities.length === 1
        ? results
        : results.filter((r) => r.identity === undefined || r.identity === id.identity)).join('\n'));
    return `${blocks.join('\n\n')}\n`;
}
/** Distinct `image@digest` references, first seen first (`both` signs each digest twice). */
function signedReferences(results) {
    return [...new Set(results.map((r) => `${r.image}@${r.digest}`))];
}
function command(flags, results) {
    const refs = signedReferences(results);
    const listed = refs.slice(0, MAX_LISTED).map(quote);
    const parts = [`cosign verify ${flags[0]}`, ...flags.slice(1), ...listed];
    const lines = parts.map((p, i) => (i === 0 ? p : `  ${p}`));
    const joined = lines.map((l, i) => (i < lines.length - 1 ? `${l} \\` : l));
    if (refs.length > MAX_LISTED) {
        joined.push(`# ${refs.length - MAX_LISTED} more digests are in the \`signatures\` output`);
    }
    return joined;
}
/** Single-quotes a shell word unless it is made of characters no shell treats specially. */
function quote(word) {
    return /^[A-Za-z0-9@%+=:,./_-]+$/.test(word) ? word : singleQuote(word);
}
/** The word in single quotes, each `'` written as `'\''`. */
function singleQuote(word) {
    return `'${word.replace(/'/g, `'\\''`)}'`;
}

;// CONCATENATED MODULE: ./src/verify/report.ts
// Pure: the verify action's step outputs and job summary, from the per-digest results. Every
// value that came from outside (references, identities, reasons quoting a registry) is escaped
// for Markdown by report/markdown.ts.



/** `verified` and `signatures` as action-contract.md defines them. */
function buildVerifyOutputs(results) {
    return {
        verified: String(results.length > 0 && results.every((r) => r.verified)),
        signatures: JSON.stringify(results.map((r) => ({
            image: r.image,
            digest: r.digest,
            verified: r.verified,
            format: r.format,
            signatureRef: r.signatureRef,
            signer: r.signer,
            rekorLogIndex: r.rekorLogIndex ?? null,
            reason: r.reason,
        }))),
    };
}
/** The one `::error::` line of a run where some digest failed; undefined when all passed. */
function failureLine(results) {
    const failed = results.filter((r) => !r.verified);
    if (failed.length === 0)
        return undefined;
    const each = failed.map((r) => `${r.image}@${r.digest}: ${r.reason}`).join('; ');
    return `${failed.length} of ${results.length} digests failed verification: ${each}. Nothing may be deployed from a digest that fails; sign it (or fix the policy inputs) and re-run`;
}
/** What every signature was checked against, as the summary lists it. */
function describeRequirements(config, trustSource) {
    const p = config.policy;
    const lines = [
        p.mode === 'key'
            ? 'kmsKey' in p
                ? `Signer: the KMS key ${code(p.kmsKey.uri)} (its public key read from the KMS)`
                : 'Signer: the public key given as `key`'
            : `Signer: a Fulcio certificate for identity ${code((0,inputs/* describeMatcher */.OT)(p.identity))} issued by ${code((0,inputs/* describeMatcher */.OT)(p.issuer))}, with an SCT`,
        config.ignoreTlog
            ? 'Transparency log: not checked (`ignore-tlog: true`)'
            : `Transparency log: a Rekor entry for this very signature, its SET signed by a log of ${markdown_text(trustSource ?? 'the trusted root')}`,
        `Looked in: ${config.lookIn === 'any' ? 'the `.sig` tag and bundle referrers' : config.lookIn === 'legacy' ? 'the `.sig` tag' : 'bundle referrers'}`,
    ];
    if (config.annotations)
        lines.push(`Annotations: ${Object.entries(config.annotations)
            .map(([k, v]) => code(`${k}=${v}`))
            .join(', ')}`);
    if (config.attestationType)
        lines.push(`Attestation: one of type ${code(config.attestationType.uri)} by the same signer`);
    return lines;
}
/** The job summary: what was required, then one row per digest. */
function buildVerifySummary(results, requirements, 
/** The log the entries are in when they are public (linked to its search); undefined: not linked. */
rekorUrl) {
    const linked = rekorUrl !== undefined && isPublicUrl(rekorUrl, PUBLIC_REKOR_URL);
    const passed = results.filter((r) => r.verified).length;
    const head = passed === results.length
        ? `✅ ${passed} of ${results.length} digests verified`
        : `❌ ${results.length - passed} of ${results.length} digests failed verification`;
    const rows = results.map((r) => [
        code(`${r.image}@${r.digest}`, { inTable: true }),
        r.verified ? '✅ verified' : '❌ failed',
        r.format || '—',
        r.signatureRef ? code(r.signatureRef, { inTable: true }) : '—',
        r.signer ? code(r.issuer ? `${r.signer} (${r.issuer})` : r.signer, { inTable: true }) : '—',
        r.verified ? rekorLogIndexCell(r.rekorLogIndex, linked) : '—',
        r.verified
            ? `${r.checked} checked${r.attestationRef ? `; attestation ${code(r.attestationRef, { inTable: true })}` : ''}`
            : markdown_text(r.reason),
    ].join(' | '));
    return [
        '## Image verification',
        '',
        head,
        '',
        ...requirements.map((l) => `- ${l}`),
        '',
        '| Digest | Result | Format | Signature | Signer | Rekor log index | Checked / why not |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        ...rows.map((r) => `| ${r} |`),
        '',
    ].join('\n');
}

// EXTERNAL MODULE: ./src/reference/parse.ts
var parse = __webpack_require__(1166);
;// CONCATENATED MODULE: ./src/util/limit.ts
// Bounded parallelism: registries and Rekor throttle bursts, and a runner has few cores.
/** Maps `items` through `fn` with at most `limit` calls in flight; results keep input order. */
async function mapLimit(items, limit, fn) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const index = next++;
            results[index] = await fn(items[index], index);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
}
/**
 * mapLimit, but the first item of each group (e.g. of each registry) runs alone first, the
 * groups' firsts side by side: what it learns (the registry's challenge, registry/auth.ts) then
 * serves the rest, which would otherwise each draw a 401 of their own. Results keep input order.
 */
async function mapLimitFirstAlone(items, groupOf, limit, fn) {
    const firsts = new Map();
    items.forEach((item, i) => {
        const group = groupOf(item);
        if (!firsts.has(group))
            firsts.set(group, i);
    });
    const results = new Array(items.length);
    const first = new Set(firsts.values());
    await Promise.all([...first].map(async (i) => (results[i] = await fn(items[i], i))));
    const rest = items.map((item, i) => ({ item, i })).filter(({ i }) => !first.has(i));
    await mapLimit(rest, limit, async ({ item, i }) => (results[i] = await fn(item, i)));
    return results;
}
/** A Limiter allowing `limit` tasks at once across all callers (FIFO); sleeps hold no slot. */
function createLimiter(limit) {
    let running = 0;
    const waiting = [];
    let firsts = 0; // how many of `waiting`, at its head, are `first` tasks (kept in their order)
    return async (task, order) => {
        if (running >= limit) {
            await new Promise((resolve) => {
                if (order === 'first')
                    waiting.splice(firsts++, 0, resolve);
                else
                    waiting.push(resolve);
            });
        }
        else
            running++;
        try {
            return await task();
        }
        finally {
            // Hand the slot straight to the next waiter, so `running` never overshoots.
            const next = waiting.shift();
            if (firsts > 0)
                firsts--;
            if (next)
                next();
            else
                running--;
        }
    };
}

// EXTERNAL MODULE: ./node_modules/@sigstore/bundle/dist/index.js
var bundle_dist = __webpack_require__(1040);
// EXTERNAL MODULE: ./src/payload/go-json.ts
var go_json = __webpack_require__(7741);
;// CONCATENATED MODULE: ./src/payload/statement.ts
// The in-toto Statement v1 that cosign v3 signs for an image in its default (bundle) format
// (cosign-format §6): the digest as the only subject, the `-a` annotations on that subject, the
// predicate type cosign's `sign` uses and an empty predicate. cosign writes it with protojson,
// which sorts map keys and does not HTML-escape; whitespace is not part of the contract, only the
// signature over the exact bytes is, so the compact form is used.
// https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md



/** `_type` of an in-toto Statement v1. */
const IN_TOTO_STATEMENT_V1 = 'https://in-toto.io/Statement/v1';
/** The DSSE payloadType of an in-toto statement. */
const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
/** The predicate type of `cosign sign` v3 (a signature, not an attestation). */
const COSIGN_SIGN_PREDICATE_TYPE = 'https://sigstore.dev/cosign/sign/v1';
/**
 * The statement bytes for `digest`: `{"_type","subject":[{"digest":{"sha256"},"annotations"}],
 * "predicateType","predicate":{}}`. Annotations are `{}` when none are given, as cosign writes
 * them; `cosign verify -a k=v` compares them with the subject's annotations.
 */
function buildStatement(digest, annotations) {
    const hex = parseDigest(digest).slice('sha256:'.length);
    // protojson writes a Struct's keys in Go's (byte-wise) order. Built as text because a JS
    // object would move integer-like keys ("10", "2") to the front.
    const keys = Object.keys(annotations ?? {}).sort(compareGoStrings);
    const notes = keys.map((key) => {
        const value = annotations[key];
        if (typeof value !== 'string')
            throw new SignImageError('INTERNAL', `annotation "${key}" must be a string`);
        return `${JSON.stringify(key)}:${JSON.stringify(value)}`;
    });
    const json = `{"_type":${JSON.stringify(IN_TOTO_STATEMENT_V1)},` +
        `"subject":[{"digest":{"sha256":"${hex}"},"annotations":{${notes.join(',')}}}],` +
        `"predicateType":${JSON.stringify(COSIGN_SIGN_PREDICATE_TYPE)},"predicate":{}}`;
    return Buffer.from(json, 'utf8');
}

// EXTERNAL MODULE: ./src/util/encoding.ts
var encoding = __webpack_require__(2195);
;// CONCATENATED MODULE: ./src/storage/legacy/layer.ts
// One signature as a layer of the `.sig` image (cosign-format §3.2, §3.3): the blob is the payload
// itself, uncompressed, and everything else rides in the descriptor's annotations.
// https://github.com/sigstore/cosign/blob/main/specs/SIGNATURE_SPEC.md





/** base64 of the DER signature over the payload; on every layer. */
const layer_SIGNATURE_ANNOTATION = 'dev.cosignproject.cosign/signature';
/** Leaf certificate PEM (keyless). */
const layer_CERTIFICATE_ANNOTATION = 'dev.sigstore.cosign/certificate';
/** Rest of the certificate chain PEM; present whenever the certificate is, possibly "". */
const CHAIN_ANNOTATION = 'dev.sigstore.cosign/chain';
/** Rekor bundle JSON `{"SignedEntryTimestamp":…,"Payload":{…}}` (see tlog/entry.ts). */
const layer_BUNDLE_ANNOTATION = 'dev.sigstore.cosign/bundle';
/** `{"SignedRFC3161Timestamp":"<b64 TimeStampResp DER>"}` when a TSA was used. */
const RFC3161_TIMESTAMP_ANNOTATION = 'dev.sigstore.cosign/rfc3161timestamp';
/** The `.sig` layer descriptor for one signature, annotations as cosign's static.NewSignature sets them. */
function buildSignatureLayer(input) {
    if (!STD_BASE64.test(input.signatureBase64) || input.signatureBase64 === '') {
        throw new SignImageError('INTERNAL', 'the signature is not standard padded base64');
    }
    return layer_cosignLayer(COSIGN_SIMPLE_SIGNING, input.payload, { [layer_SIGNATURE_ANNOTATION]: input.signatureBase64 }, input);
}
/**
 * A cosign layer descriptor: the blob's digest and size, `own` annotations plus the certificate,
 * chain, Rekor bundle and timestamp ones, sorted as Go's map marshalling writes them.
 */
function layer_cosignLayer(mediaType, blob, own, material) {
    const annotations = { ...own };
    // cosign writes the chain key whenever it writes the certificate, even with an empty chain
    // (v3's legacy path always does): verifiers then fall back to the trusted Fulcio chain.
    if (material.certificatePem !== undefined) {
        annotations[layer_CERTIFICATE_ANNOTATION] = material.certificatePem;
        annotations[CHAIN_ANNOTATION] = material.chainPem ?? '';
    }
    if (material.rekorBundle !== undefined)
        annotations[layer_BUNDLE_ANNOTATION] = material.rekorBundle;
    if (material.rfc3161Timestamp !== undefined)
        annotations[RFC3161_TIMESTAMP_ANNOTATION] = material.rfc3161Timestamp;
    return {
        mediaType,
        size: blob.length,
        digest: `sha256:${createHash('sha256').update(blob).digest('hex')}`,
        annotations: sortedRecord(annotations),
    };
}
/** The rfc3161timestamp annotation: Go json.Marshal of cosign's bundle.RFC3161Timestamp. */
function buildRfc3161TimestampAnnotation(timeStampResponseDer) {
    return `{"SignedRFC3161Timestamp":"${timeStampResponseDer.toString('base64')}"}`;
}
/** A copy whose key order is Go's map order, so JSON.stringify and our serializer agree. */
function sortedRecord(record) {
    const out = {};
    for (const key of Object.keys(record).sort(compareGoStrings))
        out[key] = record[key];
    return out;
}
/** Go json.Marshal of ggcr v1.Descriptor (mediaType, size, digest, data, urls, annotations, platform, artifactType). */
function layer_descriptorJson(d) {
    return goStruct([
        ['mediaType', goString(d.mediaType)],
        ['size', goInt(d.size)],
        ['digest', goString(d.digest)],
        ['data', d.data ? goString(d.data) : undefined],
        ['urls', d.urls && d.urls.length > 0 ? goStringSlice(d.urls) : undefined],
        ['annotations', nonEmpty(d.annotations) ? goStringMap(d.annotations) : undefined],
        ['platform', d.platform ? platformJson(d.platform) : undefined],
        ['artifactType', d.artifactType ? goString(d.artifactType) : undefined],
    ]);
}
function platformJson(p) {
    const list = (l) => (l && l.length > 0 ? goStringSlice(l) : undefined);
    return goStruct([
        ['architecture', goString(p.architecture)],
        ['os', goString(p.os)],
        ['os.version', p['os.version'] ? goString(p['os.version']) : undefined],
        ['os.features', list(p['os.features'])],
        ['variant', p.variant ? goString(p.variant) : undefined],
        ['features', list(p.features)],
    ]);
}
/** Reads a descriptor of an existing manifest as Go decodes it (absent/null → zero value, wrong type → error). */
function parseDescriptor(v, where) {
    if (!(0,encoding/* isObject */.Gv)(v))
        throw layer_invalid(`${where} is not an object`);
    if (typeof v.digest !== 'string' || !encoding/* SHA256_DIGEST */.fu.test(v.digest))
        throw layer_invalid(`${where} has no sha256 digest`);
    const size = v.size ?? 0;
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0)
        throw layer_invalid(`${where} has no valid size`);
    const d = {
        mediaType: layer_text(v.mediaType, `${where}.mediaType`),
        size,
        digest: v.digest,
    };
    const data = layer_text(v.data, `${where}.data`);
    if (data !== '') {
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data) || data.length % 4 !== 0)
            throw layer_invalid(`${where}.data is not base64`);
        d.data = data;
    }
    const urls = texts(v.urls, `${where}.urls`);
    if (urls.length > 0)
        d.urls = urls;
    const annotations = parseStringMap(v.annotations, `${where}.annotations`);
    if (annotations !== undefined)
        d.annotations = annotations;
    if (v.platform !== undefined && v.platform !== null) {
        const p = v.platform;
        if (!(0,encoding/* isObject */.Gv)(p))
            throw layer_invalid(`${where}.platform is not an object`);
        d.platform = {
            architecture: layer_text(p.architecture, 'platform.architecture'),
            os: layer_text(p.os, 'platform.os'),
        };
        for (const key of ['os.version', 'variant'])
            if (layer_text(p[key], key) !== '')
                d.platform[key] = layer_text(p[key], key);
        for (const key of ['os.features', 'features'])
            if (texts(p[key], key).length > 0)
                d.platform[key] = texts(p[key], key);
    }
    const artifactType = layer_text(v.artifactType, `${where}.artifactType`);
    if (artifactType !== '')
        d.artifactType = artifactType;
    return d;
}
/** Reads a Go map[string]string; undefined when absent, null or empty (omitempty drops it on output). */
function parseStringMap(v, where) {
    if (v === undefined || v === null)
        return undefined;
    if (!(0,encoding/* isObject */.Gv)(v))
        throw layer_invalid(`${where} is not an object`);
    const entries = Object.entries(v);
    for (const [k, value] of entries)
        if (typeof value !== 'string')
            throw layer_invalid(`${where}["${k}"] is not a string`);
    return entries.length > 0 ? v : undefined;
}
function layer_text(v, where) {
    if (v === undefined || v === null)
        return '';
    if (typeof v !== 'string')
        throw layer_invalid(`${where} is not a string`);
    return v;
}
function texts(v, where) {
    if (v === undefined || v === null)
        return [];
    if (!Array.isArray(v))
        throw layer_invalid(`${where} is not a list`);
    return v.map((s, i) => layer_text(s, `${where}[${i}]`));
}
function nonEmpty(map) {
    return map !== undefined && Object.keys(map).length > 0;
}
function layer_invalid(why) {
    return new errors/* SignImageError */.FG('SIGNATURE_MANIFEST_INVALID', `the existing .sig manifest cannot be extended: ${why}`, {
        hint: 'Something other than cosign, skopeo or this action wrote the `sha256-<hex>.sig` tag; inspect it, delete it if it is not a signature image, and sign again',
    });
}

;// CONCATENATED MODULE: ./src/storage/bundle/referrer.ts
// Pure builders for cosign v3's storage of a Sigstore bundle (cosign-format §6): the OCI 1.1
// artifact manifest that carries the bundle and names the signed image as its `subject`, and the
// referrers-tag index (`sha256-<hex>`) that lists such manifests on registries without the
// referrers API. Bytes follow Go's json.Marshal of ggcr's types, as cosign writes them.
// https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#referrers-tag-schema






/** `dsse-envelope` or `message-signature`: what the bundle holds. */
const BUNDLE_CONTENT_ANNOTATION = 'dev.sigstore.bundle.content';
/** The in-toto predicate type of a DSSE bundle. */
const BUNDLE_PREDICATE_TYPE_ANNOTATION = 'dev.sigstore.bundle.predicateType';
/** RFC 3339 creation time, whole seconds, UTC. */
const CREATED_ANNOTATION = 'org.opencontainers.image.created';
/** The config blob of every artifact manifest: the two bytes `{}`. */
const EMPTY_BLOB = Buffer.from('{}');
/**
 * The artifact manifest: config = the empty descriptor (with `artifactType`, as cosign writes it),
 * one bundle layer, annotations, `subject`, `artifactType` — Go's v1.Manifest field order.
 */
function buildReferrerManifest(input) {
    const annotations = {
        [BUNDLE_CONTENT_ANNOTATION]: input.content,
        [CREATED_ANNOTATION]: input.created.toISOString().replace(/\.\d+Z$/, 'Z'),
    };
    if (input.predicateType)
        annotations[BUNDLE_PREDICATE_TYPE_ANNOTATION] = input.predicateType;
    const { mediaType, size, digest } = input.subject;
    const json = goStruct([
        ['schemaVersion', goInt(2)],
        ['mediaType', goString(OCI_MANIFEST)],
        [
            'config',
            descriptorJson({
                mediaType: OCI_EMPTY,
                size: EMPTY_BLOB.length,
                digest: OCI_EMPTY_DIGEST,
                artifactType: SIGSTORE_BUNDLE_V03,
            }),
        ],
        [
            'layers',
            `[${descriptorJson({ mediaType: SIGSTORE_BUNDLE_V03, size: input.bundle.length, digest: sha256Digest(input.bundle) })}]`,
        ],
        ['annotations', goStringMap(annotations)],
        ['subject', descriptorJson({ mediaType, size, digest: parseDigest(digest) })],
        ['artifactType', goString(SIGSTORE_BUNDLE_V03)],
    ]);
    const bytes = Buffer.from(json, 'utf8');
    // What the referrers API would list: the manifest's own artifactType and annotations (OCI
    // distribution-spec), not cosign 3.1's `application/vnd.oci.empty.v1+json`.
    const descriptor = {
        mediaType: OCI_MANIFEST,
        size: bytes.length,
        digest: sha256Digest(bytes),
        annotations,
        artifactType: SIGSTORE_BUNDLE_V03,
    };
    return { bytes, descriptor };
}
/** The referrers tag of `digest`: `sha256-<hex>` (no suffix). */
function referrersTag(digest) {
    return (0,parse/* parseDigest */.m)(digest).replace(':', '-');
}
/**
 * Adds `ours` to the referrers index `existing` (undefined: none yet). Every listed descriptor is
 * kept; the list is sorted by digest, as ggcr writes it; a digest already listed is not repeated.
 */
function mergeReferrersIndex(existing, ours) {
    const index = existing === undefined ? { schemaVersion: 2, manifests: [] } : parseReferrersIndex(existing);
    if (index.manifests.some((d) => d.digest === ours.digest))
        return { bytes: existing, added: false };
    const manifests = [...index.manifests, ours].sort((a, b) => a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : 0);
    const json = goStruct([
        ['schemaVersion', goInt(index.schemaVersion)],
        ['mediaType', goString(OCI_INDEX)],
        ['manifests', `[${manifests.map(descriptorJson).join(',')}]`],
        ['annotations', index.annotations ? goStringMap(index.annotations) : undefined],
        ['subject', index.subject ? descriptorJson(index.subject) : undefined],
    ]);
    return { bytes: Buffer.from(json, 'utf8'), added: true };
}
/** True when the index bytes list a manifest with `digest`. */
function indexLists(bytes, digest) {
    return parseReferrersIndex(bytes).manifests.some((d) => d.digest === digest);
}
/** Reads a stored referrers index; REFERRERS_INDEX_INVALID when the tag holds something else. */
function parseReferrersIndex(bytes) {
    try {
        const doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
        if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
            throw new Error('it is not a JSON object');
        const { schemaVersion, mediaType, manifests, annotations, subject } = doc;
        if (mediaType !== undefined && mediaType !== media_types_OCI_INDEX)
            throw new Error(`it has media type ${JSON.stringify(mediaType)}, not an OCI image index`);
        if (schemaVersion !== 2)
            throw new Error('its schemaVersion is not 2');
        // An image manifest has no `manifests`; overwriting it would destroy someone's image.
        if (!Array.isArray(manifests))
            throw new Error('it has no manifests list, so it is not an image index');
        return {
            schemaVersion,
            manifests: manifests.map((d, i) => parseDescriptor(d, `manifests[${i}]`)),
            annotations: parseStringMap(annotations, 'annotations'),
            subject: subject === undefined || subject === null ? undefined : parseDescriptor(subject, 'subject'),
        };
    }
    catch (cause) {
        const why = cause instanceof errors/* SignImageError */.FG
            ? cause.message.replace('the existing .sig manifest cannot be extended: ', '')
            : cause instanceof Error
                ? cause.message
                : String(cause);
        throw new errors/* SignImageError */.FG('REFERRERS_INDEX_INVALID', `the referrers index tag cannot be extended: ${why}`, {
            hint: 'Something other than an OCI referrers list was pushed to the `sha256-<hex>` tag of the signed digest; inspect it and delete it if it is not one, then sign again',
            cause,
        });
    }
}

;// CONCATENATED MODULE: ./src/verify/formats/claims.ts
// What a signed payload claims, parsed after nothing but JSON: the simple-signing payload of a
// `.sig` layer (cosign-format §2) and the in-toto statement of a DSSE envelope.

/** `critical.image.docker-manifest-digest`, `optional` and the docker-reference; undefined if not JSON. */
function simpleSigningClaims(payload) {
    let doc;
    try {
        doc = JSON.parse(payload.toString('utf8'));
    }
    catch {
        return undefined;
    }
    if (!(0,encoding/* isObject */.Gv)(doc) || !(0,encoding/* isObject */.Gv)(doc.critical))
        return undefined;
    const image = doc.critical.image;
    const identity = doc.critical.identity;
    const digest = (0,encoding/* isObject */.Gv)(image) ? image['docker-manifest-digest'] : undefined;
    const reference = (0,encoding/* isObject */.Gv)(identity) ? identity['docker-reference'] : undefined;
    return {
        subjectDigests: typeof digest === 'string' ? [digest] : [],
        annotations: (0,encoding/* isObject */.Gv)(doc.optional) ? doc.optional : undefined,
        dockerReference: typeof reference === 'string' ? reference : undefined,
    };
}
/**
 * The statement's subjects and predicate type. `annotations` are those of the subject naming
 * `digest` (cosign 3 puts `sign -a` there and `verify -a` compares them).
 */
function statementClaims(payload, digest) {
    let doc;
    try {
        doc = JSON.parse(payload.toString('utf8'));
    }
    catch {
        return undefined;
    }
    if (!(0,encoding/* isObject */.Gv)(doc) || !Array.isArray(doc.subject))
        return undefined;
    const subjectDigests = [];
    let annotations;
    for (const subject of doc.subject) {
        if (!(0,encoding/* isObject */.Gv)(subject) || !(0,encoding/* isObject */.Gv)(subject.digest))
            continue;
        const hex = subject.digest.sha256;
        if (typeof hex !== 'string')
            continue;
        subjectDigests.push(`sha256:${hex}`);
        if (`sha256:${hex}` === digest && (0,encoding/* isObject */.Gv)(subject.annotations))
            annotations = subject.annotations;
    }
    return {
        subjectDigests,
        annotations,
        predicateType: typeof doc.predicateType === 'string' ? doc.predicateType : undefined,
    };
}

;// CONCATENATED MODULE: ./src/verify/formats/format.ts
/** Stored signatures read per digest and format at most: every read is bounded. */
const MAX_CANDIDATES = 100;
/** Blob bytes read per digest and place at most (each blob is also capped by the client). */
const MAX_BLOB_BYTES_PER_DIGEST = 32 * 1024 * 1024;

;// CONCATENATED MODULE: ./src/verify/formats/bundle.ts
// cosign 3's place: Sigstore bundles attached to the digest as OCI 1.1 referrers (cosign-format
// §6), listed by the registry's referrers API or, without one, by the `sha256-<hex>` tag index.
// A bundle whose statement has cosign's sign predicate type is a signature; any other predicate
// type is an attestation. Bundles are parsed with @sigstore/bundle, as @sigstore/verify expects.










const BUNDLE_MEDIA_TYPE_PREFIX = 'application/vnd.dev.sigstore.bundle';
const READS = 8;
/**
 * Bundle referrers of a digest, signatures and attestations alike. Whether a registry serves the
 * referrers API is asked once per registry and run (`apiByRegistry`), not once per repository:
 * a deploy gate verifying 20 repositories of one registry saves 19 probes.
 */
function bundleReferrers(apiByRegistry = new Map()) {
    return {
        format: 'bundle',
        kinds: ['signature', 'attestation'],
        async find(target, client) {
            const listed = await listReferrers(target.digest, client, apiByRegistry);
            // Not filtered by the descriptor's artifactType: the ggcr of cosign 3.1 lists its bundles
            // with the config's media type (application/vnd.oci.empty.v1+json), and cosign's reader,
            // like this one, decides by the manifest's layer (cosign-format §6).
            const repo = (0,parse/* repositoryName */.aR)(target.ref);
            const budget = { bytes: MAX_BLOB_BYTES_PER_DIGEST };
            const read = await mapLimit(listed.slice(0, MAX_CANDIDATES), READS, (d) => readReferrer(d, client, `${repo}@${d.digest}`, target.digest, budget));
            return read.filter((c) => c !== undefined);
        },
    };
}
// As go-containerregistry (cosign) lists them: the API, else the fallback tag's index.
async function listReferrers(digest, client, apiByRegistry) {
    const known = apiByRegistry.get(client.registry);
    if (known === undefined) {
        const probe = client.referrers(digest);
        apiByRegistry.set(client.registry, probe.then((r) => r.supported));
        const api = await probe;
        if (api.supported)
            return api.index?.manifests ?? [];
    }
    else if (await known.catch(() => false)) {
        return (await client.referrers(digest)).index?.manifests ?? [];
    }
    const index = await client.getManifest(referrersTag(digest));
    if (!index)
        return [];
    return parseReferrersIndex(index.bytes).manifests;
}
async function readReferrer(d, client, ref, digest, budget) {
    const base = { format: 'bundle', kind: 'signature', ref };
    try {
        const manifest = await client.getManifest(d.digest, media_types_OCI_MANIFEST);
        if (!manifest)
            return { ...base, unreadable: 'the referrer is listed but not in the registry' };
        const layers = JSON.parse(manifest.bytes.toString('utf8')).layers;
        const layer = Array.isArray(layers) && layers.length === 1 ? layers[0] : undefined;
        if (!(0,encoding/* isObject */.Gv)(layer) ||
            typeof layer.digest !== 'string' ||
            typeof layer.mediaType !== 'string' ||
            !layer.mediaType.startsWith(BUNDLE_MEDIA_TYPE_PREFIX))
            return undefined; // another kind of referrer (an SBOM pushed by oras, say): not ours to judge
        // The digest's bundles share one read budget, as its `.sig` layers do (legacy.ts).
        const size = typeof layer.size === 'number' ? layer.size : Infinity;
        if (size > budget.bytes)
            return {
                ...base,
                unreadable: `it was not read: the bundles before it already hold ${MAX_BLOB_BYTES_PER_DIGEST / 1024 / 1024} MiB`,
            };
        budget.bytes -= size;
        const blob = await client.getBlob(layer.digest);
        let bundle;
        try {
            bundle = (0,bundle_dist/* bundleFromJSON */.vw)(JSON.parse(blob.toString('utf8')));
        }
        catch (err) {
            return { ...base, unreadable: `its bundle cannot be read (${(0,errors/* errorText */.kc)(err)})` };
        }
        if (bundle.content.$case !== 'dsseEnvelope')
            return {
                ...base,
                bundle,
                unreadable: 'it is a message-signature bundle, which names no image',
            };
        const claims = statementClaims(Buffer.from(bundle.content.dsseEnvelope.payload), digest);
        const kind = claims?.predicateType === COSIGN_SIGN_PREDICATE_TYPE ? 'signature' : 'attestation';
        return { ...base, kind, bundle, claims };
    }
    catch (err) {
        return { ...base, unreadable: `it cannot be read (${(0,errors/* errorText */.kc)(err)})` };
    }
}

;// CONCATENATED MODULE: ./src/payload/simple-signing.ts
// The simple-signing payload of cosign's legacy format (cosign-format §2): the exact bytes that are
// signed, logged in Rekor (as their sha256) and stored as the `.sig` layer blob.
// https://github.com/containers/image/blob/main/docs/containers-signature.5.md#json-data-format



/** `critical.type` of every cosign (and skopeo sigstore) image signature payload. */
const COSIGN_SIGNATURE_TYPE = 'cosign container image signature';
/**
 * The payload bytes Go's json.Marshal writes for sigstore's payload.SimpleContainerImage: compact,
 * struct key order, `"optional":null` when there are no annotations (cosign's map is nil then,
 * empty or not), otherwise a map with sorted keys.
 */
function buildSimpleSigningPayload(dockerReference, digest, annotations) {
    if (dockerReference === '')
        throw new errors/* SignImageError */.FG('INTERNAL', 'the payload needs a docker-reference');
    const manifestDigest = (0,parse/* parseDigest */.m)(digest);
    for (const [key, value] of Object.entries(annotations ?? {})) {
        if (typeof value !== 'string')
            throw new errors/* SignImageError */.FG('INTERNAL', `annotation "${key}" must be a string`);
    }
    const optional = annotations && Object.keys(annotations).length > 0 ? (0,go_json/* goStringMap */.KM)(annotations) : 'null';
    const json = `{"critical":{"identity":{"docker-reference":${(0,go_json/* goString */.WF)(dockerReference)}},` +
        `"image":{"docker-manifest-digest":${(0,go_json/* goString */.WF)(manifestDigest)}},` +
        `"type":${(0,go_json/* goString */.WF)(COSIGN_SIGNATURE_TYPE)}},"optional":${optional}}`;
    return Buffer.from(json, 'utf8');
}

;// CONCATENATED MODULE: ./src/storage/legacy/attestation-layer.ts
// One attestation as a layer of the `.att` image beside the digest (`sha256-<hex>.att`), as
// `cosign attest` writes it in the legacy format (cosign v3.1.2 cmd/cosign/cli/attest/attest.go,
// pkg/oci/static: NewAttestation): the blob is the DSSE envelope, media type
// application/vnd.dsse.envelope.v1+json, the signature annotation present but empty (the
// signature is inside the envelope), `predicateType`, and the same bundle/certificate/chain
// annotations as a `.sig` layer. The blob must be the envelope string exactly as it was proposed
// to Rekor: cosign verify-attestation compares the dsse entry's envelopeHash with sha256 of the
// layer (cosign-format §6), so the caller passes tlog/proposed-entry.ts submittedEnvelope().



/** The predicate type of the statement in the layer (cosign's `predicateType` annotation). */
const PREDICATE_TYPE_ANNOTATION = 'predicateType';
/** The tag that holds the attestations of `digest`: `sha256-<hex>.att` (cosign `normalize`). */
function attestationTag(digest) {
    return `${(0,parse/* parseDigest */.m)(digest).replace(':', '-')}.att`;
}
/** The `.att` layer descriptor for one attestation. */
function buildAttestationLayer(input) {
    return cosignLayer(DSSE_ENVELOPE, input.envelope, { [SIGNATURE_ANNOTATION]: '', [PREDICATE_TYPE_ANNOTATION]: input.predicateType }, input);
}

;// CONCATENATED MODULE: ./src/payload/image-config.ts
// The image config of a `.sig` image, re-marshalled as go-containerregistry's mutate.Append does
// after adding layers: decode into v1.ConfigFile, append one diff_id and one empty history entry
// per layer, json.Marshal. Anything ggcr's struct has no field for is dropped, as ggcr drops it.
// https://github.com/google/go-containerregistry/blob/main/pkg/v1/config.go
// (Lives here, not in storage/legacy, only because that folder is limited to layer.ts/manifest.ts.)



/** ggcr empty.Image's config: what cosign starts a new `.sig` image from. */
const image_config_EMPTY_IMAGE_CONFIG = Buffer.from('{"architecture":"","os":"","rootfs":{"type":"layers"},"config":{}}');
/** True for the two media types ggcr re-marshals (Docker and OCI image configs). */
function image_config_isImageConfigMediaType(mediaType) {
    return (mediaType === 'application/vnd.oci.image.config.v1+json' ||
        mediaType === 'application/vnd.docker.container.image.v1+json');
}
/**
 * `config` with `diffIds` appended to rootfs.diff_ids and one `{"created":"0001-01-01T00:00:00Z"}`
 * history entry per added layer (ggcr Addendum.History is empty), as Go json.Marshal writes it.
 */
function image_config_appendToImageConfig(config, diffIds) {
    let cf;
    try {
        cf = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(config));
    }
    catch (cause) {
        throw image_config_invalid('it is not UTF-8 JSON', cause);
    }
    if (!isObject(cf))
        throw image_config_invalid('it is not a JSON object');
    const rootfs = cf.rootfs ?? {};
    if (!isObject(rootfs))
        throw image_config_invalid('rootfs is not an object');
    const existingIds = strings(rootfs.diff_ids, 'rootfs.diff_ids') ?? [];
    const allIds = [...existingIds, ...diffIds];
    for (const id of allIds)
        if (!SHA256_DIGEST.test(id))
            throw image_config_invalid(`diff_id "${id}" is not a sha256 digest`);
    const history = list(cf.history, 'history').map(historyJson);
    // Not omitempty-able: ggcr's Addendum.History is the zero value, whose `created` is Go's zero time.
    for (let i = 0; i < diffIds.length; i++)
        history.push(`{"created":${GO_ZERO_TIME}}`);
    const json = goStruct([
        ['architecture', goString(str(cf.architecture, 'architecture'))],
        ['author', opt(cf.author, 'author')],
        ['container', opt(cf.container, 'container')],
        ['created', time(cf.created, 'created')],
        ['docker_version', opt(cf.docker_version, 'docker_version')],
        ['history', history.length > 0 ? `[${history.join(',')}]` : undefined],
        ['os', goString(str(cf.os, 'os'))],
        [
            'rootfs',
            goStruct([
                ['type', goString(str(rootfs.type, 'rootfs.type'))],
                ['diff_ids', goStringSlice(allIds.length > 0 ? allIds : undefined)],
            ]),
        ],
        ['config', containerConfigJson(cf.config ?? {})],
        ['os.version', opt(cf['os.version'], 'os.version')],
        ['variant', opt(cf.variant, 'variant')],
        ['os.features', optList(cf['os.features'], 'os.features')],
    ]);
    return Buffer.from(json, 'utf8');
}
function historyJson(entry) {
    if (!isObject(entry))
        throw image_config_invalid('a history entry is not an object');
    if (entry.empty_layer !== undefined &&
        entry.empty_layer !== null &&
        typeof entry.empty_layer !== 'boolean') {
        throw image_config_invalid('history.empty_layer is not a boolean');
    }
    return goStruct([
        ['author', opt(entry.author, 'history.author')],
        ['created', time(entry.created, 'history.created')],
        ['created_by', opt(entry.created_by, 'history.created_by')],
        ['comment', opt(entry.comment, 'history.comment')],
        ['empty_layer', entry.empty_layer === true ? 'true' : undefined],
    ]);
}
// ggcr v1.Config: every field omitempty, in struct order. `b` bool, `s` string, `l` []string,
// `m` map[string]string, `e` map[string]struct{}, `h` *HealthConfig.
const CONTAINER_FIELDS = [
    'AttachStderr:b AttachStdin:b AttachStdout:b Cmd:l Healthcheck:h Domainname:s ',
    'Entrypoint:l Env:l Hostname:s Image:s Labels:m OnBuild:l OpenStdin:b StdinOnce:b ',
    'Tty:b User:s Volumes:e WorkingDir:s ExposedPorts:e ArgsEscaped:b NetworkDisabled:b ',
    'MacAddress:s StopSignal:s Shell:l',
]
    .join('')
    .split(' ')
    .map((f) => f.split(':'));
function containerConfigJson(config) {
    if (!isObject(config))
        throw image_config_invalid('config is not an object');
    return goStruct(CONTAINER_FIELDS.map(([name, kind]) => [name, containerField(config[name], kind, `config.${name}`)]));
}
function containerField(v, kind, where) {
    if (v === undefined || v === null)
        return undefined;
    if (kind === 'b') {
        if (typeof v !== 'boolean')
            throw image_config_invalid(`${where} is not a boolean`);
        return v ? 'true' : undefined;
    }
    if (kind === 's')
        return opt(v, where);
    if (kind === 'l')
        return optList(v, where);
    if (!isObject(v))
        throw image_config_invalid(`${where} is not an object`);
    if (kind === 'h') {
        const ints = ['Interval', 'Timeout', 'StartPeriod', 'Retries'].map((k) => [k, image_config_int(v[k], `${where}.${k}`)]);
        return goStruct([['Test', optList(v.Test, `${where}.Test`)], ...ints]);
    }
    const keys = Object.keys(v);
    if (keys.length === 0)
        return undefined;
    if (kind === 'e')
        return `{${keys
            .sort(compareGoStrings)
            .map((k) => `${goString(k)}:{}`)
            .join(',')}}`;
    return goStringMap(Object.fromEntries(keys.map((k) => [k, str(v[k], `${where}.${k}`)])));
}
function time(v, where) {
    if (v === undefined || v === null)
        return GO_ZERO_TIME;
    if (typeof v !== 'string')
        throw image_config_invalid(`${where} is not a time`);
    try {
        return goTime(v);
    }
    catch (cause) {
        throw image_config_invalid(`${where} "${v}" is not an RFC 3339 time`, cause);
    }
}
function image_config_int(v, where) {
    if (v === undefined || v === null || v === 0)
        return undefined;
    if (typeof v !== 'number' || !Number.isSafeInteger(v))
        throw image_config_invalid(`${where} is not an integer`);
    return goInt(v);
}
function str(v, where) {
    if (v === undefined || v === null)
        return '';
    if (typeof v !== 'string')
        throw image_config_invalid(`${where} is not a string`);
    return v;
}
function opt(v, where) {
    const s = str(v, where);
    return s === '' ? undefined : goString(s);
}
function strings(v, where) {
    if (v === undefined || v === null)
        return undefined;
    return list(v, where).map((s, i) => str(s, `${where}[${i}]`));
}
function optList(v, where) {
    const l = strings(v, where);
    return l && l.length > 0 ? goStringSlice(l) : undefined;
}
function list(v, where) {
    if (v === undefined || v === null)
        return [];
    if (!Array.isArray(v))
        throw image_config_invalid(`${where} is not a list`);
    return v;
}
function image_config_invalid(why, cause) {
    return new SignImageError('SIGNATURE_MANIFEST_INVALID', `the existing .sig config cannot be extended: ${why}`, {
        hint: 'Something other than cosign, skopeo or this action wrote the config of the `sha256-<hex>.sig` image; delete that tag and sign again',
        cause,
    });
}

;// CONCATENATED MODULE: ./src/storage/legacy/manifest.ts
// The `.sig` image: a manifest with one layer per signature and an image config that lists them
// (cosign-format §3). Appending is what cosign does through ggcr's mutate.Append, byte for byte:
// existing layers kept in order, ours last, the config re-marshalled with one diff_id and one
// history entry more. https://github.com/google/go-containerregistry/blob/main/pkg/v1/mutate/image.go








/** cosign readers refuse a `.sig` with more layers than this (`maxLayers` in pkg/oci). */
const MAX_SIGNATURE_LAYERS = 1000;
/** The tag that holds the signatures of `digest`: `sha256-<hex>.sig` (cosign `normalize`). */
function signatureTag(digest) {
    return `${(0,parse/* parseDigest */.m)(digest).replace(':', '-')}.sig`;
}
/**
 * Appends `layer` to the `.sig` manifest `existing` (undefined: none yet). Pass the existing
 * config blob as `existingConfig` to get exactly what cosign would write; without it the config
 * is rebuilt from the layers as cosign builds a fresh one, which differs for `.sig` images made
 * by skopeo (no `created`/`history`) or with --record-creation-timestamp.
 */
function mergeSignatureManifest(existing, layer, existingConfig) {
    const base = existing === undefined ? emptySignatureManifest() : manifest_parseSignatureManifest(existing);
    if (!SHA256_DIGEST.test(layer.digest) || !Number.isSafeInteger(layer.size)) {
        throw new SignImageError('INTERNAL', 'the new signature layer has no valid digest and size');
    }
    const ours = { ...layer };
    if (!isImageConfigMediaType(base.config.mediaType)) {
        throw manifest_invalid(`its config has media type "${base.config.mediaType}", not an image config as cosign and skopeo write`);
    }
    const configFor = (layers) => existingConfig !== undefined && existing !== undefined
        ? appendToImageConfig(existingConfig, layers.slice(base.layers.length).map((l) => l.digest))
        : appendToImageConfig(EMPTY_IMAGE_CONFIG, layers.map((l) => l.digest));
    if (existing !== undefined && base.layers.some((l) => sameLayer(l, ours))) {
        const config = existingConfig ?? configFor(base.layers);
        return { manifest: existing, config, configDigest: sha256Digest(config), added: false };
    }
    if (base.layers.length + 1 > MAX_SIGNATURE_LAYERS) {
        throw new SignImageError('SIGNATURE_LIMIT_EXCEEDED', `the .sig image already holds ${base.layers.length} signatures; one more would exceed the ${MAX_SIGNATURE_LAYERS} that cosign reads`, {
            hint: 'Delete the `sha256-<hex>.sig` tag (or old signatures in it) and sign again; cosign refuses to verify beyond that',
        });
    }
    const layers = [...base.layers, ours];
    const config = configFor(layers);
    const configDigest = sha256Digest(config);
    const configDescriptor = {
        ...base.config,
        size: config.length,
        digest: configDigest,
    };
    // ggcr refreshes an inlined config, and its mutate.Append drops `subject` (image.compute sets it
    // from the mutation, which has none); matching cosign means doing the same.
    if (configDescriptor.data !== undefined)
        configDescriptor.data = config.toString('base64');
    const manifest = serializeSignatureManifest({
        ...base,
        config: configDescriptor,
        layers,
        subject: undefined,
    });
    return { manifest, config, configDigest, added: true };
}
/** A `.sig` manifest with no layers, as cosign's empty.Signatures() (OCI media types). */
function emptySignatureManifest() {
    const config = appendToImageConfig(EMPTY_IMAGE_CONFIG, []);
    return {
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: { mediaType: OCI_CONFIG, size: config.length, digest: sha256Digest(config) },
        layers: [],
    };
}
/** Reads a stored `.sig` manifest (OCI or Docker schema 2); SIGNATURE_MANIFEST_INVALID otherwise. */
function manifest_parseSignatureManifest(bytes) {
    let doc;
    try {
        doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    }
    catch (cause) {
        throw manifest_invalid('it is not UTF-8 JSON', cause);
    }
    if (!(0,encoding/* isObject */.Gv)(doc))
        throw manifest_invalid('it is not a JSON object');
    const { schemaVersion, mediaType, config, layers, annotations, subject, artifactType } = doc;
    if (mediaType !== undefined && mediaType !== media_types_OCI_MANIFEST && mediaType !== DOCKER_MANIFEST) {
        throw manifest_invalid(`it has media type ${JSON.stringify(mediaType)}, not an image manifest`);
    }
    if (typeof schemaVersion !== 'number' || !Number.isSafeInteger(schemaVersion))
        throw manifest_invalid('schemaVersion is not an integer');
    if (layers !== undefined && layers !== null && !Array.isArray(layers))
        throw manifest_invalid('layers is not a list');
    if (artifactType !== undefined && artifactType !== null && typeof artifactType !== 'string') {
        throw manifest_invalid('artifactType is not a string');
    }
    const manifest = {
        schemaVersion,
        config: parseDescriptor(config, 'its config descriptor'),
        layers: (layers ?? []).map((l, i) => parseDescriptor(l, `its layer ${i}`)),
    };
    if (typeof mediaType === 'string')
        manifest.mediaType = mediaType;
    const notes = parseStringMap(annotations, 'its annotations');
    if (notes !== undefined)
        manifest.annotations = notes;
    if (subject !== undefined && subject !== null)
        manifest.subject = parseDescriptor(subject, 'its subject');
    if (typeof artifactType === 'string' && artifactType !== '')
        manifest.artifactType = artifactType;
    return manifest;
}
/** Go json.Marshal of ggcr v1.Manifest: schemaVersion, mediaType, config, layers, annotations, subject, artifactType. */
function serializeSignatureManifest(m) {
    const json = goStruct([
        ['schemaVersion', goInt(m.schemaVersion)],
        ['mediaType', m.mediaType ? goString(m.mediaType) : undefined],
        ['config', descriptorJson(m.config)],
        ['layers', `[${m.layers.map(descriptorJson).join(',')}]`],
        ['annotations', manifest_nonEmpty(m.annotations) ? goStringMap(m.annotations) : undefined],
        ['subject', m.subject ? descriptorJson(m.subject) : undefined],
        ['artifactType', m.artifactType ? goString(m.artifactType) : undefined],
    ]);
    return Buffer.from(json, 'utf8');
}
// Same blob and same annotations: cosign (its dupe detector) and skopeo both skip such a layer.
function sameLayer(a, b) {
    if (a.digest !== b.digest || a.mediaType !== b.mediaType || a.size !== b.size)
        return false;
    const x = a.annotations ?? {};
    const y = b.annotations ?? {};
    const keys = Object.keys(x);
    return (keys.length === Object.keys(y).length && keys.every((k) => Object.hasOwn(y, k) && x[k] === y[k]));
}
function manifest_nonEmpty(map) {
    return map !== undefined && Object.keys(map).length > 0;
}
function manifest_invalid(why, cause) {
    return new errors/* SignImageError */.FG('SIGNATURE_MANIFEST_INVALID', `the existing .sig manifest cannot be extended: ${why}`, {
        hint: 'Something other than cosign, skopeo or this action wrote the `sha256-<hex>.sig` tag; inspect it, delete it if it is not a signature image, and sign again',
        cause,
    });
}

;// CONCATENATED MODULE: ./src/storage/legacy/existing.ts
// Idempotent re-runs (key mode). The payload is deterministic (repository, digest, annotations),
// so a layer whose blob digest equals our payload's carries the same bytes; if its signature
// verifies with our public key, and (with the tlog on) its Rekor bundle annotation is an entry
// of this log for exactly that signature, signing again would only add a duplicate layer and a
// duplicate Rekor entry. cosign's own dupe detector never fires in practice (every Rekor upload
// makes a new annotation, cosign-format §3.4), which is how re-runs pile up duplicates.







/** The first layer of the `.sig` manifest `manifestBytes` that meets `c`, or undefined. */
function findReusableSignature(manifestBytes, c) {
    const payloadHash = createHash('sha256').update(c.payload).digest();
    const key = createPublicKey(c.publicKeyPem);
    for (const layer of parseSignatureManifest(manifestBytes).layers) {
        const notes = layer.annotations ?? {};
        const signatureBase64 = notes[SIGNATURE_ANNOTATION];
        if (layer.mediaType !== COSIGN_SIMPLE_SIGNING ||
            layer.digest !== `sha256:${payloadHash.toString('hex')}`)
            continue;
        // A certificate means a keyless signature: another identity than our key, even if the key matched.
        if (!signatureBase64 || notes[CERTIFICATE_ANNOTATION] !== undefined)
            continue;
        const signature = Buffer.from(signatureBase64, 'base64');
        if (!existing_verifies(c.payload, key, signature))
            continue;
        const hint = createHash('sha256')
            .update(key.export({ type: 'spki', format: 'der' }))
            .digest('base64');
        const bundle = toMessageSignatureBundle({
            digest: payloadHash,
            signature,
            keyHint: hint,
        });
        if (c.rekorPublicKey === undefined)
            return { signatureBase64, bundle };
        const rekorBundle = notes[BUNDLE_ANNOTATION];
        const entry = rekorBundle === undefined ? undefined : entryFromBundleAnnotation(rekorBundle);
        if (!entry || !loggedHere(entry, c, signatureBase64, payloadHash))
            continue;
        bundle.mediaType = BUNDLE_V01_MEDIA_TYPE;
        bundle.verificationMaterial.tlogEntries = [entry];
        return { signatureBase64, rekorBundle, log: toLogSummary(entry), bundle };
    }
    return undefined;
}
/** The Rekor entry in cosign's bundle annotation `{"SignedEntryTimestamp","Payload":{…}}`; undefined if malformed. */
function entryFromBundleAnnotation(text) {
    try {
        const { SignedEntryTimestamp: set, Payload: p } = JSON.parse(text);
        if (typeof set !== 'string' || typeof p?.body !== 'string' || typeof p.logID !== 'string')
            return undefined;
        if (!Number.isSafeInteger(p.integratedTime) ||
            !Number.isSafeInteger(p.logIndex) ||
            !/^[0-9a-f]{64}$/.test(p.logID))
            return undefined;
        const canonicalizedBody = Buffer.from(p.body, 'base64');
        const body = JSON.parse(canonicalizedBody.toString('utf8'));
        if (typeof body.kind !== 'string' || typeof body.apiVersion !== 'string')
            return undefined;
        return {
            logIndex: String(p.logIndex),
            logId: { keyId: Buffer.from(p.logID, 'hex') },
            kindVersion: { kind: body.kind, version: body.apiVersion },
            integratedTime: String(p.integratedTime),
            inclusionPromise: { signedEntryTimestamp: Buffer.from(set, 'base64') },
            inclusionProof: undefined,
            canonicalizedBody,
        };
    }
    catch {
        return undefined;
    }
}
// The same checks a fresh entry gets before it may reach the registry (pipeline signTarget).
function loggedHere(e, c, signatureBase64, payloadHash) {
    try {
        checkHashedRekordEntry(e, {
            payloadSha256Hex: payloadHash.toString('hex'),
            signatureBase64,
            publicKeyPem: c.publicKeyPem,
        });
        verifySignedEntryTimestamp(e, c.rekorPublicKey);
        return true;
    }
    catch {
        return false;
    }
}
// cosign's default per key (sigstore algorithm registry): ECDSA hashes follow the curve, RSA uses
// SHA-256. Other key types never sign here (signer/key/algorithm.ts), so they never match.
const CURVE_HASH = {
    prime256v1: 'sha256',
    secp384r1: 'sha384',
    secp521r1: 'sha512',
};
function existing_verifies(payload, key, signature) {
    const details = key.asymmetricKeyDetails ?? {};
    const hash = key.asymmetricKeyType === 'rsa' ? 'sha256' : CURVE_HASH[details.namedCurve ?? ''];
    if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'ec')
        return false;
    try {
        return hash !== undefined && verify(hash, payload, key, signature);
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/verify/formats/legacy.ts
// The legacy places, as cosign 2 writes them: the `sha256-<hex>.sig` image (one simple-signing
// payload per layer, the signature and its evidence in annotations, cosign-format §3) and the
// `sha256-<hex>.att` image (one DSSE envelope per layer). Each layer becomes the v0.1 bundle it
// amounts to: no library reads cosign's annotations, so this is the one place that does. The
// Rekor bundle annotation keeps the SET but no inclusion proof, which is what v0.1 allows.














/** Blobs fetched at once per digest. */
const BLOB_READS = 8;
/**
 * The `.sig` image of a digest: simple-signing signatures. `annotations` are those the run
 * requires: a payload signed with them (or with none) is known before it is read (knownPayloads).
 */
function legacySignatures(annotations) {
    return {
        format: 'legacy',
        kinds: ['signature'],
        find: (target, client) => readLayers(target, client, 'signature', knownPayloads(target, annotations)),
    };
}
/** The `.att` image of a digest: DSSE attestations. */
const legacyAttestations = {
    format: 'legacy',
    kinds: ['attestation'],
    find: (target, client) => readLayers(target, client, 'attestation'),
};
async function readLayers(target, client, kind, known = new Map()) {
    const tag = kind === 'signature' ? signatureTag(target.digest) : attestationTag(target.digest);
    const found = await client.getManifest(tag);
    if (!found)
        return [];
    const where = `${(0,parse/* repositoryName */.aR)(target.ref)}@${found.digest}`;
    let layers;
    try {
        layers = manifest_parseSignatureManifest(found.bytes).layers;
    }
    catch (err) {
        return [
            {
                format: 'legacy',
                kind,
                ref: where,
                unreadable: `the ${tag} manifest cannot be read (${(0,errors/* errorText */.kc)(err)})`,
            },
        ];
    }
    return mapLimit(planLayerReads(layers, kind), BLOB_READS, async (plan, i) => {
        const ref = `${where}#layer ${i}`;
        const { layer } = plan;
        if (!plan.read)
            return { format: 'legacy', kind, ref, unreadable: plan.why };
        let blob;
        try {
            blob = known.get(layer.digest) ?? (await client.getBlob(layer.digest));
        }
        catch (err) {
            return {
                format: 'legacy',
                kind,
                ref,
                unreadable: `its blob cannot be read (${(0,errors/* errorText */.kc)(err)})`,
            };
        }
        return kind === 'signature'
            ? signatureCandidate(layer, blob, ref)
            : attestationCandidate(layer, blob, ref, target.digest);
    });
}
/**
 * The payloads a signature of this digest most likely carries, by their sha256: the bytes this
 * action's signer (and cosign) writes for the repository and digest, without annotations and
 * with the required ones. A blob is content-addressed, so a layer whose digest is one of these
 * holds exactly those bytes: it needs no read, which halves a deploy gate's requests. Any other
 * layer (another reference, other annotations, a tampered payload) is read as before.
 */
function knownPayloads(target, annotations) {
    const known = new Map();
    for (const notes of annotations ? [undefined, annotations] : [undefined]) {
        const payload = buildSimpleSigningPayload((0,parse/* repositoryName */.aR)(target.ref), target.digest, notes);
        known.set(`sha256:${(0,external_node_crypto_.createHash)('sha256').update(payload).digest('hex')}`, payload);
    }
    return known;
}
/** A simple-signing payload is a few hundred bytes; a layer that claims more is not one. */
const MAX_PAYLOAD_BYTES = 1024 * 1024;
/**
 * Which layers' blobs are fetched, by their descriptors alone (pure): the first MAX_CANDIDATES,
 * a `.sig` payload only if it claims at most MAX_PAYLOAD_BYTES, and none once the layers read
 * so far claim MAX_BLOB_BYTES_PER_DIGEST: a `.sig` or `.att` of thousands of layers, or of
 * large SBOMs, costs a bounded amount of memory. A layer not read still counts, with why.
 */
function planLayerReads(layers, kind) {
    let budget = MAX_BLOB_BYTES_PER_DIGEST;
    return layers.slice(0, MAX_CANDIDATES).map((layer) => {
        if (kind === 'signature' && layer.size > MAX_PAYLOAD_BYTES)
            return {
                layer,
                read: false,
                why: `it claims ${layer.size} bytes, more than a signed payload`,
            };
        if (layer.size > budget)
            return {
                layer,
                read: false,
                why: `it was not read: the layers before it already hold ${MAX_BLOB_BYTES_PER_DIGEST / 1024 / 1024} MiB`,
            };
        budget -= layer.size;
        return { layer, read: true };
    });
}
/** A `.sig` layer and its payload blob as a message-signature bundle. */
function signatureCandidate(layer, payload, ref) {
    const base = { format: 'legacy', kind: 'signature', ref, artifact: payload };
    const notes = layer.annotations ?? {};
    const signatureText = notes[layer_SIGNATURE_ANNOTATION];
    if (!signatureText || !encoding/* STD_BASE64 */.kb.test(signatureText))
        return { ...base, unreadable: 'its signature annotation is missing or not base64' };
    const evidence = readEvidence(notes);
    if (typeof evidence === 'string')
        return { ...base, unreadable: evidence };
    const bundle = (0,bundle_dist/* toMessageSignatureBundle */.hj)({
        digest: (0,external_node_crypto_.createHash)('sha256').update(payload).digest(),
        signature: Buffer.from(signatureText, 'base64'),
        ...keyMaterial(evidence.certificate),
    });
    return {
        ...base,
        bundle: withEvidence(bundle, evidence),
        claims: simpleSigningClaims(payload),
    };
}
/** A `.att` layer and its envelope blob as a DSSE bundle. */
function attestationCandidate(layer, blob, ref, digest) {
    const base = { format: 'legacy', kind: 'attestation', ref, storedEnvelope: blob };
    let envelope;
    try {
        envelope = (0,bundle_dist/* envelopeFromJSON */.j)(JSON.parse(blob.toString('utf8')));
    }
    catch {
        return { ...base, unreadable: 'its blob is not a DSSE envelope' };
    }
    if (envelope.signatures.length !== 1)
        return {
            ...base,
            unreadable: `its envelope holds ${envelope.signatures.length} signatures, not one`,
        };
    // The RFC 3161 annotation of a `.att` layer covers the whole envelope, not its signature, which
    // is not what a bundle's timestamp covers: it is not read (a legacy attestation's time is its
    // Rekor entry's).
    const notes = { ...(layer.annotations ?? {}) };
    delete notes[RFC3161_TIMESTAMP_ANNOTATION];
    const evidence = readEvidence(notes);
    if (typeof evidence === 'string')
        return { ...base, unreadable: evidence };
    const bundle = (0,bundle_dist/* toDSSEBundle */.PR)({
        artifact: Buffer.from(envelope.payload),
        artifactType: envelope.payloadType,
        signature: Buffer.from(envelope.signatures[0].sig),
        ...keyMaterial(evidence.certificate),
    });
    bundle.content.dsseEnvelope = envelope;
    return {
        ...base,
        bundle: withEvidence(bundle, evidence),
        claims: statementClaims(Buffer.from(envelope.payload), digest),
    };
}
// The certificate, Rekor bundle and RFC 3161 annotations; a string says which one is malformed.
function readEvidence(notes) {
    const out = {};
    const certificate = notes[layer_CERTIFICATE_ANNOTATION];
    if (certificate) {
        const der = pemDer(certificate);
        if (!der)
            return 'its certificate annotation is not one PEM certificate';
        out.certificate = der;
    }
    const rekorBundle = notes[layer_BUNDLE_ANNOTATION];
    if (rekorBundle !== undefined) {
        const entry = entryFromBundleAnnotation(rekorBundle);
        if (!entry)
            return 'its Rekor bundle annotation cannot be read';
        out.entry = entry;
    }
    const timestamp = notes[RFC3161_TIMESTAMP_ANNOTATION];
    if (timestamp !== undefined) {
        try {
            const token = JSON.parse(timestamp)
                .SignedRFC3161Timestamp;
            if (typeof token !== 'string' || !encoding/* STD_BASE64 */.kb.test(token))
                throw new Error('no token');
            out.timestamp = Buffer.from(token, 'base64');
        }
        catch {
            return 'its RFC 3161 timestamp annotation cannot be read';
        }
    }
    return out;
}
// A layer with a certificate is keyless; one without names no key (check.ts supplies the
// policy's key hint, as `cosign verify --key` verifies with the key it is given).
function keyMaterial(certificate) {
    return certificate ? { certificate, certificateChain: false } : { keyHint: '' };
}
function withEvidence(bundle, evidence) {
    bundle.mediaType = bundle_dist/* BUNDLE_V01_MEDIA_TYPE */.Td;
    bundle.verificationMaterial.tlogEntries = evidence.entry ? [evidence.entry] : [];
    bundle.verificationMaterial.timestampVerificationData = {
        rfc3161Timestamps: evidence.timestamp ? [{ signedTimestamp: evidence.timestamp }] : [],
    };
    return bundle;
}

;// CONCATENATED MODULE: ./src/verify/run.ts
// The verify pipeline: for every digest, confirm it is in the registry, read each place the
// config looks in (formats/), check every stored signature (check.ts) and keep the first that
// passes; with `attestation-type`, an attestation of that type must pass as well. Digests are
// verified side by side; nothing is written to the registry.






/** Digests verified at once. */
const PARALLEL_DIGESTS = 8;
async function verifyTargets(targets, plan, deps) {
    const rounds = formatsFor(plan);
    const verify = (t) => verifyTarget(t, deps.client(t.ref), rounds, plan, deps);
    // The first digest of each registry goes alone: its 401 tells the run how that registry
    // authenticates, so the digests fanned out next do not each draw a 401 of their own.
    return mapLimitFirstAlone(targets, (t) => t.ref.registry, PARALLEL_DIGESTS, verify);
}
// The places to read, in rounds: a later round is read only when the earlier ones left the
// digest unverified. With `any`, the `.sig` (what this action writes by default) comes first and
// the bundle referrers only when it did not settle it, which spares most digests a request.
function formatsFor(plan) {
    const legacy = [
        legacySignatures(plan.annotations),
        ...(plan.attestations ? [legacyAttestations] : []),
    ];
    if (plan.lookIn === 'legacy')
        return [legacy];
    if (plan.lookIn === 'bundle')
        return [[bundleReferrers()]];
    return [legacy, [bundleReferrers()]];
}
async function verifyTarget(target, client, rounds, plan, deps) {
    const image = (0,parse/* repositoryName */.aR)(target.ref);
    const base = {
        image,
        digest: target.digest,
        verified: false,
        format: '',
        signatureRef: '',
        signer: '',
        reason: '',
        checked: 0,
    };
    try {
        const candidates = [];
        for (const round of rounds) {
            candidates.push(...(await readRound(round, target, client)));
            if (settled(candidates, plan, target.digest, deps.checker))
                break;
        }
        const signature = firstPassing(candidates, 'signature', target.digest, deps.checker);
        const result = { ...base, checked: signature.checked };
        if (!signature.accepted) {
            // As cosign, a digest is judged by its signatures: the registry is asked for the digest
            // itself only to say why none passed (waiting out read-after-write lag, as the signer).
            const present = await (0,retry/* retryWhileUndefined */.mX)(() => client.headManifest(target.digest), deps.lagDelaysMs);
            if (!present)
                return { ...base, reason: `${image}@${target.digest} is not in the registry` };
            return { ...result, reason: signature.reason ?? '' };
        }
        const accepted = {
            ...result,
            format: signature.accepted.candidate.format,
            signatureRef: signature.accepted.candidate.ref,
            signer: signature.accepted.verdict.signer ?? '',
            issuer: signature.accepted.verdict.issuer,
            rekorLogIndex: signature.accepted.verdict.rekorLogIndex,
        };
        if (!plan.attestations)
            return { ...accepted, verified: true };
        const attestation = firstPassing(candidates, 'attestation', target.digest, deps.checker);
        const both = { ...accepted, checked: accepted.checked + attestation.checked };
        if (!attestation.accepted)
            return {
                ...both,
                reason: `the signature verified, but no attestation did: ${attestation.reason ?? ''}`,
            };
        return { ...both, verified: true, attestationRef: attestation.accepted.candidate.ref };
    }
    catch (err) {
        return { ...base, reason: (0,errors/* asSignImageError */.Z_)(err).message };
    }
}
async function readRound(formats, target, client) {
    return (await Promise.all(formats.map((f) => f.find(target, client)))).flat();
}
// True when what was read already verifies the digest (checks are pure and cheap to repeat).
function settled(candidates, plan, digest, checker) {
    return (firstPassing(candidates, 'signature', digest, checker).accepted !== undefined &&
        (!plan.attestations ||
            firstPassing(candidates, 'attestation', digest, checker).accepted !== undefined));
}
// cosign accepts a digest when at least one stored signature passes every check.
function firstPassing(all, kind, digest, checker) {
    const candidates = all.filter((c) => c.kind === kind);
    if (candidates.length === 0)
        return {
            checked: 0,
            reason: kind === 'signature' ? 'no signature is stored for it' : 'no attestation is stored for it',
        };
    const reasons = [];
    for (const candidate of candidates) {
        const verdict = checker.check(candidate, digest);
        if (verdict.ok)
            return { accepted: { candidate, verdict }, checked: candidates.length };
        reasons.push(verdict.reason ?? 'it does not verify');
    }
    return { checked: candidates.length, reason: summarize(kind, reasons) };
}
// One reason per distinct failure, the most frequent first: a digest with 40 signatures by
// other keys says so once.
function summarize(kind, reasons) {
    const counts = new Map();
    for (const r of reasons)
        counts.set(r, (counts.get(r) ?? 0) + 1);
    const parts = [...counts.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([r, n]) => (reasons.length > 1 ? `${n}× ${r}` : r));
    const what = kind === 'signature' ? 'signature' : 'attestation';
    return reasons.length === 1
        ? `its one ${what} fails: ${parts[0]}`
        : `none of its ${reasons.length} ${what}s passes: ${parts.join('; ')}`;
}

;// CONCATENATED MODULE: ./src/verify/action.ts
// The verify action proper, loaded by verify/index.ts: masks the registry password, parses the
// inputs, loads the trust, verifies every digest, writes the outputs and the summary, and fails
// the step with one `::error::` naming each digest that failed and why. The outputs are written
// on failure too, so a later step can read which digests failed.















async function runVerifyAction(raw, env = process.env) {
    (0,mask/* maskSecret */.$)(raw['registry-password']);
    try {
        const config = (0,inputs/* parseVerifyConfig */.bC)(raw);
        const [trust, policy] = await Promise.all([
            loadVerifyTrust(config, env),
            resolvePolicy(config.policy, env),
        ]);
        const checker = createChecker({
            policy,
            annotations: config.annotations,
            predicateType: config.attestationType?.uri,
            ignoreTlog: config.ignoreTlog,
        }, trust);
        const keychain = defaultKeychain({
            username: config.registryUsername,
            password: config.registryPassword,
            registry: config.targets[0]?.ref.registry,
            env,
        });
        // One registry's challenge is answered once per repository, without a 401 after the first.
        const challenges = new Map();
        const fetch = nodeFetch();
        const results = await verifyTargets(config.targets, {
            lookIn: config.lookIn,
            attestations: config.attestationType !== undefined,
            annotations: config.annotations,
        }, {
            client: (ref) => new RegistryClient({
                registry: ref.registry,
                repository: ref.repository,
                keychain,
                // A deploy gate reads: a read-only token must do.
                access: 'pull',
                challenges,
                fetch,
            }),
            checker,
            lagDelaysMs: LAG_DELAYS_MS,
        });
        for (const r of results)
            log/* info */.pq(r.verified
                ? `${r.image}@${r.digest}: verified (${r.format} ${r.signatureRef}, signer ${r.signer})`
                : `${r.image}@${r.digest}: FAILED: ${r.reason}`);
        for (const [name, value] of Object.entries(buildVerifyOutputs(results)))
            runner/* setOutput */.uH(name, value);
        if (config.summary && env.GITHUB_STEP_SUMMARY)
            runner/* appendSummary */.fe(buildVerifySummary(results, describeRequirements(config, trust?.source), 
            // Log indexes link to the public log's search only when the public root was trusted.
            config.trustedRoot ? undefined : config.rekorUrl));
        const failure = failureLine(results);
        if (failure) {
            // Command data: the runner's escaping keeps it on its one line (util/runner.ts).
            runner/* error */.z3(failure);
            process.exitCode = 1;
        }
    }
    catch (err) {
        const error = (0,errors/* asSignImageError */.Z_)(err);
        runner/* setOutput */.uH('verified', 'false');
        runner/* setOutput */.uH('signatures', '[]');
        runner/* error */.z3(error.toLine());
        if (error.cause)
            runner/* debug */.Yz(`cause: ${error.cause instanceof Error ? error.cause.message : String(error.cause)}`);
        process.exitCode = 1;
    }
}
// A KMS key's public key, read with GetPublicKey through the signer's KMS client (the AWS SDK is
// loaded only then); credentials and region come from the SDK's chain, as for signing.
async function resolvePolicy(policy, env) {
    if (!('kmsKey' in policy))
        return policy;
    const { awsKmsClient } = await __webpack_require__.e(/* import() */ 299).then(__webpack_require__.bind(__webpack_require__, 7299));
    const { spki } = await awsKmsClient(policy.kmsKey, { env }).getPublicKey();
    return { mode: 'key', publicKeyPem: dist.pem.fromDER(spki, 'PUBLIC KEY') };
}
// The `trusted-root` file, else the public-good root; none for a key with `ignore-tlog` (nothing
// a log, CA or TSA signed is looked at then).
async function loadVerifyTrust(config, env) {
    if (config.trustedRoot)
        return readTrustedRootFile((0,external_node_path_.resolve)(env.GITHUB_WORKSPACE || process.cwd(), config.trustedRoot));
    if (config.policy.mode === 'key' && config.ignoreTlog)
        return undefined;
    return publicGoodTrust({ cachePath: tufCachePath(env) });
}


/***/ })

};
