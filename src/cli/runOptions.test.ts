import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UserError } from './errors';
import { DIGITS_AB } from '../core/experiment/digitsAb';
import { resolveRun } from './runOptions';
import { prepareOutDir } from './outDir';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'run-options-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function errorOf(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

describe('resolveRun: preset < config file < flags', () => {
  it('the digits-ab preset is the studio demo: same images and split, validation fixed whatever --per-class', async () => {
    const { config, data } = await resolveRun({ preset: 'digits-ab', perClass: '25', repeats: '3' });
    expect(config).toMatchObject({
      backbone: 'digits-vgg',
      perClass: 25,
      repeats: 3,
      validationFraction: DIGITS_AB.validationFraction,
      splitSeed: DIGITS_AB.splitSeed,
    });
    expect(data).toMatchObject({ kind: 'preset', trainPerClass: 25 });
    const small = await resolveRun({ preset: 'digits-ab', perClass: '5' });
    expect(small.config.validationFraction).toBe(config.validationFraction);
  });

  it('negative-transfer: the digits network frozen on MNIST-M 5–9 (built), 50 per digit, 100 validate', async () => {
    const { config, data } = await resolveRun({ preset: 'negative-transfer', seeds: '3', repeats: '3' });
    expect(config).toMatchObject({
      backbone: 'digits-vgg',
      strategies: ['scratch', 'feature-extraction', 'fine-tune:1', 'fine-tune:3'],
      perClass: 50,
      seeds: 3,
      repeats: 3,
      epochs: 20,
      validationFraction: 0.5,
    });
    expect(config.modelUrl).toBeUndefined();
    expect(data).toMatchObject({ kind: 'preset', trainPerClass: 50 });
  });

  it('flags override config-file fields, which override the preset; dataset paths resolve against the file', async () => {
    const file = path.join(tmp, 'exp.json');
    await writeFile(file, JSON.stringify({ backbone: 'mobilenet_v1_0.25', seeds: 5, epochs: 7, dataset: 'images' }));
    const { config, data } = await resolveRun({ config: file, epochs: '9', strategies: 'scratch, fine-tune:2' });
    expect(config).toMatchObject({
      backbone: 'mobilenet_v1_0.25',
      seeds: 5,
      epochs: 9,
      strategies: ['scratch', 'fine-tune:2'],
    });
    expect(data).toEqual({ kind: 'folder', dir: path.join(tmp, 'images') });
  });

  it('accepts a results.json as a config (its config is used)', async () => {
    const file = path.join(tmp, 'results.json');
    await writeFile(
      file,
      JSON.stringify({ schemaVersion: 1, config: { schemaVersion: 1, backbone: 'digits-vgg', seeds: 2 }, runs: [] }),
    );
    const { config } = await resolveRun({ config: file, dataset: tmp });
    expect(config).toMatchObject({ backbone: 'digits-vgg', seeds: 2 });
  });

  it('names the flag of each bad field, and non-numbers are reported, not coerced', async () => {
    const error = await errorOf(
      resolveRun({ dataset: tmp, backbone: 'digits-vgg', seeds: 'three', learningRate: '2' }),
    );
    expect(error.message).toContain('seeds (--seeds): expected number (got "three")');
    expect(error.message).toContain('learningRate (--learning-rate): must be ≤ 1 (got 2)');
  });

  it('issue 13, item 13: a config file saved with a UTF-8 byte-order mark is read', async () => {
    const file = path.join(tmp, 'bom.json');
    await writeFile(file, `\uFEFF${JSON.stringify({ backbone: 'digits-vgg', seeds: 2 })}`);
    const { config } = await resolveRun({ config: file, dataset: tmp });
    expect(config).toMatchObject({ backbone: 'digits-vgg', seeds: 2 });
  });

  it('issue 13, item 11: a 50 MB string in a config is named briefly, never echoed whole', async () => {
    const file = path.join(tmp, 'huge.json');
    const blob = 'A'.repeat(50 * 1024 * 1024);
    const key = 'K'.repeat(1024 * 1024);
    await writeFile(file, JSON.stringify({ backbone: 'digits-vgg', modelUrl: 7, strategies: [blob], [key]: 1 }));
    const error = await errorOf(resolveRun({ config: file, dataset: tmp }));
    expect(error.message.length).toBeLessThan(2_000);
    expect(error.message).toContain('strategies[0]');
    expect(error.message).toContain('unknown field');
  });

  it('issue 13, item 12: --out inside the dataset folder is refused before any folder is made', async () => {
    const dataset = path.join(tmp, 'ds');
    const out = path.join(dataset, 'results');
    const error = await errorOf(prepareOutDir(out, [dataset]));
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toContain('inside the dataset folder');
    expect(await stat(out).catch(() => null)).toBeNull();
    expect((await errorOf(prepareOutDir(path.join(dataset, 'a', 'b'), [dataset]))).message).toContain('inside the');
    await prepareOutDir(dataset, [dataset]); // beside the class folders: results.json is not read as a class
    await prepareOutDir(path.join(tmp, 'ds-results'), [dataset]);
    expect((await stat(path.join(tmp, 'ds-results'))).isDirectory()).toBe(true);
  });

  it('needs exactly one of --dataset and --preset, and a known preset', async () => {
    expect((await errorOf(resolveRun({ backbone: 'digits-vgg' }))).message).toContain('--dataset DIR');
    expect((await errorOf(resolveRun({ preset: 'digits-ab', dataset: tmp }))).message).toContain('not both');
    expect((await errorOf(resolveRun({ preset: 'cifar' }))).message).toContain('valid presets: digits-ab');
  });
});
