import { wilsonInterval, type Estimate } from '../math/intervals';

/**
 * Confusion matrix and accuracies from integer labels and predictions (class indices 0..classCount−1).
 * Rows are the true class, columns the predicted class (the TrialResult.confusion convention).
 */
export function confusionMatrix(
  labels: readonly number[],
  predictions: readonly number[],
  classCount: number,
): number[][] {
  if (labels.length !== predictions.length) {
    throw new RangeError(`labels (${labels.length}) and predictions (${predictions.length}) differ in length`);
  }
  const matrix = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0));
  for (let i = 0; i < labels.length; i++) {
    const truth = labels[i];
    const predicted = predictions[i];
    if (!isClass(truth, classCount) || !isClass(predicted, classCount)) {
      throw new RangeError(`example ${i}: label ${truth} / prediction ${predicted} outside 0..${classCount - 1}`);
    }
    matrix[truth][predicted]++;
  }
  return matrix;
}

/** Fraction of correct predictions (trace / total); 0 for an empty matrix. */
export function accuracyFromConfusion(matrix: readonly (readonly number[])[]): number {
  let correct = 0;
  let total = 0;
  matrix.forEach((row, i) => {
    for (const n of row) total += n;
    correct += row[i] ?? 0;
  });
  return total === 0 ? 0 : correct / total;
}

/**
 * Recall of each class (diagonal / row sum). null for a class with no examples, so "no data" is not shown
 * as 0 % or NaN.
 */
export function perClassAccuracy(matrix: readonly (readonly number[])[]): (number | null)[] {
  return matrix.map((row, i) => {
    const total = row.reduce((p, n) => p + n, 0);
    return total === 0 ? null : (row[i] ?? 0) / total;
  });
}

/**
 * Each class's accuracy over several trials' confusion matrices (the seeds and repeats of one strategy), with the
 * Wilson 95 % interval of one accuracy on that class's validation images (math/intervals.ts).
 *
 * The value is correct / images pooled over the trials (the mean over trials when each scored as many images of the
 * class). The interval is Wilson's for k̄ of n̄, the mean correct count of the mean number of images per trial: the
 * trials of one repeat score the SAME images, so pooling their counts as independent draws would narrow the interval
 * with every seed. It covers which validation images were drawn (the sampling error of one validation set), not the
 * seeds. null for a class without images. Matrices may differ in size; a missing row counts as no images.
 */
export function perClassEstimates(matrices: readonly (readonly (readonly number[])[])[]): (Estimate | null)[] {
  const classes = Math.max(0, ...matrices.map((m) => m.length));
  return Array.from({ length: classes }, (_, c) => {
    let correct = 0;
    let images = 0;
    for (const matrix of matrices) {
      const row = matrix[c] ?? [];
      correct += row[c] ?? 0;
      images += row.reduce((p, n) => p + n, 0);
    }
    if (images === 0 || matrices.length === 0) return null;
    const perTrial = wilsonInterval(correct / matrices.length, images / matrices.length);
    return { ...perTrial, mean: correct / images };
  });
}

/** Plain accuracy from labels and predictions; 0 when there are none. */
export function accuracy(labels: readonly number[], predictions: readonly number[]): number {
  if (labels.length !== predictions.length) {
    throw new RangeError(`labels (${labels.length}) and predictions (${predictions.length}) differ in length`);
  }
  if (labels.length === 0) return 0;
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === predictions[i]) correct++;
  return correct / labels.length;
}

function isClass(x: number, classCount: number): boolean {
  return Number.isInteger(x) && x >= 0 && x < classCount;
}
