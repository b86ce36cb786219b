/**
 * What the next run will do, read from the store's selections: the dataset with its per-class training /
 * validation split (the numbers core's stratified split will use), the backbone and where it came from, the
 * strategies, freeze depth and budget. Pure, so the overview, the run bar and tests read the same facts.
 */
import { findBackbone } from '../../core/backbones/catalogue';
import { DIGITS_AB } from '../../core/experiment/digitsAb';
import type { BackboneSpec } from '../../core/backbones/types';
import { CONFIG_DEFAULTS } from '../../core/experiment/config';
import type { StrategyId } from '../../core/train/types';
import type { StudioState } from '../../store';
import { blockCountOf } from '../../store/backboneEvents';
import { selectEffectiveImageSize } from '../../store/imageSize';
import { initialStrategy } from '../../store/strategySlice';
import type { BackboneOrigin } from '../../worker/protocol/backbone';
import { validationCount } from '../dataset';

/** The built-in demo: the sample digits 5–9 with the built-in digits-vgg (trained on 0–4). */
export const DEMO_BACKBONE = 'digits-vgg';

export interface ClassSplit {
  name: string;
  train: number;
  validation: number;
}

export interface SetupFacts {
  /** The built-in digits with the built-in digits-vgg: the demo's one-sentence story applies. */
  demo: boolean;
  /** The demo exactly as the page first opens (nothing to reset). */
  atDemoDefaults: boolean;
  dataset: { kind: 'sample' | 'workspace'; name: string | null; classes: ClassSplit[] };
  backbone: {
    id: string;
    family: BackboneSpec['family'] | null;
    /** Where the selected backbone's weights came from; 'loading' while a load is under way. */
    origin: BackboneOrigin | 'loading' | 'none';
    location: string | null;
    /** Blocks up to the cut (the freeze-depth slider's maximum). */
    blocks: number;
  };
  strategies: StrategyId[];
  freezeDepth: number;
  epochs: number;
  seeds: number;
  batchSize: number;
  imageSize: number;
  augment: boolean;
}

export type SetupState = Pick<StudioState, 'dataset' | 'backbone' | 'strategy'> & {
  workspace: Pick<StudioState['workspace'], 'datasets'>;
};

/** The validation fraction a stored dataset is split by: the Strategy panel's when valid, else the default. */
function storedFraction(fraction: number | null): number {
  return fraction !== null && Number.isFinite(fraction) && fraction > 0 && fraction < 0.9
    ? fraction
    : CONFIG_DEFAULTS.validationFraction;
}

/** Per-class split of the built-in sample, as the Dataset panel shows it (10 training, 50 validation by default). */
function sampleClasses(state: SetupState): ClassSplit[] {
  const { classNames, trainPerClass, validationPerClass } = state.dataset;
  const perClass = DIGITS_AB.imagesPerClass;
  const chosen = state.strategy.validationFraction;
  const validation =
    chosen === null || !Number.isFinite(chosen) ? validationPerClass : validationCount(perClass, chosen);
  const train = Math.min(trainPerClass, perClass - validation);
  return classNames.map((name) => ({ name, train, validation }));
}

export function describeSetup(state: SetupState): SetupFacts {
  const { dataset, backbone, strategy } = state;
  const stored =
    dataset.kind === 'workspace' ? state.workspace.datasets.find((d) => d.id === dataset.datasetId) : undefined;
  let classes: ClassSplit[];
  if (dataset.kind === 'sample') classes = sampleClasses(state);
  else {
    const fraction = storedFraction(strategy.validationFraction);
    const names = stored?.classNames ?? dataset.classNames;
    classes = names.map((name, i) => {
      const n = stored?.counts[i] ?? 0;
      const validation = validationCount(n, fraction);
      return { name, train: n - validation, validation };
    });
  }
  const spec: BackboneSpec | undefined = findBackbone(backbone.id);
  const origin: SetupFacts['backbone']['origin'] = backbone.pending ? 'loading' : (backbone.loaded?.origin ?? 'none');
  const demo = dataset.kind === 'sample' && backbone.id === DEMO_BACKBONE;
  const defaults = initialStrategy();
  const atDemoDefaults =
    demo &&
    !backbone.pending &&
    origin !== 'files' &&
    backbone.freezeDepth === 1 &&
    strategy.strategies.join() === defaults.strategies.join() &&
    (['seeds', 'epochs', 'batchSize', 'learningRate', 'imageSize', 'augment', 'validationFraction'] as const).every(
      (key) => strategy[key] === defaults[key],
    );
  return {
    demo,
    atDemoDefaults,
    dataset: { kind: dataset.kind, name: stored?.name ?? null, classes },
    backbone: {
      id: backbone.id,
      family: spec?.family ?? null,
      origin,
      location: backbone.loaded?.location ?? null,
      blocks: blockCountOf(backbone.id),
    },
    strategies: strategy.strategies,
    freezeDepth: backbone.freezeDepth,
    epochs: strategy.epochs,
    seeds: strategy.seeds,
    batchSize: strategy.batchSize,
    imageSize: selectEffectiveImageSize(state),
    augment: strategy.augment,
  };
}

/** The same per-class numbers in every class (the sample; a balanced folder), or null. */
export function uniformSplit(classes: readonly ClassSplit[]): { train: number; validation: number } | null {
  if (classes.length === 0) return null;
  const [first] = classes;
  return classes.every((c) => c.train === first.train && c.validation === first.validation)
    ? { train: first.train, validation: first.validation }
    : null;
}
