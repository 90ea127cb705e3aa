import { selectSigningMode } from '../../src/inputs/mode.js';

const TOKEN_ENV = {
  ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1/token?x=1',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't',
};

describe('selectSigningMode', () => {
  it('auto: key when a key is given, even with a token', () => {
    expect(selectSigningMode({ signingMode: 'auto', privateKey: 'PEM' }, TOKEN_ENV)).toBe('key');
  });
  it('auto: keyless when only the OIDC token variables are present', () => {
    expect(selectSigningMode({ signingMode: 'auto' }, TOKEN_ENV)).toBe('keyless');
  });
  it('auto: neither → an error that names both setups', () => {
    expect(() => selectSigningMode({ signingMode: 'auto' }, {})).toFailWith(
      'SIGNING_MODE_UNAVAILABLE',
    );
    try {
      selectSigningMode({ signingMode: 'auto' }, {});
    } catch (err) {
      expect((err as { hint: string }).hint).toMatch(/id-token: write/);
      expect((err as { hint: string }).hint).toMatch(/COSIGN_PRIVATE_KEY/);
    }
  });
  it('key without a key and keyless without a token fail at once', () => {
    expect(() => selectSigningMode({ signingMode: 'key' }, TOKEN_ENV)).toFailWith('KEY_MISSING');
    expect(() => selectSigningMode({ signingMode: 'keyless', privateKey: 'PEM' }, {})).toFailWith(
      'SIGNING_MODE_UNAVAILABLE',
    );
  });
});

describe('selectSigningMode: keyless needs both token variables', () => {
  it('the request URL alone (no request token) is not enough', () => {
    const urlOnly = { ACTIONS_ID_TOKEN_REQUEST_URL: TOKEN_ENV.ACTIONS_ID_TOKEN_REQUEST_URL };
    expect(() => selectSigningMode({ signingMode: 'keyless' }, urlOnly)).toFailWith(
      'SIGNING_MODE_UNAVAILABLE',
    );
    expect(() => selectSigningMode({ signingMode: 'auto' }, urlOnly)).toFailWith(
      'SIGNING_MODE_UNAVAILABLE',
    );
  });
  it('explicit keyless wins over a given key', () => {
    expect(selectSigningMode({ signingMode: 'keyless', privateKey: 'PEM' }, TOKEN_ENV)).toBe(
      'keyless',
    );
  });
  it('an empty private key counts as none', () => {
    expect(selectSigningMode({ signingMode: 'auto', privateKey: '' }, TOKEN_ENV)).toBe('keyless');
  });
});
