import * as tf from '@tensorflow/tfjs';
import type { BackboneSpec } from '../backbones/types';
import { splitAtFreezeDepth } from '../backbones/truncate';
import type { InputBatches } from '../data/inputBatches';
import { computeBoundary, materialiseInputs } from '../train/boundaryCache';
import type { CancelSignal } from '../train/cancel';

/**
 * "Embed once" across a depth sweep: the activations of every image at the freeze boundary of each depth, for one
 * source of weights. Depth k (k trainable top blocks of B up to the cut) has its boundary at the output of block
 * B − k; going from a larger k to a smaller one only runs the blocks in between on the previous boundary, so each
 * image passes through each frozen block exactly once per source, whatever the number of depths, sizes, repeats
 * and seeds. Only the current boundary is held (the caller frees the previous one once the next exists).
 */

export interface ChainContext {
  /**
   * What runs the frozen blocks: the backbone at the sweep's input size or its BatchNorm-folded cut (borrowed;
   * layers' trainable flags are restored after each step).
   */
  backbone: tf.LayersModel;
  /** A spec whose blockOutputs all exist in `backbone`. */
  spec: BackboneSpec;
  cutLayer: string;
  signal?: CancelSignal;
  onProgress?: (done: number, total: number) => void;
}

/** Blocks up to and including the cut (the largest depth). */
export function blocksUpToCut(spec: BackboneSpec, cutLayer: string): number {
  const index = spec.blockOutputs.indexOf(cutLayer);
  return index >= 0 ? index + 1 : spec.blockOutputs.length;
}

/** The boundary at `from.depth` (raw inputs when from.depth = B) as it is held between steps. */
export interface Boundary {
  depth: number;
  rows: tf.Tensor | InputBatches;
}

/**
 * The boundary activations at depth `to` (a new tensor the caller disposes), computed from `from` (borrowed), which
 * must be at a depth ≥ `to`. At to = B (nothing frozen) they are the preprocessed inputs themselves. Returns the
 * number of image × block forward passes made, for the cache statistics.
 */
export async function advanceBoundary(
  ctx: ChainContext,
  from: Boundary,
  to: number,
): Promise<{ rows: tf.Tensor; blockPasses: number }> {
  const blocks = blocksUpToCut(ctx.spec, ctx.cutLayer);
  if (!(Number.isInteger(to) && to >= 0 && to <= from.depth && from.depth <= blocks)) {
    throw new RangeError(`cannot go from depth ${from.depth} to ${to} (of ${blocks} blocks)`);
  }
  const count = from.rows instanceof tf.Tensor ? from.rows.shape[0] : from.rows.count;
  const options = { signal: ctx.signal, onProgress: ctx.onProgress };
  if (to === from.depth) {
    const rows = from.rows instanceof tf.Tensor ? from.rows.clone() : await materialiseInputs(from.rows, options);
    return { rows, blockPasses: 0 };
  }
  const flags = ctx.backbone.layers.map((layer) => layer.trainable);
  // Segment from boundary(from.depth) to boundary(to): the frozen half of a split at the cut when starting from
  // the inputs, else the trainable half of a split whose "cut" is boundary(to), `from.depth − to` blocks deep.
  const split =
    from.depth === blocks
      ? splitAtFreezeDepth(ctx.backbone, ctx.spec, ctx.cutLayer, to)
      : splitAtFreezeDepth(ctx.backbone, ctx.spec, ctx.spec.blockOutputs[blocks - to - 1], from.depth - to);
  const segment = from.depth === blocks ? split.frozen : split.trainable;
  try {
    if (!segment) throw new Error(`no segment from depth ${from.depth} to ${to}`);
    const rows = await computeBoundary(segment, from.rows, options);
    return { rows, blockPasses: count * (from.depth - to) };
  } finally {
    split.frozen?.dispose();
    split.trainable?.dispose();
    ctx.backbone.layers.forEach((layer, i) => (layer.trainable = flags[i]));
  }
}
