import type { StateCreator } from 'zustand';

/**
 * The target dataset of the next experiment: the built-in sample, or a dataset stored in the workspace (dropped
 * folders, zips, webcam captures; `datasetId`, all its images, split by the strategy's validation fraction).
 * Sample sizes mirror the CLI's `digits-ab` preset (src/node/presets.ts): n training examples per class plus a
 * fixed 60 validation examples per class, the first ones of each class.
 */
export interface DatasetSlice {
  dataset: {
    kind: 'sample' | 'workspace';
    sampleId: 'digits';
    /** The stored dataset when kind is 'workspace', else null. */
    datasetId: string | null;
    /** Class names in label order. */
    classNames: string[];
    /** The sample's split (unused for a workspace dataset). */
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
  trainPerClass: 10,
  validationPerClass: 60,
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
