import { describe, expect, it } from 'vitest';
import type { ExperimentResult } from '../core/experiment/types';
import { gainOf, summaryOf } from '../core/metrics/testCurves';
import { duplicatesNote, formatCurvesCsv, formatReport, unvalidatedNote } from './report';
import { summarizeCurve } from '../core/metrics/learningCurve';
import { estimateOf } from '../core/metrics/testCurves';

const result: ExperimentResult = {
  schemaVersion: 2,
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
  split: { digest: '0123456789abcdef', repeats: [] },
  environment: { backend: 'cpu', tfjsVersion: '4.22.0', cores: 2, platform: 'node' },
  runs: [
    {
      strategy: 'scratch',
      repeat: 0,
      seed: 1,
      cacheSeconds: 0,
      confusion: [],
      misclassified: [],
      metrics: summarizeCurve([]),
      curve: [
        { epoch: 0, valAccuracy: 0.5, valLoss: 0.7, trainLoss: Number.NaN, seconds: 0.01, examplesSeen: 0 },
        { epoch: 1, valAccuracy: 0.75, valLoss: 0.5, trainLoss: 0.6, seconds: 0.2, examplesSeen: 4 },
      ],
    },
  ],
  summary: [
    summaryOf(
      'scratch',
      {},
      {
        timeToAccuracy: {
          target: 0.855,
          epochs: estimateOf(3, 0.5),
          seconds: estimateOf(1.5),
          reachedBy: 2,
          trials: 2,
        },
      },
    ),
    summaryOf(
      'feature-extraction',
      { asymptote: null },
      {
        transferGain: {
          start: gainOf(0.2),
          slope: gainOf(0.01),
          plateau: gainOf(-0.05),
          asymptote: gainOf(-0.05),
          auc: gainOf(0.1, 0.2),
          asymptoteBasis: 'plateau',
          pairs: 3,
        },
        verdict: {
          overall: 'unclear',
          overallBasis: 'includes-zero',
          negativeTransfer: true,
          negativeBasis: 'interval',
        },
        negativeTransfer: true,
        timeToAccuracy: { target: 0.855, epochs: null, seconds: null, reachedBy: 0, trials: 2 },
      },
    ),
  ],
  startedAt: '2026-01-01T00:00:00.000Z',
  seconds: 1.5,
};

describe('report', () => {
  it('writes one CSV row per curve point with its repeat, NaN as an empty cell', () => {
    expect(formatCurvesCsv(result)).toBe(
      'strategy,repeat,seed,epoch,valAccuracy,valLoss,trainLoss,seconds,examplesSeen\n' +
        'scratch,0,1,0,0.5,0.7,,0.01,0\n' +
        'scratch,0,1,1,0.75,0.5,0.6,0.2,4\n',
    );
  });

  it('prints means with intervals, paired gains, "not reached", verdicts from intervals, time to accuracy', () => {
    const text = formatReport(result);
    expect(text).toContain('0.500 [0.490, 0.510]');
    expect(text).toContain('not reached in 1 ep (0/3); ≥ 0.800');
    expect(text).toContain('-0.050 [-0.060, -0.040] (plateau)');
    expect(text).toContain('no clear difference');
    expect(text).toContain('YES');
    expect(text).toContain('feature-extraction: NEGATIVE TRANSFER');
    expect(text).toContain('3.0 [2.5, 3.5] ep, 1.5 s (2/2)');
    expect(text).toContain('never (0/2)');
    expect(text).toContain('split digest 0123456789abcdef');
    expect(text).toContain('t over 1 seeds on ONE split');
  });
});

describe('duplicatesNote (issue 13, item 5)', () => {
  it('says how many copies were found and kept on one side; nothing when there were none', () => {
    expect(duplicatesNote(result)).toBeNull();
    const found = { exactCopies: 60, nearCopies: 2, burstFrames: 4, groupCount: 61, mixedLabelGroups: 1 };
    const note = duplicatesNote({ ...result, dataset: { ...result.dataset, duplicates: found } });
    expect(note).toContain('60 exact copies, 2 look-alikes');
    expect(note).toContain('4 webcam-burst frames in 61 groups');
    expect(note).toContain('1 of these groups hold images of different classes');
    expect(formatReport({ ...result, dataset: { ...result.dataset, duplicates: found } })).toContain(note);
  });
});

describe('unvalidatedNote (issue 13, item 9)', () => {
  it('says which classes validation does not score; nothing when it scores them all', () => {
    expect(unvalidatedNote(result)).toBeNull();
    const lacking = {
      ...result,
      dataset: { ...result.dataset, classNames: ['a', 'b', 'c'], unvalidatedClasses: ['b'] },
    };
    const note = unvalidatedNote(lacking);
    expect(note).toBe(
      'warning: validation holds no image of "b" (one image, or copies of one picture, kept for training): the ' +
        'accuracies above score the other 2 classes only. Add images to score every class.',
    );
    expect(formatReport(lacking)).toContain(note);
  });
});
