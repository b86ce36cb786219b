import type { CurvePoint } from '../train/types';

/** Test helper: a curve from accuracies per epoch (index = epoch), one second per epoch. */
export function curveOf(accuracies: readonly number[], secondsPerEpoch = 1): CurvePoint[] {
  return accuracies.map((valAccuracy, epoch) => ({
    epoch,
    valAccuracy,
    valLoss: 1 - valAccuracy,
    trainLoss: epoch === 0 ? NaN : 1 - valAccuracy,
    seconds: epoch * secondsPerEpoch,
    examplesSeen: epoch * 100,
  }));
}
