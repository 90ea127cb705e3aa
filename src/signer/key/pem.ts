import { SignImageError } from '../../errors.js';
import { parseKeyEnvelope, type KeyEnvelope } from './envelope.js';
import { STD_BASE64 } from '../../util/encoding.js';

// The two labels cosign's LoadPrivateKey accepts (cosign:pkg/cosign/keys.go). SIGSTORE is what
// generate-key-pair and import-key-pair write since v2.0.1; COSIGN is the older label.
export const SIGSTORE_PRIVATE_KEY_LABEL = 'ENCRYPTED SIGSTORE PRIVATE KEY';
export const COSIGN_PRIVATE_KEY_LABEL = 'ENCRYPTED COSIGN PRIVATE KEY';

export type EncryptedKeyLabel = typeof SIGSTORE_PRIVATE_KEY_LABEL | typeof COSIGN_PRIVATE_KEY_LABEL;

/** A cosign private key file, PEM-decoded: its label and the (still encrypted) envelope. */
export interface EncryptedKeyPem {
  readonly label: EncryptedKeyLabel;
  readonly envelope: KeyEnvelope;
}

const BEGIN = /-----BEGIN ([^\r\n-]*)-----/;
const FULL_CONTENTS_HINT =
  'pass the full contents of the cosign.key file, from the -----BEGIN line to the -----END line';

/** Parses the text of a cosign/sigstore encrypted private key into its envelope. */
export function parseEncryptedKeyPem(text: string): EncryptedKeyPem {
  const normalized = normalize(text);
  if (normalized === '') {
    throw new SignImageError('KEY_MISSING', 'The private key is empty', {
      hint: 'set the key input to the contents of cosign.key (for example from a secret)',
    });
  }

  // Like Go's pem.Decode (which cosign uses), text before the first BEGIN line is ignored.
  const begin = BEGIN.exec(normalized);
  if (!begin) {
    throw new SignImageError('KEY_PEM_INVALID', 'The private key is not PEM-encoded', {
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
    throw new SignImageError(
      'KEY_PEM_INVALID',
      `The private key PEM is truncated: its "-----END ${label}-----" line is missing`,
      { hint: `${FULL_CONTENTS_HINT}; check that the secret was not cut off when it was pasted` },
    );
  }

  // Go's decoder skips line breaks; spaces and tabs are tolerated too (copy-paste damage).
  const body = rest.slice(0, end).replace(/\s+/g, '');
  if (body === '' || !STD_BASE64.test(body)) {
    throw new SignImageError('KEY_PEM_INVALID', 'The private key PEM body is not valid base64', {
      hint: `${FULL_CONTENTS_HINT}, without changing its lines`,
    });
  }
  return { label, envelope: parseKeyEnvelope(Buffer.from(body, 'base64')) };
}

// Secrets are often stored with CRLF, surrounding blank lines, or with line breaks escaped as
// literal "\n". A backslash never occurs in PEM, so turning "\n" back into a line break is safe.
function normalize(text: string): string {
  return text
    .replace(/\\r\\n|\\n|\\r/g, '\n')
    .replace(/\r\n?/g, '\n')
    .trim();
}

function checkLabel(label: string): asserts label is EncryptedKeyLabel {
  if (label === SIGSTORE_PRIVATE_KEY_LABEL || label === COSIGN_PRIVATE_KEY_LABEL) return;
  throw new SignImageError(
    'KEY_LABEL_UNSUPPORTED',
    `The private key has PEM type "${label}", but a cosign key must be "${SIGSTORE_PRIVATE_KEY_LABEL}" or "${COSIGN_PRIVATE_KEY_LABEL}"`,
    { hint: labelHint(label) },
  );
}

function labelHint(label: string): string {
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

function looksBase64Encoded(text: string): boolean {
  const compact = text.replace(/\s+/g, '');
  return (
    STD_BASE64.test(compact) &&
    Buffer.from(compact, 'base64').toString('latin1').includes('-----BEGIN ')
  );
}
