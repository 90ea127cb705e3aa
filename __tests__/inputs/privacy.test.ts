import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  checkPublicLogPrivacy,
  isPublicSigstore,
  publicLogsUsed,
  readEventPayload,
  repositoryVisibility,
} from '../../src/inputs/privacy.js';
import { errorOf } from '../helpers/errors.js';

const PUBLIC = {
  tlogUpload: true,
  rekorUrl: 'https://rekor.sigstore.dev',
  fulcioUrl: 'https://fulcio.sigstore.dev',
  allowPublicTlogForPrivateRepo: false,
};
const PRIVATE_SIGSTORE = {
  rekorUrl: 'https://rekor.internal.example',
  fulcioUrl: 'https://fulcio.internal.example',
};

describe('repositoryVisibility', () => {
  it('reads github.event.repository.private and .visibility', () => {
    expect(repositoryVisibility({ repository: { private: true } })).toBe('private');
    expect(repositoryVisibility({ repository: { private: false, visibility: 'public' } })).toBe(
      'public',
    );
    expect(repositoryVisibility({ repository: { visibility: 'internal' } })).toBe('private');
  });
  it('is unknown for events without a repository', () => {
    expect(repositoryVisibility(undefined)).toBeUndefined();
    expect(repositoryVisibility({})).toBeUndefined();
    expect(repositoryVisibility({ repository: 'acme/app' })).toBeUndefined();
  });
});

describe('readEventPayload', () => {
  it('reads the JSON at GITHUB_EVENT_PATH; nothing when absent or unreadable', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'event-'));
    const file = path.join(dir, 'event.json');
    writeFileSync(file, '{"repository":{"private":true}}');
    expect(readEventPayload({ GITHUB_EVENT_PATH: file })).toEqual({
      repository: { private: true },
    });
    expect(readEventPayload({})).toBeUndefined();
    expect(readEventPayload({ GITHUB_EVENT_PATH: path.join(dir, 'missing.json') })).toBeUndefined();
  });
});

describe('isPublicSigstore', () => {
  it('is the public-good hosts only', () => {
    expect(isPublicSigstore('https://rekor.sigstore.dev')).toBe(true);
    expect(isPublicSigstore('https://log2025-1.rekor.sigstore.dev/')).toBe(true);
    expect(isPublicSigstore('https://FULCIO.sigstore.dev')).toBe(true);
    expect(isPublicSigstore('https://rekor.sigstore.dev.evil.example')).toBe(false);
    expect(isPublicSigstore('http://127.0.0.1:3000')).toBe(false);
  });
});

describe('publicLogsUsed', () => {
  it("keyless uses Fulcio's CT log even without Rekor", () => {
    expect(publicLogsUsed('keyless', { ...PUBLIC, tlogUpload: false })).toEqual([
      'the certificate transparency log of fulcio.sigstore.dev',
    ]);
    expect(publicLogsUsed('keyless', PUBLIC)).toHaveLength(2);
  });
  it('a key uses Rekor only, and only with tlog-upload', () => {
    expect(publicLogsUsed('key', PUBLIC)).toEqual(['the Rekor log at rekor.sigstore.dev']);
    expect(publicLogsUsed('key', { ...PUBLIC, tlogUpload: false })).toEqual([]);
  });
});

describe('checkPublicLogPrivacy', () => {
  it('refuses a private repository signing into the public logs, saying how to opt in', () => {
    for (const mode of ['key', 'keyless'] as const) {
      const err = errorOf(() => checkPublicLogPrivacy(mode, PUBLIC, 'private'));
      expect(err?.code).toBe('PRIVATE_REPO_PUBLIC_LOG');
      expect(err?.message).toMatch(/private.*rekor\.sigstore\.dev/);
      expect(err?.hint).toMatch(/allow-public-tlog-for-private-repo: true/);
    }
    expect(errorOf(() => checkPublicLogPrivacy('keyless', PUBLIC, 'private'))?.message).toMatch(
      /workflow file/,
    );
  });

  it('lets the user opt in', () => {
    expect(() =>
      checkPublicLogPrivacy(
        'keyless',
        { ...PUBLIC, allowPublicTlogForPrivateRepo: true },
        'private',
      ),
    ).not.toThrow();
  });

  it('allows public repositories and unknown visibility', () => {
    expect(() => checkPublicLogPrivacy('keyless', PUBLIC, 'public')).not.toThrow();
    expect(() => checkPublicLogPrivacy('keyless', PUBLIC, undefined)).not.toThrow();
  });

  it('allows private Sigstore instances, and tlog-upload: false with a key', () => {
    expect(() =>
      checkPublicLogPrivacy('keyless', { ...PUBLIC, ...PRIVATE_SIGSTORE }, 'private'),
    ).not.toThrow();
    expect(() =>
      checkPublicLogPrivacy('key', { ...PUBLIC, rekorUrl: PRIVATE_SIGSTORE.rekorUrl }, 'private'),
    ).not.toThrow();
    expect(() =>
      checkPublicLogPrivacy('key', { ...PUBLIC, tlogUpload: false }, 'private'),
    ).not.toThrow();
  });

  it('keyless with tlog-upload: false is still refused while Fulcio is public', () => {
    const err = errorOf(() =>
      checkPublicLogPrivacy('keyless', { ...PUBLIC, tlogUpload: false }, 'private'),
    );
    expect(err?.message).toMatch(/certificate transparency log of fulcio\.sigstore\.dev/);
    expect(err?.message).not.toMatch(/Rekor/);
    expect(err?.hint).toMatch(/fulcio-url/);
  });
});
