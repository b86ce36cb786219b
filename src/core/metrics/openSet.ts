/**
 * "None of these" for a closed-set classifier. A softmax always sums to 1 over the classes it knows, so it always
 * names one of them, even for an image of none (a cat shown to a flower classifier). The simplest remedy, the
 * maximum-softmax-probability baseline (Hendrycks & Gimpel, 2017), answers "none of these" when the top
 * probability is below a threshold; it catches some unknowns, not all (a confident mistake stays one).
 */

export interface ThresholdedAnswer {
  /** Index of the most probable class (−1 for an empty row). */
  top: number;
  /** Its probability, in [0, 1]. */
  confidence: number;
  /** True when `confidence` is below the threshold: the answer is "none of these". */
  none: boolean;
}

/** The top class of `probabilities` and whether it clears `threshold` (0 = always answer, as the classifier does). */
export function answerWithThreshold(probabilities: readonly number[], threshold: number): ThresholdedAnswer {
  if (!(threshold >= 0 && threshold <= 1)) throw new RangeError(`threshold must be in [0, 1], got ${threshold}`);
  let top = -1;
  let confidence = -Infinity;
  probabilities.forEach((p, i) => {
    if (p > confidence) {
      confidence = p;
      top = i;
    }
  });
  if (top < 0) return { top: -1, confidence: 0, none: true };
  return { top, confidence, none: confidence < threshold };
}
