/**
 * `transfer-studio summarize DIR`: an exported PyTorch project's raw trials (`runs.json`, written by its train.py:
 * curves, confusion matrices and wrong predictions, nothing computed from them) → an ExperimentResult in our
 * schema, with every metric and interval computed by this core (metrics/learningCurve.ts, metrics/compare.ts) —
 * never by the Python side — so a PyTorch run reads exactly like a CLI or studio run (and the studio imports it).
 * Validated at the boundary: a runs.json that does not match its project is a TorchExportError saying why.
 */
import { summarizeCurve } from '../metrics/learningCurve';
import { summarizeStrategies } from '../metrics/compare';
import type { CurvePoint, StrategyId } from '../train/types';
import { z } from '../zod';
import { RESULT_SCHEMA_VERSION, type ExperimentResult, type TrialResult } from '../experiment/types';
import { TorchExportError } from './torchBackbone';
import { TORCH_PROJECT_FORMAT, type TorchProjectManifest } from './torchProject';

export const TORCH_RUNS_FORMAT = 'transfer-studio/torch-runs';

/** JSON has no NaN: train.py writes epoch 0's training loss as null. */
const number = z.number().nullable();

const runsSchema = z.object({
  format: z.literal(TORCH_RUNS_FORMAT),
  version: z.literal(1),
  environment: z.object({
    torchVersion: z.string(),
    device: z.string(),
    distributedBackend: z.string().nullable(),
    worldSize: z.number().int().min(1),
    cores: z.number().int().min(1),
    machine: z.string().optional(),
  }),
  startedAt: z.string(),
  seconds: z.number(),
  runs: z.array(
    z.object({
      strategy: z.string(),
      seed: z.number().int(),
      repeat: z.number().int().min(0),
      cacheSeconds: z.number(),
      curve: z.array(
        z.object({
          epoch: z.number().int().min(0),
          valAccuracy: z.number().min(0).max(1),
          valLoss: number,
          trainLoss: number,
          seconds: z.number(),
          examplesSeen: z.number(),
        }),
      ),
      confusion: z.array(z.array(z.number().int().min(0))),
      misclassified: z.array(z.object({ id: z.string(), label: z.number().int(), predicted: z.number().int() })),
    }),
  ),
});

export type TorchRuns = z.infer<typeof runsSchema>;

/** The project's manifest and its train.py output → the ExperimentResult (`tfjsVersion`: this core's). */
export function summarizeTorchRuns(manifest: unknown, runs: unknown, tfjsVersion: string): ExperimentResult {
  const project = manifest as TorchProjectManifest;
  if (!project || project.format !== TORCH_PROJECT_FORMAT || project.version !== 1)
    throw new TorchExportError('project.json is not a transfer-studio PyTorch project (format/version)');
  const parsed = runsSchema.safeParse(runs);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TorchExportError(`runs.json: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const data = parsed.data;
  const expected = project.trials.map((t) => `${t.strategy}/${t.seed}/${t.repeat}`).sort();
  const found = data.runs.map((t) => `${t.strategy}/${t.seed}/${t.repeat}`).sort();
  if (expected.join() !== found.join()) {
    const missing = expected.filter((key) => !found.includes(key));
    throw new TorchExportError(
      `runs.json holds ${found.length} of the project's ${expected.length} trials` +
        (missing.length ? ` (missing: ${missing.slice(0, 5).join(', ')})` : ' (or others)') +
        '; did train.py finish?',
    );
  }
  const classes = project.dataset.classNames.length;
  const validationCount = project.repeats[0]?.validation.length ?? 0;
  const trials: TrialResult[] = data.runs.map((run) => {
    if (run.confusion.length !== classes || run.confusion.some((row) => row.length !== classes))
      throw new TorchExportError(`runs.json: ${run.strategy} seed ${run.seed}: confusion is not ${classes}×${classes}`);
    const curve: CurvePoint[] = run.curve.map((p) => ({
      ...p,
      valLoss: p.valLoss ?? Number.NaN,
      trainLoss: p.trainLoss ?? Number.NaN,
    }));
    return {
      strategy: run.strategy as StrategyId,
      repeat: run.repeat,
      seed: run.seed,
      curve,
      metrics: summarizeCurve(curve, { validationCount }),
      cacheSeconds: run.cacheSeconds,
      confusion: run.confusion,
      misclassified: run.misclassified,
    };
  });
  const env = data.environment;
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    config: project.config,
    dataset: {
      name: project.dataset.name,
      classNames: project.dataset.classNames,
      trainCount: project.repeats[0]?.train.length ?? 0,
      validationCount,
      duplicates: project.dataset.duplicates,
    },
    split: project.split,
    environment: {
      backend: `pytorch ${env.device}${env.distributedBackend ? ` ${env.distributedBackend}` : ''}`,
      tfjsVersion,
      torchVersion: env.torchVersion,
      cores: env.cores,
      platform: 'node',
      runner: 'pytorch',
      worldSize: env.worldSize,
      ...(env.machine ? { machine: env.machine } : {}),
    },
    runs: trials,
    summary: summarizeStrategies(trials, { validationCount, numClasses: classes }, project.config.strategies),
    startedAt: data.startedAt,
    seconds: data.seconds,
  };
}
