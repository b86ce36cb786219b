/**
 * The measured side of a transferability check: train a feature-extraction head at a candidate's cut through the
 * experiment runner (same split, seeds and curves as any run) and report its plateau accuracy — the mean of the
 * last three epochs' validation accuracy — averaged over seeds, with a t interval over the seeds (the split is
 * fixed, so the interval covers initialisation and shuffling only: method 't-seeds').
 */
import type * as tf from '@tensorflow/tfjs';
import type { BackboneSpec } from '../backbones/types';
import type { Dataset } from '../data/types';
import { runExperiment } from '../experiment/runExperiment';
import type { ExperimentConfig, ExperimentEnvironment } from '../experiment/types';
import { tInterval } from '../math/intervals';
import type { CancelSignal } from '../train/cancel';
import type { CandidateResult } from './candidates';

export async function measureCandidate(
  dataset: Dataset,
  model: tf.LayersModel,
  spec: BackboneSpec,
  cut: string,
  config: ExperimentConfig,
  deps: { environment: ExperimentEnvironment; signal?: CancelSignal; now?: () => number },
): Promise<NonNullable<CandidateResult['measured']>> {
  const result = await runExperiment(
    { ...config, backbone: spec.id, strategies: ['feature-extraction'] },
    {
      dataset,
      spec: { ...spec, defaultCut: cut },
      loadBackbone: async () => model,
      environment: deps.environment,
      signal: deps.signal,
      now: deps.now,
    },
  );
  const plateaus = result.runs.map((trial) => trial.metrics.plateau);
  return { accuracy: tInterval(plateaus, 't-seeds'), seeds: config.seeds, epochs: config.epochs };
}
