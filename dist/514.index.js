export const id = 514;
export const ids = [514];
export const modules = {

/***/ 2514:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@sigstore/bundle/dist/index.js
var dist = __webpack_require__(1040);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/reference/parse.ts
// Image references parsed the way go-containerregistry's `pkg/name` does (what cosign uses), so
// the repository we sign into the payload is the one `cosign verify` derives from the same text.
// https://github.com/google/go-containerregistry/tree/main/pkg/name

/** Docker Hub's canonical host: ggcr rewrites `docker.io` (and an absent registry) to it. */
const DEFAULT_REGISTRY = 'index.docker.io';
const DIGEST = /^sha256:[0-9a-f]{64}$/;
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
/** True for registries on loopback (spoken to over plain HTTP): localhost, *.localhost, 127/8, [::1]. */
function isLoopbackRegistry(registry) {
    const host = hostOf(registry.trim().toLowerCase());
    if (host === 'localhost' || host.endsWith('.localhost'))
        return true;
    if (host === '::1' || host === '[::1]')
        return true;
    const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
    return octets !== null && octets.slice(1).every((o) => Number(o) <= 255);
}
/** Validates a manifest digest: `sha256:` and 64 lower-case hex digits; else DIGEST_INVALID. */
function parseDigest(text) {
    const digest = text.trim();
    if (DIGEST.test(digest))
        return digest;
    const shown = digest.length > 80 ? `${digest.slice(0, 80)}…` : digest;
    throw new errors/* SignImageError */.FG('DIGEST_INVALID', `"${shown}" is not a manifest digest`, {
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
/** Decodes a payload someone stored (cosign, skopeo or us); PAYLOAD_INVALID when it is not one. */
function parseSimpleSigningPayload(bytes) {
    let doc;
    try {
        doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    }
    catch (cause) {
        throw simple_signing_invalid('it is not UTF-8 JSON', cause);
    }
    const critical = field(doc, 'critical');
    const dockerReference = field(field(critical, 'identity'), 'docker-reference');
    const digest = field(field(critical, 'image'), 'docker-manifest-digest');
    const type = field(critical, 'type');
    if (typeof dockerReference !== 'string')
        throw simple_signing_invalid('critical.identity.docker-reference is not a string');
    if (typeof digest !== 'string')
        throw simple_signing_invalid('critical.image.docker-manifest-digest is not a string');
    if (typeof type !== 'string')
        throw simple_signing_invalid('critical.type is not a string');
    const optional = field(doc, 'optional') ?? null;
    if (optional !== null && !isObject(optional))
        throw simple_signing_invalid('optional is neither an object nor null');
    return { dockerReference, digest, type, optional };
}
function field(value, key) {
    return isObject(value) ? value[key] : undefined;
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function simple_signing_invalid(why, cause) {
    return new SignImageError('PAYLOAD_INVALID', `the stored signature payload cannot be read: ${why}`, {
        hint: 'The `.sig` holds a layer that is not a simple-signing payload; it was not written by cosign, skopeo or this action',
        cause,
    });
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
const layer_DIGEST = /^sha256:[0-9a-f]{64}$/;
/** The `.sig` layer descriptor for one signature, annotations as cosign's static.NewSignature sets them. */
function buildSignatureLayer(input) {
    if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(input.signatureBase64) ||
        input.signatureBase64 === '') {
        throw new errors/* SignImageError */.FG('INTERNAL', 'the signature is not standard padded base64');
    }
    const annotations = { [SIGNATURE_ANNOTATION]: input.signatureBase64 };
    // cosign writes the chain key whenever it writes the certificate, even with an empty chain
    // (v3's legacy path always does): verifiers then fall back to the trusted Fulcio chain.
    if (input.certificatePem !== undefined) {
        annotations[CERTIFICATE_ANNOTATION] = input.certificatePem;
        annotations[CHAIN_ANNOTATION] = input.chainPem ?? '';
    }
    if (input.rekorBundle !== undefined)
        annotations[BUNDLE_ANNOTATION] = input.rekorBundle;
    if (input.rfc3161Timestamp !== undefined)
        annotations[RFC3161_TIMESTAMP_ANNOTATION] = input.rfc3161Timestamp;
    return {
        mediaType: COSIGN_SIMPLE_SIGNING,
        size: input.payload.length,
        digest: `sha256:${(0,external_node_crypto_.createHash)('sha256').update(input.payload).digest('hex')}`,
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
    if (!layer_isObject(v))
        throw layer_invalid(`${where} is not an object`);
    if (typeof v.digest !== 'string' || !layer_DIGEST.test(v.digest))
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
        if (!layer_isObject(p))
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
    if (!layer_isObject(v))
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
function layer_isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function nonEmpty(map) {
    return map !== undefined && Object.keys(map).length > 0;
}
function layer_invalid(why) {
    return new errors/* SignImageError */.FG('SIGNATURE_MANIFEST_INVALID', `the existing .sig manifest cannot be extended: ${why}`, {
        hint: 'Something other than cosign, skopeo or this action wrote the `sha256-<hex>.sig` tag; inspect it, delete it if it is not a signature image, and sign again',
    });
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

// EXTERNAL MODULE: ./node_modules/@sigstore/core/dist/index.js
var core_dist = __webpack_require__(3917);
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
 */
function verifySignedEntryTimestamp(e, rekorPublicKeyPem) {
    let key;
    try {
        key = (0,external_node_crypto_.createPublicKey)(rekorPublicKeyPem);
    }
    catch (cause) {
        throw new errors/* SignImageError */.FG('TLOG_ERROR', 'the transparency log public key cannot be read', {
            cause,
        });
    }
    const spki = key.export({ type: 'spki', format: 'der' });
    const id = logIdHex(e);
    if ((0,external_node_crypto_.createHash)('sha256').update(spki).digest('hex') !== id) {
        throw mismatch('logID', `${id} is not the sha256 of the log's public key`);
    }
    const set = e.inclusionPromise?.signedEntryTimestamp;
    if (!set || set.length === 0)
        throw mismatch('inclusionPromise', 'has no signed entry timestamp');
    const signed = core_dist.json.canonicalize({
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
// node:crypto throws on malformed DER signatures; that is a failed check like any other.
function verifies(algorithm, data, key, signature) {
    try {
        return (0,external_node_crypto_.verify)(algorithm, data, key, signature);
    }
    catch {
        return false;
    }
}
// The DER of the single PEM block in `text`; undefined when it holds no block or more than one
// (cosign's comparePublicKey refuses trailing PEM blocks).
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

;// CONCATENATED MODULE: ./src/pipeline.ts
// One target's path through the stages: check it exists → sign and log → store. Each step takes
// its collaborators as arguments; only main.ts wires real ones.








/** Confirms the registry has the digest and reads the `.sig` beside it; writes nothing. */
async function checkTarget(target, client, store) {
    const [manifest, existing] = await Promise.all([client.headManifest(target.digest), store.read(target.digest)]);
    if (!manifest) {
        throw new errors/* SignImageError */.FG('DIGEST_NOT_FOUND', `${repositoryName(target.ref)}@${target.digest} is not in the registry`, {
            hint: 'Sign the digest the build step pushed (docker/build-push-action `digest` output, with `push: true`), after the push, in the repository it was pushed to',
        });
    }
    return { target, store, existing };
}
/** Signs the cosign payload of a target and, when a witness is configured, checks its Rekor entry. */
async function signTarget(checked, builder, options) {
    const payload = buildSimpleSigningPayload(repositoryName(checked.target.ref), checked.target.digest, options.annotations);
    const bundle = await builder.create({ data: payload });
    if (bundle.content.$case !== 'messageSignature')
        throw new errors/* SignImageError */.FG('INTERNAL', 'expected a message signature bundle');
    const signatureBase64 = bundle.content.messageSignature.signature.toString('base64');
    const entry = bundle.verificationMaterial.tlogEntries[0];
    if (!entry || !options.rekorPublicKey)
        return { ...checked, payload, bundle, signatureBase64 };
    // cosign verify re-checks all of this; a log that returned something else must not reach the registry.
    checkHashedRekordEntry(entry, {
        payloadSha256Hex: (0,external_node_crypto_.createHash)('sha256').update(payload).digest('hex'),
        signatureBase64,
        publicKeyPem: options.publicKeyPem,
    });
    verifySignedEntryTimestamp(entry, options.rekorPublicKey);
    return { ...checked, payload, bundle, signatureBase64, rekorBundle: buildCosignBundleAnnotation(entry), log: toLogSummary(entry) };
}
/** Stores the signature as a `.sig` layer (unless `upload` is false) and returns its record. */
async function storeTarget(signed, upload) {
    const { target } = signed;
    let signatureRef = '';
    let added = true;
    if (upload) {
        const layer = buildSignatureLayer({ payload: signed.payload, signatureBase64: signed.signatureBase64, rekorBundle: signed.rekorBundle });
        ({ signatureRef, added } = await signed.store.write(target.digest, layer, signed.payload, signed.existing));
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
        bundle: (0,dist.bundleToJSON)(signed.bundle),
    };
}

;// CONCATENATED MODULE: ./src/reference/targets.ts
// Turns the `image` and `digest` inputs into the list of digests to sign. A digest is what gets
// signed, never a tag: tags are mutable, so they are kept only as labels for the report.


/** Splits the `image` input: newline- or comma-separated, trimmed, empty entries dropped. */
function splitImageList(text) {
    return text
        .split(/[\r\n,]/)
        .map((s) => s.trim())
        .filter((s) => s !== '');
}
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
    return [...targets.values()];
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

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 10 modules
var core = __webpack_require__(7264);
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
/** Statuses worth retrying after a pause: timeouts, rate limits and server faults. */
function retryable(status) {
    return status === 408 || status === 429 || status >= 500;
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
    throw errorFromResponse(req, res.status, text.slice(0, 4096));
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
// One fetch with a deadline, whose network failures become REGISTRY_UNREACHABLE naming the host.

/** Default deadline for one request, body included. */
const DEFAULT_TIMEOUT_MS = 30_000;
/**
 * fetch(url, init) that never follows redirects by itself (callers decide where credentials
 * may go) and turns refused connections, DNS failures, resets and timeouts into
 * REGISTRY_UNREACHABLE. `what` names the peer in the message, e.g. "registry ghcr.io".
 */
async function fetchOnce(fetchFn, url, init, opts) {
    try {
        return await fetchFn(url, {
            ...init,
            redirect: 'manual',
            signal: AbortSignal.timeout(opts.timeoutMs),
        });
    }
    catch (err) {
        throw unreachable(err, opts.what, opts.timeoutMs);
    }
}
/** Reads a whole body under the same failure mapping (a reset mid-body is "unreachable" too). */
async function readBody(res, what, timeoutMs) {
    try {
        return Buffer.from(await res.arrayBuffer());
    }
    catch (err) {
        throw unreachable(err, what, timeoutMs);
    }
}
/** Discards a body we do not need, so undici can reuse the connection. */
async function drain(res) {
    try {
        await res.arrayBuffer();
    }
    catch {
        // The connection is gone; nothing to reuse.
    }
}
function unreachable(err, what, timeoutMs) {
    const name = err?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
        return new errors/* SignImageError */.FG('REGISTRY_UNREACHABLE', `${what} did not answer within ${timeoutMs / 1000} s`, {
            hint: 'Check that the runner can reach it; a slow registry may just need a re-run',
            cause: err,
        });
    }
    const code = networkCode(err);
    return new errors/* SignImageError */.FG('REGISTRY_UNREACHABLE', `cannot reach ${what}${code ? ` (${code})` : ''}`, {
        hint: 'Check the registry name in `image` and that the runner can reach it',
        cause: err,
    });
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
    const res = await fetchOnce(opts.fetch, realm, init, { timeoutMs: opts.timeoutMs, what });
    const body = (await readBody(res, what, opts.timeoutMs)).toString('utf8');
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
     * Answers a 401 that carried `sent` (undefined when the request went out without
     * credentials) and returns the Authorization value to retry with. Concurrent 401s share one
     * answer; a request that raced an answer just retries with it.
     */
    async respond(res, sent) {
        await drain(res);
        if (this.header && this.header !== sent)
            return this.header;
        this.refreshing ??= this.answer(res.headers.get('www-authenticate') ?? '', sent).finally(() => {
            this.refreshing = undefined;
        });
        return this.refreshing;
    }
    /** The error for a 401 that persists after `respond`: wrong credentials, or none found. */
    async rejected(req, res) {
        const body = req.method === 'HEAD'
            ? ''
            : (await readBody(res, this.what(), this.opts.timeoutMs)).toString('utf8');
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

;// CONCATENATED MODULE: ./src/registry/names.ts
// Syntax of the names the client puts into URLs, the loopback rule, and small parsers of what
// registries send back. Checked before any request: distribution 2.8 answers a malformed
// digest with a bare 500, and a stray `/` or `..` must never reach a URL path.


// https://github.com/distribution/reference/blob/v0.6.0/regexp.go
const REPOSITORY = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const names_TAG = /^\w[\w.-]{0,127}$/;
const names_DIGEST = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;
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
function names_checkRepository(repository) {
    if (REPOSITORY.test(repository))
        return repository;
    throw new errors/* SignImageError */.FG('REFERENCE_INVALID', `"${repository}" is not a valid repository name`);
}
/** The reference if it is a tag or a digest; REFERENCE_INVALID otherwise. */
function checkReference(reference) {
    if (names_TAG.test(reference) || names_DIGEST.test(reference))
        return reference;
    throw new errors/* SignImageError */.FG('REFERENCE_INVALID', `"${reference}" is neither a tag nor a sha256 digest`);
}
/** The digest if well formed; DIGEST_INVALID otherwise. */
function checkDigest(digest) {
    if (names_DIGEST.test(digest))
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
        const first = this.ownOrigin(url) ? this.opts.auth.current() : undefined;
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
            const res = await fetchOnce(this.opts.fetch, current, { method, headers, body: opts.body }, { timeoutMs: this.opts.timeoutMs, what });
            this.opts.debug(`${method} ${current.host}${current.pathname} -> ${res.status}`);
            const location = res.headers.get('location');
            const redirectable = method === 'GET' || method === 'HEAD';
            if (!REDIRECTS.has(res.status) || !location || !redirectable || hops >= MAX_REDIRECTS)
                return { res, url: current };
            await drain(res);
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










class RegistryClient {
    registry;
    repository;
    scheme;
    transport;
    timeoutMs;
    /** Single flight per blob: the empty config or a shared payload goes up once per client. */
    blobs = new Map();
    constructor(opts) {
        this.registry = checkRegistry(opts.registry);
        this.repository = names_checkRepository(opts.repository);
        this.scheme = opts.scheme ?? (isLoopbackRegistry(opts.registry) ? 'http' : 'https');
        const fetchFn = opts.fetch ?? fetch;
        const timeoutMs = (this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
        const auth = new Authenticator({
            ...opts,
            fetch: fetchFn,
            scheme: this.scheme,
            access: opts.access ?? 'pull,push',
            timeoutMs,
            maskSecret: opts.maskSecret ?? core/* setSecret */.Pq,
        });
        const debug = opts.debug ?? ((line) => core/* isDebug */._o() && core/* debug */.Yz(line));
        // Docker Hub's API answers at index.docker.io (cosign's name for it); docker.io has none.
        const host = opts.registry === 'docker.io' ? 'index.docker.io' : opts.registry;
        const origin = new URL(`${this.scheme}://${host}`).origin;
        this.transport = new Transport({ ...opts, origin, fetch: fetchFn, auth, timeoutMs, debug });
    }
    /** GET /v2/: authenticates early (e.g. while the key decrypts) so later requests skip the 401. */
    async ping() {
        const url = this.transport.url('/v2/');
        const res = await this.transport.send('GET', url);
        await expectStatus(res, { method: 'GET', url }, 200);
        await drain(res);
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
        const digest = res.headers.get('docker-content-digest') ?? (names_DIGEST.test(reference) ? reference : undefined);
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
            await drain(res);
            return undefined;
        }
        await expectStatus(res, { method: 'GET', url }, 200);
        const bytes = await readBody(res, `registry ${this.registry}`, this.timeoutMs);
        if (names_DIGEST.test(reference))
            verifyDigest(reference, bytes, url);
        const mediaType = baseType(res.headers.get('content-type'));
        return {
            bytes,
            mediaType: mediaType && mediaType !== 'application/json' ? mediaType : embeddedMediaType(bytes),
            digest: sha256Digest(bytes),
            etag: res.headers.get('etag') ?? undefined,
        };
    }
    /** PUT a manifest under a tag or its digest; Content-Type must equal its `mediaType`. */
    async putManifest(reference, bytes, mediaType, opts = {}) {
        const url = this.path('manifests', checkReference(reference));
        const headers = { 'Content-Type': mediaType };
        if (opts.ifMatch)
            headers['If-Match'] = opts.ifMatch;
        const res = await this.transport.send('PUT', url, { headers, body: bytes });
        await expectStatus(res, { method: 'PUT', url }, 201, 200, 202, 204);
        await drain(res);
        return { digest: sha256Digest(bytes) };
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
    /** Uploads a blob unless the registry has it; concurrent calls for one digest share the work. */
    uploadBlob(bytes) {
        const digest = sha256Digest(bytes);
        let pending = this.blobs.get(digest);
        if (!pending) {
            pending = this.pushBlob(digest, bytes);
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
        const bytes = await readBody(res, `registry ${this.registry}`, this.timeoutMs);
        verifyDigest(digest, bytes, url);
        return bytes;
    }
    /** The OCI 1.1 referrers of a digest, or `supported: false` when the API is absent. */
    async referrers(digest, artifactType) {
        const url = this.path('referrers', checkDigest(digest));
        if (artifactType)
            url.searchParams.set('artifactType', artifactType);
        const res = await this.transport.send('GET', url, { headers: { Accept: OCI_INDEX } });
        // ggcr treats exactly these as "no referrers API" and falls back to the tag schema.
        if (res.status === 404 || res.status === 400) {
            await drain(res);
            return { supported: false };
        }
        await expectStatus(res, { method: 'GET', url }, 200);
        const bytes = await readBody(res, `registry ${this.registry}`, this.timeoutMs);
        const index = parseIndex(bytes);
        // A 200 that is not an index is some catch-all page, not the API.
        if (!index || baseType(res.headers.get('content-type')) !== OCI_INDEX)
            return { supported: false };
        const filtered = res.headers
            .get('oci-filters-applied')
            ?.split(',')
            .map((s) => s.trim())
            .includes('artifactType');
        if (artifactType && !filtered)
            index.manifests = index.manifests.filter((d) => d.artifactType === artifactType);
        return { supported: true, index };
    }
    // HEAD first; then POST for an upload session and one monolithic PUT. A POST carrying the
    // body answers 202 on distribution 2.8 and stores nothing, so the two steps are needed.
    async pushBlob(digest, bytes) {
        if (await this.blobExists(digest))
            return { digest, size: bytes.length, uploaded: false };
        const start = this.transport.url(`/v2/${this.repository}/blobs/uploads/`);
        const res = await this.transport.send('POST', start);
        await expectStatus(res, { method: 'POST', url: start }, 202);
        await drain(res);
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
        await drain(done);
        return { digest, size: bytes.length, uploaded: true };
    }
    path(kind, reference) {
        return this.transport.url(`/v2/${this.repository}/${kind}/${reference}`);
    }
}

// EXTERNAL MODULE: ./node_modules/@actions/exec/lib/exec.js + 5 modules
var lib_exec = __webpack_require__(2876);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
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
            env: stringEnv(opts.env),
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
// helper we check for is the one that runs.
async function findOnPath(command, env) {
    const windows = process.platform === 'win32';
    const dirs = (env.PATH ?? env.Path ?? '').split(external_node_path_.delimiter).filter(Boolean);
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
function stringEnv(env) {
    const out = {};
    for (const [k, v] of Object.entries(env))
        if (v !== undefined)
            out[k] = v;
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
        chain.push(staticKeychain({ username: opts.username ?? '', password: opts.password ?? '' }));
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
    const mask = opts.maskSecret ?? core/* setSecret */.Pq;
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

;// CONCATENATED MODULE: ./src/report/summary.ts
// Pure: results → the job summary Markdown a reviewer reads after the step. Issue-level extras
// (admission policies, Rekor search links) build on this table.

/** The summary Markdown: what was signed, by whom, where it is logged, and how to verify it. */
function buildSummary(results, signer) {
    const lines = ['## Signed container images', ''];
    lines.push(signerLine(signer), '');
    lines.push('| Image | Digest | Tags | Format | Signature | Rekor log index |');
    lines.push('|---|---|---|---|---|---|');
    for (const r of results) {
        lines.push(`| \`${r.image}\` | \`${r.digest}\` | ${r.tags.map((t) => `\`${t}\``).join(' ') || '—'} | ${r.format} | ${r.signatureRef ? `\`${r.signatureRef}\`` : 'not uploaded'}${r.added ? '' : ' (already present)'} | ${r.rekorLogIndex ?? 'not logged'} |`);
    }
    const example = results[0];
    if (example && signer.mode === 'key') {
        lines.push('', 'Verify with the public key (the `public-key` output, saved as `cosign.pub`):', '');
        lines.push('```sh', `cosign verify --key cosign.pub ${example.image}@${example.digest}`, '```');
    }
    return `${lines.join('\n')}\n`;
}
function signerLine(signer) {
    if (signer.mode === 'key')
        return `Signed with a key: public key SHA-256 \`${publicKeyFingerprint(signer.publicKeyPem)}\`.`;
    return `Signed keylessly as \`${signer.subject}\` (issuer \`${signer.issuer}\`).`;
}
/** Hex SHA-256 of the SubjectPublicKeyInfo DER inside a `PUBLIC KEY` PEM. */
function publicKeyFingerprint(pem) {
    const body = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
    return (0,external_node_crypto_.createHash)('sha256').update(Buffer.from(body, 'base64')).digest('hex');
}

;// CONCATENATED MODULE: ./src/report/write.ts
// The only place results leave the process for the runner: step outputs, the job summary and
// the bundle file.






/** Writes the bundle file, sets every output and (unless disabled) appends the summary. */
async function writeReport(results, signer, options) {
    const env = options.env ?? process.env;
    const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'sign-image-'));
    const bundlePath = (0,external_node_path_.join)(dir, 'bundles.json');
    (0,external_node_fs_.writeFileSync)(bundlePath, buildBundleFile(results));
    const outputs = buildOutputs(results, signer, bundlePath);
    for (const [name, value] of Object.entries(outputs))
        core/* setOutput */.uH(name, value);
    if (options.summary && env.GITHUB_STEP_SUMMARY) {
        await core/* summary */.z.addRaw(buildSummary(results, signer)).write();
    }
    return outputs;
}

// EXTERNAL MODULE: ./node_modules/@sigstore/sign/dist/index.js
var sign_dist = __webpack_require__(5179);
;// CONCATENATED MODULE: ./src/signer/message-bundle.ts
// @sigstore/sign's MessageSignatureBundleBuilder packs a v0.2 bundle (certificate *chain*); cosign
// v3 and current verifiers expect v0.3 (a single leaf certificate or a public key). The library
// exposes the packing step as a protected method and @sigstore/bundle builds v0.3 when asked, so
// only that step is replaced here: signing and witnessing stay the library's.



/** Signs a message and returns a Sigstore bundle v0.3 (`application/vnd.dev.sigstore.bundle.v0.3+json`). */
class MessageSignatureV03BundleBuilder extends sign_dist/* MessageSignatureBundleBuilder */.z3 {
    async package(artifact, signature) {
        const key = signature.key;
        return (0,dist.toMessageSignatureBundle)({
            digest: (0,external_node_crypto_.createHash)('sha256').update(artifact.data).digest(),
            signature: signature.signature,
            certificate: key.$case === 'x509Certificate' ? Buffer.from(new external_node_crypto_.X509Certificate(key.certificate).raw) : undefined,
            keyHint: key.$case === 'publicKey' ? key.hint : undefined,
            certificateChain: false,
        });
    }
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
    if (!image_config_isObject(cf))
        throw image_config_invalid('it is not a JSON object');
    const rootfs = cf.rootfs ?? {};
    if (!image_config_isObject(rootfs))
        throw image_config_invalid('rootfs is not an object');
    const existingIds = strings(rootfs.diff_ids, 'rootfs.diff_ids') ?? [];
    const allIds = [...existingIds, ...diffIds];
    for (const id of allIds)
        if (!/^sha256:[0-9a-f]{64}$/.test(id))
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
    if (!image_config_isObject(entry))
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
    if (!image_config_isObject(config))
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
    if (!image_config_isObject(v))
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
function image_config_isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
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
const manifest_DIGEST = /^sha256:[0-9a-f]{64}$/;
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
    if (!manifest_DIGEST.test(layer.digest) || !Number.isSafeInteger(layer.size)) {
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
        return { manifest: existing, config, configDigest: sha256(config), added: false };
    }
    if (base.layers.length + 1 > MAX_SIGNATURE_LAYERS) {
        throw new errors/* SignImageError */.FG('SIGNATURE_LIMIT_EXCEEDED', `the .sig image already holds ${base.layers.length} signatures; one more would exceed the ${MAX_SIGNATURE_LAYERS} that cosign reads`, {
            hint: 'Delete the `sha256-<hex>.sig` tag (or old signatures in it) and sign again; cosign refuses to verify beyond that',
        });
    }
    const layers = [...base.layers, ours];
    const config = configFor(layers);
    const configDigest = sha256(config);
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
        config: { mediaType: OCI_CONFIG, size: config.length, digest: sha256(config) },
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
    if (!manifest_isObject(doc))
        throw manifest_invalid('it is not a JSON object');
    const { schemaVersion, mediaType, config, layers, annotations, subject, artifactType } = doc;
    if (mediaType !== undefined &&
        mediaType !== OCI_MANIFEST &&
        mediaType !== DOCKER_MANIFEST) {
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
function manifest_isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function manifest_nonEmpty(map) {
    return map !== undefined && Object.keys(map).length > 0;
}
function sha256(bytes) {
    return `sha256:${(0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex')}`;
}
function manifest_invalid(why, cause) {
    return new errors/* SignImageError */.FG('SIGNATURE_MANIFEST_INVALID', `the existing .sig manifest cannot be extended: ${why}`, {
        hint: 'Something other than cosign, skopeo or this action wrote the `sha256-<hex>.sig` tag; inspect it, delete it if it is not a signature image, and sign again',
        cause,
    });
}

;// CONCATENATED MODULE: ./src/storage/legacy/legacy-store.ts


/** The `.sig` store of one repository. */
class LegacyStore {
    client;
    repositoryName;
    constructor(client, repositoryName) {
        this.client = client;
        this.repositoryName = repositoryName;
    }
    /** The current `.sig` image of `digest`, or undefined when it has none yet (404). */
    async read(digest) {
        const manifest = await this.client.getManifest(signatureTag(digest));
        if (!manifest)
            return undefined;
        const config = await this.client.getBlob(parseSignatureManifest(manifest.bytes).config.digest);
        return { manifest, config };
    }
    /** Appends `layer` (whose blob is `payload`) to the `.sig` of `digest` as read in `existing`. */
    async write(digest, layer, payload, existing) {
        const tag = signatureTag(digest);
        const signatureRef = `${this.repositoryName}:${tag}`;
        const merged = mergeSignatureManifest(existing?.manifest.bytes, layer, existing?.config);
        if (!merged.added)
            return { signatureRef, added: false };
        // Blobs first: a registry refuses a manifest whose blobs it does not have.
        await Promise.all([this.client.uploadBlob(payload), this.client.uploadBlob(merged.config)]);
        // A manifest without a `mediaType` field keeps the Content-Type the registry served it with.
        const mediaType = parseSignatureManifest(merged.manifest).mediaType ?? existing?.manifest.mediaType ?? OCI_MANIFEST;
        await this.client.putManifest(tag, merged.manifest, mediaType, { ifMatch: existing?.manifest.etag });
        return { signatureRef, added: true };
    }
}

;// CONCATENATED MODULE: ./src/tlog/rekor.ts
// The Rekor v1 client side. Uploading goes through @sigstore/sign's RekorWitness (it builds the
// hashedrekord proposal and handles 409 by fetching the existing entry); this module wraps it so
// that failures name the service and the fix, and fetches the log's public key to check the SET.


const RETRY = { retries: 2, factor: 2, minTimeout: 300, maxTimeout: 2000 };
const TIMEOUT_MS = 30_000;
/** A Witness that logs signatures in the Rekor at `rekorUrl`, with errors that say what to do. */
function rekorWitness(rekorUrl) {
    const witness = new sign_dist/* RekorWitness */.fU({ rekorBaseURL: rekorUrl, fetchOnConflict: true, retry: RETRY, timeout: TIMEOUT_MS });
    return {
        testify: async (content, publicKey) => {
            try {
                return await witness.testify(content, publicKey);
            }
            catch (err) {
                throw rekorError(rekorUrl, err, 'recording the signature');
            }
        },
    };
}
/** Fetches the log's public key (PEM) from `GET /api/v1/log/publicKey`, used to check each SET. */
async function fetchRekorPublicKey(rekorUrl, fetchFn = fetch) {
    let response;
    try {
        response = await fetchFn(`${rekorUrl}/api/v1/log/publicKey`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    }
    catch (err) {
        throw rekorError(rekorUrl, err, 'fetching its public key');
    }
    const text = await response.text();
    if (!response.ok || !text.includes('-----BEGIN PUBLIC KEY-----')) {
        throw new errors/* SignImageError */.FG('TLOG_ERROR', `Rekor at ${host(rekorUrl)} answered ${response.status} when asked for its public key`, {
            hint: 'Check that `rekor-url` points at a Rekor v1 API (e.g. https://rekor.sigstore.dev)',
        });
    }
    return text;
}
function rekorError(rekorUrl, err, doing) {
    const cause = err?.cause ?? err;
    const status = cause?.statusCode;
    if (typeof status === 'number') {
        const detail = cause instanceof Error ? `: ${cause.message}` : '';
        return new errors/* SignImageError */.FG('TLOG_ERROR', `Rekor at ${host(rekorUrl)} answered ${status} when ${doing}${detail}`, {
            cause: err,
            hint: status >= 500 || status === 429
                ? 'The log is failing or throttling; re-run the job later (for the public log see https://status.sigstore.dev)'
                : 'Check `rekor-url`; nothing was pushed to the registry',
        });
    }
    return new errors/* SignImageError */.FG('TLOG_UNREACHABLE', `Rekor at ${host(rekorUrl)} could not be reached when ${doing}`, {
        cause: err,
        hint: 'Check `rekor-url` and the network, or set `tlog-upload: false` to sign without the transparency log; nothing was pushed to the registry',
    });
}
function host(url) {
    return new URL(url).host;
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

;// CONCATENATED MODULE: ./src/main.ts










// Enough to hide registry and Rekor latency, few enough not to be throttled.
const PARALLEL = 8;
/** Signs every target of `config` with the signer `signerReady` resolves to. */
async function run(config, signerReady, options = {}) {
    const env = options.env ?? process.env;
    const targets = resolveTargets(config.images, config.digest);
    const keychain = options.keychain ?? defaultKeychain({ username: config.registryUsername, password: config.registryPassword, env });
    // Everything that needs no key runs while the key decrypts (scrypt takes ~0.2 s).
    const rekorKeyReady = config.tlogUpload ? fetchRekorPublicKey(config.rekorUrl) : Promise.resolve(undefined);
    rekorKeyReady.catch(() => undefined); // reported when awaited, not as an unhandled rejection
    const repositories = new Map();
    const forTarget = (target) => {
        const name = repositoryName(target.ref);
        let repo = repositories.get(name);
        if (!repo) {
            const client = new RegistryClient({ registry: target.ref.registry, repository: target.ref.repository, keychain });
            repo = { client, store: new LegacyStore(client, name) };
            repositories.set(name, repo);
        }
        return repo;
    };
    const checked = await mapLimit(targets, PARALLEL, (t) => checkTarget(t, forTarget(t).client, forTarget(t).store));
    const [prepared, rekorPublicKey] = await Promise.all([signerReady, rekorKeyReady]);
    const witnesses = options.witnesses?.(config) ?? (config.tlogUpload ? [rekorWitness(config.rekorUrl)] : []);
    const builder = new MessageSignatureV03BundleBuilder({ signer: prepared.signer, witnesses });
    const signed = await mapLimit(checked, PARALLEL, (c) => signTarget(c, builder, { annotations: config.annotations, publicKeyPem: prepared.publicKeyPem, rekorPublicKey }));
    const results = await mapLimit(signed, PARALLEL, (s) => storeTarget(s, config.upload));
    return writeReport(results, prepared.identity, { summary: config.summary, env });
}


/***/ })

};
