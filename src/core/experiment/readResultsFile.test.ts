import { describe, expect, it } from 'vitest';
import { readResultsFile, ResultsFileError, type ResultsFileProblem } from './readResultsFile';
import { RESULT_SCHEMA_VERSION } from './types';

const estimate = (mean: number) => ({ mean, ci95: [mean - 0.1, mean + 0.1], method: 't-seeds', n: 2 });
const run = {
  schemaVersion: RESULT_SCHEMA_VERSION,
  config: { schemaVersion: 1, backbone: 'digits-vgg', strategies: ['scratch'], seeds: 2, epochs: 1 },
  dataset: { name: 'digits', classNames: ['5', '6'], trainCount: 4, validationCount: 4 },
  split: null,
  environment: { backend: 'cpu', tfjsVersion: '4.22.0', cores: 2, platform: 'node', runner: 'cli' },
  runs: [
    {
      strategy: 'scratch',
      repeat: 0,
      seed: 1,
      // As JSON writes it: epoch 0's NaN training loss is null.
      curve: [
        { epoch: 0, valAccuracy: 0.5, valLoss: 0.7, trainLoss: null, seconds: 0, examplesSeen: 0 },
        { epoch: 1, valAccuracy: 0.75, valLoss: 0.5, trainLoss: 0.6, seconds: 1, examplesSeen: 4 },
      ],
    },
  ],
  summary: [
    {
      strategy: 'scratch',
      metrics: { auc: estimate(0.75), start: estimate(0.75), slope: estimate(0.2), plateau: estimate(0.75) },
    },
  ],
  startedAt: '2026-12-05T10:00:00.000Z',
  seconds: 3,
};
const sweep = {
  schemaVersion: 1,
  kind: 'sweep',
  config: { backbone: 'digits-vgg' },
  dataset: { name: 'digits' },
  environment: { platform: 'node' },
  cells: [{ strategy: 'scratch', perClass: 5, trials: [{ curve: [{ epoch: 0, trainLoss: null }] }], metrics: {} }],
  axes: { depth: [], perClass: [] },
  startedAt: '2026-12-05T10:00:00.000Z',
};

function problemOf(text: string): ResultsFileProblem | null {
  try {
    readResultsFile(text);
    return null;
  } catch (error) {
    if (error instanceof ResultsFileError) return error.problem;
    throw error;
  }
}

describe('readResultsFile', () => {
  it('reads a results.json as a run, numbers as written, null training losses back to NaN', () => {
    const file = readResultsFile(JSON.stringify(run));
    if (file.kind !== 'run') throw new Error(file.kind);
    expect(file.result.summary[0].metrics.plateau.mean).toBe(0.75);
    expect(file.result.runs[0].curve[0].trainLoss).toBeNaN();
    expect(file.result.runs[0].curve[1].trainLoss).toBe(0.6);
    expect(file.result.environment.runner).toBe('cli');
  });

  it('reads a sweep.json as a sweep', () => {
    const file = readResultsFile(JSON.stringify(sweep));
    expect(file.kind).toBe('sweep');
    if (file.kind === 'sweep') expect(file.result.cells[0].trials[0].curve[0].trainLoss).toBeNaN();
  });

  it('refuses what is not JSON, newer schemas and foreign JSON, each with its problem', () => {
    expect(problemOf('{"schemaVersion": 2, ')).toBe('not-json');
    expect(problemOf(JSON.stringify({ ...run, schemaVersion: RESULT_SCHEMA_VERSION + 1 }))).toBe('newer');
    expect(problemOf(JSON.stringify({ ...sweep, schemaVersion: 2 }))).toBe('newer');
    expect(problemOf(JSON.stringify({ name: 'package', version: '1.0.0' }))).toBe('foreign');
    expect(problemOf('[1, 2, 3]')).toBe('foreign');
    expect(problemOf(JSON.stringify(run.config))).toBe('foreign');
    expect(problemOf(JSON.stringify({ ...run, summary: [{ strategy: 'scratch' }] }))).toBe('foreign');
    expect(problemOf(JSON.stringify({ ...run, runs: [{ strategy: 'scratch', curve: [{}] }] }))).toBe('foreign');
    expect(problemOf(JSON.stringify({ ...sweep, cells: [{}] }))).toBe('foreign');
  });
});
