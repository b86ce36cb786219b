import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as tf from '@tensorflow/tfjs';
import { getBackbone } from '../backbones/catalogue';
import { expectNoLeaks } from '../testing/noLeaks';
import { loadBackboneOnWasm } from '../../testing/engineSetup';
import { DIGITS_VGG_JSON, SHARED_DATASETS } from '../../testing/paths';
import { nodeDecoder, readFolderDataset } from '../../testing/node';
import type { Dataset } from '../data/types';
import { defaultScoreCuts, rankAgreement, rankBy, scoreCandidates, type CandidateResult } from './candidates';
import { embedForScores } from './embedForScores';
import path from 'node:path';

const spec = getBackbone('digits-vgg');
let model: tf.LayersModel;
let digits: Dataset;

beforeAll(async () => {
  model = await loadBackboneOnWasm(spec, DIGITS_VGG_JSON);
  digits = (await readFolderDataset(path.join(SHARED_DATASETS, 'digits-mnist'), nodeDecoder)).dataset;
});
afterAll(() => model?.dispose());

describe('scoring candidates on real digits (digits-vgg, ../shared/datasets/digits-mnist)', () => {
  it('default cuts: the default cut and two earlier block ends', () => {
    expect(defaultScoreCuts(spec)).toEqual(['block3_pool', 'block2_pool', 'block1_pool']);
    expect(defaultScoreCuts(getBackbone('mobilenet_v1_0.25'))).toEqual([
      'conv_pw_13_relu',
      'conv_pw_11_relu',
      'conv_pw_9_relu',
    ]);
  });

  it('embeds every cut in one pass, pooled like the head, with the source head, and leaks nothing', async () => {
    const images = digits.examples.slice(0, 20).map((e) => e.image);
    const embeddings = await expectNoLeaks(() =>
      embedForScores(model, spec, ['block3_pool', 'block1_pool'], images, { batchSize: 8 }),
    );
    const shapes = embeddings.cuts.map(({ cut, features }) => [cut, features.rows, features.cols]);
    // digits-vgg's head flattens: block3_pool is 3×3×64, block1_pool 14×14×16 (28 px input).
    expect(shapes).toEqual([
      ['block3_pool', 20, 3 * 3 * 64],
      ['block1_pool', 20, 14 * 14 * 16],
    ]);
    const p = embeddings.sourceProbabilities!;
    expect([p.rows, p.cols]).toEqual([20, 5]);
    for (let i = 0; i < p.rows; i++) {
      expect(p.data.subarray(i * 5, i * 5 + 5).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
  });

  it('scores 3 cuts; the features trained on digits separate digits better than the first block', async () => {
    const examples = digits.examples.map((_, i) => i).filter((i) => i % 3 === 0);
    let t = 0;
    const { candidates, backbones } = await expectNoLeaks(() =>
      scoreCandidates(digits, [{ spec, model, cuts: defaultScoreCuts(spec) }], { examples, now: () => (t += 10) }),
    );
    expect(backbones).toEqual([{ backbone: 'digits-vgg', embeddingSeconds: 0.01, hasSourceHead: true }]);
    expect(candidates.map((c) => c.cut)).toEqual(['block3_pool', 'block2_pool', 'block1_pool']);
    for (const c of candidates) {
      for (const value of Object.values(c.scores)) expect(Number.isFinite(value)).toBe(true);
      expect(c.knn.n).toBe(100);
    }
    const [deep, , shallow] = candidates;
    process.stdout.write(`digits scores: ${JSON.stringify(candidates.map((c) => [c.cut, c.scores]))}\n`);
    expect(deep.scores.knn!).toBeGreaterThan(shallow.scores.knn!);
    // LEEP and NCE read the whole model: the same for every cut.
    expect(deep.scores.leep).toBe(shallow.scores.leep);
  });
});

describe('rank agreement', () => {
  const candidate = (cut: string, logme: number, accuracy: number): CandidateResult => ({
    backbone: 'b',
    cut,
    dimensions: 1,
    scores: { logme, leep: null, nce: null, hscore: -logme, gbc: 0, knn: 0.5 },
    knn: { mean: 0.5, ci95: null, n: 1, method: 'none' },
    scoreSeconds: 0,
    measured: { accuracy: { mean: accuracy, ci95: null, n: 1, method: 'none' }, seeds: 1, epochs: 1 },
  });
  const candidates = [candidate('a', 1, 0.5), candidate('b', 3, 0.9), candidate('c', 2, 0.7)];

  it('is 1 for a score in the measured order, −1 for the reverse, NaN without two candidates', () => {
    const byScore = Object.fromEntries(rankAgreement(candidates).map((r) => [r.score, r]));
    expect(byScore.logme.kendall).toBe(1);
    expect(byScore.logme.weighted).toBeCloseTo(1, 12);
    expect(byScore.hscore.kendall).toBe(-1);
    expect(byScore.leep.candidates).toBe(0);
    expect(byScore.leep.kendall).toBeNaN();
    expect(byScore.gbc.kendall).toBeNaN();
    expect(rankBy(candidates, 'logme')).toEqual([1, 2, 0]);
  });
});
