import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   FG: () => (/* binding */ SignImageError),
/* harmony export */   Z_: () => (/* binding */ asSignImageError),
/* harmony export */   kc: () => (/* binding */ errorText)
/* harmony export */ });
/* unused harmony export hasCode */
// One error type for the whole action: a closed set of codes (tests assert on them), a message
// that says what is wrong and a hint that says how to fix it. Messages never carry secrets:
// no password, PEM, token or registry password is ever interpolated into one.
class SignImageError extends Error {
    code;
    hint;
    constructor(code, message, options = {}) {
        super(message, { cause: options.cause });
        this.name = 'SignImageError';
        this.code = code;
        this.hint = options.hint;
    }
    /** The one line the action prints as `::error::`: what is wrong, then what to do. */
    toLine() {
        return this.hint ? `${this.message}. ${this.hint}` : this.message;
    }
}
/** True when `err` is a SignImageError with the given code (for tests and retry decisions). */
function hasCode(err, code) {
    return err instanceof SignImageError && err.code === code;
}
/** The message of an unknown thrown value. */
function errorText(err) {
    return err instanceof Error ? err.message : String(err);
}
/** Turns an unknown thrown value into a SignImageError, keeping the original as `cause`. */
function asSignImageError(err, code = 'INTERNAL') {
    if (err instanceof SignImageError)
        return err;
    return new SignImageError(code, errorText(err), { cause: err });
}


/***/ }),

/***/ 7741:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   KM: () => (/* binding */ goStringMap),
/* harmony export */   WF: () => (/* binding */ goString)
/* harmony export */ });
/* unused harmony exports compareGoStrings, goStruct, goInt, goStringSlice, goTime, GO_ZERO_TIME */
// Pieces of Go's encoding/json output, byte for byte. cosign and go-containerregistry write every
// byte we must reproduce (payloads, manifests, configs) with json.Marshal, which differs from
// JSON.stringify: it escapes <, >, &, U+2028 and U+2029, replaces invalid UTF-16/UTF-8 with
// \ufffd, and sorts map keys by their UTF-8 bytes. https://pkg.go.dev/encoding/json#Marshal
const HEX = '0123456789abcdef';
const SHORT_ESCAPES = {
    0x22: '\\"',
    0x5c: '\\\\',
    0x08: '\\b',
    0x0c: '\\f',
    0x0a: '\\n',
    0x0d: '\\r',
    0x09: '\\t',
};
/** A string as Go json.Marshal writes it (HTML-safe escaping, Go ≥ 1.22 `\b`/`\f`). */
function goString(s) {
    let out = '"';
    for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        const short = SHORT_ESCAPES[c];
        if (short !== undefined)
            out += short;
        else if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26)
            out += `\\u00${HEX[c >> 4]}${HEX[c & 0xf]}`;
        else if (c === 0x2028 || c === 0x2029)
            out += `\\u202${HEX[c & 0xf]}`;
        else if (c >= 0xd800 &&
            c <= 0xdbff &&
            i + 1 < s.length &&
            isLowSurrogate(s.charCodeAt(i + 1))) {
            out += s[i] + s[i + 1];
            i++;
        }
        else if (c >= 0xd800 && c <= 0xdfff) {
            // A lone surrogate cannot be UTF-8; Go writes invalid UTF-8 bytes as \ufffd.
            out += '\\ufffd';
        }
        else
            out += s[i];
    }
    return `${out}"`;
}
/** Go's map key order: byte-wise comparison of the UTF-8 encodings (strings.Compare). */
function compareGoStrings(a, b) {
    return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
/** A Go map[string]string: keys sorted as Go sorts them, values as Go strings. */
function goStringMap(map) {
    const keys = Object.keys(map).sort(compareGoStrings);
    return `{${keys.map((k) => `${goString(k)}:${goString(map[k])}`).join(',')}}`;
}
/** A Go struct: fields in declaration order; `undefined` values are omitted (omitempty). */
function goStruct(fields) {
    const present = fields.filter((f) => f[1] !== undefined);
    return `{${present.map(([k, v]) => `${goString(k)}:${v}`).join(',')}}`;
}
/** A Go integer (int64), refusing anything that is not a safe integer. */
function goInt(n) {
    if (!Number.isSafeInteger(n))
        throw new RangeError(`${n} is not an integer Go can marshal exactly`);
    return String(n);
}
/** A Go []string; `null` for an absent slice, as Go writes a nil slice without omitempty. */
function goStringSlice(list) {
    return list === undefined ? 'null' : `[${list.map(goString).join(',')}]`;
}
/**
 * A time.Time as Go re-marshals a parsed RFC 3339 value: RFC3339Nano, trailing fractional zeros
 * dropped, a zero offset written `Z`. Throws on text Go's time.Time.UnmarshalJSON would refuse.
 */
function goTime(text) {
    const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/.exec(text);
    if (!m)
        throw new RangeError(`"${text}" is not an RFC 3339 time`);
    const fraction = (m[2] ?? '').slice(0, 9).replace(/0+$/, '');
    const zone = m[3] === '+00:00' || m[3] === '-00:00' ? 'Z' : m[3];
    return `"${m[1]}${fraction ? `.${fraction}` : ''}${zone}"`;
}
/** Go's zero time.Time, which `created` fields carry unless a time was recorded. */
const GO_ZERO_TIME = '"0001-01-01T00:00:00Z"';
function isLowSurrogate(c) {
    return c >= 0xdc00 && c <= 0xdfff;
}


/***/ }),

/***/ 1166:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   aR: () => (/* binding */ repositoryName),
/* harmony export */   m: () => (/* binding */ parseDigest),
/* harmony export */   o_: () => (/* binding */ parseImageReference)
/* harmony export */ });
/* unused harmony export DEFAULT_REGISTRY */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3916);
/* harmony import */ var _util_encoding_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(2195);
/* harmony import */ var _registry_names_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(171);
// Image references parsed the way go-containerregistry's `pkg/name` does (what cosign uses), so
// the repository we sign into the payload is the one `cosign verify` derives from the same text.
// https://github.com/google/go-containerregistry/tree/main/pkg/name



/** Docker Hub's canonical host: ggcr rewrites `docker.io` (and an absent registry) to it. */
const DEFAULT_REGISTRY = 'index.docker.io';
const TAG = /^[\w][\w.-]{0,127}$/;
// One path component, as the distribution registry accepts it (ggcr checks only the alphabet,
// a registry then refuses e.g. `a//b` or `-a`; refusing here gives a clearer message).
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const HOST_LABEL = '[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?';
const REGISTRY = new RegExp(`^(?:${HOST_LABEL}(?:\\.${HOST_LABEL})*|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?$`);
const EXAMPLE = 'e.g. ghcr.io/owner/app, ghcr.io/owner/app:1.2.3 or ghcr.io/owner/app@sha256:<64 hex>';
/** Parses `[registry/]repository[:tag][@sha256:hex]`; throws REFERENCE_INVALID / DIGEST_INVALID. */
function parseImageReference(text) {
    const input = text.trim();
    if (input === '')
        throw invalid('the image reference is empty');
    if (/\s/.test(input))
        throw invalid(`image reference "${input}" contains whitespace`);
    if (input.includes('://')) {
        throw invalid(`image reference "${input}" has a URL scheme; write it without http:// or https://`);
    }
    const parts = input.split('@');
    if (parts.length > 2)
        throw invalid(`image reference "${input}" has more than one "@"`);
    let name = parts[0] ?? '';
    const digest = parts.length === 2 ? parseDigest(parts[1] ?? '') : undefined;
    if (name === '')
        throw invalid(`image reference "${input}" has no repository before "@"`);
    // A ":" starts a tag only when no "/" follows it; otherwise it is a registry port (ggcr NewTag).
    let tag;
    const colon = name.lastIndexOf(':');
    if (colon >= 0 && !name.slice(colon + 1).includes('/')) {
        tag = name.slice(colon + 1);
        name = name.slice(0, colon);
        if (!TAG.test(tag)) {
            throw invalid(`tag "${tag}" in "${input}" is not valid: a tag is 1 to 128 letters, digits, "_", "." or "-", not starting with "." or "-"`);
        }
    }
    // The first component is a registry only if it looks like a host (ggcr NewRepository).
    let registry = '';
    let repository = name;
    const slash = name.indexOf('/');
    const first = slash > 0 ? name.slice(0, slash) : '';
    if (first === 'localhost' || /[.:]/.test(first)) {
        registry = first;
        repository = name.slice(slash + 1);
    }
    if (registry !== '' && !REGISTRY.test(registry)) {
        throw invalid(`registry "${registry}" in "${input}" is not a valid host[:port]`);
    }
    checkRepository(repository, input);
    if (registry === '' || registry === 'docker.io')
        registry = DEFAULT_REGISTRY;
    // Official Docker Hub images live under `library/` (ggcr hasImplicitNamespace).
    if (registry === DEFAULT_REGISTRY && !repository.includes('/'))
        repository = `library/${repository}`;
    const ref = { registry, repository };
    if (tag !== undefined)
        ref.tag = tag;
    if (digest !== undefined)
        ref.digest = digest;
    return ref;
}
/** `registry/repository` exactly as ggcr `Repository.Name()`: what cosign puts in `docker-reference`. */
function repositoryName(ref) {
    return `${ref.registry}/${ref.repository}`;
}
/** Validates a manifest digest: `sha256:` and 64 lower-case hex digits; else DIGEST_INVALID. */
function parseDigest(text) {
    const digest = text.trim();
    if (_util_encoding_js__WEBPACK_IMPORTED_MODULE_2__/* .SHA256_DIGEST */ .fu.test(digest))
        return digest;
    const shown = digest.length > 80 ? `${digest.slice(0, 80)}…` : digest;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SignImageError */ .FG('DIGEST_INVALID', `"${shown}" is not a manifest digest`, {
        hint: 'A digest is "sha256:" followed by 64 lower-case hex digits (cosign and the registry accept only sha256), ' +
            'the manifest digest the registry reported when the image was pushed: docker/build-push-action ' +
            'outputs it as `digest`, `docker buildx imagetools inspect <image>` prints it',
    });
}
function checkRepository(repository, input) {
    if (repository === '')
        throw invalid(`image reference "${input}" has no repository`);
    if (/[A-Z]/.test(repository)) {
        throw invalid(`repository "${repository}" in "${input}" contains uppercase letters, which are not allowed in a repository name`, 'Write the repository in lower case: registries and cosign refuse uppercase letters (for GHCR, lower-case the owner name too)');
    }
    if (repository.length > 255)
        throw invalid(`repository in "${input}" is longer than 255 characters`);
    for (const component of repository.split('/')) {
        if (!COMPONENT.test(component)) {
            throw invalid(`repository "${repository}" in "${input}" is not valid: each "/"-separated part must be lower-case letters ` +
                'and digits, joined by single ".", "_", "__" or runs of "-"');
        }
    }
}
function invalid(message, hint = `Give an image reference, ${EXAMPLE}`) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SignImageError */ .FG('REFERENCE_INVALID', message, { hint });
}


/***/ }),

/***/ 171:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Dh: () => (/* binding */ DIGEST),
  wV: () => (/* binding */ baseType),
  H2: () => (/* binding */ checkDigest),
  M5: () => (/* binding */ checkReference),
  qW: () => (/* binding */ checkRegistry),
  n_: () => (/* binding */ checkRepository),
  Tf: () => (/* binding */ embeddedMediaType),
  jW: () => (/* reexport */ isLoopbackRegistry),
  A1: () => (/* binding */ parseIndex),
  sI: () => (/* binding */ sha256Digest),
  Ub: () => (/* binding */ verifyDigest)
});

// UNUSED EXPORTS: REPOSITORY, TAG

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(3916);
;// CONCATENATED MODULE: ./src/util/loopback.ts
// The loopback rule, shared by registries (plain HTTP allowed) and Sigstore services (plain HTTP
// allowed only there, so an OIDC token never crosses the network in clear).
/** True for hosts on loopback (the only ones spoken to over plain HTTP): localhost, *.localhost, 127/8, [::1]. */
function isLoopbackRegistry(registry) {
    const host = hostOf(registry.trim().toLowerCase());
    if (host === 'localhost' || host.endsWith('.localhost'))
        return true;
    if (host === '::1' || host === '[::1]')
        return true;
    const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
    return octets !== null && octets.slice(1).every((o) => Number(o) <= 255);
}
function hostOf(registry) {
    if (registry.startsWith('[')) {
        const end = registry.indexOf(']');
        return end > 0 ? registry.slice(0, end + 1) : registry;
    }
    if (registry === '::1')
        return registry;
    const colon = registry.lastIndexOf(':');
    return colon >= 0 ? registry.slice(0, colon) : registry;
}

;// CONCATENATED MODULE: ./src/registry/names.ts
// Syntax of the names the client puts into URLs (the loopback rule is in util/loopback.ts), and small parsers of what
// registries send back. Checked before any request: distribution 2.8 answers a malformed
// digest with a bare 500, and a stray `/` or `..` must never reach a URL path.



// https://github.com/distribution/reference/blob/v0.6.0/regexp.go
const REPOSITORY = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;
/** sha256:<hex> of `bytes`. */
function sha256Digest(bytes) {
    return `sha256:${(0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex')}`;
}
/** The registry if it is host[:port] (IPv6 in brackets); REFERENCE_INVALID otherwise. */
function checkRegistry(registry) {
    if (/^(?:[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?|\[[0-9a-fA-F:.]+\])(?::\d{1,5})?$/.test(registry)) {
        return registry;
    }
    throw new errors/* SignImageError */.FG('REFERENCE_INVALID', `"${registry}" is not a valid registry host`);
}
/** The repository if it is a valid name; REFERENCE_INVALID otherwise. */
function checkRepository(repository) {
    if (REPOSITORY.test(repository))
        return repository;
    throw new errors/* SignImageError */.FG('REFERENCE_INVALID', `"${repository}" is not a valid repository name`);
}
/** The reference if it is a tag or a digest; REFERENCE_INVALID otherwise. */
function checkReference(reference) {
    if (TAG.test(reference) || DIGEST.test(reference))
        return reference;
    throw new errors/* SignImageError */.FG('REFERENCE_INVALID', `"${reference}" is neither a tag nor a sha256 digest`);
}
/** The digest if well formed; DIGEST_INVALID otherwise. */
function checkDigest(digest) {
    if (DIGEST.test(digest))
        return digest;
    throw new errors/* SignImageError */.FG('DIGEST_INVALID', `"${digest}" is not a sha256:<64 hex> digest`);
}
/** `application/json; charset=utf-8` → `application/json`. */
function baseType(contentType) {
    return (contentType ?? '').split(';')[0].trim();
}
/** The `mediaType` field of a manifest, for registries that send no Content-Type. */
function embeddedMediaType(bytes) {
    try {
        const parsed = JSON.parse(bytes.toString('utf8'));
        return typeof parsed.mediaType === 'string' ? parsed.mediaType : '';
    }
    catch {
        return '';
    }
}
/** An image index, or undefined for anything else. */
function parseIndex(bytes) {
    try {
        const parsed = JSON.parse(bytes.toString('utf8'));
        return parsed && Array.isArray(parsed.manifests) ? parsed : undefined;
    }
    catch {
        return undefined;
    }
}
/** Throws REGISTRY_ERROR unless `bytes` hash to `digest` (sha256 or sha512). */
function verifyDigest(digest, bytes, url) {
    const [algorithm, hex] = digest.split(':');
    if ((0,external_node_crypto_.createHash)(algorithm).update(bytes).digest('hex') !== hex) {
        throw new errors/* SignImageError */.FG('REGISTRY_ERROR', `GET ${url.host}${url.pathname}: content does not match ${digest}`, {
            hint: 'The registry or a proxy in between altered the content; retry, and report it if it persists',
        });
    }
}


/***/ }),

/***/ 7470:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   CB: () => (/* binding */ readBounded),
/* harmony export */   Mu: () => (/* binding */ BODY_LIMITS),
/* harmony export */   Zc: () => (/* binding */ TARGET_LIMITS)
/* harmony export */ });
/* unused harmony export tooLarge */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3916);
// Bounded response reads. fetch's arrayBuffer()/text() read a body whole, however large: a
// registry answering with a 1 GiB manifest (or a body that never ends) would take the runner's
// memory with it. Every body the action reads goes through readBounded: refused at once when
// Content-Length is over the limit, and cut off while streaming when the bytes are, so at most
// `limit` bytes (plus one network chunk) are ever held. Written here because fetch has no limit
// option and no well-kept library adds one to WHATWG Response bodies.

const MiB = 1024 * 1024;
/** Largest bodies accepted, by what is asked. */
const BODY_LIMITS = {
    /** Manifests, indexes, `.sig` configs and payloads, referrers lists (the registry's answers). */
    registry: 4 * MiB,
    /** Token endpoints, Rekor, Fulcio, TSA and the OIDC endpoint: small JSON or DER answers. */
    service: 1 * MiB,
};
/** Signing caps of one run (generous for real multi-arch images, small enough for the public log). */
const TARGET_LIMITS = {
    /** Digests one run signs, index children included. */
    perRun: 1000,
    /** Manifests one image index may list. */
    childrenPerIndex: 256,
};
/** RESPONSE_TOO_LARGE for an answer of `what` (e.g. "registry ghcr.io") over `limit` bytes. */
function tooLarge(what, limit, size) {
    const said = size === undefined ? 'more than' : `${size} bytes, more than`;
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SignImageError */ .FG('RESPONSE_TOO_LARGE', `${what} answered with ${said} the ${limit} bytes this action reads`, {
        hint: 'A manifest, index or service answer that large is not something this action signs or trusts; check the reference and the service URL (nothing was written)',
    });
}
/**
 * The body of `res`, at most `limit` bytes; RESPONSE_TOO_LARGE (and the connection given up)
 * when the server announces or sends more.
 */
async function readBounded(res, limit, what) {
    const announced = res.headers.get('content-length');
    if (announced !== null && /^\d+$/.test(announced.trim()) && Number(announced) > limit) {
        await res.body?.cancel().catch(() => undefined);
        throw tooLarge(what, limit, Number(announced));
    }
    if (!res.body)
        return Buffer.alloc(0);
    const reader = res.body.getReader();
    const chunks = [];
    let total = 0;
    for (;;) {
        const { done, value } = await reader.read();
        if (done || value === undefined)
            break;
        total += value.byteLength;
        if (total > limit) {
            await reader.cancel().catch(() => undefined);
            throw tooLarge(what, limit);
        }
        chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
    }
    return Buffer.concat(chunks, total);
}


/***/ }),

/***/ 2195:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Gv: () => (/* binding */ isObject),
/* harmony export */   fu: () => (/* binding */ SHA256_DIGEST),
/* harmony export */   kb: () => (/* binding */ STD_BASE64)
/* harmony export */ });
// Small shared primitives of the wire formats: the sha256 digest syntax, standard base64 and the
// JSON object test. One definition each, used by every stage that checks them.
/** `sha256:` and 64 lower-case hex digits: the only digest cosign and this action sign. */
const SHA256_DIGEST = /^sha256:[0-9a-f]{64}$/;
/** Standard padded base64 (RFC 4648 §4), what Go's base64.StdEncoding writes and accepts. */
const STD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** A parsed JSON object (not null, not an array). */
function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}


/***/ }),

/***/ 1161:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(874);
// Entry point of the verify action (verify/action.yml runs verify/dist/index.js): reads the
// inputs, then loads the rest. The only module of the verify action with top-level effects.

const raw = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .readVerifyInputs */ .Ht)();
const { runVerifyAction } = await Promise.all(/* import() */[__nccwpck_require__.e(429), __nccwpck_require__.e(7)]).then(__nccwpck_require__.bind(__nccwpck_require__, 7));
await runVerifyAction(raw);
// Everything is written (outputs and summary synchronously or awaited, stdout is synchronous on
// Linux pipes and files): exit now rather than wait ~50 ms for idle keep-alive sockets to the
// registry to close.
process.exit();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 874:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  OT: () => (/* binding */ describeMatcher),
  cK: () => (/* binding */ matches),
  bC: () => (/* binding */ parseVerifyConfig),
  Ht: () => (/* binding */ readVerifyInputs)
});

// UNUSED EXPORTS: VERIFY_INPUT_NAMES

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(3916);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
;// CONCATENATED MODULE: ./src/inputs/attestations.ts
// The `attestations` input: newline-separated TYPE=FILE lines, as `cosign attest --type TYPE
// --predicate FILE` takes them one at a time. Pure parsing plus one bounded read per file, both
// before any key is decrypted or any request is made, so a bad line or file writes nothing.
//
// The size bound. Rekor v1 does not store a dsse entry's envelope, but the whole envelope travels
// in the POST: the statement base64-encoded inside a JSON string, ~4/3 of its size. rekor-server
// bounds a request with --max_request_body_size; its built-in default is 0 (unlimited) and the
// public instance's value is not documented (sigstore/rekor#2808). The value Rekor's own
// deployments in its repository use, and its end-to-end test for 413 checks ("default value is
// 32Mb"), is 32792576 bytes (rekor: docker-compose.test.yml, cmd/rekor-server/e2e_test.go). We
// take that as the documented ceiling: a predicate file may have up to 16 MiB, and the statement
// built from it must keep the request within REKOR_MAX_REQUEST_BYTES (checked once it is built,
// since `spdx`/`custom` text grows when escaped).



/** Largest predicate file read: 16 MiB. */
const MAX_PREDICATE_BYTES = (/* unused pure expression or super */ null && (16 * 1024 * 1024));
/** Rekor's request body limit in its own deployment configuration (see the header). */
const REKOR_MAX_REQUEST_BYTES = 32_792_576;
// Room for everything in the request but the statement: the signature, the verifier (a
// certificate PEM, base64) and the JSON around them, with a wide margin.
const REQUEST_OVERHEAD_BYTES = 64 * 1024;
/** Largest statement whose Rekor dsse request stays within REKOR_MAX_REQUEST_BYTES. */
const MAX_STATEMENT_BYTES = Math.floor(((REKOR_MAX_REQUEST_BYTES - REQUEST_OVERHEAD_BYTES) * 3) / 4);
/** Parses the input; [] when empty. Throws ATTESTATION_INPUT_INVALID naming the line and the fix. */
function attestations_parseAttestationsInput(text) {
    const out = [];
    for (const raw of text.split(/\r?\n/)) {
        const line = raw.trim();
        if (line === '' || line.startsWith('#'))
            continue;
        const eq = line.indexOf('=');
        if (eq <= 0 || line.slice(eq + 1).trim() === '') {
            throw new SignImageError('ATTESTATION_INPUT_INVALID', `The \`attestations\` line "${line}" is not TYPE=FILE`, {
                hint: 'Write one `TYPE=FILE` per line, e.g. `spdxjson=sbom.spdx.json` or `slsaprovenance1=provenance.json`',
            });
        }
        out.push({ type: line.slice(0, eq).trim(), file: line.slice(eq + 1).trim() });
    }
    return out;
}
/** Reads every file (relative to `workspace`), bounded, as UTF-8 text. */
async function readPredicateFiles(requests, workspace) {
    const out = [];
    for (const r of requests) {
        const path = isAbsolute(r.file) ? r.file : resolve(workspace, r.file);
        out.push({ ...r, text: await readBoundedUtf8(path, r.file) });
    }
    return out;
}
/** Refuses a statement whose Rekor request would pass REKOR_MAX_REQUEST_BYTES. */
function checkStatementSize(statement, p) {
    if (statement.length > MAX_STATEMENT_BYTES)
        throw tooLarge(p.file, statement.length, 'statement');
}
async function readBoundedUtf8(path, shown) {
    let handle;
    try {
        handle = await open(path, 'r');
    }
    catch (err) {
        throw fileError(err, shown);
    }
    try {
        const stat = await handle.stat();
        if (!stat.isFile()) {
            throw new SignImageError('ATTESTATION_FILE_UNREADABLE', `The \`attestations\` file ${shown} is not a regular file`, { hint: 'Name the predicate file itself, relative to the workspace or absolute' });
        }
        if (stat.size > MAX_PREDICATE_BYTES)
            throw tooLarge(shown, stat.size, 'file');
        // Read at most one byte past the bound: a file that grows meanwhile is still refused.
        const buffer = Buffer.alloc(MAX_PREDICATE_BYTES + 1);
        let length = 0;
        for (;;) {
            const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
            if (bytesRead === 0)
                break;
            length += bytesRead;
            if (length > MAX_PREDICATE_BYTES)
                throw tooLarge(shown, length, 'file');
        }
        try {
            return new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, length));
        }
        catch {
            throw new SignImageError('ATTESTATION_NOT_JSON', `The \`attestations\` file ${shown} is not UTF-8 text`, { hint: 'Give a JSON predicate (UTF-8), e.g. the SBOM your generator wrote as JSON' });
        }
    }
    catch (err) {
        if (err instanceof SignImageError)
            throw err;
        throw fileError(err, shown);
    }
    finally {
        await handle.close();
    }
}
function fileError(err, shown) {
    const code = err?.code;
    if (code === 'ENOENT') {
        return new SignImageError('ATTESTATION_FILE_MISSING', `The \`attestations\` file ${shown} does not exist`, {
            hint: 'Write the predicate file in an earlier step (e.g. the SBOM generator) and name it relative to GITHUB_WORKSPACE or absolute',
        });
    }
    return new SignImageError('ATTESTATION_FILE_UNREADABLE', `The \`attestations\` file ${shown} cannot be read (${code ?? 'error'})`, { hint: 'Make the file readable by the job user and name the file itself, not a directory' });
}
function tooLarge(shown, size, what) {
    const limit = what === 'file'
        ? `${MAX_PREDICATE_BYTES} bytes (16 MiB)`
        : `${MAX_STATEMENT_BYTES} bytes once wrapped in its statement`;
    return new SignImageError('ATTESTATION_TOO_LARGE', `The \`attestations\` ${what === 'file' ? 'file' : 'predicate from'} ${shown} has ${size} bytes, more than the ${limit} a Rekor entry request may carry (Rekor's request limit of ${REKOR_MAX_REQUEST_BYTES} bytes, with the statement base64-encoded)`, {
        hint: 'Attest a smaller document (e.g. an SBOM without file-level entries), or split it across predicate types',
    });
}

;// CONCATENATED MODULE: ./src/inputs/kms-reference.ts
// Pure: the `kms-key` input, parsed the way cosign's `--key` parses a KMS reference, so that one
// string names the same key for the action, `cosign sign --key` and `cosign verify --key`.
// awskms: sigstore/sigstore pkg/signature/kms/aws (ParseReference): `awskms://[ENDPOINT]/ID`
// where ID is a key id (UUID, optionally `mrk-`), a key ARN, `alias/NAME` or an alias ARN, and
// ENDPOINT (optional) is a host[:port] spoken to over HTTPS.

/** The KMS schemes this action signs with; the rest are refused with this list. */
const SUPPORTED_KMS = ['awskms://[ENDPOINT]/KEY-ID|ARN|alias/NAME'];
// The formats cosign accepts (sigstore/sigstore kms/aws client.go), anchored like its regexps.
const UUID = String.raw `m?r?k?-?[A-Fa-f0-9]{8}-?[A-Fa-f0-9]{4}-?[A-Fa-f0-9]{4}-?[A-Fa-f0-9]{4}-?[A-Fa-f0-9]{12}`;
const ARN = String.raw `arn:(?:aws|aws-us-gov|aws-cn):kms:([a-z0-9-]+):\d{12}:`;
const AWS_FORMATS = [
    new RegExp(`^awskms://([^/]*)/(${UUID})$`),
    new RegExp(`^awskms://([^/]*)/(${ARN}key/${UUID})$`),
    new RegExp(`^awskms://([^/]*)/(alias/.*)$`),
    new RegExp(`^awskms://([^/]*)/(${ARN}alias/.*)$`),
];
// host[:port]: a DNS name, IPv4 or bracketed IPv6, nothing else (no user:password@).
const ENDPOINT = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
const ALIAS_NAME = /^alias\/[A-Za-z0-9/_-]+$/;
// Providers cosign knows that this action does not sign with: no server or emulator of theirs
// could be built or run here to test against, and an untested provider is not shipped.
const OTHER_PROVIDERS = {
    'hashivault://': 'HashiCorp Vault transit',
    'openbao://': 'OpenBao transit',
    'gcpkms://': 'Google Cloud KMS',
    'azurekms://': 'Azure Key Vault',
};
/**
 * Parses `kms-key` (or the verify action's `key`). Throws KMS_PROVIDER_UNSUPPORTED for a provider this action does not sign
 * with (listing what it does) and KMS_REFERENCE_INVALID for a malformed AWS reference.
 */
function kms_reference_parseKmsReference(input, inputName = 'kms-key') {
    const uri = input.trim();
    const scheme = /^([a-z0-9]+):\/\//i.exec(uri)?.[0].toLowerCase();
    if (scheme !== 'awskms://') {
        const name = scheme ? OTHER_PROVIDERS[scheme] : undefined;
        throw new errors/* SignImageError */.FG('KMS_PROVIDER_UNSUPPORTED', name
            ? `The \`${inputName}\` input names a ${name} key (${scheme}), which this action cannot ${inputName === 'kms-key' ? 'sign with' : 'read'} yet`
            : `The \`${inputName}\` input is not a KMS key reference this action knows`, {
            hint: `Supported: ${SUPPORTED_KMS.join(', ')}; or sign with a cosign key (\`private-key\`) or keylessly`,
        });
    }
    for (const format of AWS_FORMATS) {
        const m = format.exec(uri);
        if (!m)
            continue;
        const endpoint = m[1] ?? '';
        const keyId = m[2];
        if (endpoint !== '' && !ENDPOINT.test(endpoint))
            break;
        if (keyId.startsWith('alias/') && !ALIAS_NAME.test(keyId))
            break;
        const arnRegion = m[3];
        return {
            provider: 'awskms',
            uri,
            ...(endpoint ? { endpoint } : {}),
            keyId,
            ...(arnRegion ? { arnRegion } : {}),
        };
    }
    // The value names a key, not a secret, but it may be mistyped text: it is not echoed whole.
    throw new errors/* SignImageError */.FG('KMS_REFERENCE_INVALID', `The \`${inputName}\` input is not a valid AWS KMS key reference`, {
        hint: 'Write it as cosign does: `awskms:///KEY-ID`, `awskms:///arn:aws:kms:REGION:ACCOUNT:key/KEY-ID`, `awskms:///alias/NAME`, with `awskms://HOST[:PORT]/…` for another endpoint',
    });
}

;// CONCATENATED MODULE: ./src/inputs/parse.ts
// Pure: the raw input strings become one typed Config. Every input error is raised here, before
// any key is decrypted or any network call is made.




const DEFAULT_REKOR_URL = 'https://rekor.sigstore.dev';
const DEFAULT_FULCIO_URL = 'https://fulcio.sigstore.dev';
/** Turns the raw inputs into a Config, or throws INPUT_INVALID naming the input and the fix. */
function parseConfig(raw) {
    const images = splitList(raw.image);
    if (images.length === 0) {
        throw new SignImageError('INPUT_INVALID', 'The `image` input is empty', {
            hint: "Set `image` to the pushed repository, e.g. `ghcr.io/acme/app`, and `digest` to the build step's `digest` output",
        });
    }
    const { registryUsername, registryPassword } = registryCredentials(raw);
    const kmsKey = raw['kms-key'] ? parseKmsReference(raw['kms-key']) : undefined;
    if (kmsKey && raw['private-key'].trim()) {
        throw new SignImageError('INPUT_INVALID', 'Both `kms-key` and a private key (`private-key` or COSIGN_PRIVATE_KEY) were given', { hint: 'Give one key: remove `kms-key`, or the private key' });
    }
    return {
        images,
        digest: raw.digest || undefined,
        signingMode: oneOf('signing-mode', raw['signing-mode'] || 'auto', [
            'key',
            'keyless',
            'auto',
        ]),
        privateKey: raw['private-key'].trim() ? raw['private-key'] : undefined,
        password: raw.password,
        signatureFormat: oneOf('signature-format', raw['signature-format'] || 'legacy', [
            'legacy',
            'bundle',
            'both',
        ]),
        recursive: parseBoolean('recursive', raw.recursive, false),
        annotations: parseAnnotations(raw.annotations),
        tlogUpload: parseBoolean('tlog-upload', raw['tlog-upload'], true),
        rekorUrl: parseUrl('rekor-url', raw['rekor-url'] || DEFAULT_REKOR_URL),
        fulcioUrl: parseUrl('fulcio-url', raw['fulcio-url'] || DEFAULT_FULCIO_URL),
        tsaUrl: raw['tsa-url'] ? parseUrl('tsa-url', raw['tsa-url']) : undefined,
        upload: parseBoolean('upload', raw.upload, true),
        registryUsername,
        registryPassword,
        summary: parseBoolean('summary', raw.summary, true),
        force: parseBoolean('force', raw.force, false),
        allowPublicTlogForPrivateRepo: parseBoolean('allow-public-tlog-for-private-repo', raw['allow-public-tlog-for-private-repo'], false),
        attestations: parseAttestationsInput(raw.attestations ?? ''),
        sign: parseSign(raw.sign ?? '', raw.attestations ?? ''),
        signBuildkitAttestations: parseBoolean('sign-buildkit-attestations', raw['sign-buildkit-attestations'] ?? '', false),
        ...(kmsKey ? { kmsKey } : {}),
        trustedRoot: raw['trusted-root'] ? raw['trusted-root'] : undefined,
    };
}
// `sign: false` alone would do nothing at all: say so rather than succeed silently.
function parseSign(value, attestations) {
    const sign = parseBoolean('sign', value, true);
    if (!sign && attestations.trim() === '') {
        throw new SignImageError('INPUT_INVALID', '`sign` is false and no `attestations` are given', {
            hint: 'Set `attestations` (TYPE=FILE lines) to attest without signing, or leave `sign` at true',
        });
    }
    return sign;
}
/** `registry-username` and `registry-password`: both or neither (INPUT_INVALID otherwise). */
function registryCredentials(raw) {
    const registryUsername = raw['registry-username'] || undefined;
    const registryPassword = raw['registry-password'] || undefined;
    if (Boolean(registryUsername) !== Boolean(registryPassword)) {
        throw new errors/* SignImageError */.FG('INPUT_INVALID', '`registry-username` and `registry-password` must be set together', { hint: 'Give both, or neither to use the Docker config written by docker/login-action' });
    }
    return { registryUsername, registryPassword };
}
/** Splits a newline- or comma-separated list, trimming entries and dropping empty ones. */
function splitList(text) {
    return text
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter((s) => s !== '');
}
/** Parses `key=value` lines (split at the first `=`) into a map; '' gives undefined. */
function parseAnnotations(text) {
    const lines = text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '');
    if (lines.length === 0)
        return undefined;
    const annotations = {};
    for (const line of lines) {
        const eq = line.indexOf('=');
        if (eq <= 0) {
            throw new errors/* SignImageError */.FG('INPUT_INVALID', `The \`annotations\` line "${line}" is not a key=value pair`, {
                hint: 'Write one `key=value` per line, e.g. `commit=${{ github.sha }}`',
            });
        }
        const key = line.slice(0, eq).trim();
        if (key in annotations) {
            throw new errors/* SignImageError */.FG('INPUT_INVALID', `The annotation key "${key}" is given twice`, {
                hint: 'Give each annotation key once',
            });
        }
        annotations[key] = line.slice(eq + 1).trim();
    }
    return annotations;
}
// The YAML 1.2 core-schema booleans, as core.getBooleanInput accepts them.
const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];
function parseBoolean(name, value, fallback) {
    if (value === '')
        return fallback;
    if (TRUE.includes(value))
        return true;
    if (FALSE.includes(value))
        return false;
    throw new errors/* SignImageError */.FG('INPUT_INVALID', `The \`${name}\` input is "${value}", not a boolean`, {
        hint: `Set \`${name}\` to true or false`,
    });
}
function oneOf(name, value, allowed) {
    if (allowed.includes(value))
        return value;
    throw new errors/* SignImageError */.FG('INPUT_INVALID', `The \`${name}\` input is "${value}"`, {
        hint: `Use one of: ${allowed.join(', ')}`,
    });
}
function parseUrl(name, value) {
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new SignImageError('INPUT_INVALID', `The \`${name}\` input "${value}" is not a URL`, {
            hint: 'Give an absolute http(s) URL such as https://rekor.sigstore.dev',
        });
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new SignImageError('INPUT_INVALID', `The \`${name}\` input must be an http(s) URL`, {
            hint: 'Give an absolute http(s) URL such as https://rekor.sigstore.dev',
        });
    }
    if (url.username || url.password) {
        // Never echo the value: it carries credentials.
        throw new SignImageError('INPUT_INVALID', `The \`${name}\` input must not carry credentials`, {
            hint: 'Remove the user:password part of the URL',
        });
    }
    // The OIDC token goes to Fulcio and every signature to Rekor and the TSA: never in clear
    // across a network. Plain HTTP only on this machine, the rule registries follow.
    if (url.protocol === 'http:' && !isLoopbackRegistry(url.host)) {
        throw new SignImageError('INPUT_INVALID', `The \`${name}\` input is a plain http:// URL on ${url.host}, which is not this machine`, {
            hint: `Use https://${url.host}${url.pathname === '/' ? '' : url.pathname}; plain HTTP is accepted only on loopback (localhost, 127.0.0.0/8, [::1]). Nothing was sent`,
        });
    }
    return value.replace(/\/+$/, '');
}

// EXTERNAL MODULE: ./src/reference/parse.ts
var parse = __nccwpck_require__(1166);
// EXTERNAL MODULE: ./src/payload/go-json.ts
var go_json = __nccwpck_require__(7741);
;// CONCATENATED MODULE: ./src/payload/attestation.ts
// The in-toto statement `cosign attest --type TYPE --predicate FILE` signs, for one digest.
// Facts from cosign v3.1.2 (pkg/cosign/attestation/attestation.go, cmd/cosign/cli/options/
// predicate.go) and in-toto-golang v0.11.0 (the URIs), the same in v2.5 for everything used here:
// - TYPE is one of cosign's short names (mapped to a predicate-type URI below) or a URI, which
//   passes through unchanged (cosign: url.ParseRequestURI; a URI then takes the JSON object as
//   is, as the default branch of GenerateStatement does).
// - `_type` is "https://in-toto.io/Statement/v0.1" for every type (in_toto.StatementInTotoV01),
//   in both the legacy `.att` path and the bundle path; the subject carries the repository as
//   `name` and the digest as `{"sha256": hex}`.
// - The statement is protojson of in-toto's v1 Statement: `_type`, `subject`, `predicateType`,
//   `predicate`. protojson varies its whitespace between builds, so nobody can expect cosign's
//   exact bytes; verifiers check the signature over the bytes signed, which are these.
// - `spdx` (not `spdxjson`) wraps the file's text as a JSON string, and cosign then marshals a Go
//   map, so its keys come out sorted: `_type`, `predicate`, `predicateType`, `subject`.
// - `custom` wraps the file's text as {"Data": text, "Timestamp": RFC 3339 UTC, whole seconds}.
// - Every other type needs a JSON object. cosign also pushes some types through its Go structs
//   (slsaprovenance* through protobuf with DiscardUnknown, link and vuln through in-toto-golang),
//   which drops fields it does not know; we sign the object as given, so the predicate a verifier
//   gets back is the file. The checks cosign makes before that are made here too (link's
//   required fields, slsaprovenance1's invocationID → invocationId rename).



/** `_type` of the statement cosign attest writes (in-toto Statement v0.1). */
const IN_TOTO_STATEMENT_V01 = 'https://in-toto.io/Statement/v0.1';
/** cosign's `custom` predicate type. */
const COSIGN_CUSTOM_PREDICATE = 'https://cosign.sigstore.dev/attestation/v1';
/** cosign's short predicate names and the URIs cosign writes for them (options.PredicateTypeMap). */
const PREDICATE_TYPES = {
    custom: COSIGN_CUSTOM_PREDICATE,
    slsaprovenance: 'https://slsa.dev/provenance/v0.2',
    slsaprovenance02: 'https://slsa.dev/provenance/v0.2',
    slsaprovenance1: 'https://slsa.dev/provenance/v1',
    spdx: 'https://spdx.dev/Document',
    spdxjson: 'https://spdx.dev/Document',
    cyclonedx: 'https://cyclonedx.org/bom',
    link: 'https://in-toto.io/Link/v1',
    vuln: 'https://cosign.sigstore.dev/attestation/vuln/v1',
    openvex: 'https://openvex.dev/ns',
};
// in-toto Link's fields without omitempty: cosign's checkRequiredJSONFields requires them all.
const LINK_FIELDS = (/* unused pure expression or super */ null && ([
    '_type',
    'name',
    'materials',
    'products',
    'byproducts',
    'command',
    'environment',
]));
/**
 * Resolves every TYPE of the `attestations` lines; ATTESTATION_TYPE_UNKNOWN for a type that is
 * neither a short name nor a URI, ATTESTATION_TYPE_DUPLICATE for a predicate type given twice
 * (every predicate attests every digest, so that would be two attestations of one type each).
 */
function resolveAttestationTypes(requests) {
    const seen = new Map();
    return requests.map(({ type, file }) => {
        const kind = resolvePredicateKind(type);
        const earlier = seen.get(kind.uri);
        if (earlier !== undefined) {
            throw new SignImageError('ATTESTATION_TYPE_DUPLICATE', `The \`attestations\` input gives the predicate type ${kind.uri} twice (${earlier} and ${type}=${file}); each digest would carry two different attestations of one type`, {
                hint: 'Give each predicate type once (slsaprovenance and slsaprovenance02, spdx and spdxjson are the same type); merge the documents or use a distinct predicate-type URI',
            });
        }
        seen.set(kind.uri, `${type}=${file}`);
        return kind;
    });
}
/** The predicates from the files' texts and their resolved types (same order). */
function buildPredicates(files, kinds, now = () => new Date()) {
    return files.map((f, i) => {
        const kind = kinds[i];
        const json = buildPredicateJson(kind, f.text, f.file, now);
        return { kind, file: f.file, json, value: JSON.parse(json) };
    });
}
/** Resolves TYPE (short name or URI); ATTESTATION_TYPE_UNKNOWN for anything else. */
function resolvePredicateKind(name) {
    const known = PREDICATE_TYPES[name];
    if (known !== undefined) {
        const shape = name === 'spdx' ? 'spdx-text' : name === 'custom' ? 'custom' : 'object';
        return { name, uri: known, shape };
    }
    if (isUri(name))
        return { name, uri: name, shape: 'object' };
    throw new errors/* SignImageError */.FG('ATTESTATION_TYPE_UNKNOWN', `The attestation type "${name}" is unknown`, {
        hint: `Use one of cosign's names (${Object.keys(PREDICATE_TYPES).join(', ')}) or a predicate-type URI such as https://example.com/my-predicate/v1`,
    });
}
// An absolute URI with a scheme, as url.ParseRequestURI accepts one (a bare word is not).
function isUri(text) {
    if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(text))
        return false;
    try {
        new URL(text);
        return true;
    }
    catch {
        return false;
    }
}
/**
 * The predicate's JSON text for `kind` from the file's text. `now` stamps `custom`. Throws
 * ATTESTATION_NOT_JSON when the type needs a JSON object and the text is not one.
 */
function buildPredicateJson(kind, text, file, now = () => new Date()) {
    if (kind.shape === 'spdx-text')
        return goString(text);
    if (kind.shape === 'custom') {
        // Go's time.RFC3339 of now().UTC(): whole seconds, `Z`.
        const stamp = now()
            .toISOString()
            .replace(/\.\d{3}Z$/, 'Z');
        return `{"Data":${JSON.stringify(text)},"Timestamp":${JSON.stringify(stamp)}}`;
    }
    let value;
    try {
        value = JSON.parse(text);
    }
    catch (cause) {
        throw notJson(kind, file, cause instanceof Error ? cause.message : String(cause));
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        throw notJson(kind, file, 'it is valid JSON but not an object');
    const object = value;
    if (kind.name === 'link') {
        const missing = LINK_FIELDS.filter((f) => !Object.hasOwn(object, f));
        if (missing.length > 0)
            throw notJson(kind, file, `an in-toto link needs the fields ${missing.join(', ')}`);
    }
    if (kind.name === 'slsaprovenance1')
        renameInvocationId(object);
    return JSON.stringify(object);
}
// cosign (generateSLSAProvenanceStatementSLSA1) renames runDetails.metadata.invocationID, the
// spelling of early drafts, to the v1 field invocationId before parsing.
function renameInvocationId(predicate) {
    const run = predicate.runDetails;
    if (typeof run !== 'object' || run === null)
        return;
    const metadata = run.metadata;
    if (typeof metadata !== 'object' || metadata === null)
        return;
    const m = metadata;
    if (Object.hasOwn(m, 'invocationID')) {
        m.invocationId = m.invocationID;
        delete m.invocationID;
    }
}
function notJson(kind, file, why) {
    return new SignImageError('ATTESTATION_NOT_JSON', `The \`attestations\` file ${file} for type ${kind.name} is not a JSON object (${why})`, {
        hint: 'Give the predicate itself as a JSON object (e.g. the SBOM or provenance document, not an in-toto statement around it); only `spdx` and `custom` take any text',
    });
}
/**
 * The statement bytes for one digest: `{"_type","subject":[{"name","digest":{"sha256"}}],
 * "predicateType","predicate"}`, or for `spdx` text the sorted-key form cosign's Go map gives.
 * `predicateJson` comes from buildPredicateJson.
 */
function buildAttestationStatement(repository, digest, kind, predicateJson) {
    const hex = parseDigest(digest).slice('sha256:'.length);
    const subject = `[{"name":${goString(repository)},"digest":{"sha256":"${hex}"}}]`;
    const type = goString(IN_TOTO_STATEMENT_V01);
    const predicateType = goString(kind.uri);
    const json = kind.shape === 'spdx-text'
        ? `{"_type":${type},"predicate":${predicateJson},"predicateType":${predicateType},"subject":${subject}}`
        : `{"_type":${type},"subject":${subject},"predicateType":${predicateType},"predicate":${predicateJson}}`;
    return Buffer.from(json, 'utf8');
}
/** Parses a statement's predicate type, subject digests and predicate; undefined if it is not one. */
function readStatement(bytes) {
    try {
        const s = JSON.parse(bytes.toString('utf8'));
        if (typeof s.predicateType !== 'string' || !Array.isArray(s.subject))
            return undefined;
        const subjectDigests = s.subject
            .map((x) => x?.digest?.sha256)
            .filter((d) => typeof d === 'string')
            .map((d) => `sha256:${d}`);
        return { predicateType: s.predicateType, subjectDigests, predicate: s.predicate };
    }
    catch {
        return undefined;
    }
}
/**
 * True when two predicates say the same. For `custom`, the Timestamp cosign stamps at signing is
 * ignored: the same file attested again is the same attestation.
 */
function samePredicate(kind, stored, ours) {
    if (kind.shape === 'custom') {
        return (typeof stored === 'object' &&
            stored !== null &&
            typeof ours === 'object' &&
            ours !== null &&
            stored.Data === ours.Data);
    }
    return deepEqual(stored, ours);
}
function deepEqual(a, b) {
    if (a === b)
        return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
        return false;
    if (Array.isArray(a) !== Array.isArray(b))
        return false;
    if (Array.isArray(a)) {
        const y = b;
        return a.length === y.length && a.every((v, i) => deepEqual(v, y[i]));
    }
    const x = a;
    const y = b;
    const keys = Object.keys(x);
    return (keys.length === Object.keys(y).length &&
        keys.every((k) => Object.hasOwn(y, k) && deepEqual(x[k], y[k])));
}

// EXTERNAL MODULE: ./src/util/bounded-body.ts
var bounded_body = __nccwpck_require__(7470);
;// CONCATENATED MODULE: ./src/reference/targets.ts
// Turns the `image` and `digest` inputs into the list of digests to sign. A digest is what gets
// signed, never a tag: tags are mutable, so they are kept only as labels for the report.



/** Pairs each image with its digest (its own `@sha256:` or the `digest` input), deduped by repo@digest. */
function resolveTargets(images, digest) {
    if (images.length === 0) {
        throw new errors/* SignImageError */.FG('REFERENCE_INVALID', 'no image to sign was given', {
            hint: 'Set the `image` input to the pushed repository, e.g. `image: ghcr.io/${{ github.repository }}`',
        });
    }
    const shared = digest === undefined || digest.trim() === '' ? undefined : (0,parse/* parseDigest */.m)(digest);
    const targets = new Map();
    for (const text of images) {
        const ref = (0,parse/* parseImageReference */.o_)(text);
        const chosen = pickDigest(text, ref, shared);
        const key = `${(0,parse/* repositoryName */.aR)(ref)}@${chosen}`;
        let target = targets.get(key);
        if (!target) {
            target = {
                ref: { registry: ref.registry, repository: ref.repository, digest: chosen },
                digest: chosen,
                tags: [],
            };
            targets.set(key, target);
        }
        if (ref.tag !== undefined && !target.tags.includes(ref.tag))
            target.tags.push(ref.tag);
    }
    if (targets.size > bounded_body/* TARGET_LIMITS */.Zc.perRun)
        throw tooManyTargets(targets.size);
    return [...targets.values()];
}
/** TOO_MANY_TARGETS: more digests than one run signs (before anything is signed or logged). */
function tooManyTargets(count, where) {
    return new errors/* SignImageError */.FG('TOO_MANY_TARGETS', `${where ? `${where}: ` : ''}${count} digests to sign, more than the ${bounded_body/* TARGET_LIMITS */.Zc.perRun} one run signs`, {
        hint: 'Each signature is a permanent transparency-log entry: split the images over several steps, or sign the index alone (`recursive: false`); nothing was signed or written',
    });
}
function pickDigest(text, ref, shared) {
    if (ref.digest !== undefined) {
        if (shared !== undefined && shared !== ref.digest) {
            throw new errors/* SignImageError */.FG('REFERENCE_INVALID', `image "${text.trim()}" carries digest ${ref.digest} but the digest input is ${shared}; which one to sign is ambiguous`, {
                hint: 'Remove the `@sha256:…` from the image, or leave the `digest` input empty, or make them the same digest',
            });
        }
        return ref.digest;
    }
    if (shared !== undefined)
        return shared;
    throw new errors/* SignImageError */.FG('DIGEST_MISSING', `no digest to sign for image "${text.trim()}"`, {
        hint: 'Pass the digest the build pushed, e.g. `digest: ${{ steps.<build-step-id>.outputs.digest }}` from ' +
            'docker/build-push-action, or write the image as `repo@sha256:…`. A tag is never signed: tags are mutable, ' +
            'so a signature must name the immutable manifest digest',
    });
}

;// CONCATENATED MODULE: ./src/verify/inputs.ts
// Pure: the verify action's raw inputs (INPUT_* as the runner passes them) become one typed
// config. Every input error is raised here, before any request: one ::error:: line naming the
// input and the fix.






const VERIFY_INPUT_NAMES = [
    'image',
    'digest',
    'key',
    'certificate-identity',
    'certificate-identity-regexp',
    'certificate-oidc-issuer',
    'certificate-oidc-issuer-regexp',
    'signature-format',
    'annotations',
    'attestation-type',
    'trusted-root',
    'rekor-url',
    'registry-username',
    'registry-password',
    'summary',
    'ignore-tlog',
];
/** Reads INPUT_<NAME> for every verify input ('' when absent; the password untrimmed). */
function readVerifyInputs(env = process.env) {
    const raw = {};
    for (const name of VERIFY_INPUT_NAMES) {
        const value = env[`INPUT_${name.toUpperCase()}`] ?? '';
        raw[name] = name === 'registry-password' ? value : value.trim();
    }
    return raw;
}
/** The config of a verify run, or INPUT_INVALID naming the input and the fix. */
function parseVerifyConfig(raw) {
    const images = splitList(raw.image);
    if (images.length === 0) {
        throw new errors/* SignImageError */.FG('INPUT_INVALID', 'The `image` input is empty', {
            hint: 'Set `image` to the repository to verify, e.g. `ghcr.io/acme/app`, and `digest` to the digest deployed (or write `repo@sha256:…`)',
        });
    }
    const { registryUsername, registryPassword } = registryCredentials(raw);
    const attestationType = raw['attestation-type']
        ? { name: raw['attestation-type'], uri: resolvePredicateKind(raw['attestation-type']).uri }
        : undefined;
    return {
        targets: resolveTargets(images, raw.digest || undefined),
        policy: parsePolicy(raw),
        lookIn: oneOf('signature-format', raw['signature-format'] || 'any', [
            'legacy',
            'bundle',
            'any',
        ]),
        annotations: parseAnnotations(raw.annotations),
        attestationType,
        trustedRoot: raw['trusted-root'] || undefined,
        rekorUrl: raw['rekor-url'] || 'https://rekor.sigstore.dev',
        registryUsername,
        registryPassword,
        summary: parseBoolean('summary', raw.summary, true),
        ignoreTlog: parseBoolean('ignore-tlog', raw['ignore-tlog'], false),
    };
}
function parsePolicy(raw) {
    const key = raw.key;
    const identity = matcher(raw, 'certificate-identity');
    const issuer = matcher(raw, 'certificate-oidc-issuer');
    if (key) {
        if (identity || issuer) {
            throw new errors/* SignImageError */.FG('INPUT_INVALID', 'Both `key` and a keyless identity (`certificate-identity…`/`certificate-oidc-issuer…`) were given', { hint: 'Verify against one signer: remove `key`, or the certificate inputs' });
        }
        // A KMS-held key, as the signer's `kms-key` names it: its public key is read from the KMS.
        if (/^[a-z0-9]+:\/\//.test(key))
            return { mode: 'key', kmsKey: kms_reference_parseKmsReference(key, 'key') };
        if (!key.includes('-----BEGIN PUBLIC KEY-----') || !readablePublicKey(key)) {
            throw new errors/* SignImageError */.FG('INPUT_INVALID', 'The `key` input is not a public key PEM', {
                hint: 'Pass the contents of cosign.pub (-----BEGIN PUBLIC KEY-----…), e.g. from a secret or the signing step’s `public-key` output',
            });
        }
        return { mode: 'key', publicKeyPem: key };
    }
    if (!identity || !issuer) {
        const missing = !identity && !issuer
            ? 'no `key` and no keyless identity'
            : !identity
                ? 'a `certificate-oidc-issuer` but no `certificate-identity`'
                : 'a `certificate-identity` but no `certificate-oidc-issuer`';
        throw new errors/* SignImageError */.FG('INPUT_INVALID', `Nothing says who must have signed: ${missing} was given`, {
            hint: 'Give `key` (the public key PEM), or both `certificate-identity` (or `certificate-identity-regexp`) and `certificate-oidc-issuer` (or `…-regexp`), e.g. ' +
                '`https://github.com/OWNER/REPO/.github/workflows/release.yml@refs/heads/main` and `https://token.actions.githubusercontent.com`',
        });
    }
    return { mode: 'keyless', identity, issuer };
}
// A PEM whose body does not decode into a key would otherwise fail later as an internal error.
function readablePublicKey(pem) {
    try {
        (0,external_node_crypto_.createPublicKey)(pem);
        return true;
    }
    catch {
        return false;
    }
}
function matcher(raw, name) {
    const exact = raw[name];
    const pattern = raw[`${name}-regexp`];
    if (exact && pattern) {
        throw new errors/* SignImageError */.FG('INPUT_INVALID', `Both \`${name}\` and \`${name}-regexp\` were given`, {
            hint: `Give one of them`,
        });
    }
    if (exact)
        return { exact };
    if (!pattern)
        return undefined;
    try {
        // `u`: code points, as RE2 matches UTF-8; unanchored, as cosign's Go regexp MatchString.
        return { regexp: new RegExp(pattern, 'u'), source: pattern };
    }
    catch {
        throw new errors/* SignImageError */.FG('INPUT_INVALID', `The \`${name}-regexp\` input is not a valid regexp`, {
            hint: 'Write an RE2-style regexp; anchor it with ^…$ to match the whole value',
        });
    }
}
/** True when `value` satisfies `m`. */
function matches(m, value) {
    if (value === undefined)
        return false;
    return 'exact' in m ? m.exact === value : m.regexp.test(value);
}
/** The matcher as the summary shows it. */
function describeMatcher(m) {
    return 'exact' in m ? m.exact : `~ ${m.source}`;
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 1943:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs/promises");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 2018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(1161);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
