/**
 * The measured side of a transferability check: train a feature-extraction head at a candidate's cut through the
 * experiment runner (same split, seeds and curves as any run) and report its plateau accuracy — the mean of the
 * last three epochs' validation accuracy — averaged over seeds, with a t interval over the seeds (the split is
 * fixed, so the interval covers initialisation and shuffling only: method 't-seeds'), cut to [0, 1] as every
 * accuracy interval of the summary is.
 */
import type * as tf from '@tensorflow/tfjs';
import type { BackboneSpec } from '../backbones/types';
import type { Dataset } from '../data/types';
import { runExperiment } from '../experiment/runExperiment';
import type { ExperimentConfig, ExperimentEnvironment } from '../experiment/types';
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
  // The runner's summary: the mean over seeds with its t interval intersected with [0, 1] (metrics/compare.ts).
  const summary = result.summary.find((s) => s.strategy === 'feature-extraction');
  if (!summary) throw new Error(`no feature-extraction summary for ${spec.id} at ${cut}`);
  return { accuracy: summary.metrics.plateau, seeds: config.seeds, epochs: config.epochs };
}
