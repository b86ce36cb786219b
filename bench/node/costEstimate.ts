/**
 * The cost estimate against the run's own clock (issue #18): for each scenario, measure the device rates on the
 * backbone the way the studio does (core/train/measureRates.ts), estimate every strategy's seconds
 * (core/train/costEstimate.ts), run the same experiment, and report estimate / actual − 1 per strategy and in total.
 * Target: every error within ±30 %. Node's WASM backend (the studio's usual one without a GPU); the machine's load is
 * recorded, and both sides of each comparison run back to back, so a busy machine slows both.
 *
 * Actual seconds per strategy: the sum over its trials of the last curve point's seconds (each trial's clock, with
 * the strategy's one-off cache inside every trial's epoch 1 once — counted once here). Setup before the first
 * strategy (loading, decoding, warm-up) is outside the estimate and reported apart.
 *
 * Usage: npx tsx bench/node/costEstimate.ts [--only id,id] [--quick] [--out FILE]
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { getBackbone } from '../../src/core/backbones/catalogue';
import { blockCosts, estimateModelCost } from '../../src/core/backbones/cost';
import { loadBackbone } from '../../src/core/backbones/load';
import type { Dataset } from '../../src/core/data/types';
import { runExperiment, selectExamples } from '../../src/core/experiment/runExperiment';
import type { ExperimentConfig, ExperimentResult } from '../../src/core/experiment/types';
import { HEAD_FOR_FAMILY } from '../../src/core/heads/denseHead';
import { costPlanOf, estimateRunCost, trainableBlocks, type RunCost } from '../../src/core/train/costEstimate';
import { measureRates } from '../../src/core/train/measureRates';
import { activateNodeBackend } from '../../src/node/backend';
import { nodeDecoder } from '../../src/node/decode';
import { readFolderDataset } from '../../src/node/folderDataset';
import { mnistDataset } from '../../src/node/mnistDataset';
import { nodeModelHandler } from '../../src/node/modelLoader';
import { DIGITS_VGG_JSON, FLOWERS_DIR, MOBILENET_V1_025_JSON } from '../../src/testing/paths';

interface Scenario {
  id: string;
  name: string;
  modelJson: string;
  loadDataset(): Promise<Dataset>;
  config: ExperimentConfig;
}

const base = {
  schemaVersion: 1,
  batchSize: 16,
  learningRate: 0.001,
  backboneLearningRateScale: 0.1,
  splitSeed: 1,
  trainBatchNorm: false,
} as const;

function scenarios(quick: boolean): Scenario[] {
  return [
    {
      id: 'digits-demo',
      name: 'the studio’s digits demo (digits-vgg, MNIST 5–9, 10 + 60 per class, 3 strategies × 3 seeds × 20 epochs)',
      modelJson: DIGITS_VGG_JSON,
      loadDataset: async () => mnistDataset([5, 6, 7, 8, 9], 120, 0),
      config: {
        ...base,
        backbone: 'digits-vgg',
        strategies: ['scratch', 'feature-extraction', 'fine-tune:1'],
        seeds: quick ? 1 : 3,
        epochs: quick ? 8 : 20,
        perClass: 10,
        validationFraction: 0.5,
        augment: false,
      },
    },
    {
      id: 'flowers-mobilenet-96',
      name: 'MobileNet v1 0.25 on flowers at 96 px (all photos, 3 strategies × 1 seed)',
      modelJson: MOBILENET_V1_025_JSON,
      loadDataset: async () => (await readFolderDataset(FLOWERS_DIR, nodeDecoder)).dataset,
      config: {
        ...base,
        backbone: 'mobilenet_v1_0.25',
        strategies: ['scratch', 'feature-extraction', 'fine-tune:2'],
        seeds: 1,
        epochs: quick ? 2 : 5,
        validationFraction: 0.25,
        imageSize: 96,
        augment: false,
      },
    },
    {
      id: 'flowers-mobilenet-128-augment',
      name: 'MobileNet v1 0.25 on flowers at 128 px, augmented (fine-tune:1 and feature extraction × 2 seeds)',
      modelJson: MOBILENET_V1_025_JSON,
      loadDataset: async () => (await readFolderDataset(FLOWERS_DIR, nodeDecoder)).dataset,
      config: {
        ...base,
        backbone: 'mobilenet_v1_0.25',
        strategies: ['feature-extraction', 'fine-tune:1'],
        seeds: 2,
        epochs: quick ? 3 : 8,
        validationFraction: 0.25,
        imageSize: 128,
        augment: true,
      },
    },
  ];
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The median of the larger side of the dataset's images (the studio knows it from the stored images). */
function typicalSide(dataset: Dataset): number {
  const sides = dataset.examples.map((e) => Math.max(e.image.width, e.image.height)).sort((a, b) => a - b);
  return sides[sides.length >> 1] ?? 224;
}

/** Seconds per strategy as the run's clock counts them (see the file comment). */
function actualSeconds(result: ExperimentResult): Map<string, number> {
  const out = new Map<string, number>();
  const cacheCounted = new Set<string>();
  for (const trial of result.runs) {
    const last = trial.curve[trial.curve.length - 1]?.seconds ?? 0;
    // Every trial's epoch 1 contains the strategy's cache time; keep it in one trial only.
    const seconds = cacheCounted.has(trial.strategy) ? last - trial.cacheSeconds : last;
    cacheCounted.add(trial.strategy);
    out.set(trial.strategy, (out.get(trial.strategy) ?? 0) + seconds);
  }
  return out;
}

async function runScenario(s: Scenario) {
  const spec = getBackbone(s.config.backbone);
  const model = await loadBackbone(spec, nodeModelHandler(s.modelJson));
  try {
    const dataset = await s.loadDataset();
    const { train, validation } = selectExamples(dataset, s.config);
    const size = s.config.imageSize ?? spec.preprocessing.inputSize;
    const cost = estimateModelCost(model.toJSON(null, false), size);
    const cutIndex = spec.blockOutputs.indexOf(spec.defaultCut);
    const blocks = blockCosts(cost, spec.blockOutputs.slice(0, cutIndex + 1));
    const multiplyAdds = blocks.reduce((sum, b) => sum + b.multiplyAdds, 0);
    const t0 = performance.now();
    const rates = await measureRates(model, {
      spec,
      depths: s.config.strategies.map((id) => trainableBlocks(id, blocks.length)),
      head: HEAD_FOR_FAMILY[spec.family],
      classes: dataset.classNames.length,
      preprocessing: spec.preprocessing,
      sourceSide: typicalSide(dataset),
      imageSize: size,
      channels: model.inputs[0].shape[3] ?? spec.preprocessing.channels,
      multiplyAdds,
      batchSize: s.config.batchSize,
    });
    const measureSeconds = (performance.now() - t0) / 1000;
    const plan = costPlanOf({ ...s.config, imageSize: size }, blocks, HEAD_FOR_FAMILY[spec.family], {
      train: train.length,
      validation: validation.length,
      classes: dataset.classNames.length,
    });
    const estimate: RunCost = estimateRunCost(plan, rates);
    const result = await runExperiment(s.config, {
      dataset,
      spec,
      loadBackbone: async () => model,
      environment: {
        backend: tf.getBackend(),
        tfjsVersion: tf.version.tfjs,
        cores: os.cpus().length,
        platform: 'node',
      },
    });
    const actual = actualSeconds(result);
    const strategies = estimate.strategies.map((e) => {
      const a = actual.get(e.strategy) ?? Number.NaN;
      const trials = result.runs.filter((t) => t.strategy === e.strategy);
      // The parts too, to see which one is off: one-off cache, and a later epoch (2..E) of the trials.
      const epochs = trials.flatMap((t) => t.curve.slice(2).map((p, i) => p.seconds - t.curve[i + 1].seconds));
      return {
        strategy: e.strategy,
        estimateSeconds: e.seconds,
        actualSeconds: a,
        error: e.seconds / a - 1,
        cacheSeconds: { estimate: e.cacheSeconds, actual: trials[0]?.cacheSeconds ?? 0 },
        epochSeconds: {
          estimate: e.epochSeconds,
          actual: epochs.reduce((x, y) => x + y, 0) / Math.max(1, epochs.length),
        },
      };
    });
    const totalActual = strategies.reduce((sum, x) => sum + x.actualSeconds, 0);
    const row = {
      id: s.id,
      name: s.name,
      trainImages: train.length,
      validationImages: validation.length,
      imageSize: size,
      rates,
      measureSeconds,
      strategies,
      estimateSeconds: estimate.seconds,
      actualSeconds: totalActual,
      error: estimate.seconds / totalActual - 1,
      runWallSeconds: result.seconds,
      setupSeconds: result.seconds - totalActual,
      withinTarget:
        strategies.every((x) => Math.abs(x.error) <= 0.3) && Math.abs(estimate.seconds / totalActual - 1) <= 0.3,
    };
    process.stderr.write(
      `${s.id}: estimate ${estimate.seconds.toFixed(1)} s, actual ${totalActual.toFixed(1)} s ` +
        `(${(row.error * 100).toFixed(0)} %); ` +
        strategies
          .map(
            (x) =>
              `${x.strategy} ${(x.error * 100).toFixed(0)} % [cache ${x.cacheSeconds.estimate.toFixed(2)}/` +
              `${x.cacheSeconds.actual.toFixed(2)}, epoch ${x.epochSeconds.estimate.toFixed(2)}/${x.epochSeconds.actual.toFixed(2)}]`,
          )
          .join(', ') +
        ` · rates: forward ${(rates.forwardSeconds * 1000).toFixed(2)} ms/image ` +
        `(folded ${((rates.cacheForwardSeconds ?? Number.NaN) * 1000).toFixed(2)}), ` +
        rates.depths.map((d) => `${d.depth} blocks train ${(d.trainSeconds * 1000).toFixed(2)} ms/image`).join(', ') +
        `, step ${(rates.stepSeconds * 1000).toFixed(1)} ms, ` +
        `eval batch ${((rates.evalStepSeconds ?? Number.NaN) * 1000).toFixed(1)} ms, preprocess ${(rates.preprocessSeconds * 1000).toFixed(2)} + ` +
        `${(rates.augmentSeconds * 1000).toFixed(2)} ms/image ` +
        `(measured in ${measureSeconds.toFixed(1)} s)\n`,
    );
    return row;
  } finally {
    model.dispose();
  }
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const only = option('only')?.split(',');
  const loadBefore = os.loadavg()[0];
  await activateNodeBackend('wasm');
  const rows = [];
  for (const s of scenarios(quick)) if (!only || only.includes(s.id)) rows.push(await runScenario(s));
  const record = {
    schemaVersion: 1,
    bench: 'cost-estimate',
    date: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    target: 'estimate within ±30 % of the run’s own seconds, per strategy and in total',
    environment: {
      node: process.version,
      tfjs: tf.version.tfjs,
      backend: tf.getBackend(),
      cores: os.cpus().length,
      loadAverage1m: { before: loadBefore, after: os.loadavg()[0] },
    },
    scenarios: rows,
    allWithinTarget: rows.every((r) => r.withinTarget),
  };
  const out = option('out');
  if (out) writeFileSync(out, `${JSON.stringify(record, null, 2)}\n`);
  else process.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
