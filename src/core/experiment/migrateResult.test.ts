import { describe, expect, it } from 'vitest';
import { migrateResult, isExperimentResult, ResultFormatError } from './migrateResult';
import { fnv1a64, idsDigest, splitRecord } from './splitDigest';
import { curveOf } from '../metrics/testCurves';

/** A schema-1 result as the studio stored it before repeats: clamped fitted asymptote, std over seeds. */
const v1 = {
  schemaVersion: 1,
  config: {
    schemaVersion: 1,
    backbone: 'digits-vgg',
    strategies: ['scratch', 'feature-extraction'],
    seeds: 2,
    epochs: 4,
  },
  dataset: { name: 'd', classNames: ['a', 'b', 'c', 'd', 'e'], trainCount: 50, validationCount: 250 },
  environment: { backend: 'wasm', tfjsVersion: '4.22.0', cores: 2, platform: 'browser' },
  runs: [1, 2].flatMap((seed) => [
    {
      strategy: 'scratch',
      seed,
      curve: curveOf([0.2, 0.3, 0.4, 0.5, 0.6]),
      cacheSeconds: 0,
      metrics: { asymptote: 1 },
    },
    {
      strategy: 'feature-extraction',
      seed,
      curve: curveOf([0.2, 0.8, 0.8, 0.8, 0.8]),
      cacheSeconds: 1,
      metrics: { asymptote: 0.8 },
    },
  ]),
  summary: [{ strategy: 'scratch', metrics: { asymptote: { mean: 0.99, std: 0.01 } } }],
  startedAt: '2026-01-01T00:00:00.000Z',
  seconds: 3,
};

describe('migrateResult', () => {
  it('reads schema 1 by re-summarising its curves with today’s definitions', () => {
    const result = migrateResult(v1);
    expect(result.schemaVersion).toBe(2);
    expect(result.split).toBeNull();
    expect(result.runs.every((r) => r.repeat === 0)).toBe(true);
    const [scratch, fe] = result.summary;
    expect(scratch.strategy).toBe('scratch');
    // Scratch was still rising: no asymptote now, where schema 1 said 0.99.
    expect(scratch.metrics.asymptote).toMatchObject({ mean: null, reached: false });
    expect(fe.transferGain!.plateau.mean).toBeCloseTo(0.8 - 0.5, 12);
    expect(fe.transferGain!.asymptoteBasis).toBe('plateau');
  });

  it('passes schema 2 through and refuses what it does not know', () => {
    const migrated = migrateResult(v1);
    expect(migrateResult(migrated)).toBe(migrated);
    expect(isExperimentResult({ progress: {} })).toBe(false);
    expect(() => migrateResult({ ...v1, schemaVersion: 3 })).toThrow(/newer version/);
    expect(() => migrateResult(null)).toThrow(ResultFormatError);
  });
});

describe('split digests', () => {
  it('FNV-1a 64 of the UTF-8 bytes (published test vectors)', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
    expect(fnv1a64('é')).not.toBe(fnv1a64('e'));
  });

  it('one digest per list of ids, and a record over every repeat that changes with any of them', () => {
    expect(idsDigest(['a', 'b'])).toBe(fnv1a64('a\nb'));
    const one = splitRecord([{ repeat: 0, train: ['a', 'b'], validation: ['c'] }]);
    expect(one.repeats[0]).toMatchObject({ trainCount: 2, validationCount: 1, train: idsDigest(['a', 'b']) });
    const other = splitRecord([{ repeat: 0, train: ['a', 'c'], validation: ['b'] }]);
    expect(other.digest).not.toBe(one.digest);
  });
});
