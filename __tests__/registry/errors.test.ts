import {
  errorFromResponse,
  expectStatus,
  parseErrorBody,
  RegistryError,
} from '../../src/registry/errors.js';
import { HttpAnswer } from '../../src/util/http-retry.js';

const req = {
  method: 'PUT',
  url: new URL('http://127.0.0.1:5000/v2/acme/app/manifests/v1?_state=secret'),
};

describe('parseErrorBody', () => {
  it('keeps every registry error with its code, message and detail', () => {
    const body = JSON.stringify({
      errors: [
        {
          code: 'MANIFEST_BLOB_UNKNOWN',
          message: 'blob unknown to registry',
          detail: 'sha256:abc',
        },
        { code: 'DENIED', message: 'no' },
      ],
    });
    expect(parseErrorBody(body)).toEqual([
      { code: 'MANIFEST_BLOB_UNKNOWN', message: 'blob unknown to registry', detail: 'sha256:abc' },
      { code: 'DENIED', message: 'no', detail: undefined },
    ]);
  });

  it('yields nothing for text, HTML or odd JSON', () => {
    expect(parseErrorBody('404 page not found')).toEqual([]);
    expect(parseErrorBody('{"errors":"nope"}')).toEqual([]);
    expect(parseErrorBody('{"errors":[{"message":"no code"}]}')).toEqual([]);
  });
});

describe('errorFromResponse', () => {
  it('names method, host and path (never the query) and the registry codes', () => {
    const body = JSON.stringify({
      errors: [{ code: 'MANIFEST_INVALID', message: 'manifest invalid', detail: { reason: 'x' } }],
    });
    const err = errorFromResponse(req, 400, body);
    expect(err).toBeInstanceOf(RegistryError);
    expect(err.code).toBe('REGISTRY_ERROR');
    expect(err.message).toBe(
      'PUT 127.0.0.1:5000/v2/acme/app/manifests/v1: 400 MANIFEST_INVALID: manifest invalid; {"reason":"x"}',
    );
    expect(err.status).toBe(400);
  });

  it('picks the code and hint from 401 and 403, and quotes short text bodies but not HTML', () => {
    expect(errorFromResponse(req, 401, '')).toMatchObject({
      code: 'REGISTRY_AUTH_FAILED',
      hint: expect.stringMatching(/docker\/login-action/),
    });
    expect(errorFromResponse(req, 403, '')).toMatchObject({
      code: 'REGISTRY_DENIED',
      hint: expect.stringMatching(/packages: write/),
    });
    expect(errorFromResponse(req, 502, 'bad gateway').message).toMatch(/: 502 bad gateway$/);
    expect(errorFromResponse(req, 502, '<html>…</html>').message).toMatch(/: 502$/);
  });
});

const answer = (status: number, body: string) =>
  new HttpAnswer(status, '', new Headers(), Buffer.from(body));

describe('expectStatus', () => {
  it('passes expected statuses and throws the registry error otherwise', async () => {
    await expect(expectStatus(answer(201, ''), req, 201, 202)).resolves.toBeUndefined();
    const res = answer(
      404,
      '{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry"}]}',
    );
    await expect(expectStatus(res, req, 201)).rejects.toThrow(
      /404 NAME_UNKNOWN: repository name not known/,
    );
  });
});
