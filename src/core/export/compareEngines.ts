/**
 * The same experiment on two engines (a PyTorch run summarised by `summarize` against the CLI's `run`): per
 * strategy, the paired plateau difference (other − reference on the same repeat and seed, i.e. the same split
 * and training sample; the seeds' initialisations differ, since the engines' random generators do), with its 95 %
 * interval (math/intervals.ts repeatInterval: t over per-repeat means when there are repeats). "No clear
 * difference" — the interval includes zero — is what "within seed noise" means here; the reference's own
 * interval is reported beside it. Both results must share the split digest, or they are not the same experiment.
 */
import { directionOf, repeatInterval, type Direction, type Estimate } from '../math/intervals';
import type { ExperimentResult } from '../experiment/types';
import { TorchExportError } from './torchBackbone';

export interface EngineComparison {
  strategy: string;
  reference: Estimate;
  other: Estimate;
  /** other − reference plateau, paired by repeat and seed. */
  difference: Estimate;
  direction: Direction;
  /** The other engine's plateau mean lies inside the reference's 95 % interval. */
  insideReferenceInterval: boolean;
}

export function compareEngines(reference: ExperimentResult, other: ExperimentResult): EngineComparison[] {
  if (!reference.split || !other.split || reference.split.digest !== other.split.digest)
    throw new TorchExportError(
      `the two results ran on different splits (digests ${reference.split?.digest ?? 'none'} and ` +
        `${other.split?.digest ?? 'none'}); compare runs of the same experiment`,
    );
  return reference.summary.map((row) => {
    const twin = other.summary.find((s) => s.strategy === row.strategy);
    if (!twin) throw new TorchExportError(`${row.strategy} is in one result only`);
    const key = (t: { repeat: number; seed: number }) => `${t.repeat}/${t.seed}`;
    const theirs = new Map(other.runs.filter((t) => t.strategy === row.strategy).map((t) => [key(t), t]));
    const pairs = reference.runs
      .filter((t) => t.strategy === row.strategy && theirs.has(key(t)))
      .map((t) => ({ repeat: t.repeat, value: theirs.get(key(t))!.metrics.plateau - t.metrics.plateau }));
    const difference = repeatInterval(pairs);
    const [low, high] = row.metrics.plateau.ci95 ?? [row.metrics.plateau.mean, row.metrics.plateau.mean];
    const mean = twin.metrics.plateau.mean;
    return {
      strategy: row.strategy,
      reference: row.metrics.plateau,
      other: twin.metrics.plateau,
      difference,
      direction: directionOf(difference),
      insideReferenceInterval: mean >= low && mean <= high,
    };
  });
}
