/**
 * Seconds per training epoch of 200 examples on the ACTIVE browser backend, for the scenarios of
 * bench/trainScenarios.ts (the same models and data as bench/wasmGradients.ts times in Node).
 * Warm-up: one step at each batch shape of an epoch (32 and 8: shader compilation, first allocations), untimed.
 * Then either `epochs` whole epochs (median; 'timed', as wasmGradients' timeEpochs), or, when `epochs` is 0, steps
 * of 32 for at least `minSeconds` and at least 2 steps, extrapolated to 200 examples ('extrapolated', as its CPU
 * rows: WebGL trains the digits net at over a minute per epoch here). `trainOnBatch` reads the loss back after
 * every step, as a real training loop does.
 */
import * as tf from '@tensorflow/tfjs';
import { getBackbone } from '../../src/core/backbones/catalogue';
import { loadBackbone } from '../../src/core/backbones/load';
import { BATCH, batchOf, EPOCH_EXAMPLES, epochBatchSizes, median, trainScenarios } from '../trainScenarios';

export interface TrainingOptions {
  /** The public MobileNet v1 0.25 URL (the bench answers it from local files). */
  mobilenetUrl: string;
  /** Scenario ids (trainScenarios); all when absent. */
  only?: string[];
  /** Whole epochs to time; 0 = time steps of 32 and extrapolate. */
  epochs: number;
  minSeconds?: number;
}

export interface TrainingRow {
  id: string;
  scenario: string;
  epochSeconds: number;
  epochMethod: 'timed' | 'extrapolated';
  warmupSeconds: number;
  steps: number;
  finalLoss: number;
  error?: string;
}

export async function measureTrainingEpochs(options: TrainingOptions) {
  // A fresh MobileNet per scenario, as in Node: a scenario's block shares (and its dispose releases) the layers.
  const loaded: tf.LayersModel[] = [];
  const load = async () => {
    const model = await loadBackbone(getBackbone('mobilenet_v1_0.25'), options.mobilenetUrl);
    loaded.push(model);
    return model;
  };
  const scenarios = trainScenarios(load).filter((s) => !options.only || options.only.includes(s.id));
  const rows: TrainingRow[] = [];
  for (const scenario of scenarios) {
    const row: TrainingRow = {
      id: scenario.id,
      scenario: scenario.name,
      epochSeconds: 0,
      epochMethod: options.epochs > 0 ? 'timed' : 'extrapolated',
      warmupSeconds: 0,
      steps: 0,
      finalLoss: NaN,
    };
    rows.push(row);
    let model: tf.LayersModel | null = null;
    const batches = epochBatchSizes().map((size, i) => batchOf(scenario, size, 10 + i));
    const step = async (batch: { xs: tf.Tensor; ys: tf.Tensor }) => {
      row.finalLoss = (await model!.trainOnBatch(batch.xs, batch.ys)) as number;
    };
    try {
      model = await scenario.build();
      const w0 = performance.now();
      await step(batches[0]);
      await step(batches[batches.length - 1]);
      row.warmupSeconds = (performance.now() - w0) / 1000;
      if (options.epochs > 0) {
        const times: number[] = [];
        for (let epoch = 0; epoch < options.epochs; epoch++) {
          const t0 = performance.now();
          for (const batch of batches) await step(batch);
          times.push((performance.now() - t0) / 1000);
          row.steps += batches.length;
        }
        row.epochSeconds = median(times);
      } else {
        const t0 = performance.now();
        while ((performance.now() - t0) / 1000 < (options.minSeconds ?? 2) || row.steps < 2) {
          await step(batches[0]);
          row.steps++;
        }
        const stepSeconds = (performance.now() - t0) / 1000 / row.steps;
        row.epochSeconds = (stepSeconds * EPOCH_EXAMPLES) / BATCH;
      }
    } catch (error) {
      row.error = (error as Error).message;
    } finally {
      batches.forEach((b) => tf.dispose([b.xs, b.ys]));
      model?.dispose();
    }
  }
  for (const model of loaded) {
    try {
      model.dispose();
    } catch {
      // Its layers went with the scenario's block.
    }
  }
  return { backend: tf.getBackend(), epochExamples: EPOCH_EXAMPLES, rows };
}
