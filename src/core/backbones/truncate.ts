import * as tf from '@tensorflow/tfjs';
import { BackboneError } from './errors';
import type { BackboneSpec } from './types';

/**
 * Views of a loaded backbone: the features at a cut layer, and the frozen / trainable halves for fine-tuning top-k.
 *
 * Ownership: every model returned here is built by applying the source model's own layer objects to a new input,
 * so it SHARES the source's weights (training the view trains the source) and holds its own reference on them
 * (tfjs counts one per use of a layer). Dispose each returned model and the source when done, in any order; the
 * weights are freed with the last one.
 *
 * A model composed from a view's symbolic tensors (`tf.model({inputs: view.inputs, outputs: head.apply(...)})`)
 * adds no reference, yet its dispose() releases one per layer: dispose only the head's layers of such a composite
 * (or nest the view as a layer, `tf.sequential({layers: [view, head]})`, which does count).
 *
 * After a view exists, the shared layers have several inbound nodes, so `layer.output` throws ("multiple inbound
 * nodes"); take features with `cutAt` rather than `tf.model({outputs: layer.output})`.
 */

type Layer = tf.layers.Layer;
type SymbolicTensor = tf.SymbolicTensor;

export interface FreezeSplit {
  /** Input → boundary, all layers frozen; null when every block up to the cut is trainable (k = all blocks). */
  frozen: tf.LayersModel | null;
  /** Boundary → cut on a new input of the boundary's shape, layers trainable; null when k = 0. */
  trainable: tf.LayersModel | null;
  /** Name of the layer whose output is cached between the halves; null when nothing is frozen. */
  boundary: string | null;
}

export interface BlockParameters {
  /** The block's last layer (a `spec.blockOutputs` entry). */
  name: string;
  /** All weights of the block's layers, including non-trainable ones (BatchNorm moving statistics). */
  params: number;
  /** Weights that training would change, given the layers' current `trainable` flags. */
  trainableParams: number;
  /** Output shape without the batch dimension, e.g. [7, 7, 256]. */
  outputShape: number[];
}

/** The features model: the source's input → the output of `layerName`. Shares weights (see file comment). */
export function cutAt(model: tf.LayersModel, layerName: string): tf.LayersModel {
  const layer = findLayer(model, layerName);
  if (model.inputs.length !== 1) throw new BackboneError(`cannot cut "${model.name}": it has several inputs`);
  const input = model.inputs[0];
  return rebuildBetween(model, input.sourceLayer, layer, `${model.name}_to_${layerName}`);
}

/**
 * One view with several outputs: the source's input → the outputs of `layerNames`, in that order (one forward pass
 * reads every cut, e.g. for transferability scores at several block ends and the source head). Shares weights like
 * cutAt (see file comment).
 */
export function cutsAt(model: tf.LayersModel, layerNames: readonly string[]): tf.LayersModel {
  if (model.inputs.length !== 1) throw new BackboneError(`cannot cut "${model.name}": it has several inputs`);
  if (layerNames.length === 0) throw new RangeError('cutsAt needs at least one layer name');
  const layers = layerNames.map((name) => findLayer(model, name));
  return rebuildBetween(model, model.inputs[0].sourceLayer, layers, `${model.name}_to_${layerNames.length}_cuts`);
}

/**
 * Splits the backbone for "fine-tune top-k": the last `k` blocks up to `cutLayer` become trainable, the rest frozen.
 * Blocks are `spec.blockOutputs` at or before the cut in layer order. Sets the `trainable` flags of the shared
 * layers (frozen half false, trainable half true; layers after the cut are left alone) — recompile after.
 *
 * The trainable half is rebuilt by applying the layers between the boundary and the cut to a new input, which is
 * possible when every path from the input to the cut passes through the boundary (chains such as MobileNet v1 and
 * digits-vgg, and residual nets at block ends); otherwise this throws a BackboneError naming the skip path.
 */
export function splitAtFreezeDepth(
  model: tf.LayersModel,
  spec: BackboneSpec,
  cutLayer: string,
  k: number,
): FreezeSplit {
  const blocks = blocksUpTo(model, spec, cutLayer);
  if (!Number.isInteger(k) || k < 0 || k > blocks.length) {
    throw new RangeError(
      `freeze depth k must be an integer from 0 to ${blocks.length} (blocks up to "${cutLayer}"), got ${k}`,
    );
  }
  const cut = findLayer(model, cutLayer);
  const input = model.inputs[0].sourceLayer;
  const boundaryLayer = k === blocks.length ? input : findLayer(model, blocks[blocks.length - k - 1]);

  const frozen = k === blocks.length ? null : cutAt(model, boundaryLayer.name);
  let trainable: tf.LayersModel | null = null;
  try {
    if (k > 0)
      trainable = rebuildBetween(model, boundaryLayer, cut, `${model.name}_${boundaryLayer.name}_to_${cutLayer}`);
  } catch (error) {
    frozen?.dispose();
    throw error;
  }
  frozen?.layers.forEach((layer) => (layer.trainable = false));
  trainable?.layers.forEach((layer) => (layer.trainable = true));
  return { frozen, trainable, boundary: frozen ? boundaryLayer.name : null };
}

/** Parameter counts and output shape per block of `spec` (block i = the layers after block i-1's end up to its own). */
export function blockParameterCounts(model: tf.LayersModel, spec: BackboneSpec): BlockParameters[] {
  const layerIndex = new Map(model.layers.map((layer, i) => [layer.name, i]));
  let start = 0;
  return spec.blockOutputs.map((name) => {
    const end = layerIndex.get(name);
    if (end === undefined) throw missingLayer(model, name);
    const layers = model.layers.slice(start, end + 1);
    start = end + 1;
    const count = (weights: tf.LayerVariable[]) => weights.reduce((sum, w) => sum + sizeOf(w.shape), 0);
    const output = outputIn(model, model.layers[end]);
    return {
      name,
      params: layers.reduce((sum, layer) => sum + count(layer.weights), 0),
      trainableParams: layers.reduce((sum, layer) => sum + count(layer.trainableWeights), 0),
      outputShape: output.shape.slice(1).map((d) => d ?? -1),
    };
  });
}

/** Sets `trainable` on every layer of `model` (shared layers change in every view). Recompile afterwards. */
export function setTrainable(model: tf.LayersModel, trainable: boolean): void {
  for (const layer of model.layers) layer.trainable = trainable;
}

/**
 * The same model at a different square input size (convolutional backbones run at any size down to their total
 * stride): re-created from its config with input [size, size, channels] and the weights copied, so it is
 * independent of `model` (the caller disposes both). Fails clearly when a weight shape depends on the input size
 * (Flatten → Dense): cut the model before such layers first.
 */
export async function rebuildAtInputSize(model: tf.LayersModel, size: number): Promise<tf.LayersModel> {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`image size must be a positive integer, got ${size}`);
  const topology = model.toJSON(null, false) as unknown as KerasModelJson;
  const inputConfigs = topology.config.layers
    .filter((layer) => layer.class_name === 'InputLayer')
    .map((layer) => layer.config);
  if (topology.class_name === 'Sequential' && inputConfigs.length === 0 && topology.config.layers.length > 0) {
    inputConfigs.push(topology.config.layers[0].config);
  }
  if (inputConfigs.length !== 1) throw new BackboneError(`cannot resize "${model.name}": expected one input layer`);
  const shape = inputConfigs[0].batch_input_shape as (number | null)[] | undefined;
  if (!shape || shape.length !== 4) {
    throw new BackboneError(
      `cannot resize "${model.name}": its input is not an image [batch, height, width, channels]`,
    );
  }
  inputConfigs[0].batch_input_shape = [shape[0], size, size, shape[3]];

  let resized: tf.LayersModel;
  try {
    resized = await tf.models.modelFromJSON({ modelTopology: topology as unknown as tf.io.ModelJSON['modelTopology'] });
  } catch (error) {
    throw new BackboneError(`"${model.name}" cannot run at ${size}×${size}: ${(error as Error).message}`);
  }
  try {
    // getWeights() returns the variables' current values (not copies); setWeights assigns them without disposing.
    resized.setWeights(model.getWeights());
  } catch (error) {
    resized.dispose();
    throw new BackboneError(
      `"${model.name}" cannot run at ${size}×${size}: a weight shape depends on the input size ` +
        `(${(error as Error).message}); cut the model before its Flatten/Dense head first`,
    );
  }
  resized.layers.forEach((layer, i) => (layer.trainable = model.layers[i].trainable));
  return resized;
}

/** The Keras JSON shape read here (model.toJSON(null, false)). */
interface KerasModelJson {
  class_name: string;
  config: { layers: { class_name: string; config: Record<string, unknown> }[] };
}

/** Layers of `spec.blockOutputs` at or before `cutLayer` in the model's (topological) layer order. */
function blocksUpTo(model: tf.LayersModel, spec: BackboneSpec, cutLayer: string): string[] {
  const layerIndex = new Map(model.layers.map((layer, i) => [layer.name, i]));
  const cutIndex = layerIndex.get(cutLayer);
  if (cutIndex === undefined) throw missingLayer(model, cutLayer);
  return spec.blockOutputs.filter((name) => {
    const index = layerIndex.get(name);
    if (index === undefined) throw missingLayer(model, name);
    return index <= cutIndex;
  });
}

/**
 * A new model: a fresh input shaped like `from`'s output → the layers of `model` between `from` and `to` (one
 * layer, or several for a multi-output view), re-applied (so sharing weights and adding one reference each). Walks
 * the inbound nodes of `to` backwards within `model`'s graph.
 */
function rebuildBetween(model: tf.LayersModel, from: Layer, to: Layer | Layer[], name: string): tf.LayersModel {
  const fromShape = outputIn(model, from).shape;
  const input = tf.input({ shape: fromShape.slice(1), dtype: outputIn(model, from).dtype });
  const built = new Map<string, SymbolicTensor[]>();

  const tensorOf = (layer: Layer, nodeIndex: number, tensorIndex: number, path: string[]): SymbolicTensor => {
    if (layer === from) return input;
    const node = layer.inboundNodes[nodeIndex];
    if (node.inboundLayers.length === 0) {
      throw new BackboneError(
        `cannot split "${model.name}" at "${from.name}": the path ${[layer.name, ...path].join(' → ')} reaches ` +
          `"${path[path.length - 1] ?? layer.name}" without passing through "${from.name}" (a skip connection around the boundary)`,
      );
    }
    const key = `${layer.name}#${nodeIndex}`;
    let outputs = built.get(key);
    if (!outputs) {
      const inputs = node.inboundLayers.map((inbound, i) =>
        tensorOf(inbound, node.nodeIndices[i], node.tensorIndices[i], [layer.name, ...path]),
      );
      const applied = layer.apply(inputs.length === 1 ? inputs[0] : inputs, node.callArgs ?? {});
      outputs = (Array.isArray(applied) ? applied : [applied]) as SymbolicTensor[];
      built.set(key, outputs);
    }
    return outputs[tensorIndex];
  };

  const outputs = (Array.isArray(to) ? to : [to]).map((layer) => tensorOf(layer, nodeIndexIn(model, layer), 0, []));
  return tf.model({ inputs: input, outputs: Array.isArray(to) ? outputs : outputs[0], name });
}

/** The index of `layer`'s inbound node that belongs to `model`'s graph (layers shared by views have several). */
export function nodeIndexIn(model: tf.LayersModel, layer: Layer): number {
  for (let i = 0; i < layer.inboundNodes.length; i++) {
    if (model.containerNodes.has(`${layer.name}_ib-${i}`)) return i;
  }
  throw new BackboneError(`layer "${layer.name}" is not part of "${model.name}"'s graph`);
}

function outputIn(model: tf.LayersModel, layer: Layer): SymbolicTensor {
  const output = layer.getOutputAt(nodeIndexIn(model, layer));
  if (Array.isArray(output)) throw new BackboneError(`layer "${layer.name}" has several outputs; cut elsewhere`);
  return output;
}

function findLayer(model: tf.LayersModel, name: string): Layer {
  const layer = model.layers.find((l) => l.name === name);
  if (!layer) throw missingLayer(model, name);
  return layer;
}

function missingLayer(model: tf.LayersModel, name: string): BackboneError {
  const sample = model.layers.slice(-6).map((l) => l.name);
  return new BackboneError(`"${model.name}" has no layer "${name}" (its last layers: ${sample.join(', ')})`);
}

function sizeOf(shape: readonly (number | null)[]): number {
  return shape.reduce<number>((product, dim) => product * (dim ?? 0), 1);
}
