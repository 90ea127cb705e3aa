import type { TransparencyLogEntry } from '@sigstore/bundle';
import { buildCosignBundleAnnotation, logIdHex, toLogSummary } from '../../src/tlog/entry.js';
import { specBundleText, specEntry } from '../helpers/rekor-entries.js';

describe('buildCosignBundleAnnotation', () => {
  it("round-trips cosign's SIGNATURE_SPEC example: entry fields → the same JSON text", () => {
    // The spec shows the annotation pretty-printed; cosign stores Go's compact json.Marshal
    // output. Its values hold no character Go escapes differently from JSON.stringify.
    expect(specBundleText).not.toMatch(/[<>&\u2028\u2029]/);
    const compact = JSON.stringify(JSON.parse(specBundleText));
    expect(buildCosignBundleAnnotation(specEntry())).toBe(compact);
  });

  it('keeps the exact key order SignedEntryTimestamp, Payload{body, integratedTime, logIndex, logID}', () => {
    const text = buildCosignBundleAnnotation(specEntry());
    const keys = [...text.matchAll(/"(\w+)":/g)].map((m) => m[1]);
    expect(keys).toEqual([
      'SignedEntryTimestamp',
      'Payload',
      'body',
      'integratedTime',
      'logIndex',
      'logID',
    ]);
  });

  it('copies int64 values exactly, beyond what a float would round', () => {
    const entry = { ...specEntry(), logIndex: '2440595631', integratedTime: '1786568008' };
    expect(buildCosignBundleAnnotation(entry)).toContain(
      '"integratedTime":1786568008,"logIndex":2440595631,',
    );
  });

  it('refuses an entry without a SET (cosign verifies the bundle offline with it)', () => {
    expect(() =>
      buildCosignBundleAnnotation({ ...specEntry(), inclusionPromise: undefined }),
    ).toFailWith('TLOG_ERROR');
    const emptySet = {
      ...specEntry(),
      inclusionPromise: { signedEntryTimestamp: Buffer.alloc(0) },
    };
    expect(() => buildCosignBundleAnnotation(emptySet)).toFailWith('TLOG_ERROR');
  });

  it.each([['-1'], ['1.5'], ['01'], [''], ['9007199254740993']])(
    'refuses logIndex %j',
    (logIndex) => {
      expect(() => buildCosignBundleAnnotation({ ...specEntry(), logIndex })).toFailWith(
        'TLOG_ERROR',
      );
    },
  );
});

describe('toLogSummary', () => {
  it('gives the global index, hex log ID and integrated time', () => {
    expect(toLogSummary(specEntry())).toEqual({
      logIndex: 5179,
      logIdHex: 'c0d23d6ad406973f9559f3ba2d1ca01f84147d8ffc5b8445c224f98b9591801d',
      integratedTime: 1624396085,
    });
  });

  it('refuses an entry without a log ID', () => {
    // The bundle type requires logId; a hand-made or Rekor v2 entry could still lack it.
    const noId = { ...specEntry(), logId: undefined } as unknown as TransparencyLogEntry;
    expect(() => logIdHex(noId)).toFailWith('TLOG_ERROR');
  });
});
