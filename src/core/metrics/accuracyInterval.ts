/**
 * The 95 % interval of one accuracy shown on its own (the learning-curve tooltip): Wilson's interval for a
 * proportion measured on `validationCount` images (math/intervals.ts). It covers the sampling of the validation
 * images only — not initialisation, split or training sample; the summary's t intervals cover those.
 * `accuracy` may be a mean over seeds on the same images; it is then read as that share of the images
 * (accuracy × n correct of n), which is what one accuracy of that value would carry.
 */
import { wilsonInterval, type Estimate } from '../math/intervals';

/** Wilson interval of `accuracy` (in [0, 1]) on `validationCount` images; no interval when the count is 0. */
export function accuracyInterval(accuracy: number, validationCount: number): Estimate {
  return wilsonInterval(accuracy * validationCount, validationCount);
}
