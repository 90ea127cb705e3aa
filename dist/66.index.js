export const id = 66;
export const ids = [66];
export const modules = {

/***/ 9066:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runAction: () => (/* binding */ runAction)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./src/util/runner.ts
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
    process.stdout.write(`::${name}::${escapeData(message)}${external_node_os_.EOL}`);
}
/** Masks `secret` in the rest of the job's log. */
function setSecret(secret) {
    command('add-mask', secret);
}
/** A plain log line (printed as given: callers escape outside text, util/log.ts). */
function info(message) {
    process.stdout.write(`${message}${external_node_os_.EOL}`);
}
/** A debug line, shown when the run has debug logging on. */
function runner_debug(message) {
    command('debug', message);
}
/** True when the run has debug logging on (RUNNER_DEBUG=1). */
function isDebug() {
    return process.env.RUNNER_DEBUG === '1';
}
/** An error annotation. */
function runner_error(message) {
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
        process.stdout.write(external_node_os_.EOL);
        process.stdout.write(`::set-output name=${escapeProperty(name)}::${escapeData(value)}${external_node_os_.EOL}`);
        return;
    }
    const delimiter = `ghadelimiter_${(0,external_node_crypto_.randomUUID)()}`;
    if (name.includes(delimiter) || value.includes(delimiter))
        throw new Error(`the output ${name} holds its own delimiter`);
    if (!(0,external_node_fs_.existsSync)(file))
        throw new Error(`Missing file at path: ${file}`);
    (0,external_node_fs_.appendFileSync)(file, `${name}<<${delimiter}${external_node_os_.EOL}${value}${external_node_os_.EOL}${delimiter}${external_node_os_.EOL}`, {
        encoding: 'utf8',
    });
}
/** Appends Markdown to the job summary ($GITHUB_STEP_SUMMARY). */
function appendSummary(markdown) {
    const file = process.env.GITHUB_STEP_SUMMARY;
    if (!file)
        throw new Error('GITHUB_STEP_SUMMARY is not set: the job summary cannot be written');
    (0,external_node_fs_.appendFileSync)(file, markdown, { encoding: 'utf8' });
}
function escapeProperty(value) {
    return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/inputs/read.ts
var read = __webpack_require__(4245);
;// CONCATENATED MODULE: ./src/inputs/mask.ts
// Masks secrets in the job log. Runs first thing once the action is loaded, before anything
// can print.


/** Masks every secret input (core.setSecret) and each line of a multi-line one. */
function maskSecretInputs(raw) {
    for (const name of read/* SECRET_INPUTS */.pH)
        maskSecret(raw[name]);
}
/** Masks a secret and each of its lines (the runner masks line by line, so a PEM needs both). */
function maskSecret(secret) {
    if (!secret)
        return;
    setSecret(secret);
    for (const line of secret.split(/\r?\n/)) {
        // Masking a very short or structural line (`-----END …-----`) would only garble the log.
        if (line.trim().length >= 8 && !line.startsWith('-----'))
            setSecret(line.trim());
    }
}

;// CONCATENATED MODULE: ./src/inputs/mode.ts
// Pure: which signing mode this run uses. `auto` picks the key when one is given, else keyless
// when the job can mint an OIDC token (permissions: id-token: write), else explains both ways.

/** Resolves `signing-mode` to `key` or `keyless`, or throws with the setup the user lacks. */
function selectSigningMode(config, env) {
    const hasToken = Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
    // A KMS key is a key: it implies key mode and cannot be combined with keyless.
    if (config.kmsKey) {
        if (config.signingMode === 'keyless') {
            throw new errors/* SignImageError */.FG('INPUT_INVALID', '`signing-mode: keyless` was set together with `kms-key`', { hint: 'Remove `kms-key` to sign keylessly, or set `signing-mode` to key or auto' });
        }
        return 'key';
    }
    switch (config.signingMode) {
        case 'key':
            if (!config.privateKey) {
                throw new errors/* SignImageError */.FG('KEY_MISSING', '`signing-mode: key` needs a private key, and none was given', {
                    hint: 'Set the `COSIGN_PRIVATE_KEY` and `COSIGN_PASSWORD` secrets (or the `private-key` and `password` inputs), or use `signing-mode: keyless`',
                });
            }
            return 'key';
        case 'keyless':
            if (!hasToken)
                throw noTokenError("`signing-mode: keyless` needs the job's OIDC token, and this job cannot request one");
            return 'keyless';
        case 'auto':
            if (config.privateKey)
                return 'key';
            if (hasToken)
                return 'keyless';
            throw noTokenError('No private key was given and this job cannot request an OIDC token, so there is nothing to sign with');
    }
}
function noTokenError(message) {
    return new errors/* SignImageError */.FG('SIGNING_MODE_UNAVAILABLE', message, {
        hint: 'Add `permissions: id-token: write` to the job for keyless signing, or set the `COSIGN_PRIVATE_KEY` and `COSIGN_PASSWORD` secrets for key signing',
    });
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
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
const MAX_PREDICATE_BYTES = 16 * 1024 * 1024;
/** Rekor's request body limit in its own deployment configuration (see the header). */
const REKOR_MAX_REQUEST_BYTES = 32_792_576;
// Room for everything in the request but the statement: the signature, the verifier (a
// certificate PEM, base64) and the JSON around them, with a wide margin.
const REQUEST_OVERHEAD_BYTES = 64 * 1024;
/** Largest statement whose Rekor dsse request stays within REKOR_MAX_REQUEST_BYTES. */
const MAX_STATEMENT_BYTES = Math.floor(((REKOR_MAX_REQUEST_BYTES - REQUEST_OVERHEAD_BYTES) * 3) / 4);
/** Parses the input; [] when empty. Throws ATTESTATION_INPUT_INVALID naming the line and the fix. */
function parseAttestationsInput(text) {
    const out = [];
    for (const raw of text.split(/\r?\n/)) {
        const line = raw.trim();
        if (line === '' || line.startsWith('#'))
            continue;
        const eq = line.indexOf('=');
        if (eq <= 0 || line.slice(eq + 1).trim() === '') {
            throw new errors/* SignImageError */.FG('ATTESTATION_INPUT_INVALID', `The \`attestations\` line "${line}" is not TYPE=FILE`, {
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
        const path = (0,external_node_path_.isAbsolute)(r.file) ? r.file : (0,external_node_path_.resolve)(workspace, r.file);
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
        handle = await (0,promises_.open)(path, 'r');
    }
    catch (err) {
        throw fileError(err, shown);
    }
    try {
        const stat = await handle.stat();
        if (!stat.isFile()) {
            throw new errors/* SignImageError */.FG('ATTESTATION_FILE_UNREADABLE', `The \`attestations\` file ${shown} is not a regular file`, { hint: 'Name the predicate file itself, relative to the workspace or absolute' });
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
            throw new errors/* SignImageError */.FG('ATTESTATION_NOT_JSON', `The \`attestations\` file ${shown} is not UTF-8 text`, { hint: 'Give a JSON predicate (UTF-8), e.g. the SBOM your generator wrote as JSON' });
        }
    }
    catch (err) {
        if (err instanceof errors/* SignImageError */.FG)
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
        return new errors/* SignImageError */.FG('ATTESTATION_FILE_MISSING', `The \`attestations\` file ${shown} does not exist`, {
            hint: 'Write the predicate file in an earlier step (e.g. the SBOM generator) and name it relative to GITHUB_WORKSPACE or absolute',
        });
    }
    return new errors/* SignImageError */.FG('ATTESTATION_FILE_UNREADABLE', `The \`attestations\` file ${shown} cannot be read (${code ?? 'error'})`, { hint: 'Make the file readable by the job user and name the file itself, not a directory' });
}
function tooLarge(shown, size, what) {
    const limit = what === 'file'
        ? `${MAX_PREDICATE_BYTES} bytes (16 MiB)`
        : `${MAX_STATEMENT_BYTES} bytes once wrapped in its statement`;
    return new errors/* SignImageError */.FG('ATTESTATION_TOO_LARGE', `The \`attestations\` ${what === 'file' ? 'file' : 'predicate from'} ${shown} has ${size} bytes, more than the ${limit} a Rekor entry request may carry (Rekor's request limit of ${REKOR_MAX_REQUEST_BYTES} bytes, with the statement base64-encoded)`, {
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
function parseKmsReference(input, inputName = 'kms-key') {
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

;// CONCATENATED MODULE: ./src/inputs/parse.ts
// Pure: the raw input strings become one typed Config. Every input error is raised here, before
// any key is decrypted or any network call is made.




const DEFAULT_REKOR_URL = 'https://rekor.sigstore.dev';
const DEFAULT_FULCIO_URL = 'https://fulcio.sigstore.dev';
/** Turns the raw inputs into a Config, or throws INPUT_INVALID naming the input and the fix. */
function parseConfig(raw) {
    const images = splitList(raw.image);
    if (images.length === 0) {
        throw new errors/* SignImageError */.FG('INPUT_INVALID', 'The `image` input is empty', {
            hint: "Set `image` to the pushed repository, e.g. `ghcr.io/acme/app`, and `digest` to the build step's `digest` output",
        });
    }
    const { registryUsername, registryPassword } = registryCredentials(raw);
    const kmsKey = raw['kms-key'] ? parseKmsReference(raw['kms-key']) : undefined;
    if (kmsKey && raw['private-key'].trim()) {
        throw new errors/* SignImageError */.FG('INPUT_INVALID', 'Both `kms-key` and a private key (`private-key` or COSIGN_PRIVATE_KEY) were given', { hint: 'Give one key: remove `kms-key`, or the private key' });
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
        throw new errors/* SignImageError */.FG('INPUT_INVALID', '`sign` is false and no `attestations` are given', {
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
        throw new errors/* SignImageError */.FG('INPUT_INVALID', `The \`${name}\` input "${value}" is not a URL`, {
            hint: 'Give an absolute http(s) URL such as https://rekor.sigstore.dev',
        });
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new errors/* SignImageError */.FG('INPUT_INVALID', `The \`${name}\` input must be an http(s) URL`, {
            hint: 'Give an absolute http(s) URL such as https://rekor.sigstore.dev',
        });
    }
    if (url.username || url.password) {
        // Never echo the value: it carries credentials.
        throw new errors/* SignImageError */.FG('INPUT_INVALID', `The \`${name}\` input must not carry credentials`, {
            hint: 'Remove the user:password part of the URL',
        });
    }
    // The OIDC token goes to Fulcio and every signature to Rekor and the TSA: never in clear
    // across a network. Plain HTTP only on this machine, the rule registries follow.
    if (url.protocol === 'http:' && !isLoopbackRegistry(url.host)) {
        throw new errors/* SignImageError */.FG('INPUT_INVALID', `The \`${name}\` input is a plain http:// URL on ${url.host}, which is not this machine`, {
            hint: `Use https://${url.host}${url.pathname === '/' ? '' : url.pathname}; plain HTTP is accepted only on loopback (localhost, 127.0.0.0/8, [::1]). Nothing was sent`,
        });
    }
    return value.replace(/\/+$/, '');
}

;// CONCATENATED MODULE: ./src/inputs/privacy.ts
// The privacy guard: the public Sigstore logs are append-only and world-readable. Signing from a
// private repository into them publishes, forever, what the entries carry: keyless, the
// certificate's identity (repository, workflow file and ref) in Fulcio's certificate
// transparency log and in Rekor; with a key, a Rekor entry per signature. cosign asks before
// doing that; an action cannot ask, so it refuses unless the workflow says it is fine.


/** `github.event.repository`'s visibility from the event payload; undefined when it has none. */
function repositoryVisibility(event) {
    const repository = event?.repository;
    if (typeof repository !== 'object' || repository === null)
        return undefined;
    const { private: isPrivate, visibility } = repository;
    // `internal` (enterprise) repositories are private to everyone outside the enterprise.
    if (isPrivate === true || visibility === 'private' || visibility === 'internal')
        return 'private';
    if (isPrivate === false || visibility === 'public')
        return 'public';
    return undefined;
}
/** The workflow event payload (`GITHUB_EVENT_PATH`), or undefined outside a runner or if unreadable. */
function readEventPayload(env = process.env) {
    if (!env.GITHUB_EVENT_PATH)
        return undefined;
    try {
        return JSON.parse((0,external_node_fs_.readFileSync)(env.GITHUB_EVENT_PATH, 'utf8'));
    }
    catch {
        return undefined;
    }
}
/** True for the public-good instance (rekor.sigstore.dev, fulcio.sigstore.dev, log shards). */
function isPublicSigstore(url) {
    const host = new URL(url).hostname.toLowerCase();
    return host === 'sigstore.dev' || host.endsWith('.sigstore.dev');
}
/** The public logs this run would write to; empty when it writes to none. */
function publicLogsUsed(mode, config) {
    const logs = [];
    // Fulcio logs every certificate it issues, whether or not the signature goes to Rekor.
    if (mode === 'keyless' && isPublicSigstore(config.fulcioUrl))
        logs.push(`the certificate transparency log of ${new URL(config.fulcioUrl).host}`);
    if (config.tlogUpload && isPublicSigstore(config.rekorUrl))
        logs.push(`the Rekor log at ${new URL(config.rekorUrl).host}`);
    return logs;
}
/** Throws before any token, certificate or log request when a private repository would be published. */
function checkPublicLogPrivacy(mode, config, visibility) {
    if (visibility !== 'private' || config.allowPublicTlogForPrivateRepo)
        return;
    const logs = publicLogsUsed(mode, config);
    if (logs.length === 0)
        return;
    const what = mode === 'keyless'
        ? "the repository's name, the workflow file and the ref (the certificate identity)"
        : 'an entry for every signature (payload hash, signature and public key)';
    const escape = mode === 'keyless'
        ? 'or point `fulcio-url` and `rekor-url` at a private Sigstore instance'
        : 'or set `tlog-upload: false`, or point `rekor-url` at a private Rekor';
    throw new errors/* SignImageError */.FG('PRIVATE_REPO_PUBLIC_LOG', `This repository is private, and signing it would publish ${what} in ${logs.join(' and ')}, which is public and permanent`, {
        hint: `Set \`allow-public-tlog-for-private-repo: true\` if that is acceptable, ${escape}; nothing was signed`,
    });
}

// EXTERNAL MODULE: ./src/util/encoding.ts
var encoding = __webpack_require__(2195);
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

;// CONCATENATED MODULE: ./src/reference/parse.ts
// Image references parsed the way go-containerregistry's `pkg/name` does (what cosign uses), so
// the repository we sign into the payload is the one `cosign verify` derives from the same text.
// https://github.com/google/go-containerregistry/tree/main/pkg/name



/** Docker Hub's canonical host: ggcr rewrites `docker.io` (and an absent registry) to it. */
const DEFAULT_REGISTRY = 'index.docker.io';
const parse_TAG = /^[\w][\w.-]{0,127}$/;
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
        if (!parse_TAG.test(tag)) {
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
    parse_checkRepository(repository, input);
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
    if (encoding/* SHA256_DIGEST */.fu.test(digest))
        return digest;
    const shown = digest.length > 80 ? `${digest.slice(0, 80)}…` : digest;
    throw new errors/* SignImageError */.FG('DIGEST_INVALID', `"${shown}" is not a manifest digest`, {
        hint: 'A digest is "sha256:" followed by 64 lower-case hex digits (cosign and the registry accept only sha256), ' +
            'the manifest digest the registry reported when the image was pushed: docker/build-push-action ' +
            'outputs it as `digest`, `docker buildx imagetools inspect <image>` prints it',
    });
}
function parse_checkRepository(repository, input) {
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
    return new errors/* SignImageError */.FG('REFERENCE_INVALID', message, { hint });
}

;// CONCATENATED MODULE: ./src/payload/go-json.ts
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
const LINK_FIELDS = [
    '_type',
    'name',
    'materials',
    'products',
    'byproducts',
    'command',
    'environment',
];
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
            throw new errors/* SignImageError */.FG('ATTESTATION_TYPE_DUPLICATE', `The \`attestations\` input gives the predicate type ${kind.uri} twice (${earlier} and ${type}=${file}); each digest would carry two different attestations of one type`, {
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
    return new errors/* SignImageError */.FG('ATTESTATION_NOT_JSON', `The \`attestations\` file ${file} for type ${kind.name} is not a JSON object (${why})`, {
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

;// CONCATENATED MODULE: ./src/util/bounded-body.ts
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
function bounded_body_tooLarge(what, limit, size) {
    const said = size === undefined ? 'more than' : `${size} bytes, more than`;
    return new errors/* SignImageError */.FG('RESPONSE_TOO_LARGE', `${what} answered with ${said} the ${limit} bytes this action reads`, {
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
        throw bounded_body_tooLarge(what, limit, Number(announced));
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
            throw bounded_body_tooLarge(what, limit);
        }
        chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
    }
    return Buffer.concat(chunks, total);
}

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
    const shared = digest === undefined || digest.trim() === '' ? undefined : parseDigest(digest);
    const targets = new Map();
    for (const text of images) {
        const ref = parseImageReference(text);
        const chosen = pickDigest(text, ref, shared);
        const key = `${repositoryName(ref)}@${chosen}`;
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
    if (targets.size > TARGET_LIMITS.perRun)
        throw tooManyTargets(targets.size);
    return [...targets.values()];
}
/** TOO_MANY_TARGETS: more digests than one run signs (before anything is signed or logged). */
function tooManyTargets(count, where) {
    return new errors/* SignImageError */.FG('TOO_MANY_TARGETS', `${where ? `${where}: ` : ''}${count} digests to sign, more than the ${TARGET_LIMITS.perRun} one run signs`, {
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

// EXTERNAL MODULE: ./src/util/trace.ts
var trace = __webpack_require__(9841);
;// CONCATENATED MODULE: ./src/util/log.ts
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
function log_info(line) {
    info(escapeOutside(line));
}
/** core.warning of a line that holds outside text (core escapes the data; this keeps it one line). */
function log_warning(line) {
    core.warning(escapeOutside(line));
}
/** A raw stdout line (the retry policy's), escaped the same way. */
function stdoutLine(line) {
    process.stdout.write(`${escapeOutside(line)}\n`);
}

;// CONCATENATED MODULE: ./src/util/retry.ts
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
        log: stdoutLine,
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
    const policy = call.policy ?? defaultRetryPolicy();
    const fetchFn = call.fetch ?? fetch;
    const target = new URL(url);
    for (let attempt = 1;; attempt++) {
        const remaining = policy.deadline.remainingMs();
        if (remaining <= 0)
            throw failure('deadline', undefined, attempt - 1, policy, undefined);
        const timeoutMs = Math.min(policy.timeoutMs, remaining);
        let answer;
        try {
            (0,trace/* trace */.u)(`> ${init.method ?? 'GET'} ${target.pathname}`);
            const res = await fetchFn(target, {
                ...init,
                redirect: 'manual',
                signal: AbortSignal.timeout(timeoutMs),
            });
            const body = NULL_BODY.has(res.status)
                ? Buffer.alloc(0)
                : await readBounded(res, call.maxBodyBytes ?? BODY_LIMITS.registry, call.what);
            answer = new HttpAnswer(res.status, res.statusText, res.headers, body, attempt);
            (0,trace/* trace */.u)(`< ${res.status} ${init.method ?? 'GET'} ${target.pathname}`);
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
        if (answer instanceof HttpAnswer && !isRetryableStatus(answer.status))
            return answer;
        const asked = answer instanceof HttpAnswer ? parseRetryAfter(answer.headers.get('retry-after')) : undefined;
        const waitMs = asked ?? backoffMs(attempt, policy.backoff, policy.random);
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
        await (policy.sleep ?? sleep)(waitMs);
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
    if (isRetryableStatus(status))
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
    error.message += attemptsNote(res); // " after 8 attempts" when the policy retried it
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
        return await fetchWithRetry(url, init, {
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
    const failure = err instanceof RequestFailure ? err : undefined;
    if (failure && failure.kind !== 'network') {
        return new errors/* SignImageError */.FG('REGISTRY_UNREACHABLE', `${what} ${describeFailure(failure)}`, {
            hint: 'Check that the runner can reach it; a slow registry may just need a re-run',
            cause: err,
        });
    }
    const code = failure?.code;
    const tries = failure ? attemptsNote(failure) : '';
    return new errors/* SignImageError */.FG('REGISTRY_UNREACHABLE', `cannot reach ${what}${code ? ` (${code})` : ''}${tries}`, {
        hint: 'Check the registry name in `image` and that the runner can reach it',
        cause: err,
    });
}

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
        maxBodyBytes: BODY_LIMITS.service,
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
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
/** https://github.com/opencontainers/image-spec/blob/v1.1.0/image-index.md */
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
/** https://github.com/opencontainers/image-spec/blob/v1.1.0/config.md */
const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
/** The `{}` blob: https://github.com/opencontainers/image-spec/blob/v1.1.0/manifest.md#guidance-for-an-empty-descriptor */
const OCI_EMPTY = 'application/vnd.oci.empty.v1+json';
/** sha256 of the two bytes `{}`, the digest every OCI_EMPTY descriptor carries. */
const OCI_EMPTY_DIGEST = 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a';
/** https://github.com/distribution/distribution/blob/v2.8.2/docs/spec/manifest-v2-2.md */
const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
/** https://github.com/distribution/distribution/blob/v2.8.2/docs/spec/manifest-v2-2.md#manifest-list */
const DOCKER_MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
/** https://github.com/distribution/distribution/blob/v2.8.2/docs/spec/manifest-v2-2.md#image-manifest-field-descriptions */
const DOCKER_CONFIG = 'application/vnd.docker.container.image.v1+json';
/** Layer of a legacy `.sig` manifest: https://github.com/sigstore/cosign/blob/main/specs/SIGNATURE_SPEC.md */
const COSIGN_SIMPLE_SIGNING = 'application/vnd.dev.cosign.simplesigning.v1+json';
/** Layer and artifactType of a bundle referrer: https://github.com/sigstore/cosign/blob/main/specs/BUNDLE_SPEC.md */
/** Layer of a legacy `.att` manifest: the DSSE envelope (cosign types.DssePayloadType). */
const DSSE_ENVELOPE = 'application/vnd.dsse.envelope.v1+json';
const SIGSTORE_BUNDLE_V03 = 'application/vnd.dev.sigstore.bundle.v0.3+json';
/**
 * Accept header for manifest reads. Every type must be listed: distribution 2.8 answers
 * 404 MANIFEST_UNKNOWN for an OCI manifest or index, even by digest, unless Accept names it.
 */
const MANIFEST_ACCEPT = [
    OCI_MANIFEST,
    OCI_INDEX,
    DOCKER_MANIFEST,
    DOCKER_MANIFEST_LIST,
].join(', ');

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
        this.registry = checkRegistry(opts.registry);
        this.repository = checkRepository(opts.repository);
        this.scheme = opts.scheme ?? (isLoopbackRegistry(opts.registry) ? 'http' : 'https');
        const fetchFn = opts.fetch ?? fetch;
        const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
        const auth = new Authenticator({
            ...opts,
            fetch: fetchFn,
            scheme: this.scheme,
            access: opts.access ?? 'pull,push',
            timeoutMs,
            maskSecret: opts.maskSecret ?? setSecret,
        });
        const debug = opts.debug ?? ((line) => isDebug() && runner_debug(line));
        // Docker Hub's API answers at index.docker.io (cosign's name for it); docker.io has none.
        const host = opts.registry === 'docker.io' ? 'index.docker.io' : opts.registry;
        const origin = new URL(`${this.scheme}://${host}`).origin;
        this.transport = new Transport({ ...opts, origin, fetch: fetchFn, auth, timeoutMs, debug });
    }
    /** The descriptor of a manifest by tag or digest; undefined when the registry has none. */
    async headManifest(reference) {
        const url = this.path('manifests', checkReference(reference));
        const res = await this.transport.send('HEAD', url, { headers: { Accept: MANIFEST_ACCEPT } });
        if (res.status === 404)
            return undefined;
        await expectStatus(res, { method: 'HEAD', url }, 200);
        const mediaType = baseType(res.headers.get('content-type'));
        const size = Number(res.headers.get('content-length') ?? NaN);
        const digest = res.headers.get('docker-content-digest') ?? (DIGEST.test(reference) ? reference : undefined);
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
        const url = this.path('manifests', checkReference(reference));
        const res = await this.transport.send('GET', url, { headers: { Accept: accept } });
        if (res.status === 404) {
            return undefined;
        }
        await expectStatus(res, { method: 'GET', url }, 200);
        const bytes = bodyOf(res);
        if (DIGEST.test(reference))
            verifyDigest(reference, bytes, url);
        const mediaType = baseType(res.headers.get('content-type'));
        return {
            bytes,
            mediaType: mediaType && mediaType !== 'application/json' ? mediaType : embeddedMediaType(bytes),
            digest: sha256Digest(bytes),
            etag: res.headers.get('etag') ?? undefined,
        };
    }
    /**
     * PUT a manifest under a tag or its digest; Content-Type must equal its `mediaType`.
     * `subject` is the registry's `OCI-Subject` answer: the digest of the manifest's `subject`
     * when the registry processed it (OCI 1.1 referrers API), else undefined.
     */
    async putManifest(reference, bytes, mediaType, opts = {}) {
        const url = this.path('manifests', checkReference(reference));
        const headers = { 'Content-Type': mediaType };
        if (opts.ifMatch)
            headers['If-Match'] = opts.ifMatch;
        const res = await this.transport.send('PUT', url, { headers, body: bytes });
        await expectStatus(res, { method: 'PUT', url }, 201, 200, 202, 204);
        // Only a well-formed digest counts: the header is server text, never logged or trusted raw.
        const subject = res.headers.get('oci-subject')?.trim();
        return {
            digest: sha256Digest(bytes),
            ...(subject && DIGEST.test(subject) ? { subject } : {}),
        };
    }
    /** True when the repository has the blob. */
    async blobExists(digest) {
        const url = this.path('blobs', checkDigest(digest));
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
        const digest = sha256Digest(bytes);
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
        const url = this.path('blobs', checkDigest(digest));
        const res = await this.transport.send('GET', url);
        await expectStatus(res, { method: 'GET', url }, 200);
        const bytes = bodyOf(res);
        verifyDigest(digest, bytes, url);
        return bytes;
    }
    /**
     * The OCI 1.1 referrers of a digest, or `supported: false` when the API is absent. A list the
     * registry pages (`Link: <…>; rel="next"`, distribution-spec v1.1.0) is read to its end, up to
     * MAX_REFERRERS_PAGES pages, on the registry's own origin only.
     */
    async referrers(digest, artifactType) {
        let url = this.path('referrers', checkDigest(digest));
        if (artifactType)
            url.searchParams.set('artifactType', artifactType);
        let index;
        for (let page = 1;; page++) {
            const res = await this.transport.send('GET', url, { headers: { Accept: OCI_INDEX } });
            // ggcr treats exactly these as "no referrers API" and falls back to the tag schema.
            if (page === 1 && (res.status === 404 || res.status === 400)) {
                return { supported: false };
            }
            await expectStatus(res, { method: 'GET', url }, 200);
            const bytes = bodyOf(res);
            const part = parseIndex(bytes);
            // A 200 that is not an index is some catch-all page, not the API.
            if (!part || baseType(res.headers.get('content-type')) !== OCI_INDEX) {
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
    const mask = opts.maskSecret ?? setSecret;
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

;// CONCATENATED MODULE: ./src/report/outputs.ts
/** The outputs map; values are strings as the runner stores them. */
function buildOutputs(results, signer, bundlePath) {
    const first = results[0];
    return {
        'signing-mode': signer.mode,
        'rekor-log-index': first?.rekorLogIndex?.toString() ?? '',
        'rekor-log-id': first?.rekorLogId ?? '',
        signatures: JSON.stringify(results.map((r) => ({
            image: r.image,
            digest: r.digest,
            format: r.format,
            signatureRef: r.signatureRef,
            rekorLogIndex: r.rekorLogIndex ?? null,
            rekorLogId: r.rekorLogId ?? null,
            integratedTime: r.integratedTime ?? null,
            // Keyless only, so key-mode entries keep exactly the contract's keys.
            ...(r.identity ? { identity: r.identity, issuer: r.issuer ?? null } : {}),
        }))),
        'bundle-path': bundlePath,
        'public-key': signer.mode === 'key' ? signer.publicKeyPem : '',
        certificate: signer.mode === 'keyless' ? signer.certificatePem : '',
    };
}
/** The bundle file's content: every signature's Sigstore bundle keyed by `image@digest`. */
function buildBundleFile(results) {
    const byRef = {};
    for (const r of results) {
        const key = `${r.image}@${r.digest}`;
        // `both` formats give two bundles for one digest; keep them apart by format.
        byRef[results.some((o) => o !== r && `${o.image}@${o.digest}` === key) ? `${key}#${r.format}` : key] = r.bundle;
    }
    return `${JSON.stringify(byRef, null, 2)}\n`;
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
        return `${[...lines, ...verify_command_command(['--key cosign.pub', ...flags], results)].join('\n')}\n`;
    }
    const blocks = signer.identities.map((id) => verify_command_command([
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
function verify_command_command(flags, results) {
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

;// CONCATENATED MODULE: ./src/report/yaml.ts
// Pure: a small YAML writer for the admission policies in the summary. Only what Kubernetes
// manifests need: maps, lists, strings, booleans, numbers. Strings that YAML 1.1 or 1.2 could
// read as anything but the same string (yes, on, 1e3, *glob, a: b) are double-quoted as JSON,
// which both parse identically; multi-line strings (PEM keys) become literal block scalars.
const PLAIN = /^[A-Za-z][A-Za-z0-9._/-]*$/;
const RESERVED = /^(?:y|n|yes|no|on|off|true|false|null)$/i;
/** The YAML document for `value`, ending in a newline. */
function toYaml(value) {
    return `${writeMap(value, 0).join('\n')}\n`;
}
function writeMap(map, indent) {
    const pad = ' '.repeat(indent);
    const out = [];
    for (const [key, value] of Object.entries(map)) {
        if (value === undefined)
            continue;
        out.push(...withHead(`${pad}${key}:`, value, indent));
    }
    return out;
}
// `head` is "key:" or "-"; the value follows inline (scalars) or on the next lines.
function withHead(head, value, indent) {
    if (Array.isArray(value)) {
        if (value.length === 0)
            return [`${head} []`];
        return [head, ...value.flatMap((item) => writeItem(item, indent + 2))];
    }
    if (typeof value === 'object') {
        const inner = writeMap(value, indent + 2);
        return inner.length === 0 ? [`${head} {}`] : [head, ...inner];
    }
    if (typeof value === 'string' && isBlock(value)) {
        const body = value.endsWith('\n') ? value.slice(0, -1) : value;
        const pad = ' '.repeat(indent + 2);
        return [
            `${head} ${value.endsWith('\n') ? '|' : '|-'}`,
            ...body.split('\n').map((l) => (l ? pad + l : '')),
        ];
    }
    return [`${head} ${scalar(value)}`];
}
function writeItem(item, indent) {
    const pad = ' '.repeat(indent);
    if (typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length > 0) {
        // "- key: value" then the other keys aligned under the first one.
        const lines = writeMap(item, indent + 2);
        return [`${pad}- ${lines[0].trimStart()}`, ...lines.slice(1)];
    }
    return withHead(`${pad}-`, item, indent);
}
// A literal block keeps every character but needs lines that YAML will not re-indent or trim.
function isBlock(text) {
    if (!text.includes('\n'))
        return false;
    const lines = (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
    return lines.every((l) => !/^\s|\s$|[\r\t]/.test(l)) && lines[0] !== '';
}
function scalar(value) {
    if (typeof value !== 'string')
        return String(value);
    return PLAIN.test(value) && !RESERVED.test(value) ? value : JSON.stringify(value);
}

;// CONCATENATED MODULE: ./src/report/policies.ts


/**
 * Policies for the run: the Kyverno ImageValidatingPolicy once for all formats, then per format
 * (legacy first) the ClusterPolicy for older Kyverno and the policy-controller policy.
 */
function buildPolicies(results, signer, context) {
    const repositories = [...new Set(results.map((r) => r.image))];
    const formats = ['legacy', 'bundle'].filter((f) => results.some((r) => r.format === f));
    const name = policyName(repositories);
    const logged = wasLogged(results);
    const base = { name, repositories, signer, context, logged };
    return [
        imageValidatingPolicy({ ...base, formats }),
        ...formats.flatMap((format) => [
            kyvernoPolicy({ ...base, format }),
            policyControllerPolicy({ ...base, format }),
        ]),
    ];
}
/** Image patterns for one repository: any tag, any digest, and nothing in a sibling repository. */
function imageGlobs(repository, controller) {
    // Kyverno names Docker Hub `docker.io/…`; policy-controller (ggcr) `index.docker.io/…`.
    const repo = controller === 'kyverno'
        ? repository.replace(/^index\.docker\.io\//, 'docker.io/')
        : repository;
    return [`${repo}:*`, `${repo}@*`];
}
/**
 * Every way a pod can name an image of `repository`, for the ImageValidatingPolicy's globs,
 * which match the image string as written (gobwas globs, no normalisation; an image no glob
 * matches is not verified at all): bare (`:latest` implied), any tag, any digest, and Docker
 * Hub's short and long names.
 */
function writtenImageGlobs(repository) {
    const hub = /^(?:index\.)?docker\.io\/(.+)$/.exec(repository)?.[1];
    const names = hub
        ? [
            `docker.io/${hub}`,
            `index.docker.io/${hub}`,
            hub,
            ...(hub.startsWith('library/')
                ? [hub.slice('library/'.length), `docker.io/${hub.slice('library/'.length)}`]
                : []),
        ]
        : [repository];
    return names.flatMap((n) => [n, `${n}:*`, `${n}@*`]);
}
/**
 * The `cosign` attestor of a Kyverno ImageValidatingPolicy for the run's signer, shared by the
 * signature and the attestation policies. Without the log only a key verifies; a `ctlog` block
 * needs a URL unless the log is ignored, and the log's key only for a private Rekor.
 */
function kyvernoCosignAttestor(signer, context, logged, privateRekor) {
    const ctlog = logged
        ? { url: context.rekorUrl, rekorPubKey: privateRekor ? context.rekorPublicKeyPem : undefined }
        : { insecureIgnoreTlog: true };
    return signer.mode === 'key'
        ? { key: { data: signer.publicKeyPem, hashAlgorithm: 'sha256' }, ctlog }
        : {
            keyless: {
                identities: signer.identities.map((id) => ({ issuer: id.issuer, subject: id.identity })),
            },
            ctlog,
        };
}
function imageValidatingPolicy(input) {
    const { signer, context, logged } = input;
    const privateRekor = logged && !isPublicUrl(context.rekorUrl, PUBLIC_REKOR_URL);
    const privateFulcio = signer.mode === 'keyless' && !isPublicUrl(context.fulcioUrl, PUBLIC_FULCIO_URL);
    const cosign = kyvernoCosignAttestor(signer, context, logged, privateRekor);
    const who = signer.mode === 'key'
        ? `the key with SHA-256 fingerprint ${signer.fingerprint}`
        : signer.identities.map((id) => id.identity).join(' or ');
    const notes = [
        'Its globs match the image as the pod writes it, so it lists the bare name, every tag and every digest of each repository; an image that matches no glob is not checked. Images are pinned to the digest that was verified (`mutateDigest`).',
    ];
    if (!logged) {
        notes.push('Nothing was logged in Rekor (`tlog-upload: false`), so the attestor ignores the transparency log.');
    }
    if (privateRekor || privateFulcio) {
        notes.push("This run used a private Sigstore instance. Kyverno initialises TUF before it verifies anything logged, from the public Sigstore TUF repository unless told otherwise, and trusts what it finds there: add `tuf: {mirror: …, root: {data: …}}` for your instance's TUF repository to the attestor (an inline `trustedRoot` is read only after TUF has been initialised).");
    }
    const yaml = toYaml({
        apiVersion: 'policies.kyverno.io/v1',
        kind: 'ImageValidatingPolicy',
        metadata: { name: input.name },
        spec: {
            validationActions: ['Deny'],
            failurePolicy: 'Fail',
            webhookConfiguration: { timeoutSeconds: 30 },
            // Verification needs the admission request; a background scan cannot run it.
            evaluation: { background: { enabled: false } },
            matchConstraints: {
                resourceRules: [
                    {
                        apiGroups: [''],
                        apiVersions: ['v1'],
                        operations: ['CREATE', 'UPDATE'],
                        resources: ['pods'],
                    },
                ],
            },
            matchImageReferences: input.repositories.flatMap(writtenImageGlobs).map((glob) => ({ glob })),
            validationConfigurations: { mutateDigest: true, verifyDigest: true, required: true },
            attestors: [{ name: 'signer', cosign }],
            validations: [
                {
                    expression: '(images.containers + images.initContainers + images.ephemeralContainers).all(image, verifyImageSignatures(image, [attestors.signer]) > 0)',
                    message: `every image must be signed by ${who}`,
                },
            ],
        },
    });
    const bundles = input.formats.includes('bundle');
    return {
        controller: 'kyverno',
        kind: 'ImageValidatingPolicy',
        format: input.formats.length > 1 ? 'both' : input.formats[0],
        title: 'Kyverno ImageValidatingPolicy',
        requires: bundles
            ? 'Kyverno 1.17 or newer (`policies.kyverno.io/v1`; it detects Sigstore bundles and verifies them instead of `.sig` when both are present)'
            : 'Kyverno 1.17 or newer (`policies.kyverno.io/v1`)',
        yaml,
        notes,
    };
}
function kyvernoPolicy(input) {
    const { signer, context, format, logged } = input;
    const privateRekor = !isPublicUrl(context.rekorUrl, PUBLIC_REKOR_URL);
    const privateFulcio = signer.mode === 'keyless' && !isPublicUrl(context.fulcioUrl, PUBLIC_FULCIO_URL);
    const rekor = logged
        ? { url: context.rekorUrl, pubkey: privateRekor ? context.rekorPublicKeyPem : undefined }
        : { url: context.rekorUrl, ignoreTlog: true };
    const entries = signer.mode === 'key'
        ? [{ keys: { publicKeys: signer.publicKeyPem, signatureAlgorithm: 'sha256', rekor } }]
        : signer.identities.map((id) => ({
            keyless: {
                subject: id.identity,
                issuer: id.issuer,
                // A private Fulcio: its CA and CT log key from the trusted root the run checked against.
                ...(privateFulcio && context.fulcioRootsPem ? { roots: context.fulcioRootsPem } : {}),
                ...(privateFulcio && context.ctlogPublicKeyPem
                    ? { ctlog: { pubkey: context.ctlogPublicKeyPem } }
                    : {}),
                rekor,
            },
        }));
    const notes = [];
    if (format === 'bundle' && (privateRekor || !isPublicUrl(context.fulcioUrl, PUBLIC_FULCIO_URL))) {
        notes.push('`type: SigstoreBundle` trusts only the public Sigstore instance, so it cannot verify signatures logged in a private Rekor.');
    }
    else if (privateFulcio && context.fulcioRootsPem) {
        notes.push("This run used a private Fulcio: `keyless.roots` and `keyless.ctlog.pubkey` are its CA certificates and CT log key from the run's trusted root.");
    }
    else if (privateFulcio) {
        notes.push('This run used a private Fulcio: add its root certificates as `keyless.roots`.');
    }
    const yaml = toYaml({
        apiVersion: 'kyverno.io/v1',
        kind: 'ClusterPolicy',
        metadata: { name: input.name },
        spec: {
            // Image verification needs the admission request; a background scan cannot run it.
            background: false,
            webhookConfiguration: { failurePolicy: 'Fail', timeoutSeconds: 30 },
            rules: [
                {
                    name: 'verify-signature',
                    match: { any: [{ resources: { kinds: ['Pod'] } }] },
                    verifyImages: [
                        {
                            imageReferences: input.repositories.flatMap((r) => imageGlobs(r, 'kyverno')),
                            type: format === 'legacy' ? 'Cosign' : 'SigstoreBundle',
                            failureAction: 'Enforce',
                            mutateDigest: true,
                            verifyDigest: true,
                            required: true,
                            attestors: [{ count: 1, entries }],
                        },
                    ],
                },
            ],
        },
    });
    notes.push('`ClusterPolicy` is deprecated from Kyverno 1.18 (removal planned for 1.20): on 1.17 or newer apply the ImageValidatingPolicy above instead.');
    return {
        controller: 'kyverno',
        kind: 'ClusterPolicy',
        format,
        title: `Kyverno ClusterPolicy for Kyverno before 1.17 (\`type: ${format === 'legacy' ? 'Cosign' : 'SigstoreBundle'}\`)`,
        requires: format === 'bundle' && signer.mode === 'key'
            ? 'Kyverno 1.19 (earlier releases ignore `publicKeys` for `SigstoreBundle`)'
            : 'Kyverno 1.13 to 1.19 (deprecated from 1.18)',
        yaml,
        notes,
    };
}
function policyControllerPolicy(input) {
    const { signer, context, format, logged } = input;
    const base = {
        controller: 'policy-controller',
        kind: 'ClusterImagePolicy',
        format,
        title: 'Sigstore policy-controller ClusterImagePolicy',
    };
    const scope = 'It applies only in namespaces labelled `policy.sigstore.dev/include=true`.';
    if (format === 'bundle' && signer.mode === 'key') {
        return {
            ...base,
            requires: 'no release up to v0.15.1',
            notes: [
                'policy-controller accepts `signatureFormat: bundle` only for keyless authorities ("when using the new bundle format, the authority must be keyless"). Sign with `signature-format: both` and apply the legacy policy.',
            ],
        };
    }
    const privateRekor = !isPublicUrl(context.rekorUrl, PUBLIC_REKOR_URL);
    // Without `ctlog` policy-controller skips the transparency log for a key authority.
    const ctlog = logged && format === 'legacy' ? { url: context.rekorUrl } : undefined;
    const authority = signer.mode === 'key'
        ? { name: 'sign-image', key: { data: signer.publicKeyPem, hashAlgorithm: 'sha256' }, ctlog }
        : {
            name: 'sign-image',
            keyless: {
                url: context.fulcioUrl,
                identities: signer.identities.map((id) => ({
                    issuer: id.issuer,
                    subject: id.identity,
                })),
            },
            ctlog,
            signatureFormat: format === 'bundle' ? 'bundle' : undefined,
        };
    const notes = [scope];
    if (format === 'bundle') {
        notes.push('Up to v0.15.1 policy-controller verifies bundle-format attestations but not bundle-format image signatures (sigstore/policy-controller#1899); until a release does, sign with `signature-format: both` and apply the legacy policy.');
    }
    if (privateRekor || !isPublicUrl(context.fulcioUrl, PUBLIC_FULCIO_URL)) {
        notes.push('This run used a private Sigstore instance: create a `TrustRoot` with its keys and set `trustRootRef` on the authority.');
    }
    return {
        ...base,
        requires: format === 'bundle'
            ? 'v0.13 or newer reads the syntax, but no release up to v0.15.1 verifies these signatures'
            : 'policy-controller (run against v0.15.1)',
        yaml: toYaml({
            apiVersion: 'policy.sigstore.dev/v1beta1',
            kind: 'ClusterImagePolicy',
            metadata: { name: input.name },
            spec: {
                images: input.repositories.flatMap((r) => imageGlobs(r, 'policy-controller').map((glob) => ({ glob }))),
                authorities: [authority],
            },
        }),
        notes,
    };
}
/** A DNS-1123 name from the first repository's path, e.g. `verify-acme-app`. */
function policyName(repositories) {
    const path = (repositories[0] ?? 'images').split('/').slice(1).join('-') || 'images';
    const more = repositories.length > 1 ? `-and-${repositories.length - 1}-more` : '';
    const slug = `verify-${path}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
    return `${slug.slice(0, 63 - more.length)}${more}`.replace(/-+/g, '-').replace(/-$/, '');
}

;// CONCATENATED MODULE: ./src/report/attestations.ts



/** The `attestations` output: one object per digest, predicate type and format. */
function buildAttestationsOutput(results) {
    return JSON.stringify(results.map((r) => ({
        image: r.image,
        digest: r.digest,
        predicateType: r.attestation.predicateType,
        format: r.format,
        attestationRef: r.signatureRef,
        rekorLogIndex: r.rekorLogIndex ?? null,
        rekorLogId: r.rekorLogId ?? null,
        integratedTime: r.integratedTime ?? null,
        ...(r.identity ? { identity: r.identity, issuer: r.issuer ?? null } : {}),
    })));
}
/** The summary section for the run's attestations ('' when there are none). */
function buildAttestationSection(results, signer, ctx, heading) {
    if (results.length === 0)
        return '';
    const lines = [heading, ''];
    lines.push(...table(results, ctx), '');
    lines.push('#### Verify the attestations with cosign', '');
    if (results.some((r) => r.format === 'bundle')) {
        lines.push('Bundle-format attestations need cosign 3 (or 2.6); `.att` attestations are read by cosign 2 and 3.', '');
    }
    lines.push('```sh', verifyAttestationCommands(results, signer, ctx).trimEnd(), '```', '');
    lines.push('#### Admission checks for these predicate types', '');
    for (const doc of attestationPolicies(results, signer, ctx)) {
        lines.push(`<details><summary><b>${doc.title}</b></summary>`, '');
        for (const note of doc.notes)
            lines.push(`> ${note}`, '');
        lines.push('```yaml', doc.yaml.trimEnd(), '```', '', '</details>', '');
    }
    return `${lines.join('\n')}\n`;
}
function table(results, ctx) {
    const out = [
        '| Image | Digest | Type | Format | Rekor log index | Attestation |',
        '|---|---|---|---|---|---|',
    ];
    const linked = isPublicUrl(ctx.rekorUrl, PUBLIC_REKOR_URL);
    for (const r of results.slice(0, MAX_LISTED)) {
        const index = rekorLogIndexCell(r.rekorLogIndex, linked);
        const type = r.attestation.type === r.attestation.predicateType
            ? `\`${r.attestation.type}\``
            : `\`${r.attestation.type}\` (${r.attestation.predicateType})`;
        const where = r.signatureRef
            ? `\`${r.signatureRef.replace(/([0-9a-f]{12})[0-9a-f]{52}/g, '$1…')}\`${r.added ? '' : ' (already there)'}`
            : 'not uploaded (`upload: false`)';
        out.push(`| \`${r.image}\` | \`${r.digest}\` | ${type} | ${r.format} | ${index} | ${where} |`);
    }
    if (results.length > MAX_LISTED)
        out.push(`| … ${results.length - MAX_LISTED} more: see the \`attestations\` output | | | | | |`);
    return out;
}
/** One `cosign verify-attestation --type` command per predicate type, for every attested digest. */
function verifyAttestationCommands(results, signer, ctx) {
    const flags = [];
    if (!isPublicUrl(ctx.rekorUrl, PUBLIC_REKOR_URL))
        flags.push(`--rekor-url ${quote(ctx.rekorUrl)}`);
    if (!results.some((r) => r.rekorLogIndex !== undefined))
        flags.push('--insecure-ignore-tlog=true');
    const who = signer.mode === 'key'
        ? ['--key cosign.pub']
        : [
            `--certificate-identity ${singleQuote(signer.identities[0].identity)}`,
            `--certificate-oidc-issuer ${singleQuote(signer.identities[0].issuer)}`,
        ];
    const blocks = [];
    if (signer.mode === 'key')
        blocks.push(["cat > cosign.pub <<'EOF'", ...signer.publicKeyPem.trimEnd().split('\n'), 'EOF'].join('\n'));
    const types = [
        ...new Map(results.map((r) => [r.attestation.predicateType, r.attestation.type])).values(),
    ];
    for (const type of types) {
        const refs = [
            ...new Set(results.filter((r) => r.attestation.type === type).map((r) => `${r.image}@${r.digest}`)),
        ];
        const parts = [
            `cosign verify-attestation --type ${quote(type)}`,
            ...who,
            ...flags,
            ...refs.slice(0, MAX_LISTED).map(quote),
        ];
        const text = parts.map((p, i) => (i === 0 ? p : `  ${p}`));
        blocks.push(text.map((l, i) => (i < text.length - 1 ? `${l} \\` : l)).join('\n') +
            (refs.length > MAX_LISTED
                ? `\n# ${refs.length - MAX_LISTED} more digests are in the \`attestations\` output`
                : ''));
    }
    return `${blocks.join('\n\n')}\n`;
}
/** The admission checks that require every predicate type of the run, by the run's signer. */
function attestationPolicies(results, signer, ctx) {
    const repositories = [...new Set(results.map((r) => r.image))];
    const types = [...new Set(results.map((r) => r.attestation.predicateType))];
    const name = `${policyName(repositories)}-attestations`.slice(0, 63).replace(/-$/, '');
    const logged = results.some((r) => r.rekorLogIndex !== undefined);
    const privateRekor = logged && !isPublicUrl(ctx.rekorUrl, PUBLIC_REKOR_URL);
    const privateSigstore = privateRekor || (signer.mode === 'keyless' && !isPublicUrl(ctx.fulcioUrl, PUBLIC_FULCIO_URL));
    const legacy = results.some((r) => r.format === 'legacy');
    const docs = [];
    const privateNote = privateSigstore
        ? [
            'This run used a private Sigstore instance: give the controller its trust root (Kyverno: a TUF mirror and root or `rekor.pubkey`/`keyless.roots`; policy-controller: a `TrustRoot` on the authority).',
        ]
        : [];
    // Kyverno ImageValidatingPolicy (1.17+): one `intoto` attestation per predicate type.
    const cosign = kyvernoCosignAttestor(signer, ctx, logged, privateRekor);
    const attestationNames = types.map((_, i) => `predicate${i + 1}`);
    docs.push({
        title: 'Kyverno ImageValidatingPolicy (Kyverno 1.17 or newer): every image carries each attestation',
        notes: [
            `Requires ${types.map((t) => `\`${t}\``).join(', ')}, signed by the run's signer.`,
            ...privateNote,
        ],
        yaml: toYaml({
            apiVersion: 'policies.kyverno.io/v1',
            kind: 'ImageValidatingPolicy',
            metadata: { name },
            spec: {
                validationActions: ['Deny'],
                failurePolicy: 'Fail',
                webhookConfiguration: { timeoutSeconds: 30 },
                evaluation: { background: { enabled: false } },
                matchConstraints: {
                    resourceRules: [
                        {
                            apiGroups: [''],
                            apiVersions: ['v1'],
                            operations: ['CREATE', 'UPDATE'],
                            resources: ['pods'],
                        },
                    ],
                },
                matchImageReferences: repositories.flatMap(writtenImageGlobs).map((glob) => ({ glob })),
                validationConfigurations: { mutateDigest: true, verifyDigest: true, required: true },
                attestors: [{ name: 'signer', cosign }],
                attestations: types.map((type, i) => ({ name: attestationNames[i], intoto: { type } })),
                validations: types.map((type, i) => ({
                    expression: `(images.containers + images.initContainers + images.ephemeralContainers).all(image, verifyAttestationSignatures(image, attestations.${attestationNames[i]}, [attestors.signer]) > 0)`,
                    message: `every image must carry a ${type} attestation by the signer`,
                })),
            },
        }),
    });
    // Kyverno ClusterPolicy (before 1.17): verifyImages[].attestations[].type, `.att` (type Cosign).
    if (legacy) {
        const rekor = logged
            ? { url: ctx.rekorUrl, pubkey: privateRekor ? ctx.rekorPublicKeyPem : undefined }
            : { url: ctx.rekorUrl, ignoreTlog: true };
        const entries = signer.mode === 'key'
            ? [{ keys: { publicKeys: signer.publicKeyPem, signatureAlgorithm: 'sha256', rekor } }]
            : signer.identities.map((id) => ({
                keyless: { subject: id.identity, issuer: id.issuer, rekor },
            }));
        docs.push({
            title: 'Kyverno ClusterPolicy for Kyverno before 1.17 (`type: Cosign`, the `.att` attestations)',
            notes: [
                'It checks the attestations only (`verifyImages[].attestations`), not an image signature; combine it with the signature policy above.',
                ...privateNote,
            ],
            yaml: toYaml({
                apiVersion: 'kyverno.io/v1',
                kind: 'ClusterPolicy',
                metadata: { name },
                spec: {
                    background: false,
                    webhookConfiguration: { failurePolicy: 'Fail', timeoutSeconds: 30 },
                    rules: [
                        {
                            name: 'verify-attestations',
                            match: { any: [{ resources: { kinds: ['Pod'] } }] },
                            verifyImages: [
                                {
                                    imageReferences: repositories.flatMap((r) => imageGlobs(r, 'kyverno')),
                                    type: 'Cosign',
                                    failureAction: 'Enforce',
                                    mutateDigest: true,
                                    verifyDigest: true,
                                    required: false,
                                    attestations: types.map((type) => ({
                                        type,
                                        attestors: [{ count: 1, entries }],
                                    })),
                                },
                            ],
                        },
                    ],
                },
            }),
        });
    }
    // policy-controller: the authority's attestations, matched by predicateType.
    const pcCtlog = logged ? { url: ctx.rekorUrl } : undefined;
    const authority = signer.mode === 'key'
        ? {
            name: 'sign-image',
            key: { data: signer.publicKeyPem, hashAlgorithm: 'sha256' },
            ctlog: pcCtlog,
        }
        : {
            name: 'sign-image',
            keyless: {
                url: ctx.fulcioUrl,
                identities: signer.identities.map((id) => ({
                    issuer: id.issuer,
                    subject: id.identity,
                })),
            },
            ctlog: pcCtlog,
            signatureFormat: legacy ? undefined : 'bundle',
        };
    authority.attestations = types.map((predicateType, i) => ({
        name: attestationNames[i],
        predicateType,
    }));
    docs.push({
        title: 'Sigstore policy-controller ClusterImagePolicy with `attestations`',
        notes: [
            'It applies only in namespaces labelled `policy.sigstore.dev/include=true`. An authority with `attestations` admits an image only when it carries an attestation of each listed predicate type by that authority.',
            ...(signer.mode === 'key' && !legacy
                ? [
                    'policy-controller reads bundle-format attestations only for keyless authorities: attest with `signature-format: both` for a key.',
                ]
                : []),
            ...privateNote,
        ],
        yaml: toYaml({
            apiVersion: 'policy.sigstore.dev/v1beta1',
            kind: 'ClusterImagePolicy',
            metadata: { name },
            spec: {
                images: repositories.flatMap((r) => imageGlobs(r, 'policy-controller').map((glob) => ({ glob }))),
                authorities: [authority],
            },
        }),
    });
    return docs;
}

// EXTERNAL MODULE: ./node_modules/@sigstore/core/dist/index.js
var dist = __webpack_require__(3917);
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
        return dist.X509Certificate.parse(Buffer.from(body.replace(/\s+/g, ''), 'base64'));
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
        const text = dist.ASN1Obj.parseBuffer(value).value.toString('utf8');
        return /^https:\/\/[^\s`'"<>]+$/.test(text) ? text : undefined;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/report/result.ts
/** True for the records of attestations (the `attestations` output), not image signatures. */
function isAttestation(r) {
    return r.attestation !== undefined;
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

;// CONCATENATED MODULE: ./src/report/summary.ts
// Pure: results → the job summary a reviewer reads after the step: what was signed (one row per
// digest and format), by whom, where it is logged, the `cosign verify` command for exactly what
// was pushed, and ready-to-apply admission policies. Public material only: the public key and
// certificate identity, never a private key, password or token.




/** The summary Markdown: what was signed, by whom, where it is logged, and how to verify it. */
function buildSummary(results, signer, context = {}) {
    const ctx = { ...publicSigstore(), ...context };
    const facts = describeSigner(results, signer);
    const count = signedReferences(results).length;
    const lines = [
        `## Signed ${count === 1 ? 'container image' : `${count} container image digests`}`,
        '',
    ];
    lines.push(...signerLines(facts, ctx, results), '');
    lines.push(...summary_table(results, ctx), '');
    lines.push(...verifySection(results, facts, ctx));
    lines.push(...policySection(buildPolicies(results, facts, ctx)));
    return `${lines.join('\n')}\n`;
}
function signerLines(facts, ctx, results) {
    const out = [];
    if (facts.mode === 'key' && facts.keyRef) {
        out.push(`**Signer:** KMS key \`${facts.keyRef}\`, public key SHA-256 \`${facts.fingerprint}\` (the \`public-key\` output)  `);
    }
    else if (facts.mode === 'key') {
        out.push(`**Signer:** cosign key, public key SHA-256 ${code(facts.fingerprint)} (the \`public-key\` output)  `);
    }
    else {
        for (const id of facts.identities) {
            out.push(`**Signer:** keyless, certificate identity ${code(id.identity)}, issuer ${code(id.issuer)}  `);
        }
        if (facts.callerWorkflow) {
            out.push(`**Called from:** ${code(facts.callerWorkflow)}. The certificate names the reusable workflow that signed, so the command and policies below pin that identity, not the caller's.  `);
        }
        if (facts.runUrl)
            out.push(`**Run:** ${facts.runUrl}  `); // https only, no markup characters (identity.ts)
    }
    const log = wasLogged(results)
        ? isPublicUrl(ctx.rekorUrl, PUBLIC_REKOR_URL)
            ? 'the public Rekor log (linked below)'
            : `the Rekor log at ${code(ctx.rekorUrl)}`
        : '**none**: `tlog-upload` was false, so verifiers must be told to skip the log';
    out.push(`**Transparency log:** ${log}`);
    return out;
}
function summary_table(results, ctx) {
    const out = [
        '| Image | Tags | Digest | Format | Rekor log index | Signature |',
        '|---|---|---|---|---|---|',
    ];
    const linked = isPublicUrl(ctx.rekorUrl, PUBLIC_REKOR_URL);
    for (const r of results.slice(0, MAX_LISTED)) {
        const index = rekorLogIndexCell(r.rekorLogIndex, linked);
        const cell = { inTable: true };
        const tags = r.tags.map((t) => code(t, cell)).join(' ') || '—';
        out.push(`| ${code(r.image, cell)} | ${tags} | ${code(r.digest, cell)} | ${r.format} | ${index} | ${signatureCell(r)} |`);
    }
    if (results.length > MAX_LISTED) {
        out.push(`| … ${results.length - MAX_LISTED} more: see the \`signatures\` output | | | | | |`);
    }
    return out;
}
// What follows the repository (in the first column), with its hex cut to 12 characters so the
// table fits a screen: `:sha256-<hex>.sig` repeats the digest, and the `signatures` output and
// `cosign tree` give the full reference.
function signatureCell(r) {
    if (!r.signatureRef)
        return 'not uploaded (`upload: false`)';
    const rest = r.signatureRef.startsWith(r.image)
        ? r.signatureRef.slice(r.image.length)
        : r.signatureRef;
    const short = rest.replace(/([0-9a-f]{12})[0-9a-f]{52}/, '$1…');
    return `${code(short, { inTable: true })}${r.added ? '' : ' (already there)'}`;
}
function verifySection(results, facts, ctx) {
    const out = ['### Verify with cosign', ''];
    if (results.some((r) => r.format === 'bundle')) {
        out.push('Bundle-format signatures need cosign 3 (or 2.6): cosign 2.5 and older read only `.sig` signatures and answer "no signatures found".', '');
    }
    const privateRekor = wasLogged(results) && !isPublicUrl(ctx.rekorUrl, PUBLIC_REKOR_URL);
    const privateFulcio = facts.mode === 'keyless' && !isPublicUrl(ctx.fulcioUrl, PUBLIC_FULCIO_URL);
    if (privateRekor || privateFulcio) {
        out.push('This run used a private Sigstore instance: give cosign its trust root, `--trusted-root trusted_root.json` (cosign 3) or `SIGSTORE_REKOR_PUBLIC_KEY`, `SIGSTORE_ROOT_FILE` and `SIGSTORE_CT_LOG_PUBLIC_KEY_FILE` (cosign 2).', '');
    }
    out.push(...fenced(buildVerifyCommand(results, facts, ctx).trimEnd(), 'sh'), '');
    if (facts.mode === 'key' && facts.keyRef) {
        out.push(`cosign can also read the public key from the KMS itself (with AWS credentials allowed \`kms:GetPublicKey\` and \`kms:DescribeKey\`): \`--key ${facts.keyRef}\` instead of \`--key cosign.pub\`.`, '');
    }
    return out;
}
function policySection(docs) {
    const out = ['### Admission policies', ''];
    for (const doc of docs) {
        const format = {
            legacy: 'legacy `.sig`',
            bundle: 'Sigstore bundle',
            both: 'legacy `.sig` and Sigstore bundle',
        }[doc.format];
        out.push(`<details><summary><b>${html(doc.title)}</b> for ${html(format)} signatures: ${html(doc.requires)}</summary>`, '');
        for (const note of doc.notes)
            out.push(`> ${note}`, '');
        if (doc.yaml)
            out.push(...fenced(doc.yaml.trimEnd(), 'yaml'), '');
        out.push('</details>', '');
    }
    return out;
}
// <summary> is HTML: Markdown code spans do not render inside it, so turn them into <code>.
function html(text) {
    const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    return escaped.replace(/`([^`]+)`/g, '<code>$1</code>');
}

;// CONCATENATED MODULE: ./src/report/write.ts
// The only place results leave the process for the runner: step outputs, the job summary and
// the bundle file.










/** Writes the bundle file, sets every output and (unless disabled) appends the summary. */
async function writeReport(all, signer, options) {
    // Image signatures go to `signatures` and the bundle file, attestations to `attestations`.
    const results = all.filter((r) => !isAttestation(r));
    const attestations = all.filter(isAttestation);
    const env = options.env ?? process.env;
    const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'sign-image-'));
    const bundlePath = (0,external_node_path_.join)(dir, 'bundles.json');
    (0,external_node_fs_.writeFileSync)(bundlePath, buildBundleFile(results));
    const outputs = {
        ...buildOutputs(results, signer, bundlePath),
        attestations: buildAttestationsOutput(attestations),
    };
    for (const [name, value] of Object.entries(outputs))
        setOutput(name, value);
    if (options.summary && env.GITHUB_STEP_SUMMARY) {
        const ctx = { ...publicSigstore(), ...options.sigstore };
        const facts = describeSigner(all, signer);
        // `sign: false`: only attestations were made, so only they are reported.
        const summary = results.length === 0
            ? buildAttestationSection(attestations, facts, ctx, '## Attested container images')
            : buildSummary(results, signer, options.sigstore) +
                buildAttestationSection(attestations, facts, ctx, '### Attestations');
        appendSummary(summary);
    }
    return outputs;
}

// EXTERNAL MODULE: ./node_modules/@sigstore/bundle/dist/index.js
var bundle_dist = __webpack_require__(1040);
;// CONCATENATED MODULE: ./src/tlog/proposed-entry.ts
// The Rekor v1 entries we propose (`POST /api/v1/log/entries`): `hashedrekord` 0.0.1 for message
// signatures, `dsse` 0.0.1 for DSSE envelopes. Owned here rather than deep-imported from
// @sigstore/sign's dist/ internals (not part of its API, so free to change in any release); the
// bytes are pinned to @sigstore/sign 5's by __tests__/tlog/proposed-entry.test.ts.
//
// The dsse entry carries the envelope as a JSON *string*. The real Rekor keeps no envelope: it
// logs `envelopeHash` = sha256 of that string exactly as submitted (pkg/types/dsse/v0.0.1/entry.go,
// `sha256.Sum256([]byte(*ProposedContent.Envelope))`), never of a re-serialization. So the one
// function below decides both the bytes sent and the bytes the returned entry is checked against.
// https://github.com/sigstore/rekor/blob/main/pkg/types/dsse/v0.0.1/dsse_v0_0_1_schema.json

/**
 * The entry to propose for a signature, with `verifierPem` the `PUBLIC KEY` PEM (key mode) or the
 * leaf `CERTIFICATE` PEM (keyless), base64-encoded as Rekor's schema asks.
 */
function proposedEntry(content, verifierPem) {
    const verifier = Buffer.from(verifierPem, 'utf8').toString('base64');
    if (content.$case === 'dsseEnvelope') {
        return {
            apiVersion: '0.0.1',
            kind: 'dsse',
            spec: {
                proposedContent: {
                    envelope: submittedEnvelope(content.dsseEnvelope),
                    verifiers: [verifier],
                },
            },
        };
    }
    const { messageDigest, signature } = content.messageSignature;
    if (!messageDigest)
        throw new Error('a message signature without its digest cannot be logged');
    return {
        apiVersion: '0.0.1',
        kind: 'hashedrekord',
        spec: {
            data: {
                hash: { algorithm: 'sha256', value: Buffer.from(messageDigest.digest).toString('hex') },
            },
            signature: {
                content: Buffer.from(signature).toString('base64'),
                publicKey: { content: verifier },
            },
        },
    };
}
/**
 * The envelope string that goes into `proposedContent.envelope`: the protobuf-specs JSON form
 * (`payload`, `payloadType`, `signatures[{sig, keyid}]`), which is not the form Go would marshal.
 */
function submittedEnvelope(envelope) {
    return JSON.stringify((0,bundle_dist/* envelopeToJSON */.Qe)(envelope));
}

;// CONCATENATED MODULE: ./src/tlog/rekor-log.ts




const rekor_log_UUID = /^[0-9a-f]{64,80}$/;
/** A Witness that records each signature in a Rekor v1 log and returns its entry. */
class RekorLog {
    opts;
    constructor(opts) {
        this.opts = opts;
    }
    async testify(content, publicKey) {
        const proposed = proposedEntry(content, publicKey);
        const doing = 'recording the signature';
        const res = await this.send(`${this.opts.rekorUrl}/api/v1/log/entries`, doing, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
            body: JSON.stringify(proposed),
        });
        if (res.status === 201)
            return { tlogEntries: [await entryFrom(res, this.opts.rekorUrl)] };
        const uuid = res.headers.get('location')?.split('/').pop() ?? '';
        if (res.status !== 409 || !rekor_log_UUID.test(uuid))
            throw await statusError(this.opts.rekorUrl, res, doing);
        // Already logged (by our own earlier try): use that entry.
        const existing = await this.send(`${this.opts.rekorUrl}/api/v1/log/entries/${uuid}`, 'fetching the existing entry', {
            headers: { Accept: 'application/json' },
        });
        if (existing.status !== 200)
            throw await statusError(this.opts.rekorUrl, existing, 'fetching the existing entry');
        return { tlogEntries: [await entryFrom(existing, this.opts.rekorUrl)] };
    }
    async send(url, doing, init) {
        const what = `Rekor at ${host(this.opts.rekorUrl)}`;
        try {
            return await fetchWithRetry(url, init, {
                what,
                policy: this.opts.policy,
                fetch: this.opts.fetch,
                maxBodyBytes: BODY_LIMITS.service,
            });
        }
        catch (err) {
            if (err instanceof errors/* SignImageError */.FG)
                throw err; // RESPONSE_TOO_LARGE
            throw rekorUnreachable(this.opts.rekorUrl, err, doing);
        }
    }
}
/** TLOG_UNREACHABLE for a request that got no answer (refused, reset, timed out, deadline). */
function rekorUnreachable(rekorUrl, err, doing) {
    const how = err instanceof RequestFailure ? describeFailure(err) : 'could not be reached';
    return new errors/* SignImageError */.FG('TLOG_UNREACHABLE', `Rekor at ${host(rekorUrl)} ${how} when ${doing}`, {
        cause: err,
        hint: 'Check `rekor-url` and the network (for the public log see https://status.sigstore.dev), or set `tlog-upload: false` to sign without the transparency log; nothing was pushed to the registry',
    });
}
/** TLOG_ERROR naming the status Rekor answered (after every retry) and Rekor's own reason. */
async function statusError(rekorUrl, res, doing) {
    const text = await res.text().catch(() => '');
    let reason = '';
    try {
        const message = JSON.parse(text).message;
        if (typeof message === 'string')
            reason = `: ${message.slice(0, 300)}`;
    }
    catch {
        // Not Rekor's JSON error body: the status says enough.
    }
    const transient = res.status >= 500 || res.status === 429 || res.status === 408;
    return new errors/* SignImageError */.FG('TLOG_ERROR', `Rekor at ${host(rekorUrl)} answered ${res.status} when ${doing}${attemptsNote(res)}${reason}`, {
        hint: transient
            ? 'The log is failing or throttling; re-run the job later (for the public log see https://status.sigstore.dev); nothing was pushed to the registry'
            : 'Check `rekor-url` (a Rekor v1 API such as https://rekor.sigstore.dev); nothing was pushed to the registry',
    });
}
// `{"<uuid>": {body, integratedTime, logID, logIndex, verification}}` → the bundle's entry form.
async function entryFrom(res, rekorUrl) {
    try {
        const entries = Object.values((await res.json()));
        if (entries.length !== 1)
            throw new Error(`${entries.length} entries`);
        const e = entries[0];
        const kind = JSON.parse(Buffer.from(e.body, 'base64').toString('utf8'));
        const proof = e.verification?.inclusionProof;
        const sets = e.verification?.signedEntryTimestamp;
        return {
            logIndex: String(e.logIndex),
            logId: { keyId: Buffer.from(e.logID, 'hex') },
            kindVersion: { kind: kind.kind, version: kind.apiVersion },
            integratedTime: String(e.integratedTime),
            inclusionPromise: sets ? { signedEntryTimestamp: Buffer.from(sets, 'base64') } : undefined,
            inclusionProof: proof && {
                logIndex: String(proof.logIndex),
                rootHash: Buffer.from(proof.rootHash, 'hex'),
                treeSize: String(proof.treeSize),
                hashes: proof.hashes.map((h) => Buffer.from(h, 'hex')),
                checkpoint: { envelope: proof.checkpoint },
            },
            canonicalizedBody: Buffer.from(e.body, 'base64'),
        };
    }
    catch (cause) {
        throw new errors/* SignImageError */.FG('TLOG_ERROR', `the transparency log at ${host(rekorUrl)} returned an entry that cannot be read`, {
            cause,
            hint: '`rekor-url` must be a Rekor v1 API (e.g. https://rekor.sigstore.dev); nothing was pushed to the registry',
        });
    }
}
function host(url) {
    return new URL(url).host;
}

;// CONCATENATED MODULE: ./src/tlog/rekor.ts

/** A Witness that logs signatures in the Rekor at `rekorUrl`, with errors that say what to do. */
function rekorWitness(rekorUrl, policy, fetch) {
    // Message signatures are logged as `hashedrekord`, DSSE envelopes (bundle format) as `dsse`
    // entries, as cosign v3 makes them (not the older `intoto`).
    return new RekorLog({ rekorUrl, policy, fetch });
}

;// CONCATENATED MODULE: ./src/tlog/timestamp-request.ts
// Pure: the RFC 3161 §2.4.1 TimeStampReq we send to `tsa-url`, DER-encoded, and the nonce the
// answer must echo. Written by hand because @sigstore/core parses ASN.1 but builds none (its
// ASN1Obj needs tag objects the package does not export), @sigstore/sign only speaks sigstore's
// JSON request, and the request is five short fields:
//
//   TimeStampReq ::= SEQUENCE {
//     version        INTEGER { v1(1) },
//     messageImprint SEQUENCE { hashAlgorithm AlgorithmIdentifier, hashedMessage OCTET STRING },
//     nonce          INTEGER OPTIONAL,
//     certReq        BOOLEAN DEFAULT FALSE }
//
// The imprint's algorithm carries explicit NULL parameters, as OpenSSL's `ts -query` and Go's
// digitorus/timestamp (cosign, the Sigstore timestamp authority) write it.

/** Media types of RFC 3161 over HTTP (RFC 3161 §3.4). */
const TIMESTAMP_QUERY = 'application/timestamp-query';
const TIMESTAMP_REPLY = 'application/timestamp-reply';
const SHA256_OID = Buffer.from('608648016503040201', 'hex'); // 2.16.840.1.101.3.4.2.1
/**
 * DER TimeStampReq over a SHA-256 `digest`, asking for the signer's certificate in the token
 * (certReq: cosign's verifiers look for the TSA's leaf there) and carrying `nonce`.
 */
function timestampRequest(digest, nonce) {
    if (digest.length !== 32)
        throw new Error(`a SHA-256 digest has 32 bytes, not ${digest.length}`);
    return tlv(0x30, integer(Buffer.from([1])), tlv(0x30, tlv(0x30, tlv(0x06, SHA256_OID), tlv(0x05)), tlv(0x04, digest)), integer(nonce), tlv(0x01, Buffer.from([0xff])));
}
/** A fresh 64-bit nonce, as OpenSSL and cosign send. */
function newNonce() {
    return (0,external_node_crypto_.randomBytes)(8);
}
/** The nonce as the INTEGER's value: unsigned, big-endian, no leading zeros. */
function nonceValue(nonce) {
    return nonce.length === 0 ? 0n : BigInt(`0x${nonce.toString('hex')}`);
}
// A non-negative INTEGER in its minimal two's-complement form: leading zero bytes dropped, one
// put back when the top bit would read as a sign.
function integer(unsigned) {
    let start = 0;
    while (start < unsigned.length - 1 && unsigned[start] === 0)
        start++;
    let value = unsigned.subarray(start);
    if (value.length === 0)
        value = Buffer.from([0]);
    if (value[0] & 0x80)
        value = Buffer.concat([Buffer.from([0]), value]);
    return tlv(0x02, value);
}
function tlv(tag, ...contents) {
    const value = Buffer.concat(contents);
    return Buffer.concat([Buffer.from([tag]), timestamp_request_length(value.length), value]);
}
// DER lengths: one byte below 128, else 0x80 + the count of big-endian length bytes.
function timestamp_request_length(n) {
    if (n < 0x80)
        return Buffer.from([n]);
    const bytes = [];
    for (let rest = n; rest > 0; rest = Math.floor(rest / 256))
        bytes.unshift(rest & 0xff);
    return Buffer.from([0x80 | bytes.length, ...bytes]);
}

;// CONCATENATED MODULE: ./src/tlog/tsa.ts






// A TimeStampResp is a few kilobytes (the token and the TSA's chain); more is not one.
const MAX_RESPONSE_BYTES = 256 * 1024;
/**
 * A Witness that timestamps each signature at `tsaUrl` and checks the token before it is used,
 * under the action's retry policy.
 */
function tsaWitness(tsaUrl, policy) {
    return {
        testify: async (content) => {
            const signature = signatureOf(content);
            const nonce = newNonce();
            const body = timestampRequest((0,external_node_crypto_.createHash)('sha256').update(signature).digest(), nonce);
            let res;
            try {
                res = await fetchWithRetry(tsaUrl, {
                    method: 'POST',
                    headers: { 'Content-Type': TIMESTAMP_QUERY, Accept: TIMESTAMP_REPLY },
                    body,
                }, {
                    what: `the timestamp authority at ${tsa_host(tsaUrl)}`,
                    policy,
                    maxBodyBytes: BODY_LIMITS.service,
                });
            }
            catch (err) {
                if (err instanceof errors/* SignImageError */.FG)
                    throw err; // RESPONSE_TOO_LARGE
                throw tsaError(tsaUrl, err);
            }
            if (!res.ok)
                throw tsaError(tsaUrl, { statusCode: res.status, note: attemptsNote(res) });
            const token = res.bytes;
            checkTimestamp(token, signature, tsaUrl, nonce);
            return { rfc3161Timestamps: [{ signedTimestamp: token }] };
        },
    };
}
/** The first RFC 3161 token (DER TimeStampResp) of a bundle, or undefined when it has none. */
function firstTimestamp(bundle) {
    const t = bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps[0];
    return t ? Buffer.from(t.signedTimestamp) : undefined;
}
/**
 * Requires a granted TimeStampResp whose token's imprint is the sha256 of `signature` and, when
 * we sent one, whose nonce is ours (RFC 3161 §2.4.2). The TSA's certificate chain is the
 * verifier's trust (trusted_root.json), not ours; what we can check is that the token answers
 * this request, so a confused or hostile TSA cannot put someone else's token in the registry.
 */
function checkTimestamp(der, signature, tsaUrl, nonce) {
    let status;
    try {
        if (der.length > MAX_RESPONSE_BYTES) {
            throw new Error(`${der.length} bytes is more than a timestamp response holds`);
        }
        const ts = dist.RFC3161Timestamp.parse(Buffer.from(der));
        status = ts.status;
        if (status <= 1n) {
            const info = ts.tstInfo;
            if (info.messageImprintHashAlgorithm !== 'sha256') {
                throw new Error('the message imprint is not the SHA-256 we asked for');
            }
            info.verify(signature);
            if (nonce && tokenNonce(info.root.subs) !== nonceValue(nonce)) {
                throw new Error('the token does not carry the nonce of our request');
            }
        }
    }
    catch (cause) {
        throw new errors/* SignImageError */.FG('TSA_ERROR', `the timestamp from ${tsa_host(tsaUrl)} does not cover the signature`, {
            cause,
            hint: "Check that `tsa-url` is the RFC 3161 endpoint itself (for sigstore's timestamp-authority, its /api/v1/timestamp URL); nothing was pushed to the registry",
        });
    }
    // 0 granted, 1 granted with modifications; anything else is a refusal.
    if (status > 1n) {
        throw new errors/* SignImageError */.FG('TSA_ERROR', `the timestamp authority at ${tsa_host(tsaUrl)} refused the request (PKIStatus ${status})`, {
            hint: 'Check `tsa-url`; nothing was pushed to the registry',
        });
    }
}
// TSTInfo: version, policy, messageImprint, serialNumber, genTime, then the optional accuracy
// (SEQUENCE), ordering (BOOLEAN) and nonce, the only INTEGER after genTime.
function tokenNonce(fields) {
    return fields
        .slice(5)
        .find((f) => f.tag.isInteger())
        ?.toInteger();
}
function signatureOf(content) {
    return content.$case === 'dsseEnvelope'
        ? Buffer.from(content.dsseEnvelope.signatures[0].sig)
        : Buffer.from(content.messageSignature.signature);
}
function tsaError(tsaUrl, err) {
    const status = err?.statusCode;
    if (typeof status === 'number') {
        return new errors/* SignImageError */.FG('TSA_ERROR', `the timestamp authority at ${tsa_host(tsaUrl)} answered ${status}${err.note ?? ''}`, {
            hint: status >= 500 || status === 429 || status === 408
                ? 'The authority is failing or throttling; re-run the job later (for the public one see https://status.sigstore.dev); nothing was pushed to the registry'
                : "Check `tsa-url`: it must be the RFC 3161 endpoint itself, which takes `application/timestamp-query` (for sigstore's timestamp-authority, https://HOST/api/v1/timestamp); nothing was pushed to the registry",
        });
    }
    const how = err instanceof RequestFailure ? describeFailure(err) : 'could not be reached';
    return new errors/* SignImageError */.FG('TSA_UNREACHABLE', `the timestamp authority at ${tsa_host(tsaUrl)} ${how}`, {
        cause: err,
        hint: 'Check `tsa-url` and the network, or leave `tsa-url` empty to sign without a timestamp; nothing was pushed to the registry',
    });
}
function tsa_host(url) {
    return new URL(url).host;
}

;// CONCATENATED MODULE: ./src/tlog/witnesses.ts


/** Rekor and TSA witnesses as the config asks for them; Rekor through `fetch` when given. */
function witnessesFor(config, fetch) {
    return [
        ...(config.tlogUpload ? [rekorWitness(config.rekorUrl, undefined, fetch)] : []),
        ...(config.tsaUrl ? [tsaWitness(config.tsaUrl)] : []),
    ];
}

;// CONCATENATED MODULE: ./src/pipeline/deps.ts







/** The real collaborators: registries with the Docker config's or the inputs' credentials. */
function defaultPipelineDeps(config, trust, env = process.env) {
    // Explicit credentials go to the first image's registry only (never to another host).
    const keychain = defaultKeychain({
        username: config.registryUsername,
        password: config.registryPassword,
        registry: resolveTargets(config.images, config.digest)[0]?.ref.registry,
        env,
    });
    // One registry's challenge is answered once per repository, without a 401 after the first.
    const challenges = new Map();
    const fetch = nodeFetch();
    return {
        env,
        registryClient: (ref) => new RegistryClient({
            registry: ref.registry,
            repository: ref.repository,
            keychain,
            challenges,
            fetch,
        }),
        trust,
        // Rekor through the same node:http transport as the registries (registry/node-fetch.ts).
        witnesses: (c) => witnessesFor(c, fetch),
        now: () => new Date(),
        // Lines quote registry answers and references: escaped so none starts a workflow command.
        log: (line) => log_info(line),
        report: writeReport,
        lagDelaysMs: LAG_DELAYS_MS,
    };
}

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
            throw new errors/* SignImageError */.FG('INTERNAL', `annotation "${key}" must be a string`);
        return `${JSON.stringify(key)}:${JSON.stringify(value)}`;
    });
    const json = `{"_type":${JSON.stringify(IN_TOTO_STATEMENT_V1)},` +
        `"subject":[{"digest":{"sha256":"${hex}"},"annotations":{${notes.join(',')}}}],` +
        `"predicateType":${JSON.stringify(COSIGN_SIGN_PREDICATE_TYPE)},"predicate":{}}`;
    return Buffer.from(json, 'utf8');
}

;// CONCATENATED MODULE: ./src/formats/builder-per-signing.ts
/** The builder of `Builder` for a Signing, made on its first use. */
function builderPerSigning(Builder) {
    const builders = new WeakMap();
    return (signing) => {
        let builder = builders.get(signing);
        if (!builder) {
            builder = new Builder({ signer: signing.prepared.signer, witnesses: signing.witnesses });
            builders.set(signing, builder);
        }
        return builder;
    };
}

;// CONCATENATED MODULE: ./src/signer/bundle-builders.ts
// The two bundle builders: sign an artifact with the run's signer, ask each witness (Rekor, a
// TSA) to testify, and pack a Sigstore bundle v0.3 as cosign v3 makes it.
//
// Why not @sigstore/sign's MessageSignatureBundleBuilder and DSSEBundleBuilder: their part is the
// few lines of BaseBundleBuilder.create (sign, package, ask the witnesses, merge what they return),
// and both had to be subclassed anyway (they pack v0.2 with a certificate chain, and put the key
// hint in the envelope's keyid). Importing them loads @sigstore/sign's index, and with it its
// whole HTTP stack (make-fetch-happen, proxy and socks agents, iconv-lite, semver: a 1.2 MB chunk
// of dist/) although the signer, the witnesses and the Fulcio client are ours: measured, compiling
// and evaluating it took ~120 ms of the main thread while scrypt ran, and lengthened the GC that
// follows. The packing itself stays @sigstore/bundle's and the PAE @sigstore/core's;
// __tests__/signer/bundle-builders.test.ts pins the bundles to @sigstore/sign's, field for field.


/** Signs the bytes themselves: the legacy `.sig` signature, as cosign signs its payload. */
class MessageSignatureV03BundleBuilder {
    options;
    constructor(options) {
        this.options = options;
    }
    async create(artifact) {
        const signature = await this.options.signer.sign(artifact.data);
        const bundle = (0,bundle_dist/* toMessageSignatureBundle */.hj)({
            digest: dist.crypto.digest('sha256', artifact.data),
            signature: signature.signature,
            ...keyMaterial(signature),
            certificateChain: false,
        });
        return witnessed(bundle, signature, this.options.witnesses);
    }
}
/** Signs the PAE of the bytes and wraps them in a DSSE envelope, as cosign v3 does. */
class DSSEV03BundleBuilder {
    options;
    constructor(options) {
        this.options = options;
    }
    async create(artifact) {
        const type = artifact.type ?? '';
        const signature = await this.options.signer.sign(dist.dsse.preAuthEncoding(type, artifact.data));
        const bundle = (0,bundle_dist/* toDSSEBundle */.PR)({
            artifact: artifact.data,
            artifactType: type,
            signature: signature.signature,
            ...keyMaterial(signature),
            certificateChain: false,
        });
        // cosign (sigstore-go) leaves the envelope signature's keyid empty where @sigstore/bundle
        // copies the key hint. The keyid is not signed, but Rekor hashes the envelope with it, so
        // the envelope is made as cosign makes it.
        for (const s of bundle.content.dsseEnvelope.signatures)
            s.keyid = '';
        return witnessed(bundle, signature, this.options.witnesses);
    }
}
/** The leaf certificate (DER) or the public key hint that the bundle's material names. */
function keyMaterial(signature) {
    const key = signature.key;
    return key.$case === 'x509Certificate'
        ? { certificate: dist.pem.toDER(key.certificate) }
        : { keyHint: key.hint };
}
/** Asks every witness at once and puts what they return into the bundle's material. */
async function witnessed(bundle, signature, witnesses) {
    const key = signature.key.$case === 'publicKey' ? signature.key.publicKey : signature.key.certificate;
    const testimonies = await Promise.all(witnesses.map((w) => w.testify(bundle.content, key)));
    bundle.verificationMaterial.tlogEntries = testimonies.flatMap((t) => t.tlogEntries ?? []);
    bundle.verificationMaterial.timestampVerificationData = {
        rfc3161Timestamps: testimonies.flatMap((t) => t.rfc3161Timestamps ?? []),
    };
    return bundle;
}

;// CONCATENATED MODULE: ./src/signer/keyless/certificate.ts
// Pure: what Fulcio answered becomes the certificate this run signs with, checked before any
// signature depends on it. The PEM text is re-encoded the way cosign writes it (Go's
// pem.EncodeToMemory, which @sigstore/core's pem.fromDER matches byte for byte), whatever line
// layout the CA used.
// https://github.com/sigstore/fulcio/blob/main/docs/oid-info.md



/** Fulcio's "Issuer (V2)" extension: a DER UTF8String holding the OIDC issuer URL. */
const OID_ISSUER_V2 = '1.3.6.1.4.1.57264.1.8';
/** The deprecated "Issuer" extension: the raw URL bytes (older Fulcio leaves carry only this). */
const OID_ISSUER_V1 = '1.3.6.1.4.1.57264.1.1';
/** Checks Fulcio's chain (leaf first) against the key we asked it to certify. */
function toSigningCertificate(chain, publicKeyPem) {
    const ders = chain.flatMap(pemBlocks);
    const leafDer = ders[0];
    if (!leafDer)
        throw certificate_invalid('Fulcio returned no certificate');
    const leaf = parse(leafDer);
    const ours = (0,external_node_crypto_.createPublicKey)(publicKeyPem).export({ type: 'spki', format: 'der' });
    if (!ours.equals(leaf.publicKey))
        throw certificate_invalid('Fulcio returned a certificate for another key');
    const lifetimeMs = leaf.notAfter.getTime() - leaf.notBefore.getTime();
    if (!(lifetimeMs > 0))
        throw certificate_invalid('the certificate Fulcio returned has no validity period');
    return {
        ...identityOf(leaf),
        leafPem: dist.pem.fromDER(leafDer),
        chainPem: ders
            .slice(1)
            .map((der) => dist.pem.fromDER(der))
            .join(''),
        lifetimeMs,
    };
}
/** The SAN and OIDC issuer of a Fulcio leaf (PEM or DER). */
function certificateIdentity(certificate) {
    return identityOf(parse(typeof certificate === 'string'
        ? (pemBlocks(certificate)[0] ?? Buffer.alloc(0))
        : certificate));
}
function identityOf(leaf) {
    const identity = leaf.subjectAltName;
    if (!identity)
        throw certificate_invalid('the certificate Fulcio returned has no subject alternative name');
    const issuer = issuerOf(leaf);
    if (!issuer)
        throw certificate_invalid('the certificate Fulcio returned names no OIDC issuer');
    return { identity, issuer };
}
function issuerOf(leaf) {
    const v2 = leaf.extension(OID_ISSUER_V2)?.value;
    if (v2) {
        try {
            return dist.ASN1Obj.parseBuffer(v2).value.toString('utf8');
        }
        catch {
            return undefined;
        }
    }
    return leaf.extension(OID_ISSUER_V1)?.value.toString('utf8');
}
function parse(der) {
    try {
        return dist.X509Certificate.parse(der);
    }
    catch (cause) {
        throw certificate_invalid('the certificate Fulcio returned cannot be parsed', cause);
    }
}
// Each element of Fulcio's chain is one PEM certificate; tolerate several blocks in one string.
function pemBlocks(text) {
    return [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((m) => Buffer.from(m[1].replace(/\s+/g, ''), 'base64'));
}
function certificate_invalid(message, cause) {
    return new errors/* SignImageError */.FG('CERTIFICATE_INVALID', message, {
        cause,
        hint: 'Check that `fulcio-url` points at a Fulcio CA (e.g. https://fulcio.sigstore.dev); nothing was signed or written',
    });
}

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

;// CONCATENATED MODULE: ./src/storage/confirmed-write.ts



// Answers docker-registry 2.8 gives under concurrent writers to one repository, and the 412
// of registries that honour If-Match: all mean "try again", none that the request was wrong.
const TRANSIENT_CODES = [
    'DIGEST_INVALID',
    'BLOB_UNKNOWN',
    'BLOB_UPLOAD_UNKNOWN',
    'BLOB_UPLOAD_INVALID',
    'MANIFEST_BLOB_UNKNOWN',
];
/**
 * A tag seen before (or written by us) now answers 404: a torn read during someone's write, not
 * an empty tag. Treating it as empty would write a merge without their entries.
 */
class VanishedError extends Error {
}
/** True for a registry answer worth retrying inside the loop. */
function isTransientWriteError(err) {
    if (err instanceof VanishedError)
        return true;
    if (!(err instanceof RegistryError))
        return false;
    // 408, 429 and 5xx were already retried by the transport (util/http-retry.ts): once it gives
    // up, another round would only multiply the retries, so only a lost race (412) is retried.
    if (err.status === 412)
        return true;
    return ((err.status === 400 || err.status === 404) && TRANSIENT_CODES.some((c) => err.hasDiagnostic(c)));
}
/** Runs `w` until its entry is present and confirmed; throws `w.conflict(…)` after the last attempt. */
async function confirmedWrite(w, initial, o) {
    let base = initial;
    let setUp = !w.setup;
    let wrote = false;
    let lastProblem;
    for (let attempt = 1; attempt <= o.maxAttempts; attempt++) {
        if (attempt > 1) {
            o.log?.(`Writing ${w.what} again (attempt ${attempt} of ${o.maxAttempts}): ${confirmed_write_describe(lastProblem)}`);
            await o.sleep(backoffMs(attempt - 1, o.backoff, o.random));
        }
        try {
            if (!setUp) {
                const done = await w.setup();
                setUp = true;
                if (done)
                    return { endedBy: 'setup', wrote: true };
            }
            // A write under way goes ahead of queued uploads: its settle wait then overlaps them.
            const round = await o.limit(() => w.round(base, wrote), 'first');
            base = round.base;
            if (!round.putMs)
                return { endedBy: 'present', wrote };
            wrote = true;
            // Long enough for a writer slower than we were to land a stale PUT, which the read-back then
            // sees: three times our own window, as writers started together on a loaded machine differ
            // by more than 2× (six concurrent attesters lost one layer in 1 of 7 full runs with 2×).
            const settle = Math.min(3000, Math.max(o.settleMs, 3 * round.putMs));
            (0,trace/* trace */.u)(`settle ${settle} (put ${round.putMs}) ${w.what}`);
            await o.sleep(Math.round(settle * (0.75 + o.random() / 2)));
            (0,trace/* trace */.u)(`settled ${w.what}`);
            if (await o.limit(() => w.confirm(), 'first'))
                return { endedBy: 'confirmed', wrote: true };
            lastProblem = new Error(w.replaced);
        }
        catch (err) {
            if (!isTransientWriteError(err))
                throw err;
            lastProblem = err;
        }
    }
    throw w.conflict(o.maxAttempts, lastProblem);
}
function confirmed_write_describe(problem) {
    return problem instanceof Error ? problem.message : String(problem);
}

;// CONCATENATED MODULE: ./src/storage/legacy/layer.ts
// One signature as a layer of the `.sig` image (cosign-format §3.2, §3.3): the blob is the payload
// itself, uncompressed, and everything else rides in the descriptor's annotations.
// https://github.com/sigstore/cosign/blob/main/specs/SIGNATURE_SPEC.md





/** base64 of the DER signature over the payload; on every layer. */
const SIGNATURE_ANNOTATION = 'dev.cosignproject.cosign/signature';
/** Leaf certificate PEM (keyless). */
const CERTIFICATE_ANNOTATION = 'dev.sigstore.cosign/certificate';
/** Rest of the certificate chain PEM; present whenever the certificate is, possibly "". */
const CHAIN_ANNOTATION = 'dev.sigstore.cosign/chain';
/** Rekor bundle JSON `{"SignedEntryTimestamp":…,"Payload":{…}}` (see tlog/entry.ts). */
const BUNDLE_ANNOTATION = 'dev.sigstore.cosign/bundle';
/** `{"SignedRFC3161Timestamp":"<b64 TimeStampResp DER>"}` when a TSA was used. */
const RFC3161_TIMESTAMP_ANNOTATION = 'dev.sigstore.cosign/rfc3161timestamp';
/** The `.sig` layer descriptor for one signature, annotations as cosign's static.NewSignature sets them. */
function buildSignatureLayer(input) {
    if (!encoding/* STD_BASE64 */.kb.test(input.signatureBase64) || input.signatureBase64 === '') {
        throw new errors/* SignImageError */.FG('INTERNAL', 'the signature is not standard padded base64');
    }
    return cosignLayer(COSIGN_SIMPLE_SIGNING, input.payload, { [SIGNATURE_ANNOTATION]: input.signatureBase64 }, input);
}
/**
 * A cosign layer descriptor: the blob's digest and size, `own` annotations plus the certificate,
 * chain, Rekor bundle and timestamp ones, sorted as Go's map marshalling writes them.
 */
function cosignLayer(mediaType, blob, own, material) {
    const annotations = { ...own };
    // cosign writes the chain key whenever it writes the certificate, even with an empty chain
    // (v3's legacy path always does): verifiers then fall back to the trusted Fulcio chain.
    if (material.certificatePem !== undefined) {
        annotations[CERTIFICATE_ANNOTATION] = material.certificatePem;
        annotations[CHAIN_ANNOTATION] = material.chainPem ?? '';
    }
    if (material.rekorBundle !== undefined)
        annotations[BUNDLE_ANNOTATION] = material.rekorBundle;
    if (material.rfc3161Timestamp !== undefined)
        annotations[RFC3161_TIMESTAMP_ANNOTATION] = material.rfc3161Timestamp;
    return {
        mediaType,
        size: blob.length,
        digest: `sha256:${(0,external_node_crypto_.createHash)('sha256').update(blob).digest('hex')}`,
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
function descriptorJson(d) {
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
    return parseDigest(digest).replace(':', '-');
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
        if (mediaType !== undefined && mediaType !== OCI_INDEX)
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

;// CONCATENATED MODULE: ./src/storage/bundle/bundle-store.ts






/** The bundle referrers of one repository. */
class BundleStore {
    client;
    repositoryName;
    limit;
    options;
    constructor(client, repositoryName, options = {}) {
        this.client = client;
        this.repositoryName = repositoryName;
        this.limit = options.limit ?? createLimiter(8);
        this.options = {
            maxAttempts: options.maxAttempts ?? 8,
            backoff: options.backoff ?? { baseMs: 100, maxMs: 2000 },
            settleMs: options.settleMs ?? 150,
            sleep: options.sleep ?? sleep,
            random: options.random ?? Math.random,
            now: options.now ?? (() => new Date()),
        };
    }
    /** Attaches `bundle` to `subject` (the signed manifest's descriptor) as cosign v3 does. */
    async write(subject, bundle, meta) {
        const built = buildReferrerManifest({ bundle, subject, ...meta, created: this.options.now() });
        const signatureRef = `${this.repositoryName}@${built.descriptor.digest}`;
        const tag = referrersTag(subject.digest);
        const { endedBy } = await confirmedWrite({
            what: signatureRef,
            setup: async () => {
                // As ggcr, only 404/400 mean "no API, keep the tag index"; asked before the first
                // write, so a registry that answers something else leaves no orphan manifest behind.
                const api = await this.limit(() => this.client.referrers(subject.digest));
                const put = await this.limit(() => this.push(built, bundle));
                // OCI-Subject: the registry processed the subject even though the probe said no API.
                if (!api.supported && put.subject === subject.digest)
                    return true;
                if (!api.supported)
                    return false;
                await this.listedByApi(subject.digest, built.descriptor.digest, signatureRef);
                return true;
            },
            round: (previous) => this.addOnce(subject.digest, built.descriptor, previous),
            confirm: async () => {
                const back = await this.client.getManifest(tag);
                return Boolean(back && indexLists(back.bytes, built.descriptor.digest));
            },
            replaced: 'another writer replaced the referrers index after our write',
            conflict: (attempts, lastProblem) => new errors/* SignImageError */.FG('REFERRERS_INDEX_CONFLICT', `the bundle for ${this.repositoryName}@${subject.digest} could not be listed after ${attempts} attempts: other writers kept replacing the ${tag} index or the registry kept failing`, {
                hint: 'Another job is probably signing the same digest right now; re-run this job once it is done (a re-run keeps every referrer already listed)',
                cause: lastProblem,
            }),
        }, undefined, { ...this.options, limit: this.limit });
        return { signatureRef, listedBy: endedBy === 'setup' ? 'api' : 'tag' };
    }
    // Blobs first (a registry refuses a manifest whose blobs it lacks), then the manifest by digest.
    async push(built, bundle) {
        await Promise.all([this.client.uploadBlob(EMPTY_BLOB), this.client.uploadBlob(bundle)]);
        return this.client.putManifest(built.descriptor.digest, built.bytes, OCI_MANIFEST);
    }
    // The read-back on a registry with the API: it may index a pushed manifest a moment later, so
    // the list is read again with backoff. A registry that never lists what it accepted gets no
    // fallback tag beside its API: that is an error.
    async listedByApi(subject, ours, signatureRef) {
        const { maxAttempts, backoff, random } = this.options;
        for (let attempt = 1; attempt <= maxAttempts; attempt++) {
            if (attempt > 1)
                await this.options.sleep(backoffMs(attempt - 1, backoff, random));
            const listing = await this.limit(() => this.client.referrers(subject, SIGSTORE_BUNDLE_V03));
            if (listing.index?.manifests.some((d) => d.digest === ours))
                return;
        }
        throw new errors/* SignImageError */.FG('REGISTRY_ERROR', `the registry ${this.client.registry} accepted the bundle referrer ${signatureRef} but its referrers API did not list it for ${subject} after ${maxAttempts} reads`, {
            hint: 'The registry serves the OCI 1.1 referrers API but did not index the signature; re-run the job, and report it to the registry operator if it persists',
        });
    }
    // One round: fresh read → merge → PUT (If-Match when the registry gave an ETag). Returns what
    // it merged onto and, when it wrote, how long the read-to-PUT took (0: already listed).
    async addOnce(digest, ours, previous) {
        const tag = referrersTag(digest);
        const started = Date.now();
        const current = await this.client.getManifest(tag);
        // An index seen before that now answers 404 is a torn read during someone's write, not "none".
        if (!current && previous)
            throw new VanishedError(`${tag} answered 404 after it had been read`);
        const merged = mergeReferrersIndex(current?.bytes, ours);
        if (!merged.added)
            return { base: current?.bytes, putMs: 0 };
        await this.client.putManifest(tag, merged.bytes, OCI_INDEX, { ifMatch: current?.etag });
        return { base: current?.bytes, putMs: Math.max(1, Date.now() - started) };
    }
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
    return `${parseDigest(digest).replace(':', '-')}.att`;
}
/** The `.att` layer descriptor for one attestation. */
function buildAttestationLayer(input) {
    return cosignLayer(DSSE_ENVELOPE, input.envelope, { [SIGNATURE_ANNOTATION]: '', [PREDICATE_TYPE_ANNOTATION]: input.predicateType }, input);
}

;// CONCATENATED MODULE: ./src/tlog/entry.ts

/** The log index, log ID (hex) and integrated time of an entry. */
function toLogSummary(e) {
    return {
        logIndex: Number(decimal(e.logIndex, 'logIndex')),
        logIdHex: logIdHex(e),
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
        throw new errors/* SignImageError */.FG('TLOG_ERROR', 'the transparency log returned an entry without a signed entry timestamp', {
            hint: 'cosign needs the SET of a Rekor v1 log in the `.sig` bundle annotation; point `rekor-url` at a Rekor v1 API such as https://rekor.sigstore.dev',
        });
    }
    if (e.canonicalizedBody.length === 0) {
        throw new errors/* SignImageError */.FG('TLOG_ERROR', 'the transparency log returned an entry without a body');
    }
    // Both numbers are copied as Rekor sent them (int64 in Go), so no float rounding can creep in.
    return (`{"SignedEntryTimestamp":"${Buffer.from(set).toString('base64')}",` +
        `"Payload":{"body":"${Buffer.from(e.canonicalizedBody).toString('base64')}",` +
        `"integratedTime":${decimal(e.integratedTime, 'integratedTime')},` +
        `"logIndex":${decimal(e.logIndex, 'logIndex')},` +
        `"logID":"${logIdHex(e)}"}}`);
}
/** The log ID as lower-case hex (sha256 of the log's public key), as cosign writes `logID`. */
function logIdHex(e) {
    const keyId = e.logId?.keyId;
    if (!keyId || keyId.length === 0) {
        throw new errors/* SignImageError */.FG('TLOG_ERROR', 'the transparency log entry has no log ID');
    }
    return Buffer.from(keyId).toString('hex');
}
// protobuf int64 fields arrive as decimal strings; accept only canonical non-negative ones.
function decimal(value, name) {
    const text = String(value);
    if (!/^(?:0|[1-9][0-9]*)$/.test(text) || !Number.isSafeInteger(Number(text))) {
        throw new errors/* SignImageError */.FG('TLOG_ERROR', `the transparency log entry has an invalid ${name}`);
    }
    return text;
}

;// CONCATENATED MODULE: ./src/tlog/verify-entry.ts




/**
 * Requires the entry to be the hashedrekord 0.0.1 we proposed: hash algorithm `sha256` with our
 * payload hash, the same signature text, and a key whose DER equals ours (Rekor re-encodes the
 * PEM, so the text may differ). Throws TLOG_ENTRY_MISMATCH naming the first field that differs.
 */
function checkHashedRekordEntry(e, sent) {
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
function verifySignedEntryTimestamp(e, rekorPublicKeysPem) {
    const id = logIdHex(e);
    const key = logKeys(rekorPublicKeysPem).find((k) => k.id === id)?.key;
    if (!key) {
        throw new errors/* SignImageError */.FG('TLOG_UNTRUSTED', `the Rekor entry's logID ${id} is not a transparency log of the trusted root`, {
            hint: 'Point `rekor-url` at a log `trusted-root` names, or pass the trusted_root.json of the Rekor you use (`cosign trusted-root create --rekor=…`); nothing was written to the registry',
        });
    }
    const set = e.inclusionPromise?.signedEntryTimestamp;
    if (!set || set.length === 0)
        throw mismatch('inclusionPromise', 'has no signed entry timestamp');
    const signed = dist.json.canonicalize({
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
            key = (0,external_node_crypto_.createPublicKey)(block);
        }
        catch (cause) {
            throw new errors/* SignImageError */.FG('TLOG_ERROR', 'a transparency log public key cannot be read', {
                cause,
            });
        }
        const spki = key.export({ type: 'spki', format: 'der' });
        return { id: (0,external_node_crypto_.createHash)('sha256').update(spki).digest('hex'), key };
    });
    parsedLogKeys.set(pemText, keys);
    return keys;
}
// node:crypto throws on malformed DER signatures; that is a failed check like any other.
function verifies(algorithm, data, key, signature) {
    try {
        return (0,external_node_crypto_.verify)(algorithm, data, key, signature);
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
    return new errors/* SignImageError */.FG('TLOG_ENTRY_MISMATCH', `the Rekor entry's ${field} ${problem}`, {
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

;// CONCATENATED MODULE: ./src/payload/image-config.ts
// The image config of a `.sig` image, re-marshalled as go-containerregistry's mutate.Append does
// after adding layers: decode into v1.ConfigFile, append one diff_id and one empty history entry
// per layer, json.Marshal. Anything ggcr's struct has no field for is dropped, as ggcr drops it.
// https://github.com/google/go-containerregistry/blob/main/pkg/v1/config.go
// (Lives here, not in storage/legacy, only because that folder is limited to layer.ts/manifest.ts.)



/** ggcr empty.Image's config: what cosign starts a new `.sig` image from. */
const EMPTY_IMAGE_CONFIG = Buffer.from('{"architecture":"","os":"","rootfs":{"type":"layers"},"config":{}}');
/** True for the two media types ggcr re-marshals (Docker and OCI image configs). */
function isImageConfigMediaType(mediaType) {
    return (mediaType === 'application/vnd.oci.image.config.v1+json' ||
        mediaType === 'application/vnd.docker.container.image.v1+json');
}
/**
 * `config` with `diffIds` appended to rootfs.diff_ids and one `{"created":"0001-01-01T00:00:00Z"}`
 * history entry per added layer (ggcr Addendum.History is empty), as Go json.Marshal writes it.
 */
function appendToImageConfig(config, diffIds) {
    let cf;
    try {
        cf = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(config));
    }
    catch (cause) {
        throw image_config_invalid('it is not UTF-8 JSON', cause);
    }
    if (!(0,encoding/* isObject */.Gv)(cf))
        throw image_config_invalid('it is not a JSON object');
    const rootfs = cf.rootfs ?? {};
    if (!(0,encoding/* isObject */.Gv)(rootfs))
        throw image_config_invalid('rootfs is not an object');
    const existingIds = strings(rootfs.diff_ids, 'rootfs.diff_ids') ?? [];
    const allIds = [...existingIds, ...diffIds];
    for (const id of allIds)
        if (!encoding/* SHA256_DIGEST */.fu.test(id))
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
    if (!(0,encoding/* isObject */.Gv)(entry))
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
    if (!(0,encoding/* isObject */.Gv)(config))
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
    if (!(0,encoding/* isObject */.Gv)(v))
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
    return new errors/* SignImageError */.FG('SIGNATURE_MANIFEST_INVALID', `the existing .sig config cannot be extended: ${why}`, {
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
    return `${parseDigest(digest).replace(':', '-')}.sig`;
}
/**
 * Appends `layer` to the `.sig` manifest `existing` (undefined: none yet). Pass the existing
 * config blob as `existingConfig` to get exactly what cosign would write; without it the config
 * is rebuilt from the layers as cosign builds a fresh one, which differs for `.sig` images made
 * by skopeo (no `created`/`history`) or with --record-creation-timestamp.
 */
function mergeSignatureManifest(existing, layer, existingConfig) {
    const base = existing === undefined ? emptySignatureManifest() : parseSignatureManifest(existing);
    if (!encoding/* SHA256_DIGEST */.fu.test(layer.digest) || !Number.isSafeInteger(layer.size)) {
        throw new errors/* SignImageError */.FG('INTERNAL', 'the new signature layer has no valid digest and size');
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
        throw new errors/* SignImageError */.FG('SIGNATURE_LIMIT_EXCEEDED', `the .sig image already holds ${base.layers.length} signatures; one more would exceed the ${MAX_SIGNATURE_LAYERS} that cosign reads`, {
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
function parseSignatureManifest(bytes) {
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
    if (mediaType !== undefined && mediaType !== OCI_MANIFEST && mediaType !== DOCKER_MANIFEST) {
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
    const payloadHash = (0,external_node_crypto_.createHash)('sha256').update(c.payload).digest();
    const key = (0,external_node_crypto_.createPublicKey)(c.publicKeyPem);
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
        const hint = (0,external_node_crypto_.createHash)('sha256')
            .update(key.export({ type: 'spki', format: 'der' }))
            .digest('base64');
        const bundle = (0,bundle_dist/* toMessageSignatureBundle */.hj)({
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
        bundle.mediaType = bundle_dist/* BUNDLE_V01_MEDIA_TYPE */.Td;
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
        return hash !== undefined && (0,external_node_crypto_.verify)(hash, payload, key, signature);
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/storage/legacy/existing-attestation.ts
// Idempotent re-runs of attestations (key mode), as existing.ts does for `.sig`: a layer of the
// `.att` image that holds a DSSE envelope signed by our key over a statement for this digest with
// the same predicate type and the same predicate, whose Rekor bundle annotation is an entry of
// this log for exactly that envelope, says everything a new attestation would. Signing again
// would only add a duplicate layer and a duplicate Rekor entry (cosign's dupe detector never
// fires after a Rekor upload, since every upload makes a new bundle annotation).












/** True when `layer` could be ours by its descriptor alone (worth fetching its blob). */
function mayBeOurAttestation(layer, c) {
    const notes = layer.annotations ?? {};
    return (layer.mediaType === DSSE_ENVELOPE &&
        notes[PREDICATE_TYPE_ANNOTATION] === c.kind.uri &&
        // A certificate means a keyless attestation: another identity than our key.
        notes[CERTIFICATE_ANNOTATION] === undefined &&
        (c.rekorPublicKey === undefined || notes[BUNDLE_ANNOTATION] !== undefined));
}
/** Checks one layer and its blob (the envelope bytes); the reusable attestation or undefined. */
function checkReusableAttestation(layer, blob, c) {
    if (!mayBeOurAttestation(layer, c))
        return undefined;
    let envelope;
    try {
        envelope = (0,bundle_dist/* envelopeFromJSON */.j)(JSON.parse(blob.toString('utf8')));
    }
    catch {
        return undefined;
    }
    if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE || envelope.signatures.length !== 1)
        return undefined;
    const statement = readStatement(Buffer.from(envelope.payload));
    if (!statement ||
        statement.predicateType !== c.kind.uri ||
        !statement.subjectDigests.includes(c.digest) ||
        !samePredicate(c.kind, statement.predicate, c.predicate))
        return undefined;
    const pae = dist.dsse.preAuthEncoding(envelope.payloadType, Buffer.from(envelope.payload));
    try {
        if (!(0,external_node_crypto_.verify)('sha256', pae, (0,external_node_crypto_.createPublicKey)(c.publicKeyPem), envelope.signatures[0].sig))
            return undefined;
    }
    catch {
        return undefined;
    }
    if (c.rekorPublicKey === undefined)
        return { layer };
    const entry = entryFromBundleAnnotation(layer.annotations?.[BUNDLE_ANNOTATION] ?? '');
    if (!entry)
        return undefined;
    try {
        // The same checks a fresh entry gets: the log holds exactly this envelope, by our key.
        checkDsseEntry(entry, {
            envelope,
            submittedEnvelope: blob.toString('utf8'),
            publicKeyPem: c.publicKeyPem,
        });
        verifySignedEntryTimestamp(entry, c.rekorPublicKey);
    }
    catch {
        return undefined;
    }
    return { layer, log: toLogSummary(entry) };
}

;// CONCATENATED MODULE: ./src/storage/legacy/legacy-store.ts







/** The `.sig` store of one repository. */
class LegacyStore {
    client;
    repositoryName;
    limit;
    options;
    tagFor;
    constructor(client, repositoryName, options = {}) {
        this.client = client;
        this.repositoryName = repositoryName;
        this.limit = options.limit ?? createLimiter(8);
        this.tagFor = options.tagFor ?? signatureTag;
        this.options = {
            maxAttempts: options.maxAttempts ?? 8,
            backoff: options.backoff ?? { baseMs: 100, maxMs: 2000 },
            settleMs: options.settleMs ?? 30,
            sleep: options.sleep ?? sleep,
            random: options.random ?? Math.random,
            log: options.log ?? (() => undefined),
        };
    }
    /** The current `.sig` image of `digest`, or undefined when it has none yet (404). */
    async read(digest, known) {
        const manifest = await this.client.getManifest(this.tagFor(digest));
        if (!manifest)
            return undefined;
        // The config is content-addressed: an unchanged manifest means an unchanged config.
        if (known && known.manifest.digest === manifest.digest)
            return { manifest, config: known.config };
        const config = await this.client.getBlob(parseSignatureManifest(manifest.bytes).config.digest);
        return { manifest, config };
    }
    /**
     * Uploads ahead of signing the two blobs a later `write` of a layer whose blob is `blob` onto
     * `existing` references: `blob` itself and the image config that lists it. Both are
     * content-addressed and neither depends on the layer's annotations (the signature), so the
     * legacy format sends them while the key decrypts; `write` then finds them uploaded (the
     * client uploads a digest once). No manifest or tag changes: a run that fails later leaves
     * only blobs nothing references. Nothing is sent when a layer already references `blob` (a
     * re-run may then write nothing at all).
     */
    async stage(blob, existing) {
        // The config lists layer digests only: any media type and annotations give the same one.
        const layer = {
            mediaType: 'application/octet-stream',
            size: blob.length,
            digest: sha256Digest(blob),
        };
        if (references(existing, layer))
            return;
        await this.upload([blob, mergeLayers(existing, [{ layer, blob }]).config]);
    }
    /**
     * Uploads blobs a later `write` references, ahead of it (e.g. an attestation's envelope once it
     * is signed and verified, while other targets are still being signed); `write` then finds them
     * uploaded. Content-addressed and referenced by nothing until the manifest is stored.
     */
    async upload(blobs) {
        const uploads = await this.limit(() => Promise.allSettled(blobs.map((b) => this.client.uploadBlob(b, { fresh: true }))));
        // What the write loop retries (e.g. an upload session lost to a reset) is left to it: the
        // client forgets a failed upload, so `write` sends it again. Anything else fails the write.
        for (const u of uploads)
            if (u.status === 'rejected' && !isTransientWriteError(u.reason))
                throw u.reason;
    }
    /** Appends `layer` (whose blob is `payload`) to the `.sig` of `digest`; `existing` is a recent read. */
    async write(digest, layer, payload, existing) {
        const { signatureRef, added } = await this.writeAll(digest, [{ layer, blob: payload }], existing);
        return { signatureRef, added: added[0] };
    }
    /**
     * Appends several layers to the image of `digest` in one read-merge-PUT-confirm (e.g. every
     * attestation of one digest); `added[i]` is false when layer i was already there.
     */
    async writeAll(digest, items, existing) {
        const signatureRef = `${this.repositoryName}:${this.tagFor(digest)}`;
        // What was there before this write: a layer found there was not added by us.
        const before = mergeLayers(existing, items).added;
        const { wrote } = await confirmedWrite({
            what: signatureRef,
            round: (previous, wrote) => this.appendOnce(digest, items, previous, wrote),
            confirm: async () => {
                const back = await this.client.getManifest(this.tagFor(digest));
                return Boolean(back && items.every((i) => containsLayer(back.bytes, i.layer)));
            },
            replaced: 'another writer replaced the .sig manifest after our write',
            conflict: (attempts, lastProblem) => new errors/* SignImageError */.FG('SIGNATURE_WRITE_CONFLICT', `the signature of ${this.repositoryName}@${digest} could not be stored after ${attempts} attempts: other writers kept replacing ${this.tagFor(digest)} or the registry kept failing`, {
                hint: 'Another job is probably signing the same digest right now; re-run this job once it is done (a re-run keeps every signature already stored)',
                cause: lastProblem,
            }),
        }, existing, { ...this.options, limit: this.limit });
        return { signatureRef, added: before.map((b) => b && wrote) };
    }
    // One round: blobs → fresh read → merge → PUT. Returns the base it merged onto and, when it
    // wrote, how long the read-to-PUT window was (0 when our layers were all there already). The
    // blobs go up before the read, merged onto the last base we saw, so that the window a
    // concurrent writer can race is one GET and one PUT long. The wait before the read-back is
    // sized from that window and covers writers like us, so every writer keeps it that short: when
    // the read shows the `.sig` changed since (someone else landed), what the new merge needs goes
    // up and the `.sig` is read again, instead of a PUT after a window that also holds the new
    // config's read and upload (under load, writers with that longer window landed stale PUTs
    // after other writers' read-backs: two of six signatures lost in one full run).
    async appendOnce(digest, items, previous, wrote) {
        let known = previous;
        let expected = mergeLayers(known, items);
        for (let reads = 1;; reads++) {
            await this.uploadMergeBlobs(known, items, expected);
            const started = Date.now();
            const base = await this.read(digest, known);
            // Once seen or written by us, a `.sig` does not go away: a 404 is a torn read.
            if (!base && (known || wrote))
                throw new VanishedError(`${this.tagFor(digest)} answered 404 after it had been read`);
            const merged = mergeLayers(base, items);
            if (!merged.added.some(Boolean))
                return { base, putMs: 0 };
            const unchanged = base?.manifest.digest === known?.manifest.digest;
            if (!unchanged && reads < MAX_READS_PER_ROUND) {
                [known, expected] = [base, merged];
                continue;
            }
            // Still changing after as many reads: PUT after the longer window, which the wait before
            // the read-back then covers (it is measured from this read).
            if (!unchanged)
                await this.uploadMergeBlobs(base, items, merged);
            // A manifest without a `mediaType` field keeps the Content-Type the registry served it with.
            const mediaType = parseSignatureManifest(merged.manifest).mediaType ??
                base?.manifest.mediaType ??
                OCI_MANIFEST;
            await this.client.putManifest(this.tagFor(digest), merged.manifest, mediaType, {
                ifMatch: base?.manifest.etag,
            });
            return { base, putMs: Math.max(1, Date.now() - started) };
        }
    }
    // A registry refuses a manifest whose blobs it does not have. The blobs are new almost surely,
    // so no HEAD is spent asking (a registry takes a re-upload as well, and the client skips blobs
    // it already uploaded); a payload some layer of `base` already references is there (another
    // key signed this digest).
    async uploadMergeBlobs(base, items, merged) {
        await Promise.all([
            ...items.map((i) => references(base, i.layer) ? undefined : this.client.uploadBlob(i.blob, { fresh: true })),
            merged.added.some(Boolean)
                ? this.client.uploadBlob(merged.config, { fresh: true })
                : undefined,
        ]);
    }
}
// Fresh reads in one round while the `.sig` keeps changing under us, before we PUT anyway.
const MAX_READS_PER_ROUND = 3;
// The layers merged onto `base` one after another, as cosign appends them: the manifest and
// config to write, and for each layer whether it was new (false: an equal layer was there).
function mergeLayers(base, items) {
    let manifest = base?.manifest.bytes;
    let config = base?.config;
    const added = [];
    for (const { layer } of items) {
        const m = mergeSignatureManifest(manifest, layer, config);
        added.push(m.added);
        manifest = m.manifest;
        config = m.config;
    }
    return { manifest, config: config, added };
}
// True when some layer of the `.sig` already references our payload blob.
function references(sig, layer) {
    return Boolean(sig && parseSignatureManifest(sig.manifest.bytes).layers.some((l) => l.digest === layer.digest));
}
// Our layer is unique (its signature annotation is fresh), so presence means our write survived.
function containsLayer(manifestBytes, layer) {
    const ours = Object.entries(layer.annotations ?? {});
    return parseSignatureManifest(manifestBytes).layers.some((l) => {
        const theirs = l.annotations ?? {};
        return (l.digest === layer.digest &&
            Object.keys(theirs).length === ours.length &&
            ours.every(([k, v]) => theirs[k] === v));
    });
}

;// CONCATENATED MODULE: ./src/formats/attestations.ts
// Attestations (`attestations: TYPE=FILE` lines) as formats of the pipeline: for each predicate,
// one format per storage `signature-format` asks for. Each signs, per digest, the in-toto
// statement `cosign attest --type TYPE --predicate FILE` signs (payload/attestation.ts) as a DSSE
// envelope with the run's one signer (one key decryption, one Fulcio certificate for the whole
// step), logged as a Rekor `dsse` entry, the kind cosign v2.5 and v3.1 attest write (v2.5's
// --rekor-entry-type defaults to dsse; v3.1 signs through sigstore-go, which proposes dsse), the
// entry checked against what was sent before anything is written. Then:
// - legacy: one layer of the `sha256-<hex>.att` image (storage/legacy/attestation-layer.ts),
//   appended by the same race-safe loop as `.sig`; in key mode without `force`/`tsa-url` a re-run
//   finds an equal attestation by our key and writes nothing and logs nothing;
// - bundle: a Sigstore bundle referrer holding the DSSE envelope, annotated
//   dev.sigstore.bundle.content=dsse-envelope and dev.sigstore.bundle.predicateType=<URI>, as
//   cosign 3.1 attest (ociremote.WriteAttestationNewBundleFormat) writes it.
// The formats of one run share their stores, the `.att` read of each digest, and the writes of
// each digest: every `.att` layer of one digest goes up in one read-merge-PUT (the store calls of
// a run all arrive in one turn of the event loop, so they are gathered until the next), and
// referrers of one digest are written one after another, so predicates never race each other.



















/**
 * The attestation formats of a run: for every predicate, `legacy` and/or `bundle` as
 * `signature-format` says (legacy first). [] without predicates.
 */
function attestationFormats(config, predicates) {
    const storages = config.signatureFormat === 'both' ? ['legacy', 'bundle'] : [config.signatureFormat];
    const shared = {
        legacyStores: new Map(),
        bundleStores: new Map(),
        reads: new Map(),
        queues: new Map(),
        batches: new Map(),
        builderFor: builderPerSigning(DSSEV03BundleBuilder),
    };
    return predicates.flatMap((p) => storages.map((s) => attestationFormat(p, s, shared)));
}
function attestationFormat(predicate, storage, shared) {
    return (run) => {
        const { config } = run;
        const format = {
            name: storage,
            find: storage === 'legacy' ? (checked) => readAtt(shared, run, checked.target) : undefined,
            sign: async (checked, existing, signing) => signAttestation(checked, predicate, existing, shared.builderFor(signing), {
                signing,
                // As for `.sig`: a stored layer carries no timestamp we could check, so a TSA signs anew.
                reuse: storage === 'legacy' &&
                    signing.prepared.identity.mode === 'key' &&
                    !config.force &&
                    !config.tsaUrl,
                getBlob: (t, digest) => run.clientFor(t).getBlob(digest),
            }),
            // The `.att` layer's blob is the envelope: up as soon as it is signed and verified.
            upload: storage === 'legacy'
                ? async (signed) => {
                    if (!signed.reused)
                        await legacyStoreFor(shared, run, signed.checked.target).upload([signed.envelope]);
                }
                : undefined,
            // A reused attestation writes nothing, and its stored entry's SET was checked against the
            // trusted root's log keys when it was found (its bundle, rebuilt from the layer, has no
            // entry for the gate to check).
            toVerify: (signed) => signed.reused
                ? undefined
                : {
                    bundle: signed.bundle,
                    what: `${repositoryName(signed.checked.target.ref)}@${signed.checked.target.digest} (${predicate.kind.name} attestation, ${storage})`,
                },
            store: (signed, uploaded) => storeAttestation(signed, predicate, storage, config.upload, shared, run, uploaded),
        };
        return format;
    };
}
function legacyStoreFor(shared, run, target) {
    const name = repositoryName(target.ref);
    let store = shared.legacyStores.get(name);
    if (!store) {
        store = new LegacyStore(run.clientFor(target), name, {
            limit: run.writeLimit,
            log: run.log,
            tagFor: attestationTag,
        });
        shared.legacyStores.set(name, store);
    }
    return store;
}
function bundleStoreFor(shared, run, target) {
    const name = repositoryName(target.ref);
    let store = shared.bundleStores.get(name);
    if (!store) {
        store = new BundleStore(run.clientFor(target), name, { limit: run.writeLimit, now: run.now });
        shared.bundleStores.set(name, store);
    }
    return store;
}
// One read of a digest's `.att` per run, whichever predicate asks first.
function readAtt(shared, run, target) {
    const key = `${repositoryName(target.ref)}@${target.digest}`;
    let read = shared.reads.get(key);
    if (!read) {
        read = legacyStoreFor(shared, run, target).read(target.digest);
        shared.reads.set(key, read);
    }
    return read;
}
// Adds one `.att` layer to its digest's next write; the write starts once the current turn of the
// event loop has queued every layer of the run's store phase, after any earlier write of the digest.
function batchedWrite(shared, run, target, item, existing, uploaded) {
    const key = `${repositoryName(target.ref)}@${target.digest}`;
    let batch = shared.batches.get(key);
    if (!batch) {
        const fresh = { items: [], uploads: [], waiters: [] };
        shared.batches.set(key, fresh);
        batch = fresh;
        setImmediate(() => {
            shared.batches.delete(key);
            queued(shared, `legacy:${key}`, async () => {
                await Promise.all(fresh.uploads);
                return legacyStoreFor(shared, run, target).writeAll(target.digest, fresh.items, existing);
            }).then(({ signatureRef, added }) => fresh.waiters.forEach((w, i) => w.resolve({ signatureRef, added: added[i] })), (err) => fresh.waiters.forEach((w) => w.reject(err)));
        });
    }
    const joined = batch;
    return new Promise((resolve, reject) => {
        joined.items.push(item);
        if (uploaded)
            joined.uploads.push(uploaded);
        joined.waiters.push({ resolve, reject });
    });
}
// Runs `fn` after every earlier write queued under `key` has settled.
function queued(shared, key, fn) {
    const before = shared.queues.get(key) ?? Promise.resolve();
    const mine = before.then(fn, fn);
    shared.queues.set(key, mine.catch(() => undefined));
    return mine;
}
/** Builds the statement for one digest, reuses an equal stored one or signs it, checks its entry. */
async function signAttestation(checked, predicate, existing, builder, how) {
    const { target } = checked;
    const { prepared, rekorPublicKey } = how.signing;
    const statement = buildAttestationStatement(repositoryName(target.ref), target.digest, predicate.kind, predicate.json);
    checkStatementSize(statement, predicate);
    if (how.reuse && existing) {
        const found = await findReusable(checked, predicate, existing, how);
        if (found)
            return { ...found, checked, existing, reused: true };
    }
    const bundle = await builder.create({ data: statement, type: IN_TOTO_PAYLOAD_TYPE });
    const envelopeText = submittedEnvelope(bundle.content.dsseEnvelope);
    // Keyless: the leaf can be renewed during a long run, so each attestation names its own.
    const material = bundle.verificationMaterial.content;
    const leafPem = material.$case === 'certificate'
        ? dist.pem.fromDER(Buffer.from(material.certificate.rawBytes))
        : undefined;
    const certificate = leafPem
        ? {
            pem: leafPem,
            chainPem: prepared.chainFor?.(leafPem) ?? '',
            ...certificateIdentity(leafPem),
        }
        : undefined;
    const signed = {
        checked,
        existing,
        bundle,
        envelope: Buffer.from(envelopeText, 'utf8'),
        certificate,
    };
    if (!rekorPublicKey)
        return signed;
    const entry = bundle.verificationMaterial.tlogEntries[0];
    if (!entry)
        throw new errors/* SignImageError */.FG('TLOG_ERROR', 'the transparency log returned no entry for the attestation');
    // cosign verify-attestation re-checks all of this (legacy: envelopeHash against the layer blob).
    checkDsseEntry(entry, {
        envelope: bundle.content.dsseEnvelope,
        submittedEnvelope: envelopeText,
        publicKeyPem: leafPem ?? prepared.publicKeyPem,
    });
    verifySignedEntryTimestamp(entry, rekorPublicKey);
    return { ...signed, rekorBundle: buildCosignBundleAnnotation(entry), log: toLogSummary(entry) };
}
// Looks through the `.att` layers that could be ours (same predicate type, no certificate) and
// checks each one's envelope; the first that is ours, as a signed attestation with its entry.
async function findReusable(checked, predicate, existing, how) {
    const criteria = {
        digest: checked.target.digest,
        kind: predicate.kind,
        predicate: predicate.value,
        publicKeyPem: how.signing.prepared.publicKeyPem,
        rekorPublicKey: how.signing.rekorPublicKey,
    };
    for (const layer of parseSignatureManifest(existing.manifest.bytes).layers) {
        if (!mayBeOurAttestation(layer, criteria))
            continue;
        const blob = await how.getBlob(checked.target, layer.digest);
        const found = checkReusableAttestation(layer, blob, criteria);
        if (!found)
            continue;
        const envelope = JSON.parse(blob.toString('utf8'));
        // Rebuilt from the layer for the report's bundle file (a `.att` keeps no inclusion proof).
        const bundle = (0,bundle_dist/* toDSSEBundle */.PR)({
            artifact: Buffer.from(envelope.payload, 'base64'),
            artifactType: IN_TOTO_PAYLOAD_TYPE,
            signature: Buffer.from(envelope.signatures[0].sig, 'base64'),
            keyHint: '',
        });
        return { bundle, envelope: blob, log: found.log };
    }
    return undefined;
}
/** Stores one attestation (unless `upload` is false) and returns its record. */
async function storeAttestation(signed, predicate, storage, upload, shared, run, uploaded) {
    const { target, descriptor } = signed.checked;
    let signatureRef = '';
    let added = !signed.reused;
    if (storage === 'legacy') {
        if (signed.reused) {
            signatureRef = upload ? `${repositoryName(target.ref)}:${attestationTag(target.digest)}` : '';
        }
        else if (upload) {
            const layer = buildAttestationLayer({
                envelope: signed.envelope,
                predicateType: predicate.kind.uri,
                rekorBundle: signed.rekorBundle,
                certificatePem: signed.certificate?.pem,
                chainPem: signed.certificate?.chainPem,
            });
            ({ signatureRef, added } = await batchedWrite(shared, run, target, { layer, blob: signed.envelope }, signed.existing, uploaded));
        }
    }
    else if (upload) {
        const bytes = Buffer.from(JSON.stringify((0,bundle_dist/* bundleToJSON */.ev)(signed.bundle)), 'utf8');
        ({ signatureRef } = await queued(shared, `bundle:${repositoryName(target.ref)}@${target.digest}`, () => bundleStoreFor(shared, run, target).write(descriptor, bytes, {
            content: 'dsse-envelope',
            predicateType: predicate.kind.uri,
        })));
    }
    return {
        image: repositoryName(target.ref),
        digest: target.digest,
        tags: target.tags,
        format: storage,
        signatureRef,
        added,
        rekorLogIndex: signed.log?.logIndex,
        rekorLogId: signed.log?.logIdHex,
        integratedTime: signed.log?.integratedTime,
        identity: signed.certificate?.identity,
        issuer: signed.certificate?.issuer,
        bundle: (0,bundle_dist/* bundleToJSON */.ev)(signed.bundle),
        attestation: { type: predicate.kind.name, predicateType: predicate.kind.uri },
    };
}

;// CONCATENATED MODULE: ./src/formats/bundle.ts
// The bundle format (`signature-format: bundle` or `both`, cosign v3's default): an in-toto
// statement → DSSE signature, Rekor `dsse` entry (and RFC 3161 timestamp) → the entry checked
// against what was sent → the Sigstore bundle attached as an OCI 1.1 referrer
// (storage/bundle/). It reads nothing before signing: in particular never the `.sig` tag.













/** The bundle referrer format for one run. */
const bundleFormat = (run) => {
    const stores = new Map();
    const storeFor = (checked) => {
        const name = repositoryName(checked.target.ref);
        let store = stores.get(name);
        if (!store) {
            store = new BundleStore(run.clientFor(checked.target), name, {
                limit: run.writeLimit,
                now: run.now,
            });
            stores.set(name, store);
        }
        return store;
    };
    const builderFor = builderPerSigning(DSSEV03BundleBuilder);
    const format = {
        name: 'bundle',
        sign: async (checked, _found, signing) => signBundle(checked, builderFor(signing), {
            annotations: run.config.annotations,
            rekorPublicKey: signing.rekorPublicKey,
            publicKeyPem: signing.prepared.publicKeyPem,
        }),
        toVerify: (signed) => ({
            bundle: signed.bundle,
            what: `${repositoryName(signed.checked.target.ref)}@${signed.checked.target.digest} (bundle)`,
        }),
        store: (signed) => storeBundle(signed, run.config.upload, storeFor(signed.checked)),
    };
    return format;
};
/** Signs one target's in-toto statement as cosign v3 does and checks its Rekor entry and SET. */
async function signBundle(checked, builder, how) {
    const statement = buildStatement(checked.target.digest, how.annotations);
    const bundle = await builder.create({ data: statement, type: IN_TOTO_PAYLOAD_TYPE });
    // Keyless: the leaf can be renewed during a long run, so each bundle names its own.
    const material = bundle.verificationMaterial.content;
    const leafPem = material.$case === 'certificate'
        ? dist.pem.fromDER(Buffer.from(material.certificate.rawBytes))
        : undefined;
    const identity = leafPem ? certificateIdentity(leafPem) : undefined;
    if (!how.rekorPublicKey)
        return { checked, bundle, identity };
    const entry = bundle.verificationMaterial.tlogEntries[0];
    if (!entry)
        throw new errors/* SignImageError */.FG('TLOG_ERROR', 'the transparency log returned no entry for the bundle');
    // sigstore-go (cosign v3) re-checks all of this from the bundle; a wrong entry must not be stored.
    checkDsseEntry(entry, {
        envelope: bundle.content.dsseEnvelope,
        submittedEnvelope: submittedEnvelope(bundle.content.dsseEnvelope),
        publicKeyPem: leafPem ?? how.publicKeyPem,
    });
    verifySignedEntryTimestamp(entry, how.rekorPublicKey);
    return { checked, bundle, identity, log: toLogSummary(entry) };
}
/** Attaches one bundle to its digest (unless `upload` is false) and returns its record. */
async function storeBundle({ checked, bundle, log, identity }, upload, store) {
    const { target, descriptor } = checked;
    const json = (0,bundle_dist/* bundleToJSON */.ev)(bundle);
    let signatureRef = '';
    if (upload) {
        const bytes = Buffer.from(JSON.stringify(json), 'utf8');
        const meta = {
            content: 'dsse-envelope',
            predicateType: COSIGN_SIGN_PREDICATE_TYPE,
        };
        ({ signatureRef } = await store.write(descriptor, bytes, meta));
    }
    return {
        image: repositoryName(target.ref),
        digest: target.digest,
        tags: target.tags,
        format: 'bundle',
        signatureRef,
        added: true,
        rekorLogIndex: log?.logIndex,
        rekorLogId: log?.logIdHex,
        integratedTime: log?.integratedTime,
        identity: identity?.identity,
        issuer: identity?.issuer,
        bundle: json,
    };
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
    const manifestDigest = parseDigest(digest);
    for (const [key, value] of Object.entries(annotations ?? {})) {
        if (typeof value !== 'string')
            throw new errors/* SignImageError */.FG('INTERNAL', `annotation "${key}" must be a string`);
    }
    const optional = annotations && Object.keys(annotations).length > 0 ? goStringMap(annotations) : 'null';
    const json = `{"critical":{"identity":{"docker-reference":${goString(dockerReference)}},` +
        `"image":{"docker-manifest-digest":${goString(manifestDigest)}},` +
        `"type":${goString(COSIGN_SIGNATURE_TYPE)}},"optional":${optional}}`;
    return Buffer.from(json, 'utf8');
}

;// CONCATENATED MODULE: ./src/formats/legacy.ts
// The legacy format (`signature-format: legacy` or `both`, cosign 2's default): the cosign
// simple-signing payload, signed as a message, logged as a Rekor `hashedrekord`, stored as one
// layer of the `sha256-<hex>.sig` image beside the digest (storage/legacy/). In key mode without
// `force` or `tsa-url`, a re-run finds an equal signature by the same key already in the `.sig`
// and reports it instead of signing and logging again.















/** The legacy `.sig` format for one run. */
const legacyFormat = (run) => {
    const stores = new Map();
    const storeFor = (target) => {
        const name = repositoryName(target.ref);
        let store = stores.get(name);
        if (!store) {
            store = new LegacyStore(run.clientFor(target), name, {
                limit: run.writeLimit,
                log: run.log,
            });
            stores.set(name, store);
        }
        return store;
    };
    // One builder per signer, as every signature of the run uses the same signer and witnesses.
    const builderFor = builderPerSigning(MessageSignatureV03BundleBuilder);
    const { config } = run;
    const format = {
        name: 'legacy',
        find: (checked) => storeFor(checked.target).read(checked.target.digest),
        // The payload names the digest, not the signature: it and the config listing it go up now.
        stage: async (checked, existing) => {
            if (config.upload)
                await storeFor(checked.target).stage(payloadOf(checked.target, config.annotations), existing);
        },
        sign: async (checked, existing, signing) => signLegacy(checked, existing, builderFor(signing), {
            annotations: config.annotations,
            publicKeyPem: signing.prepared.publicKeyPem,
            rekorPublicKey: signing.rekorPublicKey,
            chainFor: signing.prepared.chainFor,
            // A stored layer carries no timestamp we could check, so with a TSA every run signs anew.
            reuse: signing.prepared.identity.mode === 'key' && !config.force && !config.tsaUrl,
        }),
        toVerify: (signed) => ({
            bundle: signed.bundle,
            artifact: signed.payload,
            reused: signed.reused,
            what: `${repositoryName(signed.target.ref)}@${signed.target.digest} (legacy)`,
        }),
        store: (signed) => storeLegacy(signed, config.upload, storeFor(signed.target)),
    };
    return format;
};
/** Signs the cosign payload of a target and, when a witness is configured, checks its Rekor entry. */
async function signLegacy(checked, existing, builder, options) {
    const { target } = checked;
    const payload = payloadOf(target, options.annotations);
    const { publicKeyPem, rekorPublicKey } = options;
    const found = options.reuse &&
        existing &&
        findReusableSignature(existing.manifest.bytes, { payload, publicKeyPem, rekorPublicKey });
    if (found)
        return { target, existing, payload, ...found, reused: true };
    const bundle = await builder.create({ data: payload });
    const signatureBase64 = bundle.content.messageSignature.signature.toString('base64');
    // Keyless: the leaf can be renewed during a long run, so each signature names its own.
    const material = bundle.verificationMaterial.content;
    const leafPem = material.$case === 'certificate'
        ? dist.pem.fromDER(Buffer.from(material.certificate.rawBytes))
        : undefined;
    const certificate = leafPem
        ? { pem: leafPem, chainPem: options.chainFor?.(leafPem) ?? '', ...certificateIdentity(leafPem) }
        : undefined;
    const entry = bundle.verificationMaterial.tlogEntries[0];
    if (!entry || !options.rekorPublicKey)
        return { target, existing, payload, bundle, signatureBase64, certificate };
    // cosign verify re-checks all of this; a log that returned something else must not reach the registry.
    checkHashedRekordEntry(entry, {
        payloadSha256Hex: (0,external_node_crypto_.createHash)('sha256').update(payload).digest('hex'),
        signatureBase64,
        publicKeyPem: leafPem ?? options.publicKeyPem,
    });
    verifySignedEntryTimestamp(entry, options.rekorPublicKey);
    return {
        target,
        existing,
        payload,
        bundle,
        signatureBase64,
        certificate,
        rekorBundle: buildCosignBundleAnnotation(entry),
        log: toLogSummary(entry),
    };
}
/** The cosign simple-signing payload of a target: what is signed, logged and stored. */
function payloadOf(target, annotations) {
    return buildSimpleSigningPayload(repositoryName(target.ref), target.digest, annotations);
}
/** Stores the signature as a `.sig` layer (unless `upload` is false) and returns its record. */
async function storeLegacy(signed, upload, store) {
    const { target } = signed;
    let signatureRef = '';
    let added = true;
    if (signed.reused) {
        // Already stored, already logged: report it as it is and write nothing.
        [signatureRef, added] = [
            upload ? `${repositoryName(target.ref)}:${signatureTag(target.digest)}` : '',
            false,
        ];
    }
    else if (upload) {
        const timestamp = firstTimestamp(signed.bundle);
        const layer = buildSignatureLayer({
            payload: signed.payload,
            signatureBase64: signed.signatureBase64,
            rekorBundle: signed.rekorBundle,
            certificatePem: signed.certificate?.pem,
            chainPem: signed.certificate?.chainPem,
            // `tsa-url`: the token the TSA witness checked covers this signature.
            rfc3161Timestamp: timestamp && buildRfc3161TimestampAnnotation(timestamp),
        });
        ({ signatureRef, added } = await store.write(target.digest, layer, signed.payload, signed.existing));
    }
    return {
        image: repositoryName(target.ref),
        digest: target.digest,
        tags: target.tags,
        format: 'legacy',
        signatureRef,
        added,
        rekorLogIndex: signed.log?.logIndex,
        rekorLogId: signed.log?.logIdHex,
        integratedTime: signed.log?.integratedTime,
        identity: signed.certificate?.identity,
        issuer: signed.certificate?.issuer,
        bundle: (0,bundle_dist/* bundleToJSON */.ev)(signed.bundle),
    };
}

;// CONCATENATED MODULE: ./src/formats/select.ts



/** The formats the config asks for, in the order they are signed and reported. */
function formatsFor(config) {
    switch (config.signatureFormat) {
        case 'legacy':
            return [legacyFormat];
        case 'bundle':
            return [bundleFormat];
        case 'both':
            return [legacyFormat, bundleFormat];
    }
}
/**
 * Every format of the run: the image signatures (unless `sign: false`), then for each predicate
 * of `attestations` its attestation formats (attestations.ts).
 */
function runFormats(config, predicates) {
    return [...(config.sign ? formatsFor(config) : []), ...attestationFormats(config, predicates)];
}

;// CONCATENATED MODULE: ./src/reference/expand.ts
// `recursive: true`: an image index is signed together with every manifest it lists, walking
// nested indexes, as `cosign sign --recursive` does (cosign-format §7) with one difference:
// BuildKit attestation manifests are skipped. They are provenance/SBOM carriers, not runnable
// images; nobody verifies a signature on them and cosign's signing them only adds Rekor entries.
// `sign-buildkit-attestations: true` signs those attestation manifests as well (with or without
// `recursive`), so that the SBOM and provenance docker/build-push-action attaches are verifiable
// by `cosign verify` as docker/github-builder's are. The registry is read only through the
// functions the caller passes in.







/** BuildKit marks attestation manifests with this annotation (value `attestation-manifest`). */
const REFERENCE_TYPE_ANNOTATION = 'vnd.docker.reference.type';
/** Real images nest an index at most once; a deeper chain is malformed or hostile. */
const MAX_INDEX_DEPTH = 4;
/** True for an OCI image index or a Docker manifest list. */
function isIndexMediaType(mediaType) {
    return mediaType === OCI_INDEX || mediaType === DOCKER_MANIFEST_LIST;
}
/** A BuildKit attestation manifest: annotated as one, or on the `unknown/unknown` platform. */
function isAttestationManifest(d) {
    if (d.annotations?.[REFERENCE_TYPE_ANNOTATION] === 'attestation-manifest')
        return true;
    return d.platform?.os === 'unknown' && d.platform.architecture === 'unknown';
}
/** `recursive` alone: every image of the index except BuildKit attestation manifests. */
const RECURSIVE = { platforms: true, attestations: false };
/** The children of an index (its exact bytes): those to sign, and those skipped. */
function indexChildren(bytes, where, select = RECURSIVE) {
    let doc;
    try {
        doc = JSON.parse(bytes.toString('utf8'));
    }
    catch (cause) {
        throw expand_invalid(where, 'it is not JSON', cause);
    }
    const manifests = doc?.manifests;
    if (!Array.isArray(manifests))
        throw expand_invalid(where, 'it has no `manifests` list');
    // Real multi-arch images list a few dozen; thousands would each become a Rekor entry.
    if (manifests.length > TARGET_LIMITS.childrenPerIndex) {
        throw new errors/* SignImageError */.FG('TOO_MANY_TARGETS', `the image index ${where} lists ${manifests.length} manifests, more than the ${TARGET_LIMITS.childrenPerIndex} an index may list here`, {
            hint: 'Set `recursive: false` to sign the index digest alone, or check what pushed this index; nothing was signed or written',
        });
    }
    const sign = [];
    const skipped = [];
    for (const [i, m] of manifests.entries()) {
        const d = m;
        if (typeof d?.mediaType !== 'string' ||
            typeof d.digest !== 'string' ||
            !encoding/* SHA256_DIGEST */.fu.test(d.digest)) {
            throw expand_invalid(where, `its manifests[${i}] has no media type or sha256 digest`);
        }
        const signable = [OCI_MANIFEST, DOCKER_MANIFEST].includes(d.mediaType) || isIndexMediaType(d.mediaType);
        // Other media types (e.g. a Helm chart in the index) are not images cosign verifies.
        const wanted = isAttestationManifest(d) ? select.attestations : select.platforms;
        if (!signable || !wanted)
            skipped.push(d);
        else if (!sign.some((s) => s.digest === d.digest))
            sign.push(d);
    }
    return { sign, skipped };
}
/** A target for `digest` in the repository of `parent`: an index's children live beside it. */
function childTarget(parent, digest) {
    return {
        ref: { registry: parent.ref.registry, repository: parent.ref.repository, digest },
        digest,
        tags: [],
    };
}
/**
 * Adds, after the checked roots, every manifest their indexes list (breadth first, in index
 * order). Each repository@digest appears once, so a child also named in `image` is signed once.
 */
async function expandIndexes(roots, walker) {
    const key = (t) => `${repositoryName(t.ref)}@${t.digest}`;
    const seen = new Set(roots.map((r) => key(r.target)));
    const all = [...roots];
    let level = roots.filter((r) => isIndexMediaType(r.descriptor.mediaType));
    for (let depth = 1; level.length > 0; depth++) {
        if (depth > MAX_INDEX_DEPTH)
            throw expand_invalid(key(level[0].target), `indexes nest deeper than ${MAX_INDEX_DEPTH} levels`);
        const lists = await mapLimit(level, walker.parallel, async (parent) => {
            const { sign, skipped } = indexChildren(await walker.readIndex(parent), key(parent.target), walker.select);
            for (const child of skipped)
                walker.onSkip?.(parent, child);
            return sign.map((d) => ({ parent, target: childTarget(parent.target, d.digest) }));
        });
        const fresh = lists
            .flat()
            .filter(({ target }) => !seen.has(key(target)) && seen.add(key(target)));
        if (all.length + fresh.length > TARGET_LIMITS.perRun)
            throw tooManyTargets(all.length + fresh.length, 'with every index expanded');
        const checked = await mapLimit(fresh, walker.parallel, ({ parent, target }) => walker.check(target).catch((err) => {
            throw (0,errors/* hasCode */.up)(err, 'DIGEST_NOT_FOUND')
                ? missingChild(key(target), key(parent.target), err)
                : err;
        }));
        all.push(...checked);
        level = checked.filter((c) => isIndexMediaType(c.descriptor.mediaType));
    }
    return all;
}
function missingChild(child, parent, cause) {
    return new errors/* SignImageError */.FG('DIGEST_NOT_FOUND', `${child}, listed in the index ${parent}, is not in the registry`, {
        hint: 'Push every platform of the index (docker buildx --push, `skopeo copy --all`) before signing, or set `recursive: false` to sign the index alone',
        cause,
    });
}
function expand_invalid(where, why, cause) {
    return new errors/* SignImageError */.FG('INDEX_INVALID', `the image index ${where} cannot be expanded: ${why}`, {
        hint: 'Set `recursive: false` to sign the index digest alone, or rebuild and push the index',
        cause,
    });
}

// EXTERNAL MODULE: ./node_modules/@sigstore/protobuf-specs/dist/index.js
var protobuf_specs_dist = __webpack_require__(9654);
// EXTERNAL MODULE: ./node_modules/@sigstore/verify/dist/index.js
var verify_dist = __webpack_require__(4187);
;// CONCATENATED MODULE: ./src/trust/verify.ts





/** Throws TLOG_UNTRUSTED, CERTIFICATE_UNTRUSTED, TSA_UNTRUSTED or TLOG_ENTRY_MISMATCH. */
function verifyBundle(bundle, trust, expect, what = 'the signature') {
    const timestamps = (expect.tlog ? 1 : 0) + (expect.tsa ? 1 : 0);
    const keyless = bundle.verificationMaterial.content.$case !== 'publicKey';
    // A certificate is only checked at a verified time; without a log entry or token there is
    // none, and the chain was checked at issue (checkCertificate) instead.
    if (keyless && timestamps === 0)
        return;
    const verifier = new verify_dist/* Verifier */.BL(materialFor(trust, expect.publicKeyPem), {
        tlogThreshold: expect.tlog ? 1 : 0,
        ctlogThreshold: keyless ? 1 : 0,
        timestampThreshold: timestamps,
    });
    try {
        verifier.verify((0,verify_dist/* toSignedEntity */.DC)(bundle, expect.artifact), expect.identity
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
        leaf = dist.X509Certificate.parse(Buffer.from((body ?? '').replace(/\s+/g, ''), 'base64'));
    }
    catch (cause) {
        throw new errors/* SignImageError */.FG('CERTIFICATE_INVALID', 'the certificate Fulcio returned cannot be parsed', {
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
    const verifier = new verify_dist/* Verifier */.BL(trust.material(), {
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
    const detail = (0,errors/* errorText */.kc)(err);
    const hasTsa = Boolean(bundle?.verificationMaterial.timestampVerificationData?.rfc3161Timestamps.length);
    let ours = 'INTERNAL';
    let why = '';
    if (err instanceof verify_dist/* PolicyError */.pn || code === 'CERTIFICATE_ERROR' || code === 'PUBLIC_KEY_ERROR') {
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
    if (!(err instanceof verify_dist/* VerificationError */.mk) && !(err instanceof verify_dist/* PolicyError */.pn) && ours === 'INTERNAL') {
        return new errors/* SignImageError */.FG('INTERNAL', `${what} could not be checked against ${trust.source}`, {
            cause: err,
        });
    }
    return new errors/* SignImageError */.FG(ours, `${what} is not trusted: ${why || 'it does not verify'} (${trust.source}: ${detail})`, {
        cause: err,
        hint: ours === 'TLOG_ENTRY_MISMATCH'
            ? 'The log did not record what was sent; nothing was written to the registry. Check `rekor-url` and re-run'
            : 'Point `rekor-url`/`fulcio-url`/`tsa-url` at the services `trusted-root` names, or pass the trusted_root.json of the instance you use (`cosign trusted-root create`); nothing was written to the registry',
    });
}

;// CONCATENATED MODULE: ./src/trust/gate.ts

/** What every bundle of a run must show, from the signer and the inputs. */
function expectationsFor(signer, config) {
    return {
        ...(signer.mode === 'key'
            ? { publicKeyPem: signer.publicKeyPem }
            : { identity: { subject: signer.subject, issuer: signer.issuer } }),
        tlog: config.tlogUpload,
        tsa: Boolean(config.tsaUrl),
    };
}
/** Verifies every item; throws the first failure (nothing has been written yet). */
function checkBeforeWrite(items, trust, expect) {
    // No trust is loaded only when nothing was logged, certified or timestamped (a key, no log).
    if (!trust)
        return;
    for (const item of items) {
        verifyBundle(item.bundle, trust, { ...expect, artifact: item.artifact, tsa: expect.tsa && !item.reused }, `the signature of ${item.what}`);
    }
}

;// CONCATENATED MODULE: ./src/pipeline/check.ts
// The check stage: the registry must have each digest before anything is signed. Reads only.




/** Confirms the registry has the digest (HEAD, waiting out read-after-write lag); writes nothing. */
async function checkTarget(target, client, options = {}) {
    const descriptor = await retryWhileUndefined(() => client.headManifest(target.digest), options.lagDelaysMs ?? LAG_DELAYS_MS);
    if (!descriptor) {
        throw new errors/* SignImageError */.FG('DIGEST_NOT_FOUND', `${repositoryName(target.ref)}@${target.digest} is not in the registry`, {
            hint: 'Sign the digest the build step pushed (docker/build-push-action `digest` output, with `push: true`), after the push, in the repository it was pushed to',
        });
    }
    return { target, descriptor };
}
/** The exact bytes of the index a checked target names (the client checks them against the digest). */
async function readIndex(checked, client) {
    const found = await client.getManifest(checked.target.digest);
    if (!found)
        throw new errors/* SignImageError */.FG('DIGEST_NOT_FOUND', `${repositoryName(checked.target.ref)}@${checked.target.digest} is no longer in the registry`);
    return found.bytes;
}

;// CONCATENATED MODULE: ./src/pipeline/push-proof.ts
// Before the transparency log is asked (its entries are public and permanent), every registry the
// run writes to shows that it takes our pushes. Credentials that may pull but not push (a GitHub
// job without `packages: write`, a read-only robot account) then fail the run with nothing logged
// and nothing written, instead of after a log entry for a signature that can never be stored.
//
// One push per registry, from its first target: the blobs the formats stage for it (no request
// of its own; with one image, done while scrypt runs), or, where no format stages anything, the
// two-byte OCI empty blob, which bundle referrers reference anyway (content-addressed and
// referenced by nothing until then). That first target stages alone, so that its push is not
// queued behind everyone else's; the other targets stage once their registry took it. Only a
// refusal stops the run here; any other failure is the target's own, met again where it writes.

/**
 * Starts every format's staging of every target (`stagers[f]`: format f's, absent where f stages
 * nothing), each registry's first target first. `staged[f][j]` is format f's staging of target
 * j; `pushed` resolves once each registry took its first push (at once when `prove` is false:
 * nothing will be written), and rejects with a registry's refusal.
 */
function stageWithPushProof(targets, stagers, probe, prove) {
    const staged = stagers.map(() => new Array(targets.length));
    const proofs = new Map();
    targets.forEach((t, j) => {
        if (!prove || proofs.has(t.ref.registry))
            return;
        stagers.forEach((stage, f) => {
            staged[f][j] = stage?.(j);
        });
        const pushes = staged.map((s) => s[j]).filter((p) => p !== undefined);
        const proof = (pushes.length > 0 ? Promise.all(pushes) : probe(j)).then(() => undefined, (err) => {
            if ((0,errors/* hasCode */.up)(err, 'REGISTRY_DENIED') || (0,errors/* hasCode */.up)(err, 'REGISTRY_AUTH_FAILED'))
                throw err;
        });
        proof.catch(() => undefined); // the run awaits `pushed`
        proofs.set(t.ref.registry, proof);
    });
    targets.forEach((t, j) => {
        stagers.forEach((stage, f) => {
            if (!stage || staged[f][j])
                return;
            const proof = proofs.get(t.ref.registry);
            const staging = proof ? proof.then(() => stage(j)) : stage(j);
            staging.catch(() => undefined); // awaited by the target's store
            staged[f][j] = staging;
        });
    });
    return { staged, pushed: Promise.all(proofs.values()).then(() => undefined) };
}

;// CONCATENATED MODULE: ./src/pipeline/unsigned.ts
// Partial failure. Problems found before anything is written (inputs, references, a missing
// digest, the key) stop the whole run, and nothing is written; so does a signing failure that
// says a service cannot be trusted (a Rekor entry that is not what was sent, a certificate for
// another key) or that nobody foresaw. A service that is unavailable for one target (Rekor,
// the TSA, Fulcio, the registry, after every retry) fails that target alone: each signature
// that was made and logged is stored and reported, and the step then fails with one error
// naming exactly the digests left unsigned and why.



/** Runs `fn` over `items`, at most `parallel` at once, collecting failures instead of throwing. */
async function settleEach(items, parallel, fn) {
    const outcomes = await mapLimit(items, Math.max(1, parallel), async (item) => {
        try {
            return { item, value: await fn(item) };
        }
        catch (err) {
            return { item, error: (0,errors/* asSignImageError */.Z_)(err) };
        }
    });
    const settled = { ok: [], failed: [] };
    for (const o of outcomes) {
        if (o.error)
            settled.failed.push({ item: o.item, error: o.error });
        else
            settled.ok.push(o.value);
    }
    return settled;
}
// Failures of one target's signing that do not stop the others: the service was unavailable or
// refused (after every retry), which says nothing about the signatures it did make.
const TARGET_FAILURES = new Set([
    'TLOG_UNREACHABLE',
    'TLOG_ERROR',
    'TSA_UNREACHABLE',
    'TSA_ERROR',
    'FULCIO_UNREACHABLE',
    'FULCIO_ERROR',
    'OIDC_TOKEN_FAILED',
]);
/** The first signing failure that must stop the whole run before any write, if any. */
function runStopper(failed) {
    return failed.find((f) => !TARGET_FAILURES.has(f.error.code))?.error;
}
/** The failures of one stage as Unsigned records; `targetOf` finds each item's target. */
function unsignedFrom(failed, format, targetOf) {
    return failed.map(({ item, error }) => ({ target: targetOf(item), format, error }));
}
/**
 * The step's one error for what is unsigned. With a single signature asked for, its own error
 * (message and hint unchanged); otherwise SIGNING_INCOMPLETE listing every unsigned digest,
 * grouped by reason, in one line.
 */
function unsignedError(unsigned, asked, bothFormats) {
    const first = unsigned[0];
    if (!first)
        throw new errors/* SignImageError */.FG('INTERNAL', 'unsignedError called without a failure');
    if (asked === 1 && unsigned.length === 1)
        return first.error;
    const groups = new Map();
    for (const u of unsigned) {
        const name = `${repositoryName(u.target.ref)}@${u.target.digest}${bothFormats ? ` (${u.format})` : ''}`;
        const reason = u.error.message;
        groups.set(reason, [...(groups.get(reason) ?? []), name]);
    }
    const reasons = [...groups].map(([reason, names]) => `${names.join(', ')}: ${reason}`);
    const what = `${unsigned.length} of ${asked} signature${asked === 1 ? '' : 's'} could not be made or stored`;
    const signed = unsigned.length < asked
        ? 'The others were stored and are listed in the `signatures` output; re-run the job to sign the rest'
        : 'Nothing was signed';
    return new errors/* SignImageError */.FG('SIGNING_INCOMPLETE', `${what}: ${reasons.join('; ')}`, {
        hint: first.error.hint ? `${first.error.hint}. ${signed}` : signed,
        cause: first.error,
    });
}

;// CONCATENATED MODULE: ./src/pipeline/run.ts












// Enough to hide registry and Rekor latency, few enough not to be throttled.
const PARALLEL = 8;
/** Signs every target of `config` with the signer `signerReady` resolves to; returns the outputs. */
async function runPipeline(config, signerReady, deps, 
/** The `attestations` predicates, read and built (payload/attestation.ts) before the run. */
predicates = []) {
    const targets = resolveTargets(config.images, config.digest);
    const credentialsNote = explicitCredentialsNote(targets.map((t) => t.ref.registry), Boolean(config.registryUsername));
    if (credentialsNote)
        deps.log(credentialsNote);
    // Everything that needs no key runs while the key decrypts (scrypt takes ~0.2 s). The log's
    // keys come from the trusted root (matched by log ID), never from the log itself.
    const rekorKeyReady = config.tlogUpload
        ? deps.trust.then((trust) => {
            if (!trust)
                throw new Error('a transparency log entry cannot be checked without a trusted root');
            return trust.rekorKeysPem;
        })
        : Promise.resolve(undefined);
    rekorKeyReady.catch(() => undefined); // reported when awaited, not as an unhandled rejection
    const clients = new Map();
    const clientFor = (target) => {
        const name = repositoryName(target.ref);
        let client = clients.get(name);
        if (!client)
            clients.set(name, (client = deps.registryClient(target.ref)));
        return client;
    };
    const run = {
        config,
        clientFor,
        // One bound on writes across formats and repositories; their waits between attempts hold no slot.
        writeLimit: createLimiter(PARALLEL),
        log: deps.log,
        now: deps.now,
    };
    const formats = runFormats(config, predicates).map((make) => make(run));
    const check = async (target) => {
        const checked = await checkTarget(target, clientFor(target), { lagDelaysMs: deps.lagDelaysMs });
        // After the HEAD, not beside it: the client then has its credentials and skips a second 401.
        const found = await Promise.all(formats.map((f) => f.find?.(checked)));
        return { ...checked, found };
    };
    (0,trace/* trace */.u)('check start');
    // The first target of each registry goes alone: the challenge it answers serves the rest
    // (registry/auth.ts), which then send no request that only draws a 401.
    const roots = await mapLimitFirstAlone(targets, (t) => t.ref.registry, PARALLEL, check);
    (0,trace/* trace */.u)('check done');
    const checked = !config.recursive && !config.signBuildkitAttestations
        ? roots
        : await expandIndexes(roots, {
            select: { platforms: config.recursive, attestations: config.signBuildkitAttestations },
            check,
            readIndex: (c) => readIndex(c, clientFor(c.target)),
            onSkip: (parent, child) => deps.log(`Not signing ${child.digest} in ${repositoryName(parent.target.ref)}@${parent.target.digest}: ${isAttestationManifest(child)
                ? 'a BuildKit attestation manifest (`sign-buildkit-attestations: true` signs it)'
                : config.recursive
                    ? 'not an image'
                    : 'a platform manifest (`recursive: true` signs it)'}`),
            parallel: PARALLEL,
        });
    // Every target is there: each format stages what its store needs that does not depend on the
    // signature (format.ts). Not awaited: the uploads run while the key decrypts and the log is
    // asked, and each target's store waits for its own. A run refused in the check phase (a missing
    // digest, an index too large) writes nothing at all; nor does one refused on its inputs (a key
    // that does not parse) or its trusted root: staging waits for the trusted root and is skipped
    // once the signer has failed (a PEM that does not parse fails before the first registry answer).
    let refused = false;
    signerReady.catch(() => (refused = true));
    const whenStaging = (work) => {
        const staging = deps.trust.then(() => (refused ? undefined : work()), () => undefined);
        staging.catch(() => undefined); // awaited by the target's store
        return staging;
    };
    // Nothing is logged before each registry took one push (push-proof.ts).
    const { staged, pushed } = stageWithPushProof(checked.map((c) => c.target), formats.map((format, i) => format.stage
        ? (j) => whenStaging(() => format.stage(checked[j], checked[j].found[i]))
        : undefined), (j) => whenStaging(() => clientFor(checked[j].target).uploadBlob(EMPTY_BLOB, { fresh: true })), config.upload);
    const [prepared, rekorPublicKey, trust] = await Promise.all([
        signerReady,
        rekorKeyReady,
        deps.trust,
        pushed,
    ]);
    (0,trace/* trace */.u)('signer ready');
    const signing = { prepared, witnesses: deps.witnesses(config), rekorPublicKey };
    const expectations = expectationsFor(prepared.identity, config);
    // From here on a target's failure is its own: the others are still signed and stored (unsigned.ts).
    const signed = await Promise.all(formats.map((format, i) => settleEach(checked.map((c, j) => ({ c, staged: staged[i]?.[j] })), PARALLEL, async ({ c, staged }) => {
        const made = await format.sign(c, c.found[i], signing);
        // Every bundle, whatever its format, is verified against the trusted root as soon as
        // it is made (while other targets wait on the log); a failure stops the run below,
        // before any write.
        const item = format.toVerify(made);
        if (item)
            checkBeforeWrite([item], trust, expectations);
        // Verified: its blobs may go up while the others are signed (format.ts `upload`).
        const uploaded = config.upload ? format.upload?.(made) : undefined;
        uploaded?.catch(() => undefined); // awaited by the target's store
        return { target: c.target, signed: made, staged, uploaded };
    })));
    (0,trace/* trace */.u)('signed');
    // A log or CA that cannot be trusted, a bundle the trusted root does not verify (or a bug)
    // stops everything here, before any write.
    const stopper = runStopper(signed.flatMap((s) => s.failed));
    if (stopper)
        throw stopper;
    // Only what was signed and whose entry was checked reaches the registry. All at once: each
    // store's registry work goes through the run's write limit.
    const stored = await Promise.all(formats.map((format, i) => {
        const ok = signed[i]?.ok ?? [];
        return settleEach(ok, ok.length, async (s) => {
            await s.staged;
            return format.store(s.signed, s.uploaded);
        });
    }));
    (0,trace/* trace */.u)('stored');
    const results = stored.flatMap((s) => s.ok);
    const unsigned = formats.flatMap((format, i) => [
        ...unsignedFrom(signed[i]?.failed ?? [], format.name, ({ c }) => c.target),
        ...unsignedFrom(stored[i]?.failed ?? [], format.name, (s) => s.target),
    ]);
    const asked = checked.length * formats.length;
    // The outputs and summary report what was signed, even when the step then fails for the rest.
    const outputs = results.length === 0 && unsigned.length > 0
        ? {}
        : await deps.report(results, prepared.identity, {
            summary: config.summary,
            env: deps.env,
            sigstore: {
                rekorUrl: config.rekorUrl,
                fulcioUrl: config.fulcioUrl,
                // The key of the log that logged these entries, as the trusted root has it.
                rekorPublicKeyPem: trust?.tlog(results.find((r) => r.rekorLogId)?.rekorLogId ?? '')
                    ?.publicKeyPem,
                fulcioRootsPem: trust?.fulcioCertificatesPem || undefined,
                ctlogPublicKeyPem: trust?.ctlogPublicKeyPem,
            },
        });
    (0,trace/* trace */.u)('reported');
    if (unsigned.length > 0)
        throw unsignedError(unsigned, asked, formats.length > 1);
    return outputs;
}

;// CONCATENATED MODULE: ./src/signer/key/algorithm.ts

// sigstore:pkg/signature/algorithm_registry.go: ECDSA hashes follow the curve size; RSA uses
// PKCS#1 v1.5 with SHA-256 at the three sizes ValidatePubKey allows.
const ECDSA = {
    prime256v1: {
        algorithm: 'ecdsa-p256',
        hashAlgorithm: 'sha256',
        keyDetails: 'PKIX_ECDSA_P256_SHA_256',
    },
    secp384r1: {
        algorithm: 'ecdsa-p384',
        hashAlgorithm: 'sha384',
        keyDetails: 'PKIX_ECDSA_P384_SHA_384',
    },
    secp521r1: {
        algorithm: 'ecdsa-p521',
        hashAlgorithm: 'sha512',
        keyDetails: 'PKIX_ECDSA_P521_SHA_512',
    },
};
const RSA = {
    2048: {
        algorithm: 'rsa-2048',
        hashAlgorithm: 'sha256',
        keyDetails: 'PKIX_RSA_PKCS1V15_2048_SHA256',
    },
    3072: {
        algorithm: 'rsa-3072',
        hashAlgorithm: 'sha256',
        keyDetails: 'PKIX_RSA_PKCS1V15_3072_SHA256',
    },
    4096: {
        algorithm: 'rsa-4096',
        hashAlgorithm: 'sha256',
        keyDetails: 'PKIX_RSA_PKCS1V15_4096_SHA256',
    },
};
const USE_P256 = 'use an ECDSA P-256 key, as `cosign generate-key-pair` creates';
/** The algorithm cosign would sign with for this key; throws KEY_ALGORITHM_UNSUPPORTED otherwise. */
function signingAlgorithmFor(key) {
    const details = key.asymmetricKeyDetails ?? {};
    switch (key.asymmetricKeyType) {
        case 'ec': {
            const found = ECDSA[details.namedCurve ?? ''];
            if (found)
                return found;
            throw unsupported('The private key is on an elliptic curve cosign does not sign with (only P-256, P-384 and P-521)');
        }
        case 'rsa': {
            const found = RSA[details.modulusLength ?? 0];
            if (found)
                return found;
            throw unsupported(`The private key is a ${details.modulusLength ?? 'unknown'}-bit RSA key; cosign accepts only 2048, 3072 or 4096 bits`);
        }
        case 'ed25519':
            // cosign signs with Ed25519ph (SHA-512 prehash, RFC 8032) for keys loaded from a file
            // (GetDefaultLoadOptions), and Rekor hashedrekord needs it; node:crypto has only pure Ed25519.
            throw unsupported('Ed25519 keys are not supported yet: cosign signs with Ed25519ph, which this action cannot produce');
        default:
            throw unsupported(`The private key type "${key.asymmetricKeyType ?? 'unknown'}" is not supported by cosign`);
    }
}
function unsupported(message) {
    return new errors/* SignImageError */.FG('KEY_ALGORITHM_UNSUPPORTED', message, { hint: USE_P256 });
}

// EXTERNAL MODULE: ./src/signer/key/decrypt.ts + 2 modules
var decrypt = __webpack_require__(7795);
;// CONCATENATED MODULE: ./src/signer/key/key-signer.ts





/** Signs with a cosign private key, producing the same signatures as `cosign sign --key`. */
class KeySigner {
    algorithm;
    /** Digest algorithm of the signature; the hashedrekord entry must name the same one. */
    hashAlgorithm;
    /** protobuf-specs `PublicKeyDetails` name, e.g. `PKIX_ECDSA_P256_SHA_256`. */
    keyDetails;
    /** SPKI PEM, byte for byte what `cosign generate-key-pair` writes to cosign.pub. */
    publicKeyPem;
    /** base64(SHA-256(SPKI DER)): the public key hint cosign puts in bundles. */
    hint;
    #privateKey;
    constructor(privateKey) {
        if (privateKey.type !== 'private') {
            throw new errors/* SignImageError */.FG('INTERNAL', 'KeySigner needs a private key');
        }
        const alg = signingAlgorithmFor(privateKey);
        this.algorithm = alg.algorithm;
        this.hashAlgorithm = alg.hashAlgorithm;
        this.keyDetails = alg.keyDetails;
        const spki = (0,external_node_crypto_.createPublicKey)(privateKey).export({ type: 'spki', format: 'der' });
        // Go's pem.EncodeToMemory layout (64-character lines, trailing newline), as cosign writes it.
        this.publicKeyPem = dist.pem.fromDER(spki, 'PUBLIC KEY');
        this.hint = (0,external_node_crypto_.createHash)('sha256').update(spki).digest('base64');
        this.#privateKey = privateKey;
    }
    /**
     * Signs `data`: ECDSA as ASN.1 DER over the curve's hash, RSA as PKCS#1 v1.5 SHA-256
     * (Node's defaults for these key types, and what Go's verifiers expect).
     */
    async sign(data) {
        const signature = await new Promise((resolve, reject) => {
            (0,external_node_crypto_.sign)(this.hashAlgorithm, data, this.#privateKey, (err, sig) => err ? reject(err) : resolve(sig));
        });
        return {
            signature,
            key: { $case: 'publicKey', publicKey: this.publicKeyPem, hint: this.hint },
        };
    }
}
/**
 * Starts decrypting the key right away (scrypt runs in the thread pool) and resolves to a
 * signer. Like startKeyDecryption, the promise is pre-handled so an early failure waits for
 * the caller's await instead of crashing the process.
 */
function loadKeySigner(pemText, password, 
/** The decryption index.ts already started for this key, if any. */
started = (0,decrypt/* startKeyDecryption */.Hw)(pemText, password)) {
    const pending = started.then((key) => new KeySigner(key));
    pending.catch(() => undefined);
    return pending;
}

;// CONCATENATED MODULE: ./src/signer/keyless/fulcio.ts
// The certificate request to Fulcio (`POST /api/v2/signingCert`), the same JSON @sigstore/sign's
// CAClient sends, under the action's one retry policy. Only answers that carry no certificate
// are retried (no answer, 408, 429, 500–504): a certificate that arrived is never asked for
// again, so a retry mints a second one only when the first was lost on the way.
// https://github.com/sigstore/fulcio/blob/main/fulcio.proto


/** Fulcio answered with a status other than 200/201: `statusCode` and Fulcio's own reason. */
class FulcioStatusError extends Error {
    statusCode;
    note;
    constructor(statusCode, reason, 
    /** " after 8 attempts" when the policy retried it. */
    note) {
        super(`(${statusCode}) ${reason}`);
        this.statusCode = statusCode;
        this.note = note;
        this.name = 'FulcioStatusError';
    }
}
/**
 * Asks Fulcio for a certificate and returns its chain, leaf first (PEM strings). Throws
 * FulcioStatusError for a refusal, RequestFailure when Fulcio never answered.
 */
async function requestSigningCertificate(req) {
    const body = JSON.stringify({
        credentials: { oidcIdentityToken: req.token },
        publicKeyRequest: {
            publicKey: { algorithm: 'ECDSA', content: req.publicKeyPem },
            proofOfPossession: req.proofOfPossession.toString('base64'),
        },
    });
    const res = await fetchWithRetry(`${req.fulcioUrl.replace(/\/$/, '')}/api/v2/signingCert`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body,
    }, {
        what: `Fulcio at ${new URL(req.fulcioUrl).host}`,
        policy: req.policy,
        fetch: req.fetch,
        maxBodyBytes: BODY_LIMITS.service,
    });
    const text = await res.text();
    if (res.status !== 200 && res.status !== 201) {
        // Belt and braces: whatever Fulcio says, the token is not repeated. Scrubbed whole, then
        // cut: a token is longer than the cut, so cutting first would leave a piece of it.
        const reason = scrubToken(reasonOf(text) ?? res.statusText, req.token).slice(0, 300);
        throw new FulcioStatusError(res.status, reason, attemptsNote(res));
    }
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        parsed = {};
    }
    const chain = (parsed.signedCertificateEmbeddedSct ?? parsed.signedCertificateDetachedSct)?.chain
        ?.certificates;
    // An unreadable answer is left to the certificate check, which names what is wrong.
    return Array.isArray(chain) ? chain.filter((c) => typeof c === 'string') : [];
}
/** `text` without `token` and without anything shaped like a JWT (three base64url parts). */
function scrubToken(text, token) {
    const without = token ? text.split(token).join('***') : text;
    return without.replace(/eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '***');
}
// Fulcio's JSON error `{"code":…, "message":"…"}`, whole (the caller scrubs, then cuts).
function reasonOf(text) {
    try {
        const message = JSON.parse(text).message;
        return typeof message === 'string' ? message : undefined;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/signer/keyless/oidc.ts
// The job's identity for keyless signing: a GitHub Actions OIDC token for the audience
// `sigstore` (what Fulcio accepts), fetched as @actions/core's getIDToken does but under the
// action's one retry policy (which honours Retry-After), and the subject Fulcio wants a proof
// of possession over. No message here ever carries a token, only what went wrong.




/** The audience Fulcio requires (cosign and sigstore-js ask for the same). */
const SIGSTORE_AUDIENCE = 'sigstore';
/**
 * The job's OIDC token for `audience` from the Actions token endpoint
 * (`ACTIONS_ID_TOKEN_REQUEST_URL`, request token as Bearer), masked before it is returned.
 */
async function fetchIdToken(audience, env = process.env, policy) {
    const url = env.ACTIONS_ID_TOKEN_REQUEST_URL;
    const requestToken = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
    if (!url || !requestToken) {
        throw new errors/* SignImageError */.FG('OIDC_TOKEN_FAILED', 'The job has no OIDC token endpoint (ACTIONS_ID_TOKEN_REQUEST_URL is not set)', {
            hint: 'Give the job `permissions: id-token: write`, or sign with a key (`COSIGN_PRIVATE_KEY`)',
        });
    }
    let res;
    try {
        res = await fetchWithRetry(`${url}&audience=${encodeURIComponent(audience)}`, { headers: { Authorization: `Bearer ${requestToken}`, Accept: 'application/json' } }, {
            what: `the job's OIDC token endpoint at ${new URL(url).host}`,
            policy,
            maxBodyBytes: BODY_LIMITS.service,
        });
    }
    catch (err) {
        throw tokenRequestError(err, new URL(url).host);
    }
    if (res.status !== 200)
        throw tokenStatusError(res.status, attemptsNote(res), new URL(url).host);
    let token;
    try {
        token = (await res.json()).value;
    }
    catch {
        token = undefined;
    }
    if (typeof token !== 'string' || token === '') {
        throw new errors/* SignImageError */.FG('OIDC_TOKEN_FAILED', "The job's OIDC token endpoint answered without a token", {
            hint: 'Re-run the job; if it keeps failing, check https://www.githubstatus.com (Actions)',
        });
    }
    setSecret(token);
    return token;
}
/** An IdentityProvider over the Actions token endpoint (`permissions: id-token: write`). */
function githubIdentityProvider(env = process.env, getIdToken = (audience) => fetchIdToken(audience, env)) {
    return {
        getToken: async () => {
            // The runner masks it too; masking it here keeps it out of our own debug lines regardless.
            if (env.ACTIONS_ID_TOKEN_REQUEST_TOKEN)
                setSecret(env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
            try {
                return await getIdToken(SIGSTORE_AUDIENCE);
            }
            catch (err) {
                throw tokenRequestError(err);
            }
        },
    };
}
/** Maps a failed token request to an error that says which permission or step is missing. */
function tokenRequestError(err, host) {
    if (err instanceof errors/* SignImageError */.FG)
        return err;
    if (err instanceof RequestFailure) {
        return new errors/* SignImageError */.FG('OIDC_TOKEN_FAILED', `The job's OIDC token endpoint${host ? ` at ${host}` : ''} ${describeFailure(err)}`, {
            cause: err,
            hint: 'Re-run the job; if it keeps failing, check https://www.githubstatus.com (Actions)',
        });
    }
    // @actions/core only gives a message: "… Error Code : 403 …" (no status property).
    const text = err instanceof Error ? err.message : String(err);
    const status = /Error Code\s*:\s*(\d{3})/.exec(text)?.[1];
    const error = status ? tokenStatusError(Number(status)) : undefined;
    return (error ??
        new errors/* SignImageError */.FG('OIDC_TOKEN_FAILED', "The job's OIDC token could not be fetched", {
            cause: err,
            hint: 'Re-run the job; if it keeps failing, check https://www.githubstatus.com (Actions)',
        }));
}
/** The error for a status other than 200 from the token endpoint; `note` follows the status. */
function tokenStatusError(code, note = '', host) {
    const endpoint = `The job's OIDC token endpoint${host ? ` at ${host}` : ''}`;
    const status = String(code);
    if (status === '401' || status === '403') {
        return new errors/* SignImageError */.FG('OIDC_TOKEN_FAILED', `${endpoint} refused to issue a token (HTTP ${status})${note}`, {
            hint: 'Give the job `permissions: id-token: write`; workflows run for pull requests from forks get no token, so sign those with a key (`COSIGN_PRIVATE_KEY`) or not at all',
        });
    }
    return new errors/* SignImageError */.FG('OIDC_TOKEN_FAILED', `${endpoint} answered HTTP ${status}${note}`, {
        hint: 'Re-run the job; if it keeps failing, check https://www.githubstatus.com (Actions)',
    });
}
/** The claims of a JWT, decoded without checking its signature (Fulcio checks that). */
function tokenClaims(token) {
    const parts = token.split('.');
    let claims;
    try {
        if (parts.length !== 3)
            throw new Error('not three parts');
        claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    }
    catch (cause) {
        throw new errors/* SignImageError */.FG('OIDC_TOKEN_INVALID', 'The OIDC token the job received is not a JWT', {
            cause,
            hint: 'Check that ACTIONS_ID_TOKEN_REQUEST_URL points at the Actions token service',
        });
    }
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
        throw new errors/* SignImageError */.FG('OIDC_TOKEN_INVALID', 'The OIDC token the job received has no claims object', {
            hint: 'Check that ACTIONS_ID_TOKEN_REQUEST_URL points at the Actions token service',
        });
    }
    return claims;
}
/**
 * The string the proof of possession signs, as Fulcio computes it: the `email` claim when there
 * is one (and only if `email_verified` is true), else `sub`. GitHub tokens carry no email, so
 * this is `repo:<owner>/<name>:ref:<ref>` and the like.
 */
function tokenSubject(claims) {
    if (claims.email !== undefined) {
        if (typeof claims.email !== 'string' || claims.email_verified !== true) {
            throw new errors/* SignImageError */.FG('OIDC_TOKEN_INVALID', 'The OIDC token has an email claim that is not verified', {
                hint: 'Fulcio certifies only verified email addresses; use the GitHub Actions token (`permissions: id-token: write`)',
            });
        }
        return claims.email;
    }
    if (typeof claims.sub !== 'string' || claims.sub === '') {
        throw new errors/* SignImageError */.FG('OIDC_TOKEN_INVALID', 'The OIDC token has no subject (`sub`) claim', {
            hint: 'Check that ACTIONS_ID_TOKEN_REQUEST_URL points at the Actions token service',
        });
    }
    return claims.sub;
}
/**
 * The certificate identity Fulcio must write for a GitHub Actions token: the server URL and the
 * `job_workflow_ref` claim (`https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main`;
 * in a reusable workflow, the called workflow). Undefined for a token without that claim.
 */
function workflowIdentity(claims, serverUrl = 'https://github.com') {
    const ref = claims.job_workflow_ref;
    if (typeof ref !== 'string' || ref === '')
        return undefined;
    return `${serverUrl.replace(/\/+$/, '')}/${ref}`;
}

;// CONCATENATED MODULE: ./src/signer/keyless/keyless-signer.ts







/**
 * Renew this long before expiry. A signature is logged right after it is made, and Rekor's
 * integratedTime must fall inside the leaf's validity: under the retry policy (util/retry.ts)
 * one Rekor call can last up to 8 tries of 30 s plus back-off, about 4.5 minutes, and no call
 * outlives the run's deadline (5 minutes by default). Fulcio's 10-minute leaves therefore need
 * no renewal in a run that keeps the default deadline.
 */
const REFRESH_MARGIN_MS = 300_000;
/** Signs with an ephemeral key and the Fulcio leaf currently certifying it. */
class KeylessSigner {
    #key = new KeySigner((0,external_node_crypto_.generateKeyPairSync)('ec', { namedCurve: 'P-256' }).privateKey);
    #fulcioUrl;
    #retry;
    #identityProvider;
    #now;
    #fulcioHost;
    #serverUrl;
    #check;
    #current;
    /** Every leaf this signer was issued, PEM → its chain PEM. */
    #chains = new Map();
    constructor(options) {
        this.#fulcioUrl = options.fulcioUrl;
        this.#retry = options.retry;
        this.#identityProvider = options.identityProvider;
        this.#now = options.now ?? Date.now;
        this.#fulcioHost = new URL(options.fulcioUrl).host;
        this.#serverUrl = options.serverUrl;
        this.#check = options.checkCertificate;
    }
    /** The certificate to sign with now: the current one, or a fresh one when it is about to expire. */
    async certificate() {
        const pending = this.#current;
        if (!pending)
            return (await (this.#current = this.#issue())).certificate;
        const issued = await pending;
        const expiresAt = issued.receivedAt + issued.certificate.lifetimeMs;
        if (this.#now() + REFRESH_MARGIN_MS < expiresAt)
            return issued.certificate;
        // Concurrent callers that found the same stale leaf share one new request.
        if (this.#current === pending)
            this.#current = this.#issue();
        return (await this.#current).certificate;
    }
    /** The rest of the chain Fulcio sent with `leafPem` ('' if unknown or none). */
    chainFor(leafPem) {
        return this.#chains.get(leafPem) ?? '';
    }
    async sign(data) {
        const certificate = await this.certificate();
        const { signature } = await this.#key.sign(data);
        return { signature, key: { $case: 'x509Certificate', certificate: certificate.leafPem } };
    }
    async #issue() {
        const token = await this.#identityProvider.getToken();
        const claims = tokenClaims(token);
        // Proof of possession: our key's signature over the token's subject (cosign-format §5).
        const challenge = await this.#key.sign(Buffer.from(tokenSubject(claims)));
        let chain;
        try {
            chain = await requestSigningCertificate({
                fulcioUrl: this.#fulcioUrl,
                token,
                publicKeyPem: this.#key.publicKeyPem,
                proofOfPossession: challenge.signature,
                policy: this.#retry,
            });
        }
        catch (err) {
            throw fulcioError(this.#fulcioHost, err);
        }
        const certificate = toSigningCertificate(chain, this.#key.publicKeyPem);
        // The leaf must name the job that asked for it, or verifiers pinning the workflow refuse it.
        const expected = workflowIdentity(claims, this.#serverUrl);
        if (expected !== undefined && certificate.identity !== expected) {
            throw untrustedLeaf(`names the identity ${JSON.stringify(certificate.identity)}, not the job's ${expected}`);
        }
        if (typeof claims.iss === 'string' && certificate.issuer !== claims.iss) {
            throw untrustedLeaf(`names the issuer ${JSON.stringify(certificate.issuer)}, not the token's ${claims.iss}`);
        }
        await this.#check?.(certificate);
        this.#chains.set(certificate.leafPem, certificate.chainPem);
        return { certificate, receivedAt: this.#now() };
    }
}
/** Names Fulcio's answer and the fix; Fulcio's own reason is kept (it never echoes the token). */
function fulcioError(host, err) {
    if (err instanceof errors/* SignImageError */.FG)
        return err; // RESPONSE_TOO_LARGE
    const cause = err?.cause ?? err;
    const status = cause?.statusCode;
    if (typeof status !== 'number') {
        const how = err instanceof RequestFailure ? describeFailure(err) : 'could not be reached';
        return new errors/* SignImageError */.FG('FULCIO_UNREACHABLE', `Fulcio at ${host} ${how}`, {
            cause: err,
            hint: 'Check `fulcio-url` and the network (for the public instance see https://status.sigstore.dev); nothing was signed or written',
        });
    }
    // HTTPError's message is "(status) <Fulcio's message>".
    const reason = cause instanceof Error ? cause.message.replace(/^\(\d+\)\s*/, '').slice(0, 300) : '';
    return new errors/* SignImageError */.FG('FULCIO_ERROR', `Fulcio at ${host} answered ${status} to the certificate request${cause instanceof FulcioStatusError ? cause.note : ''}${reason ? `: ${reason}` : ''}`, {
        cause: err,
        hint: status >= 500 || status === 429 || status === 408
            ? 'The CA is failing or throttling; re-run the job later (for the public instance see https://status.sigstore.dev); nothing was written'
            : status === 401 || status === 403
                ? "Fulcio did not accept the job's OIDC token: check `fulcio-url` and that the token comes from GitHub Actions; nothing was written"
                : 'Check `fulcio-url`; nothing was written',
    });
}
function untrustedLeaf(why) {
    return new errors/* SignImageError */.FG('CERTIFICATE_UNTRUSTED', `the certificate Fulcio returned ${why}`, {
        hint: 'Check that `fulcio-url` points at a Fulcio CA that certifies GitHub Actions tokens; nothing was signed or written',
    });
}

;// CONCATENATED MODULE: ./src/signer/kms/fetch-handler.ts
// The AWS SDK's HTTP transport, replaced by the action's one request function (util/http-retry):
// KMS calls then follow the same retry policy and overall deadline as every other service, and
// print the same retry lines; the SDK's own retries are turned off (maxAttempts: 1). The SDK
// still does everything AWS-specific: credentials, SigV4 signing, (de)serialization, endpoints.

// Headers fetch computes itself from the URL and body (the values the SDK signed are the same).
const DROPPED = new Set(['host', 'content-length', 'expect', 'transfer-encoding']);
/** An SDK `requestHandler` sending each request through fetchWithRetry. */
class FetchRetryHandler {
    what;
    options;
    constructor(what, options = {}) {
        this.what = what;
        this.options = options;
    }
    async handle(request) {
        const url = new URL(`${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}${request.path}`);
        for (const [name, value] of Object.entries(request.query ?? {})) {
            for (const v of Array.isArray(value) ? value : [value])
                url.searchParams.append(name, v ?? '');
        }
        const headers = new Headers();
        for (const [name, value] of Object.entries(request.headers)) {
            if (!DROPPED.has(name.toLowerCase()))
                headers.set(name, value);
        }
        const body = request.body;
        const res = await fetchWithRetry(url, {
            method: request.method,
            headers,
            body: typeof body === 'string' || body instanceof Uint8Array
                ? body
                : undefined,
        }, { what: this.what, ...this.options });
        const responseHeaders = {};
        res.headers.forEach((value, name) => (responseHeaders[name] = value));
        return {
            response: {
                statusCode: res.status,
                reason: res.statusText,
                headers: responseHeaders,
                body: res.bytes,
            },
        };
    }
    // The SDK's handler-configuration hooks: this handler has nothing to configure.
    updateHttpClientConfig() { }
    httpHandlerConfigs() {
        return {};
    }
    destroy() { }
}

;// CONCATENATED MODULE: ./src/signer/kms/aws-errors.ts
// Pure: a failed KMS call becomes one KMS_* error saying what is wrong and what to do. The
// service's own message is never printed (text from servers is not logged raw, and a credential
// error could quote what was sent), not even as the debug cause; only the AWS error name, when it
// looks like one, is named.


const aws_errors_NOT_FOUND = new Set(['NotFoundException']);
const AUTH = new Set([
    'UnrecognizedClientException',
    'InvalidSignatureException',
    'IncompleteSignature',
    'IncompleteSignatureException',
    'AccessDeniedException',
    'ExpiredTokenException',
    'InvalidClientTokenId',
    'MissingAuthenticationTokenException',
]);
const CANNOT_SIGN = new Set([
    'InvalidKeyUsageException',
    'DisabledException',
    'KMSInvalidStateException',
    'UnsupportedOperationException',
    'KeyUnavailableException',
]);
/** The SignImageError for a failed KMS call (a SignImageError passes through unchanged). */
function kmsError(err, ctx) {
    if (err instanceof errors/* SignImageError */.FG)
        return err;
    const e = (err ?? {});
    const name = typeof e.name === 'string' ? e.name : '';
    const message = typeof e.message === 'string' ? e.message : '';
    if (err instanceof RequestFailure || name === 'RequestFailure') {
        const how = err instanceof RequestFailure ? describeFailure(err) : 'could not be reached';
        return new errors/* SignImageError */.FG('KMS_UNREACHABLE', `KMS at ${ctx.host} ${how} (${ctx.operation})`, {
            hint: 'Check the endpoint in `kms-key` and the network; for AWS itself see https://health.aws.amazon.com',
            cause: err,
        });
    }
    if (name === 'CredentialsProviderError' || /could not load credentials/i.test(message)) {
        return new errors/* SignImageError */.FG('KMS_CREDENTIALS_MISSING', `No AWS credentials were found to use the KMS key ${ctx.uri}`, {
            hint: 'Add aws-actions/configure-aws-credentials before this step (with `permissions: id-token: write` for its OIDC role), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY',
        });
    }
    if (/region is missing|invalid region/i.test(message)) {
        return new errors/* SignImageError */.FG('KMS_REGION_MISSING', `No AWS region is set for the KMS key ${ctx.uri}`, {
            hint: 'Set AWS_REGION (configure-aws-credentials does with `aws-region`), or name the key by its ARN',
        });
    }
    const aws = /^[A-Za-z][A-Za-z0-9]{0,63}$/.test(name) ? name : 'an error';
    if (aws_errors_NOT_FOUND.has(name)) {
        return new errors/* SignImageError */.FG('KMS_KEY_NOT_FOUND', `The KMS key ${ctx.uri} does not exist`, {
            hint: 'Check the key id, ARN or alias in `kms-key`, and that AWS_REGION is the key’s region',
        });
    }
    if (AUTH.has(name)) {
        return new errors/* SignImageError */.FG('KMS_AUTH_FAILED', `KMS at ${ctx.host} refused the credentials for ${ctx.operation} on ${ctx.uri} (${aws})`, {
            hint: 'Check the role configure-aws-credentials assumes: it needs kms:GetPublicKey and kms:Sign on this key',
        });
    }
    if (CANNOT_SIGN.has(name)) {
        return new errors/* SignImageError */.FG('KMS_KEY_CANNOT_SIGN', `The KMS key ${ctx.uri} cannot sign (${ctx.operation} answered ${aws})`, {
            hint: 'Use an enabled ECC_NIST_P256 key with key usage SIGN_VERIFY',
        });
    }
    const status = e.$metadata?.httpStatusCode;
    return new errors/* SignImageError */.FG('KMS_ERROR', `KMS at ${ctx.host} answered ${ctx.operation} on ${ctx.uri} with ${aws}${status ? ` (HTTP ${status})` : ''}`, {
        hint: 'Re-run on throttling or a 5xx answer; otherwise check the key and the endpoint in `kms-key`',
    });
}

;// CONCATENATED MODULE: ./src/signer/kms/aws-client.ts
// AWS KMS through @aws-sdk/client-kms (credentials chain, SigV4, the JSON protocol), loaded only
// when a `kms-key` is used so that key and keyless runs do not pay for loading the SDK.
// Credentials and region come from the SDK's standard chain: AWS_ACCESS_KEY_ID /
// AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN (what aws-actions/configure-aws-credentials exports),
// AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN, shared config/credentials files, container and
// instance roles. An endpoint in the reference is spoken to over HTTPS, as cosign does.



/** Secrets the SDK may read from the environment: masked before any request is made. */
const SECRET_ENV = ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN'];
/** A KMS client for `ref`; the SDK module is imported on first use. */
function awsKmsClient(ref, options = {}) {
    const env = options.env ?? process.env;
    for (const name of SECRET_ENV)
        maskSecret(env[name]);
    const host = ref.endpoint ?? 'AWS KMS';
    let sdk;
    const load = () => (sdk ??= loadSdk(ref, env, options, host));
    return {
        async getPublicKey() {
            const { client, kms } = await load();
            try {
                const out = await client.send(new kms.GetPublicKeyCommand({ KeyId: ref.keyId }));
                if (!out.PublicKey)
                    throw new Error('GetPublicKey returned no public key');
                return {
                    spki: Buffer.from(out.PublicKey),
                    keySpec: out.KeySpec,
                    keyUsage: out.KeyUsage,
                    signingAlgorithms: out.SigningAlgorithms,
                };
            }
            catch (err) {
                throw kmsError(err, { operation: 'GetPublicKey', uri: ref.uri, host });
            }
        },
        async signDigest(digest, algorithm) {
            const { client, kms } = await load();
            try {
                const out = await client.send(new kms.SignCommand({
                    KeyId: ref.keyId,
                    Message: digest,
                    MessageType: 'DIGEST',
                    SigningAlgorithm: algorithm,
                }));
                if (!out.Signature)
                    throw new Error('Sign returned no signature');
                return Buffer.from(out.Signature);
            }
            catch (err) {
                throw kmsError(err, { operation: 'Sign', uri: ref.uri, host });
            }
        },
    };
}
async function loadSdk(ref, env, options, host) {
    const kms = await __webpack_require__.e(/* import() */ 632).then(__webpack_require__.t.bind(__webpack_require__, 2632, 19));
    // The SDK reads AWS_REGION and the config file; configure-aws-credentials also exports
    // AWS_DEFAULT_REGION, and an ARN names its region.
    const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || ref.arnRegion || undefined;
    const client = new kms.KMSClient({
        ...(region ? { region } : {}),
        ...(ref.endpoint ? { endpoint: `https://${ref.endpoint}` } : {}),
        maxAttempts: 1,
        requestHandler: new FetchRetryHandler(`KMS at ${host}`, {
            policy: options.policy,
            fetch: options.fetch,
        }),
    });
    return { kms, client };
}

;// CONCATENATED MODULE: ./src/signer/kms/key-spec.ts
// Pure: which KMS keys this action signs with, decided from what GetPublicKey reports.
//
// Only ECC_NIST_P256 with SIGN_VERIFY, signed as ECDSA_SHA_256 over a SHA-256 digest:
// - cosign verifies a `--key` PEM with SHA-256 (the hashedrekord entry and bundle checks assume
//   it too, cosign-format §4), so a P-384/P-521 key, which KMS only lets sign SHA-384/SHA-512
//   digests, gives signatures that cosign's verification does not follow;
// - for an RSA key, `cosign verify --key awskms://…` verifies with the key's first signing
//   algorithm (RSASSA_PSS_SHA_256) while `cosign verify --key cosign.pub` verifies PKCS#1 v1.5:
//   whichever we sign with, one of cosign's two verifications refuses it;
// - secp256k1 and SM2 keys are not keys cosign verifies.

const SIGNING_ALGORITHM = 'ECDSA_SHA_256';
const KEY_SPEC = 'ECC_NIST_P256';
const HINT = 'Use an ECC_NIST_P256 SIGN_VERIFY key (what `cosign generate-key-pair --kms awskms:///alias/NAME` creates)';
/** Returns the signing algorithm to send with Sign, or throws why this key cannot be used. */
function checkKmsKey(facts, uri) {
    const spec = safeName(facts.keySpec);
    if (facts.keyUsage !== 'SIGN_VERIFY') {
        throw new errors/* SignImageError */.FG('KMS_KEY_CANNOT_SIGN', `The KMS key ${uri} has key usage ${safeName(facts.keyUsage)}${spec !== 'unknown' ? ` (${spec})` : ''}, so it cannot sign`, { hint: HINT });
    }
    if (spec !== KEY_SPEC || !(facts.signingAlgorithms ?? []).includes(SIGNING_ALGORITHM)) {
        throw new errors/* SignImageError */.FG('KMS_KEY_SPEC_UNSUPPORTED', `The KMS key ${uri} has key spec ${spec}, whose signatures cosign's verification would not accept`, { hint: HINT });
    }
    return SIGNING_ALGORITHM;
}
// The spec and usage come from the service: printed only when they look like AWS enum names.
function safeName(value) {
    return value && /^[A-Z0-9_]{1,40}$/.test(value) ? value : 'unknown';
}

;// CONCATENATED MODULE: ./src/signer/kms/kms-signer.ts
// Signs with a key that never leaves a KMS: the SHA-256 digest of whatever the pipeline signs
// (a simple-signing payload, a DSSE PAE of a statement or attestation) is computed here and sent
// to the KMS, which returns the ASN.1 DER ECDSA signature, the same bytes `cosign sign --key
// awskms://…` stores. The public key is read once, with the key's facts, before signing starts.



class KmsSigner {
    client;
    algorithm;
    /** The digest algorithm of every signature (the hashedrekord entry names the same). */
    hashAlgorithm = 'sha256';
    /** SPKI PEM of the KMS key, in Go's pem.EncodeToMemory layout (what cosign prints). */
    publicKeyPem;
    /** base64(SHA-256(SPKI DER)): the public key hint cosign puts in bundles. */
    hint;
    /** The reference as the user gave it (no credentials: those come from the environment). */
    keyRef;
    constructor(client, algorithm, spki, keyRef) {
        this.client = client;
        this.algorithm = algorithm;
        this.publicKeyPem = toPem(spki);
        this.hint = (0,external_node_crypto_.createHash)('sha256').update(spki).digest('base64');
        this.keyRef = keyRef;
    }
    async sign(data) {
        const digest = (0,external_node_crypto_.createHash)('sha256').update(data).digest();
        const signature = await this.client.signDigest(digest, this.algorithm);
        return {
            signature,
            key: { $case: 'publicKey', publicKey: this.publicKeyPem, hint: this.hint },
        };
    }
}
/** GetPublicKey once, checks the key can make signatures cosign verifies, and returns the signer. */
async function loadKmsSigner(ref, client) {
    const facts = await client.getPublicKey();
    const algorithm = checkKmsKey(facts, ref.uri);
    // The key facts and the key itself must agree: a P-256 EC SPKI, or the service misbehaved.
    let curve;
    try {
        const key = (0,external_node_crypto_.createPublicKey)({ key: facts.spki, format: 'der', type: 'spki' });
        curve = key.asymmetricKeyDetails?.namedCurve;
    }
    catch {
        curve = undefined;
    }
    if (curve !== 'prime256v1') {
        throw new errors/* SignImageError */.FG('KMS_ERROR', `The public key KMS returned for ${ref.uri} is not the P-256 key its key spec names`, {
            hint: 'Check the endpoint in `kms-key`: it must be AWS KMS or a faithful emulator',
        });
    }
    return new KmsSigner(client, algorithm, facts.spki, ref.uri);
}
function toPem(der) {
    const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
    return `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----\n`;
}

;// CONCATENATED MODULE: ./src/signer/select.ts
// Builds the signer for the chosen mode. Key mode starts the scrypt key derivation at once, so
// that it overlaps with loading code and reading the registry.







/**
 * Starts preparing the signer; the promise settles once it can sign. `earlyKey` is the same key
 * already being decrypted by the entry point (so scrypt runs once, as early as possible).
 */
function prepareSigner(mode, config, earlyKey, trustReady) {
    if (mode === 'keyless')
        return prepareKeylessSigner(config, process.env, trustReady);
    if (config.kmsKey)
        return prepareKmsSigner(config.kmsKey);
    return loadKeySigner(config.privateKey ?? '', config.password, earlyKey).then((signer) => {
        // The decrypted key is never printed, so it is not masked either: an `::add-mask::` line
        // would itself be the only place it ever appeared (the runner hides it; other log
        // collectors do not).
        // Rekor's hashedrekord entry and cosign's bundle check both assume SHA-256 (cosign-format §4,
        // §11.3); a P-384/P-521 key signs another digest, so its entry could never verify.
        if (config.tlogUpload && signer.hashAlgorithm !== 'sha256') {
            throw new errors/* SignImageError */.FG('KEY_ALGORITHM_UNSUPPORTED', `A ${signer.algorithm} key signs ${signer.hashAlgorithm} digests, which a Rekor hashedrekord entry for cosign cannot carry`, {
                hint: 'Use an ECDSA P-256 key (what `cosign generate-key-pair` makes), or set `tlog-upload: false`',
            });
        }
        return {
            signer,
            identity: { mode: 'key', publicKeyPem: signer.publicKeyPem },
            publicKeyPem: signer.publicKeyPem,
        };
    });
}
/**
 * A KMS key: GetPublicKey (once) and the key checks start at once, overlapping with the registry
 * checks; the summary names the key reference, the `public-key` output is the KMS public key.
 */
function prepareKmsSigner(ref) {
    return loadKmsSigner(ref, awsKmsClient(ref)).then((signer) => ({
        signer,
        identity: { mode: 'key', publicKeyPem: signer.publicKeyPem, keyRef: signer.keyRef },
        publicKeyPem: signer.publicKeyPem,
    }));
}
/**
 * Keyless: fetches the job's OIDC token and the run's Fulcio certificate at once, so both
 * overlap with loading code and reading the registry.
 */
function prepareKeylessSigner(config, env = process.env, trustReady) {
    const signer = new KeylessSigner({
        fulcioUrl: config.fulcioUrl,
        identityProvider: githubIdentityProvider(env),
        serverUrl: env.GITHUB_SERVER_URL || undefined,
        // Before anything is signed: the chain, the SCT and the identity, against the trusted root.
        checkCertificate: async (certificate) => {
            const trust = await trustReady;
            if (trust)
                checkCertificate(certificate.leafPem, trust, {
                    subject: certificate.identity,
                    issuer: certificate.issuer,
                });
        },
    });
    return signer.certificate().then((certificate) => ({
        signer,
        identity: {
            mode: 'keyless',
            certificatePem: certificate.leafPem,
            subject: certificate.identity,
            issuer: certificate.issuer,
        },
        publicKeyPem: certificate.leafPem,
        chainFor: (leafPem) => signer.chainFor(leafPem),
    }));
}

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
            throw trusted_root_invalid(source, `its transparency log ${t.baseUrl} has a key that cannot be read`, cause);
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
        throw trusted_root_invalid(source, 'its certificates or keys cannot be read', cause);
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
        throw trusted_root_invalid(source, 'it is not JSON', cause);
    }
    const mediaType = json?.mediaType;
    if (typeof mediaType !== 'string' ||
        !mediaType.startsWith('application/vnd.dev.sigstore.trustedroot')) {
        throw trusted_root_invalid(source, 'its mediaType is not application/vnd.dev.sigstore.trustedroot…');
    }
    let root;
    try {
        root = protobuf_specs_dist.TrustedRoot.fromJSON(json);
    }
    catch (cause) {
        throw trusted_root_invalid(source, 'it is not a Sigstore TrustedRoot', cause);
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
            throw trusted_root_invalid(source, `it is ${size} bytes, more than a trusted root holds`);
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
function trusted_root_invalid(source, why, cause) {
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

;// CONCATENATED MODULE: ./src/trust/required.ts
// Which trust a run needs, and where it comes from. Decided from the inputs alone, before any
// token is requested or anything is sent: a private Rekor, Fulcio or TSA is trusted only with a
// `trusted-root` naming its keys; the public-good instance defaults to the public-good root.




/** The public-good services (what the public-good trusted root names). */
const PUBLIC_GOOD = {
    rekor: 'https://rekor.sigstore.dev',
    fulcio: 'https://fulcio.sigstore.dev',
    tsa: 'https://timestamp.sigstore.dev/api/v1/timestamp',
};
/** What the run will ask, given the inputs and the signing mode. */
function trustNeeds(config, mode) {
    return { rekor: config.tlogUpload, fulcio: mode === 'keyless', tsa: Boolean(config.tsaUrl) };
}
/** True when nothing the run asks needs a trusted root (a key, no log, no TSA). */
function needsNothing(needs) {
    return !needs.rekor && !needs.fulcio && !needs.tsa;
}
function same(url, publicUrl) {
    return url.replace(/\/+$/, '').toLowerCase() === publicUrl;
}
/** The private services the run uses (by input name), for TRUST_ROOT_MISSING. */
function privateServices(config, needs) {
    const out = [];
    if (needs.rekor && !same(config.rekorUrl, PUBLIC_GOOD.rekor))
        out.push(`rekor-url ${config.rekorUrl}`);
    if (needs.fulcio && !same(config.fulcioUrl, PUBLIC_GOOD.fulcio))
        out.push(`fulcio-url ${config.fulcioUrl}`);
    if (needs.tsa && config.tsaUrl && !same(config.tsaUrl, PUBLIC_GOOD.tsa))
        out.push(`tsa-url ${config.tsaUrl}`);
    return out;
}
/**
 * Throws TRUST_ROOT_MISSING when a private service is used without `trusted-root`. Called right
 * after the inputs are parsed: nothing has been requested yet.
 */
function requireTrustInputs(config, mode) {
    if (config.trustedRoot)
        return;
    const named = privateServices(config, trustNeeds(config, mode));
    if (named.length === 0)
        return;
    throw new errors/* SignImageError */.FG('TRUST_ROOT_MISSING', `A private Sigstore instance is used (${named.join(', ')}) but no \`trusted-root\` names its keys`, {
        hint: 'Make a trusted_root.json for it, e.g. `cosign trusted-root create --fulcio="url=https://fulcio.example,certificate-chain=fulcio-chain.pem" ' +
            '--ctfe="url=https://ctfe.example,public-key=ctfe.pub" --rekor="url=https://rekor.example,public-key=rekor.pub" ' +
            '--tsa="url=https://tsa.example/api/v1/timestamp,certificate-chain=tsa-chain.pem" --out trusted_root.json`, commit it, ' +
            'and pass its path as `trusted-root`; the action never trusts a key a service hands out itself. Nothing was sent',
    });
}
/**
 * The trust this run checks against: the `trusted-root` file, else the public-good root from
 * TUF; undefined when the run asks nothing that needs one. Call requireTrustInputs first.
 */
async function loadTrust(config, mode, env = process.env, tuf = {}) {
    // Relative to the workspace, as every file input of an action is.
    if (config.trustedRoot)
        return covering(readTrustedRootFile((0,external_node_path_.resolve)(env.GITHUB_WORKSPACE || process.cwd(), config.trustedRoot)), trustNeeds(config, mode));
    if (needsNothing(trustNeeds(config, mode)))
        return undefined;
    return publicGoodTrust({ cachePath: tufCachePath(env), ...tuf });
}
// A root that names no service of a kind the run uses can only fail later, after a token was
// spent or an entry logged: say so now.
function covering(trust, needs) {
    const missing = [
        needs.rekor && trust.root.tlogs.length === 0 && 'transparency log (tlogs)',
        needs.fulcio && trust.root.certificateAuthorities.length === 0 && 'certificate authority',
        needs.fulcio && trust.root.ctlogs.length === 0 && 'CT log (ctlogs)',
        needs.tsa && trust.root.timestampAuthorities.length === 0 && 'timestamp authority',
    ].filter((m) => typeof m === 'string');
    if (missing.length === 0)
        return trust;
    throw new errors/* SignImageError */.FG('TRUST_ROOT_INVALID', `${trust.source} names no ${missing.join(', no ')}, which this run uses`, {
        hint: 'Add the missing service to the trusted root (`cosign trusted-root create --rekor=… --fulcio=… --ctfe=… --tsa=…`), or stop using it; nothing was sent',
    });
}

;// CONCATENATED MODULE: ./src/action.ts
// The action proper, loaded by index.ts while the key derivation runs: masks secrets, turns the
// inputs into a config, prepares the signer and runs the stages; prints exactly one `::error::`
// line on failure.













/** Runs the action on raw inputs; `earlyKey` is the key decryption index.ts already started. */
async function runAction(raw, earlyKey) {
    (0,trace/* trace */.u)('runAction');
    maskSecretInputs(raw);
    try {
        const config = parseConfig(raw);
        const mode = selectSigningMode(config, process.env);
        // Before any token, certificate or log request: a private repository stays off public logs.
        checkPublicLogPrivacy(mode, config, repositoryVisibility(readEventPayload(process.env)));
        // `attestations`: every file read (bounded) and checked before any token or request.
        const kinds = resolveAttestationTypes(config.attestations);
        const files = await readPredicateFiles(config.attestations, process.env.GITHUB_WORKSPACE || process.cwd());
        const predicates = buildPredicates(files, kinds);
        // Before any token, certificate or log request too: a private Sigstore needs `trusted-root`.
        requireTrustInputs(config, mode);
        const trustReady = loadTrust(config, mode, process.env);
        trustReady.catch(() => undefined); // awaited in runPipeline() and by the keyless signer
        const signerReady = prepareSigner(mode, config, earlyKey, trustReady);
        signerReady.catch(() => undefined); // awaited in runPipeline(); this only avoids an early unhandled rejection
        (0,trace/* trace */.u)('pipeline start');
        await runPipeline(config, signerReady, defaultPipelineDeps(config, trustReady), predicates);
    }
    catch (err) {
        const error = (0,errors/* asSignImageError */.Z_)(err);
        runner_error(error.toLine());
        if (error.cause)
            runner_debug(`cause: ${error.cause instanceof Error ? error.cause.message : String(error.cause)}`);
        process.exitCode = 1;
    }
}


/***/ })

};
