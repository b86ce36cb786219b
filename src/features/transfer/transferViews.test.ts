import { describe, expect, it } from 'vitest';
import type { CandidateResult } from '../../core/transferability/candidates';
import { blockOf, measuredOf, ranksBy, readTau, scoreOf } from './transferViews';

const candidate = (logme: number | null, accuracy?: number): CandidateResult => ({
  backbone: 'digits-vgg',
  cut: 'block2_pool',
  dimensions: 1,
  scores: { logme, leep: 1, nce: 1, hscore: 0, gbc: 0, knn: 0.5 },
  knn: { mean: 0.5, ci95: null, n: 1, method: 'none' },
  scoreSeconds: 0,
  ...(accuracy !== undefined
    ? { measured: { accuracy: { mean: accuracy, ci95: null, n: 1, method: 'none' }, seeds: 1, epochs: 1 } }
    : {}),
});

describe('transfer views', () => {
  it('ranks higher values first, leaves missing ones unranked', () => {
    const list = [candidate(0.1, 0.9), candidate(0.3), candidate(null, 0.5)];
    expect(ranksBy(list, scoreOf('logme'))).toEqual([2, 1, null]);
    expect(ranksBy(list, measuredOf)).toEqual([1, null, 2]);
  });

  it('names blocks and reads τ', () => {
    expect(blockOf('digits-vgg', 'block2_pool')).toEqual({ number: 2, blocks: 3 });
    expect(blockOf('mobilenet_v1_0.25', 'conv_pw_11_relu')).toEqual({ number: 11, blocks: 13 });
    expect(blockOf('nope', 'x')).toBeNull();
    expect([readTau(0.6), readTau(0.2), readTau(-0.1), readTau(NaN)]).toEqual([
      'agrees',
      'partly',
      'disagrees',
      'undefined',
    ]);
  });
});
