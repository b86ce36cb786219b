import { describe, expect, it } from 'vitest';
import { nodeDecoder, readFolderDataset } from '../../testing/node';
import { FLOWERS_DIR } from '../../testing/paths';
import type { Dataset, LabeledImage } from '../data/types';
import { duplicateCounts, selectExamples } from './runExperiment';
import type { ExperimentConfig } from './types';

/**
 * Issue 13, item 5, through the examples the CLI and the studio both train on (selectExamples): the same folder
 * dropped twice (every image imported again) and a webcam burst never put a copy in validation while its twin
 * trains, in any repeat, and the result counts what was found.
 */
const config: ExperimentConfig = {
  schemaVersion: 1,
  backbone: 'mobilenet_v1_0.25',
  strategies: ['scratch'],
  seeds: 1,
  epochs: 1,
  batchSize: 8,
  learningRate: 0.001,
  backboneLearningRateScale: 0.1,
  validationFraction: 0.2,
  splitSeed: 1,
  repeats: 5,
  augment: false,
  trainBatchNorm: false,
};

describe('duplicates in the split of a run (issue 13, item 5)', () => {
  it('the same folder imported twice: no image in validation whose copy trains, in any repeat', async () => {
    const { dataset: flowers } = await readFolderDataset(FLOWERS_DIR, nodeDecoder);
    // 12 photos of each of the 5 classes, then the same 60 again.
    const once = flowers.classNames.flatMap((_, c) => flowers.examples.filter((e) => e.label === c).slice(0, 12));
    // The re-import decodes the same files again: equal pixels in fresh arrays, new ids.
    const again = once.map((e): LabeledImage => ({
      ...e,
      id: `${e.id}-again`,
      image: { ...e.image, data: e.image.data.slice() },
    }));
    // Four frames of one webcam hold, all in class 0 (other photos: a burst groups frames that differ).
    const burst = flowers.examples
      .filter((e) => e.label === 0)
      .slice(12, 16)
      .map((e, k): LabeledImage => ({ ...e, id: `burst-${k}`, burst: 'hold-1' }));
    const dataset: Dataset = { ...flowers, examples: [...once, ...again, ...burst] };
    const copyOf = (i: number) => (i < 60 ? i + 60 : i < 120 ? i - 60 : -1);
    for (let repeat = 0; repeat < 5; repeat++) {
      const { train, validation } = selectExamples(dataset, config, repeat);
      const trains = new Set(train);
      expect(
        validation.filter((i) => trains.has(copyOf(i))),
        `repeat ${repeat}`,
      ).toEqual([]);
      const burstSides = new Set([120, 121, 122, 123].map((i) => trains.has(i)));
      expect(burstSides.size, `repeat ${repeat}`).toBe(1);
      expect(validation.length).toBeGreaterThan(0);
    }
    const counts = duplicateCounts(dataset);
    expect(counts.exactCopies).toBe(60);
    expect(counts.burstFrames).toBe(4);
    expect(counts.groupCount).toBe(61);
    expect(counts.mixedLabelGroups).toBe(0);
  });
});
