import { describe, expect, it } from 'vitest';
import { getBackbone } from '../backbones/catalogue';
import type { Dataset, DecodedImage } from '../data/types';
import { parseExperimentConfig } from '../experiment/config';
import { readResultsFile } from '../experiment/readResultsFile';
import { selectExamples } from '../experiment/runExperiment';
import { compareEngines } from './compareEngines';
import { summarizeTorchRuns, TORCH_RUNS_FORMAT } from './summarizeTorchRuns';
import { TorchExportError } from './torchBackbone';
import { buildTorchProject } from './torchProject';

/** 3 classes × 6 tiny images; every image a different grey so rows can be traced back to examples. */
function tinyDataset(): Dataset {
  const image = (value: number): DecodedImage => ({ width: 2, height: 2, data: new Uint8Array(12).fill(value) });
  const examples = Array.from({ length: 18 }, (_, i) => ({
    id: `img${i}`,
    label: i % 3,
    source: `img${i}.png`,
    image: image(i * 10),
  }));
  return { name: 'tiny', classNames: ['a', 'b', 'c'], examples };
}

const config = parseExperimentConfig({
  backbone: 'digits-vgg',
  strategies: ['scratch', 'feature-extraction'],
  seeds: 2,
  // Three repeats: with 9 validation images, two equal paired gains only bound the spread by one image (1/9),
  // and t with 1 degree of freedom (12.7) then allows no verdict (src/core/math/intervals.ts).
  repeats: 3,
  epochs: 3,
  perClass: 2,
  validationFraction: 0.5,
});

/** Fits by keeping the pixels (the tiny images are already "fitted" at 2 px in this test). */
const project = () =>
  buildTorchProject({ ...config, imageSize: 2 }, tinyDataset(), getBackbone('digits-vgg'), (i) => i);

/** A runs.json as train.py writes it: rising curves, scratch below feature extraction. */
function fakeRuns(trials: { strategy: string; seed: number; repeat: number }[]) {
  return {
    format: TORCH_RUNS_FORMAT,
    version: 1,
    environment: { torchVersion: '1.13.0', device: 'cpu', distributedBackend: 'gloo', worldSize: 2, cores: 2 },
    startedAt: '2026-12-05T21:00:00Z',
    seconds: 12,
    runs: trials.map((t) => {
      const top = t.strategy === 'scratch' ? 0.5 : 0.9;
      return {
        ...t,
        cacheSeconds: 0,
        curve: [0, 1, 2, 3].map((epoch) => ({
          epoch,
          valAccuracy: epoch === 0 ? 1 / 3 : top - 0.1 / epoch + t.seed * 0.01,
          valLoss: 1,
          trainLoss: epoch === 0 ? null : 1,
          seconds: epoch,
          examplesSeen: epoch * 6,
        })),
        confusion: [
          [3, 0, 0],
          [0, 3, 0],
          [0, 1, 2],
        ],
        misclassified: [{ id: 'img2', label: 2, predicted: 1 }],
      };
    }),
  };
}

describe('buildTorchProject: the split is ours', () => {
  it('writes each repeat as rows whose ids are selectExamples’ choice, pixels in row order, trials in our order', () => {
    const { manifest, pixels } = project();
    const dataset = tinyDataset();
    for (const repeat of [0, 1]) {
      const ours = selectExamples(dataset, config, repeat);
      const rows = manifest.repeats[repeat];
      expect(rows.train.map((r) => manifest.examples[r].id)).toEqual(ours.train.map((i) => dataset.examples[i].id));
      expect(rows.validation.map((r) => manifest.examples[r].id)).toEqual(
        ours.validation.map((i) => dataset.examples[i].id),
      );
    }
    manifest.examples.forEach((example, row) => expect(pixels[row * 12]).toBe(Number(example.id.slice(3)) * 10));
    expect(manifest.trials.map((t) => `${t.repeat}:${t.seed}:${t.strategy}`).slice(0, 4)).toEqual([
      '0:1:feature-extraction',
      '0:1:scratch',
      '0:2:feature-extraction',
      '0:2:scratch',
    ]);
    expect(manifest.head).toEqual({ pooling: 'flatten', hiddenUnits: 64, dropout: 0.25 });
  });

  it('refuses what train.py does not implement: adaptation strategies, augmentation', () => {
    const spec = getBackbone('digits-vgg');
    expect(() => buildTorchProject({ ...config, augment: true }, tinyDataset(), spec, (i) => i)).toThrow(
      TorchExportError,
    );
    expect(() => buildTorchProject({ ...config, strategies: ['coral'] }, tinyDataset(), spec, (i) => i)).toThrow(
      /domain adaptation/,
    );
  });
});

describe('summarizeTorchRuns: results.json from train.py’s raw curves, by our core', () => {
  it('computes metrics and paired intervals, records PyTorch and its world size, and the studio reads it', () => {
    const { manifest } = project();
    const result = summarizeTorchRuns(manifest, fakeRuns(manifest.trials), '4.22.0');
    expect(result.summary.map((s) => s.strategy)).toEqual(['scratch', 'feature-extraction']);
    expect(result.environment).toMatchObject({ runner: 'pytorch', worldSize: 2, torchVersion: '1.13.0' });
    expect(result.split).toEqual(manifest.split);
    const fe = result.summary[1];
    expect(fe.metrics.plateau.method).toBe('t-repeats');
    expect(fe.verdict?.overall).toBe('above');
    expect(Number.isNaN(result.runs[0].curve[0].trainLoss)).toBe(true);
    const read = readResultsFile(JSON.stringify(result));
    expect(read.kind === 'run' && read.result.summary[1].metrics.plateau.mean).toBeCloseTo(fe.metrics.plateau.mean);
  });

  it('rejects a runs.json that misses trials or is not train.py’s', () => {
    const { manifest } = project();
    expect(() => summarizeTorchRuns(manifest, fakeRuns(manifest.trials.slice(1)), '4.22.0')).toThrow(
      /holds 11 of the project's 12 trials/,
    );
    expect(() => summarizeTorchRuns(manifest, { format: 'other' }, '4.22.0')).toThrow(TorchExportError);
    expect(() => summarizeTorchRuns({ format: 'x' }, fakeRuns(manifest.trials), '4.22.0')).toThrow(/not a transfer/);
  });
});

describe('compareEngines: the same experiment on two engines, paired by repeat and seed', () => {
  it('reads no clear difference for equal runs and refuses runs of different splits', () => {
    const { manifest } = project();
    const a = summarizeTorchRuns(manifest, fakeRuns(manifest.trials), '4.22.0');
    const rows = compareEngines(a, a);
    expect(rows.map((r) => [r.strategy, r.difference.mean, r.direction, r.insideReferenceInterval])).toEqual([
      ['scratch', 0, 'unclear', true],
      ['feature-extraction', 0, 'unclear', true],
    ]);
    const b = { ...a, split: { ...a.split!, digest: 'other' } };
    expect(() => compareEngines(a, b)).toThrow(/different splits/);
  });
});
