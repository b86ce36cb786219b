import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIGITS_AB, DIGITS_AB_MAX_TRAIN_PER_CLASS, digitsAbConfig } from '../core/experiment/digitsAb';
import { selectExamples } from '../core/experiment/runExperiment';
import { splitRecord } from '../core/experiment/splitDigest';
import type { Dataset } from '../core/data/types';
import { PRESETS } from './presets';

/** The studio's sample as its loader names it (src/worker/datasets/samples.ts), from the shipped manifest. */
function studioSampleIds(): { ids: string[]; labels: number[] } {
  const file = path.resolve(import.meta.dirname, '../../public/samples/digits/manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as {
    classes: { name: string; count: number; firstIndex: number }[];
  };
  const ids: string[] = [];
  const labels: number[] = [];
  manifest.classes.forEach((c, label) => {
    for (let j = 0; j < c.count; j++) {
      ids.push(`mnist:${c.name}:${c.firstIndex + j}`);
      labels.push(label);
    }
  });
  return { ids, labels };
}

const digestOf = (dataset: Pick<Dataset, 'examples' | 'classNames'>, perClass: number, repeats = 1) =>
  splitRecord(
    Array.from({ length: repeats }, (_, repeat) => {
      const split = selectExamples(dataset as Dataset, digitsAbConfig(perClass), repeat);
      return {
        repeat,
        train: split.train.map((i) => dataset.examples[i].id),
        validation: split.validation.map((i) => dataset.examples[i].id),
      };
    }),
  );

describe('the digits-ab preset is the studio demo', () => {
  it('same images (ids, labels, order) as the studio sample, hence the same split digest', async () => {
    const cli = await PRESETS['digits-ab'].loadDataset(DIGITS_AB.defaultTrainPerClass);
    const studio = studioSampleIds();
    expect(cli.examples.map((e) => e.id)).toEqual(studio.ids);
    expect(cli.examples.map((e) => e.label)).toEqual(studio.labels);
    const studioDataset = {
      classNames: cli.classNames,
      examples: studio.ids.map((id, i) => ({ id, label: studio.labels[i], source: id, image: cli.examples[i].image })),
    };
    expect(digestOf(studioDataset, 10, 3)).toEqual(digestOf(cli, 10, 3));
  });

  it('the validation set never changes when --per-class grows; beyond the pool is refused', async () => {
    const dataset = await PRESETS['digits-ab'].loadDataset(DIGITS_AB_MAX_TRAIN_PER_CLASS);
    const validations = [1, 5, 10, 25, DIGITS_AB_MAX_TRAIN_PER_CLASS].map(
      (perClass) => digestOf(dataset, perClass).repeats[0].validation,
    );
    expect(new Set(validations).size).toBe(1);
    const { validation, train } = selectExamples(dataset, digitsAbConfig(DIGITS_AB_MAX_TRAIN_PER_CLASS));
    expect(validation).toHaveLength(5 * 50);
    expect(train).toHaveLength(5 * DIGITS_AB_MAX_TRAIN_PER_CLASS);
    await expect(PRESETS['digits-ab'].loadDataset(DIGITS_AB_MAX_TRAIN_PER_CLASS + 1)).rejects.toThrow(/50 training/);
  });

  it('repeats: 1 / fraction of them validate every image of the preset', async () => {
    const dataset = await PRESETS['digits-ab'].loadDataset(10);
    const seen = new Set<number>();
    for (let repeat = 0; repeat < 1 / DIGITS_AB.validationFraction; repeat++) {
      for (const i of selectExamples(dataset, digitsAbConfig(10), repeat).validation) seen.add(i);
    }
    expect(seen.size).toBe(dataset.examples.length);
  });
});
