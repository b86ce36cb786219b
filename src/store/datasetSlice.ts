import type { StateCreator } from 'zustand';

/**
 * The target dataset of the next experiment. Only the built-in sample exists so far; dropped folders, zips and
 * webcam captures will add kinds here. Sizes mirror the CLI's `digits-ab` preset (src/cli/presets.ts): n training
 * examples per class plus a fixed 60 validation examples per class, the first ones of each class.
 */
export interface DatasetSlice {
  dataset: {
    kind: 'sample';
    sampleId: 'digits';
    /** Class names in label order. */
    classNames: string[];
    trainPerClass: number;
    validationPerClass: number;
  };
}

export const initialDataset = (): DatasetSlice['dataset'] => ({
  kind: 'sample',
  sampleId: 'digits',
  classNames: ['5', '6', '7', '8', '9'],
  trainPerClass: 10,
  validationPerClass: 60,
});

export const createDatasetSlice: StateCreator<DatasetSlice, [], [], DatasetSlice> = () => ({
  dataset: initialDataset(),
});
