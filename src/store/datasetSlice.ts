import type { StateCreator } from 'zustand';
import { DIGITS_AB, DIGITS_AB_VALIDATION_PER_CLASS } from '../core/experiment/digitsAb';

/**
 * The target dataset of the next experiment: the built-in sample, or a dataset stored in the workspace (dropped
 * folders, zips, webcam captures; `datasetId`, all its images, split by the strategy's validation fraction).
 * The sample is the built-in experiment, the CLI's `digits-ab` preset (core/experiment/digitsAb.ts): all 100 images
 * per class, 50 of each validate (a fixed stratified split), n training examples per class drawn from the rest.
 */
export interface DatasetSlice {
  dataset: {
    kind: 'sample' | 'workspace';
    sampleId: 'digits';
    /** The stored dataset when kind is 'workspace', else null. */
    datasetId: string | null;
    /** Class names in label order. */
    classNames: string[];
    /** The sample's split (unused for a workspace dataset): the built-in experiment's (core/experiment/digitsAb.ts). */
    trainPerClass: number;
    validationPerClass: number;
  };
  /** Uses the built-in sample (null) or stored dataset `datasetId` with its current class names. */
  selectDataset(selection: { datasetId: string; classNames: string[] } | null): void;
}

export const initialDataset = (): DatasetSlice['dataset'] => ({
  kind: 'sample',
  sampleId: 'digits',
  datasetId: null,
  classNames: ['5', '6', '7', '8', '9'],
  trainPerClass: DIGITS_AB.defaultTrainPerClass,
  validationPerClass: DIGITS_AB_VALIDATION_PER_CLASS,
});

export const createDatasetSlice: StateCreator<DatasetSlice, [], [], DatasetSlice> = (set) => ({
  dataset: initialDataset(),
  selectDataset: (selection) =>
    set({
      dataset: selection
        ? {
            ...initialDataset(),
            kind: 'workspace',
            datasetId: selection.datasetId,
            classNames: [...selection.classNames],
          }
        : initialDataset(),
    }),
});
