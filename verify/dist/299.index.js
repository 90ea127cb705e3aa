export const id = 299;
export const ids = [299];
export const modules = {

/***/ 7299:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  awsKmsClient: () => (/* binding */ awsKmsClient)
});

// EXTERNAL MODULE: ./src/inputs/mask.ts + 1 modules
var mask = __webpack_require__(6326);
// EXTERNAL MODULE: ./src/util/http-retry.ts + 1 modules
var http_retry = __webpack_require__(8317);
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
        const res = await (0,http_retry/* fetchWithRetry */.J5)(url, {
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

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/signer/kms/aws-errors.ts
// Pure: a failed KMS call becomes one KMS_* error saying what is wrong and what to do. The
// service's own message is never printed (text from servers is not logged raw, and a credential
// error could quote what was sent), not even as the debug cause; only the AWS error name, when it
// looks like one, is named.


const NOT_FOUND = new Set(['NotFoundException']);
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
    if (err instanceof http_retry/* RequestFailure */.e6 || name === 'RequestFailure') {
        const how = err instanceof http_retry/* RequestFailure */.e6 ? (0,http_retry/* describeFailure */.Ic)(err) : 'could not be reached';
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
    if (NOT_FOUND.has(name)) {
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
        (0,mask/* maskSecret */.$)(env[name]);
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


/***/ })

};
