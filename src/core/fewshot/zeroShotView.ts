/**
 * The studio's zero-shot demo on numbers the engine computed once: attribute classifiers trained on the seen
 * classes' embeddings (zeroShot.ts), then, for any version of the class rows the user edits, the evaluation on the
 * unseen classes' test images and the decisions on a few of them. Re-deciding with edited rows needs no new
 * embedding or training: only the rows of the candidates change the DAP decision. Pure numbers.
 */
import type { AttributeTable } from './attributes';
import {
  evaluateZeroShot,
  explainExamples,
  identicalRows,
  trainAttributeClassifiers,
  type ZeroShotEvaluation,
  type ZeroShotExample,
} from './zeroShot';
import type { ZeroShotConfig } from './runZeroShot';

/** Embedded images with table row indices as labels and their example ids. */
export interface ZeroShotSplit {
  vectors: Float32Array[];
  labels: number[];
  ids: string[];
}

export interface ZeroShotView {
  backbone: string;
  cut: string;
  /** The table with the rows the evaluation used (edited or not). */
  table: AttributeTable;
  seen: number[];
  unseen: number[];
  /** Whether `table.rows` differ from the configured table. */
  edited: boolean;
  evaluation: ZeroShotEvaluation;
  /** Decisions on a few test images (the first `examplesPerClass` of each unseen class), with their ids. */
  examples: (ZeroShotExample & { id: string })[];
  /** Unseen classes whose rows are identical (DAP cannot separate them). */
  identical: [number, number][];
  trainImages: number;
  testImages: number;
}

export interface ZeroShotState {
  /** The view for class rows `rows` (the configured table's rows when omitted); RangeError for a malformed row. */
  view(rows?: readonly (readonly number[])[]): ZeroShotView;
}

/** Trains the attribute classifiers once; `view` then evaluates any version of the rows. */
export function createZeroShotState(
  config: ZeroShotConfig & { cut: string },
  train: ZeroShotSplit,
  test: ZeroShotSplit,
  examplesPerClass = 2,
): ZeroShotState {
  const classifiers = trainAttributeClassifiers(train.vectors, train.labels, config.table, config.seen, {
    lambda: config.lambda,
  });
  const exampleIndices = config.unseen.flatMap((c) =>
    test.labels.flatMap((l, i) => (l === c ? [i] : [])).slice(0, examplesPerClass),
  );
  const original = config.table.rows;
  return {
    view(rows = original) {
      const m = config.table.attributes.length;
      if (rows.length !== original.length || rows.some((r) => r.length !== m || r.some((v) => v !== 0 && v !== 1)))
        throw new RangeError(`rows must be ${original.length} rows of ${m} values 0 or 1`);
      const copy = rows.map((r) => [...r]);
      return {
        backbone: config.backbone,
        cut: config.cut,
        table: { ...config.table, rows: copy },
        seen: [...config.seen],
        unseen: [...config.unseen],
        edited: copy.some((r, c) => r.join() !== original[c].join()),
        evaluation: evaluateZeroShot(classifiers, test.vectors, test.labels, config.unseen, copy),
        examples: explainExamples(classifiers, test.vectors, test.labels, config.unseen, exampleIndices, copy).map(
          (e) => ({ ...e, id: test.ids[e.index] }),
        ),
        identical: identicalRows(copy, config.unseen),
        trainImages: train.vectors.length,
        testImages: test.vectors.length,
      };
    },
  };
}
