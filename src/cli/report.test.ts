import { describe, expect, it } from 'vitest';
import type { ExperimentResult } from '../core/experiment/types';
import type { StrategySummary } from '../core/metrics/types';
import { formatCurvesCsv, formatReport } from './report';

const ms = (mean: number, std = 0) => ({ mean, std });
const metrics = {
  start: ms(0.5),
  slope: ms(0.1),
  asymptote: ms(0.9),
  asymptoteLast3: ms(0.85),
  auc: ms(0.7),
  fitR2: ms(0.95),
};

function summary(strategy: string, patch: Partial<StrategySummary> = {}): StrategySummary {
  return {
    strategy,
    seeds: 2,
    metrics,
    transferGain: null,
    negativeTransfer: false,
    timeToAccuracy: null,
    cacheSeconds: 0,
    ...patch,
  };
}

const result: ExperimentResult = {
  schemaVersion: 1,
  config: {
    schemaVersion: 1,
    backbone: 'digits-vgg',
    strategies: ['scratch', 'feature-extraction'],
    seeds: 1,
    epochs: 1,
    batchSize: 16,
    learningRate: 0.001,
    backboneLearningRateScale: 0.1,
    validationFraction: 0.5,
    splitSeed: 1,
    augment: false,
    trainBatchNorm: false,
  },
  dataset: { name: 'd', classNames: ['a', 'b'], trainCount: 4, validationCount: 4 },
  environment: { backend: 'cpu', tfjsVersion: '4.22.0', cores: 2, platform: 'node' },
  runs: [
    {
      strategy: 'scratch',
      seed: 1,
      cacheSeconds: 0,
      confusion: [],
      misclassified: [],
      metrics: { start: 0, slope: 0, asymptote: 0, asymptoteLast3: 0, auc: 0, fitR2: 0 },
      curve: [
        { epoch: 0, valAccuracy: 0.5, valLoss: 0.7, trainLoss: Number.NaN, seconds: 0.01, examplesSeen: 0 },
        { epoch: 1, valAccuracy: 0.75, valLoss: 0.5, trainLoss: 0.6, seconds: 0.2, examplesSeen: 4 },
      ],
    },
  ],
  summary: [
    summary('scratch', { timeToAccuracy: { target: 0.855, epochs: ms(3), seconds: ms(1.5), reachedBy: 2 } }),
    summary('feature-extraction', {
      transferGain: { start: 0.2, auc: 0.1, asymptote: -0.05 },
      negativeTransfer: true,
      negativeTransferReason: 'asymptote 0.85 below scratch 0.9',
      timeToAccuracy: { target: 0.855, epochs: null, seconds: null, reachedBy: 0 },
    }),
  ],
  startedAt: '2026-01-01T00:00:00.000Z',
  seconds: 1.5,
};

describe('report', () => {
  it('writes one CSV row per curve point, NaN as an empty cell', () => {
    expect(formatCurvesCsv(result)).toBe(
      'strategy,seed,epoch,valAccuracy,valLoss,trainLoss,seconds,examplesSeen\n' +
        'scratch,1,0,0.5,0.7,,0.01,0\n' +
        'scratch,1,1,0.75,0.5,0.6,0.2,4\n',
    );
  });

  it('prints mean ± std, gains, negative transfer with its reason, and time to accuracy', () => {
    const text = formatReport(result);
    expect(text).toContain('0.500 ± 0.000');
    expect(text).toContain('+0.100 / +0.200 / -0.050');
    expect(text).toContain('YES');
    expect(text).toContain('negative transfer, feature-extraction: asymptote 0.85 below scratch 0.9');
    expect(text).toContain('3.0 ep, 1.5 s (2/2)');
    expect(text).toContain('never (0/2)');
  });
});
