// WWW-Authenticate parsing (RFC 9110 §11.6.1): `Bearer realm="https://a/token",service="r",
// scope="repository:x:pull,push"`. Quoted values may hold commas and escaped quotes, and one
// header may carry several challenges.

/** One challenge: scheme lower-cased, parameter names lower-cased. */
export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

const TOKEN = /[!#$%&'*+.^_`|~0-9A-Za-z-]+/y;
const TOKEN68 = /[A-Za-z0-9\-._~+/]+=*/y;

/** All challenges in a header value; unparseable tails are ignored. */
export function parseChallenges(header: string): Challenge[] {
  const out: Challenge[] = [];
  let i = 0;
  const skip = (chars: RegExp) => {
    while (i < header.length && chars.test(header[i]!)) i++;
  };
  const read = (re: RegExp): string | undefined => {
    re.lastIndex = i;
    const m = re.exec(header);
    if (!m) return undefined;
    i = re.lastIndex;
    return m[0];
  };
  const readQuoted = (): string => {
    let value = '';
    for (i++; i < header.length && header[i] !== '"'; i++) {
      if (header[i] === '\\' && i + 1 < header.length) i++;
      value += header[i];
    }
    i++; // closing quote
    return value;
  };

  for (;;) {
    skip(/[\s,]/);
    const scheme = read(TOKEN);
    if (!scheme) break;
    const challenge: Challenge = { scheme: scheme.toLowerCase(), params: {} };
    out.push(challenge);
    for (;;) {
      skip(/\s/);
      const start = i;
      const name = read(TOKEN);
      skip(/\s/);
      if (!name || header[i] !== '=') {
        // Not `name=`: either the next challenge's scheme or a token68 credential blob.
        i = start;
        if (name === undefined || Object.keys(challenge.params).length > 0) break;
        read(TOKEN68);
        break;
      }
      i++;
      skip(/\s/);
      const value = header[i] === '"' ? readQuoted() : (read(TOKEN) ?? '');
      challenge.params[name.toLowerCase()] = value;
      skip(/\s/);
      if (header[i] !== ',') break;
      i++;
    }
  }
  return out;
}
