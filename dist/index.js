import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   FG: () => (/* binding */ SignImageError),
/* harmony export */   Z_: () => (/* binding */ asSignImageError),
/* harmony export */   kc: () => (/* binding */ errorText),
/* harmony export */   up: () => (/* binding */ hasCode)
/* harmony export */ });
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

/***/ 9407:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _inputs_read_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4245);
/* harmony import */ var _signer_key_decrypt_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(7795);
/* harmony import */ var _util_trace_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(9841);
// Entry point, the only module with top-level effects. Signing with a key is gated by scrypt
// (~0.2 s at cosign's N=2^16), so the key derivation starts before anything heavy is loaded
// (this module imports only the inputs and the key file parser); the rest of the action
// (Sigstore, the registry client, the cipher that opens the key) loads while it runs on the
// thread pool. Nothing is printed before action.ts has masked the secrets.



(0,_util_trace_js__WEBPACK_IMPORTED_MODULE_2__/* .trace */ .u)('index start');
const raw = (0,_inputs_read_js__WEBPACK_IMPORTED_MODULE_0__/* .readRawInputs */ .yI)();
const earlyKey = raw['private-key'].trim() !== '' && raw['signing-mode'] !== 'keyless' && raw['kms-key'] === ''
    ? (0,_signer_key_decrypt_js__WEBPACK_IMPORTED_MODULE_1__/* .startKeyDecryption */ .Hw)(raw['private-key'], raw.password)
    : undefined;
const { runAction } = await Promise.all(/* import() */[__nccwpck_require__.e(429), __nccwpck_require__.e(66)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9066));
(0,_util_trace_js__WEBPACK_IMPORTED_MODULE_2__/* .trace */ .u)('action loaded');
await runAction(raw, earlyKey);
(0,_util_trace_js__WEBPACK_IMPORTED_MODULE_2__/* .trace */ .u)('action done');
process.on('exit', () => (0,_util_trace_js__WEBPACK_IMPORTED_MODULE_2__/* .trace */ .u)('exit'));

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 4245:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   pH: () => (/* binding */ SECRET_INPUTS),
/* harmony export */   yI: () => (/* binding */ readRawInputs)
/* harmony export */ });
/* unused harmony export INPUT_NAMES */
// Reads the step's inputs the way the runner passes them (INPUT_<NAME> env vars) into plain
// strings, with the COSIGN_* fallbacks. Pure: it loads nothing heavy, so the entry point can
// start the key derivation before the rest of the action is even loaded.
const INPUT_NAMES = [
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
];
/** Inputs that hold secrets: kept byte for byte (a password may start or end with spaces) and masked. */
const SECRET_INPUTS = [
    'private-key',
    'password',
    'registry-password',
];
const UNTRIMMED = new Set(SECRET_INPUTS);
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


/***/ }),

/***/ 7795:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Hw: () => (/* binding */ startKeyDecryption)
});

// UNUSED EXPORTS: openEnvelope, privateKeyFromDer, scryptMaxmem

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(3916);
// EXTERNAL MODULE: ./src/util/encoding.ts
var encoding = __nccwpck_require__(2195);
;// CONCATENATED MODULE: ./src/signer/key/envelope.ts


// go-securesystemslib CheckParams accepts exactly these: Legacy (the only set cosign <=2.1
// reads), Standard (what cosign writes today) and OWASP. Checking before running scrypt keeps a
// tampered envelope from making us burn memory and time.
const SUPPORTED_SCRYPT_PARAMS = [
    { N: 32768, r: 8, p: 1 },
    { N: 65536, r: 8, p: 1 },
    { N: 131072, r: 8, p: 1 },
];
const SECRETBOX_NONCE_LENGTH = 24;
// Poly1305 tag that precedes every secretbox ciphertext.
const SECRETBOX_OVERHEAD = 16;
const REENCRYPT_HINT = 'the key file is damaged or was not written by cosign: generate a new one with `cosign generate-key-pair` or re-encrypt the original with `cosign import-key-pair`';
/** Parses and checks the JSON envelope (the decoded PEM body, or raw JSON text). */
function parseKeyEnvelope(json) {
    const doc = parseJson(json);
    const kdf = field(doc, 'kdf', encoding/* isObject */.Gv, 'an object');
    if (kdf.name !== 'scrypt')
        invalid('its kdf.name must be "scrypt"');
    const params = field(kdf, 'params', encoding/* isObject */.Gv, 'an object');
    const cipher = field(doc, 'cipher', encoding/* isObject */.Gv, 'an object');
    if (cipher.name !== 'nacl/secretbox')
        invalid('its cipher.name must be "nacl/secretbox"');
    const scryptParams = {
        N: field(params, 'N', isInteger, 'an integer'),
        r: field(params, 'r', isInteger, 'an integer'),
        p: field(params, 'p', isInteger, 'an integer'),
    };
    checkScryptParams(scryptParams);
    // The salt length is not checked: go-securesystemslib writes 32 bytes but decrypts any length.
    const salt = bytesField(kdf, 'salt', 'kdf.salt');
    const nonce = bytesField(cipher, 'nonce', 'cipher.nonce');
    if (nonce.length !== SECRETBOX_NONCE_LENGTH) {
        invalid(`its cipher.nonce must be ${SECRETBOX_NONCE_LENGTH} bytes, not ${nonce.length}`);
    }
    const ciphertext = bytesField(doc, 'ciphertext', 'ciphertext');
    if (ciphertext.length <= SECRETBOX_OVERHEAD)
        invalid('its ciphertext is too short');
    return {
        kdf: { name: 'scrypt', params: scryptParams, salt },
        cipher: { name: 'nacl/secretbox', nonce },
        ciphertext,
    };
}
/** Throws KEY_KDF_UNSUPPORTED unless the parameters are one of the sets cosign accepts. */
function checkScryptParams(params) {
    const ok = SUPPORTED_SCRYPT_PARAMS.some((s) => s.N === params.N && s.r === params.r && s.p === params.p);
    if (ok)
        return;
    throw new errors/* SignImageError */.FG('KEY_KDF_UNSUPPORTED', `The private key uses unsupported scrypt parameters (N=${params.N}, r=${params.r}, p=${params.p}); cosign accepts only N=32768, 65536 or 131072 with r=8 and p=1`, { hint: 're-encrypt the key with `cosign import-key-pair`, which writes supported parameters' });
}
function parseJson(json) {
    let text;
    try {
        text = typeof json === 'string' ? json : new TextDecoder('utf-8', { fatal: true }).decode(json);
    }
    catch {
        invalid('it does not contain JSON text');
    }
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch {
        // A body that starts like an envelope but does not parse lost its end: say so.
        if (text.trimStart().startsWith('{"kdf"'))
            invalid('its JSON is incomplete (was it cut off?)');
        invalid('it does not contain the JSON envelope cosign writes');
    }
    if (!(0,encoding/* isObject */.Gv)(doc))
        invalid('it does not contain the JSON envelope cosign writes');
    return doc;
}
function field(obj, name, ok, what) {
    const value = obj[name];
    if (!ok(value))
        invalid(`its "${name}" field must be ${what}`);
    return value;
}
function bytesField(obj, name, path) {
    const value = obj[name];
    // Go's json decodes []byte with padded standard base64 only; Node's decoder would skip junk.
    if (typeof value !== 'string' || !encoding/* STD_BASE64 */.kb.test(value)) {
        invalid(`its ${path} must be a base64 string`);
    }
    return Buffer.from(value, 'base64');
}
function isInteger(v) {
    return Number.isSafeInteger(v);
}
function invalid(what) {
    throw new errors/* SignImageError */.FG('KEY_ENVELOPE_INVALID', `The private key is not a valid cosign encrypted key: ${what}`, { hint: REENCRYPT_HINT });
}

;// CONCATENATED MODULE: ./src/signer/key/pem.ts



// The two labels cosign's LoadPrivateKey accepts (cosign:pkg/cosign/keys.go). SIGSTORE is what
// generate-key-pair and import-key-pair write since v2.0.1; COSIGN is the older label.
const SIGSTORE_PRIVATE_KEY_LABEL = 'ENCRYPTED SIGSTORE PRIVATE KEY';
const COSIGN_PRIVATE_KEY_LABEL = 'ENCRYPTED COSIGN PRIVATE KEY';
const BEGIN = /-----BEGIN ([^\r\n-]*)-----/;
const FULL_CONTENTS_HINT = 'pass the full contents of the cosign.key file, from the -----BEGIN line to the -----END line';
/** Parses the text of a cosign/sigstore encrypted private key into its envelope. */
function parseEncryptedKeyPem(text) {
    const normalized = normalize(text);
    if (normalized === '') {
        throw new errors/* SignImageError */.FG('KEY_MISSING', 'The private key is empty', {
            hint: 'set the key input to the contents of cosign.key (for example from a secret)',
        });
    }
    // Like Go's pem.Decode (which cosign uses), text before the first BEGIN line is ignored.
    const begin = BEGIN.exec(normalized);
    if (!begin) {
        throw new errors/* SignImageError */.FG('KEY_PEM_INVALID', 'The private key is not PEM-encoded', {
            hint: looksBase64Encoded(normalized)
                ? 'the value looks base64-encoded as a whole: decode it (base64 -d) and pass the PEM text'
                : FULL_CONTENTS_HINT,
        });
    }
    const label = (begin[1] ?? '').trim();
    checkLabel(label);
    const rest = normalized.slice(begin.index + begin[0].length);
    const end = rest.indexOf(`-----END ${label}-----`);
    if (end < 0) {
        throw new errors/* SignImageError */.FG('KEY_PEM_INVALID', `The private key PEM is truncated: its "-----END ${label}-----" line is missing`, { hint: `${FULL_CONTENTS_HINT}; check that the secret was not cut off when it was pasted` });
    }
    // Go's decoder skips line breaks; spaces and tabs are tolerated too (copy-paste damage).
    const body = rest.slice(0, end).replace(/\s+/g, '');
    if (body === '' || !encoding/* STD_BASE64 */.kb.test(body)) {
        throw new errors/* SignImageError */.FG('KEY_PEM_INVALID', 'The private key PEM body is not valid base64', {
            hint: `${FULL_CONTENTS_HINT}, without changing its lines`,
        });
    }
    return { label, envelope: parseKeyEnvelope(Buffer.from(body, 'base64')) };
}
// Secrets are often stored with CRLF, surrounding blank lines, or with line breaks escaped as
// literal "\n". A backslash never occurs in PEM, so turning "\n" back into a line break is safe.
function normalize(text) {
    return text
        .replace(/\\r\\n|\\n|\\r/g, '\n')
        .replace(/\r\n?/g, '\n')
        .trim();
}
function checkLabel(label) {
    if (label === SIGSTORE_PRIVATE_KEY_LABEL || label === COSIGN_PRIVATE_KEY_LABEL)
        return;
    throw new errors/* SignImageError */.FG('KEY_LABEL_UNSUPPORTED', `The private key has PEM type "${label}", but a cosign key must be "${SIGSTORE_PRIVATE_KEY_LABEL}" or "${COSIGN_PRIVATE_KEY_LABEL}"`, { hint: labelHint(label) });
}
function labelHint(label) {
    if (/PUBLIC KEY$/.test(label) || label === 'CERTIFICATE') {
        return 'this is a public key or certificate: pass the private key (cosign.key) here, the public key (cosign.pub) is for verifying';
    }
    if (/^(?:RSA |EC )?PRIVATE KEY$/.test(label)) {
        return 'this is an unencrypted private key: encrypt it with `cosign import-key-pair --key <file>` and pass the resulting import-cosign.key';
    }
    if (label === 'ENCRYPTED PRIVATE KEY') {
        return 'PKCS#8 password-encrypted keys are not supported by cosign: decrypt it (openssl pkcs8 -in <file> -out plain.pem), then run `cosign import-key-pair --key plain.pem`';
    }
    return 'generate a key with `cosign generate-key-pair`, or convert an existing one with `cosign import-key-pair`';
}
function looksBase64Encoded(text) {
    const compact = text.replace(/\s+/g, '');
    return (encoding/* STD_BASE64 */.kb.test(compact) &&
        Buffer.from(compact, 'base64').toString('latin1').includes('-----BEGIN '));
}

// EXTERNAL MODULE: ./src/util/trace.ts
var trace = __nccwpck_require__(9841);
;// CONCATENATED MODULE: ./src/signer/key/decrypt.ts




const DERIVED_KEY_LENGTH = 32;
/**
 * Parses the PEM and starts scrypt at once, so callers can do other I/O while it runs
 * (~0.2 s at N=2^16). Resolves to the PKCS#8 private key. The returned promise is already
 * marked as handled: a failure that happens before the caller awaits it does not crash Node
 * with an unhandled rejection; awaiting it still throws.
 */
function startKeyDecryption(pemText, password) {
    const pending = (async () => {
        const { envelope } = parseEncryptedKeyPem(pemText);
        return privateKeyFromDer(await openEnvelope(envelope, password));
    })();
    pending.catch(() => undefined);
    return pending;
}
/** Decrypts an envelope to its plaintext bytes (for cosign keys: PKCS#8 DER). */
async function openEnvelope(envelope, password) {
    const key = await deriveKey(password, envelope.kdf.salt, envelope.kdf.params);
    // Loaded while scrypt runs, not before it starts: the entry point (index.ts) imports this
    // module, and everything it pulls in delays the start of the key derivation.
    const loaded = await naclReady;
    // A CommonJS package: Node's import() puts it under `default`.
    const nacl = loaded.default ?? loaded;
    // tweetnacl checks `instanceof Uint8Array`, which a Buffer from another realm (jest's VM) fails.
    const opened = nacl.secretbox.open(new Uint8Array(envelope.ciphertext), new Uint8Array(envelope.cipher.nonce), new Uint8Array(key));
    key.fill(0);
    if (!opened) {
        // Poly1305 cannot tell a wrong password from a modified ciphertext; the password is by far
        // the likelier cause.
        throw new errors/* SignImageError */.FG('KEY_PASSWORD_WRONG', 'The private key could not be decrypted with the given password', { hint: passwordHint(password) });
    }
    return Buffer.from(opened.buffer, opened.byteOffset, opened.byteLength);
}
/** Bytes scrypt needs (OpenSSL: V = 128·r·(N+2), B = 128·r·p) plus slack; Node's default is 32 MiB. */
function scryptMaxmem({ N, r, p }) {
    return 128 * r * (N + 2) + 128 * r * p + 1024 * 1024;
}
let naclReady;
function deriveKey(password, salt, params) {
    const options = { N: params.N, r: params.r, p: params.p, maxmem: scryptMaxmem(params) };
    (0,trace/* trace */.u)('scrypt start');
    naclReady ??= __nccwpck_require__.e(/* import() */ 668).then(__nccwpck_require__.t.bind(__nccwpck_require__, 668, 23));
    return new Promise((resolve, reject) => {
        (0,external_node_crypto_.scrypt)(password, salt, DERIVED_KEY_LENGTH, options, (err, key) => {
            (0,trace/* trace */.u)('scrypt done');
            if (err) {
                reject(new errors/* SignImageError */.FG('INTERNAL', 'Deriving the private key decryption key (scrypt) failed', {
                    hint: 'the runner may be out of memory: scrypt needs up to 130 MiB',
                    cause: err,
                }));
            }
            else
                resolve(key);
        });
    });
}
/**
 * Parses decrypted key bytes the way cosign does (x509.ParsePKCS8PrivateKey): PKCS#8 only.
 * The bytes are zeroed afterwards.
 */
function privateKeyFromDer(der) {
    try {
        return (0,external_node_crypto_.createPrivateKey)({ key: der, format: 'der', type: 'pkcs8' });
    }
    catch (err) {
        throw notPkcs8(der, err);
    }
    finally {
        der.fill(0);
    }
}
function notPkcs8(der, cause) {
    const reimport = 'cosign itself rejects this key: decrypt it to a PEM file and run `cosign import-key-pair --key <file>`, which re-encrypts it as PKCS#8';
    if (parses(der, 'sec1')) {
        return new errors/* SignImageError */.FG('KEY_FORMAT_SEC1', 'The decrypted private key is a SEC1 "EC PRIVATE KEY", but cosign keys must hold PKCS#8', { hint: reimport, cause });
    }
    if (parses(der, 'pkcs1')) {
        return new errors/* SignImageError */.FG('KEY_ENVELOPE_INVALID', 'The decrypted private key is a PKCS#1 "RSA PRIVATE KEY", but cosign keys must hold PKCS#8', { hint: reimport, cause });
    }
    return new errors/* SignImageError */.FG('KEY_ENVELOPE_INVALID', 'The private key decrypted, but its contents are not a PKCS#8 private key', {
        hint: 'the key file was not written by cosign: generate a new one with `cosign generate-key-pair`',
        cause,
    });
}
// Node 24's OpenSSL 3 decoders accept any private key DER for either `type`, so the key's own
// type tells the two formats apart.
function parses(der, type) {
    try {
        const key = (0,external_node_crypto_.createPrivateKey)({ key: der, format: 'der', type });
        return key.asymmetricKeyType === (type === 'sec1' ? 'ec' : 'rsa');
    }
    catch {
        return false;
    }
}
function passwordHint(password) {
    const base = 'check that the COSIGN_PASSWORD secret matches the one used with `cosign generate-key-pair`';
    if (password.length === 0) {
        return `${base}; the password given is empty`;
    }
    if (typeof password === 'string' && /^\s|\s$/.test(password)) {
        // cosign uses COSIGN_PASSWORD byte for byte, so stray whitespace is a real mismatch.
        return `${base}; the password given starts or ends with whitespace or a newline, which is used as part of it`;
    }
    return base;
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

/***/ 9841:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   u: () => (/* binding */ trace)
/* harmony export */ });
// Profiling aid: with SIGN_IMAGE_TRACE set, one stderr line per event, in ms since the process
// started (performance.now()), so the critical path of a run can be read off a single run.
// Off (the default), it costs one boolean test per call.
const on = Boolean(process.env.SIGN_IMAGE_TRACE);
/** Notes `what` happening now (only with SIGN_IMAGE_TRACE set). */
function trace(what) {
    if (on)
        process.stderr.write(`[trace ${performance.now().toFixed(1)}] ${what}\n`);
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
/******/ var __webpack_exports__ = __nccwpck_require__(9407);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
