/**
 * The words every reader of a summary sees for each metric, in one place: the CLI prints them under its table,
 * and the studio's English glossary and tooltips are these strings
 * (src/app/i18n/en.ts imports them; zh-CN translates them). The numbers they describe are computed in
 * learningCurve.ts and compare.ts; change the words here when the computation changes.
 */
import { TIME_TO_ACCURACY_FRACTION } from './compare';
import { MIN_R2 } from './learningCurve';

export const METRIC_DEFINITIONS = {
  start: 'Validation accuracy after the first epoch. Epoch 0 (before any training step) is chance and is no metric.',
  slope:
    'How fast the curve rises: half of its own gain (plateau − epoch 0) divided by the epochs it took to reach it. ' +
    '"fast" when half the gain came within the first epoch — faster than per-epoch points can measure.',
  plateau: 'Mean validation accuracy of the last three epochs: what the curve reached within the budget.',
  asymptote:
    `The level the fitted curve a − (a − s)·exp(−t/τ) approaches, shown only when the fit identifies it: ` +
    `the curve levelled off within the budget (τ ≤ E/3) and the fit explains it (R² ≥ ${MIN_R2}, or all but ` +
    `sampling noise), or the curve is flat within sampling noise (then its mean level). Otherwise "not reached in ` +
    `E epochs", with the plateau as a lower bound.`,
  auc: 'Mean validation accuracy over epochs 1..E (the area under the learning curve).',
  gain:
    'Strategy minus scratch, paired on the same split and seed, then averaged. The asymptote gain uses the plateau ' +
    'wherever either side has no identified asymptote.',
  timeToAccuracy:
    `Epochs (from epoch 1) and seconds until the accuracy first reaches chance + ${Math.round(
      TIME_TO_ACCURACY_FRACTION * 100,
    )} % of scratch's plateau gain above chance; "never" when it does not (with how many trials did). ` +
    'No target when scratch stays at chance. Its interval is cut to [1, E] epochs (E = epochs trained).',
  interval:
    '95 % confidence interval. Over two or more repeats (each a new stratified split and training sample): Student t ' +
    'over the per-repeat means — it covers the split, the sample, initialisation, shuffling and dropout. Over one ' +
    'repeat: t over seeds — it covers initialisation, shuffling and dropout only, not which images were drawn. A ' +
    'single accuracy (one class, one epoch, one training) carries a Wilson interval from the number of validation ' +
    'images it was measured on: it covers which images were drawn only. Every t interval assumes a spread of at ' +
    'least one validation image (one epoch for epochs), so repeats that agree exactly never give a zero-width ' +
    'interval.',
  verdict:
    '"Beat scratch" and "negative transfer" are said only when the 95 % interval of the paired gain excludes zero ' +
    '(AUC gain for the verdict, asymptote gain for negative transfer); otherwise "no clear difference".',
} as const;

export type DefinitionKey = keyof typeof METRIC_DEFINITIONS;
