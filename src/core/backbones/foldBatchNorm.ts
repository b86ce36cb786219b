import * as tf from '@tensorflow/tfjs';
import { BackboneError } from './errors';
import { nodeIndexIn } from './truncate';

/**
 * A frozen backbone's BatchNorm folded into the convolution before it (DESIGN.md "BatchNorm folding for frozen
 * blocks"). In inference, BatchNorm is the affine map y = γ·(x − μ)/√(σ² + ε) + β per channel, so after a
 * convolution (weights W, bias b) it is the same convolution with W'ₖ = Wₖ·sₖ and b'ₖ = β + (bₖ − μₖ)·sₖ, where
 * sₖ = γₖ/√(σ²ₖ + ε) for output channel k. The following ReLU / ReLU6 then runs in the same kernel
 * (tf.fused.conv2d / tf.fused.depthwiseConv2d: convolution + bias + activation in one pass; on WASM one XNNPACK
 * operator with its output clamp). MobileNet v1 at 224 px spent most of an embedding outside its convolutions —
 * the separate BatchNorm and `minimum(6, relu(x))` passes over every activation — which this removes.
 *
 * Only for frozen parts: the folded copy has no BatchNorm parameters to train or statistics to update. Trainable
 * blocks stay unfolded (their BatchNorm parameters train).
 */

type Shape = (number | null)[];

/** Activations a fused convolution kernel applies itself, in every tfjs backend. */
type FusedActivation = 'linear' | 'relu' | 'relu6';

interface FoldedConvArgs {
  /** The name of the chain's last layer (BatchNorm or activation), so cut points keep their names. */
  name: string;
  kind: 'conv2d' | 'depthwise';
  kernelShape: number[];
  strides: [number, number];
  padding: 'same' | 'valid';
  dilations: [number, number];
  activation: FusedActivation;
}

/**
 * Convolution + bias + activation in one fused op, for inference. Its kernel and bias are set once after the model
 * is built (foldBatchNorm) and never trained (trainable: false).
 */
class FoldedConv extends tf.layers.Layer {
  static className = 'TransferStudioFoldedConv';
  private kernel: tf.LayerVariable | null = null;
  private bias: tf.LayerVariable | null = null;

  constructor(private readonly args: FoldedConvArgs) {
    super({ name: args.name, trainable: false });
  }

  override build(): void {
    const [, , inChannels, last] = this.args.kernelShape;
    const channels = this.args.kind === 'depthwise' ? inChannels * last : last;
    const zeros = tf.initializers.zeros();
    this.kernel = this.addWeight('kernel', this.args.kernelShape, 'float32', zeros, undefined, false);
    this.bias = this.addWeight('bias', [channels], 'float32', zeros, undefined, false);
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const { kernelShape, strides, padding, dilations, kind } = this.args;
    const side = (size: number | null, axis: 0 | 1) => {
      if (size == null) return null;
      const extent = (kernelShape[axis] - 1) * dilations[axis] + 1;
      return padding === 'same' ? Math.ceil(size / strides[axis]) : Math.ceil((size - extent + 1) / strides[axis]);
    };
    const channels = kind === 'depthwise' ? kernelShape[2] * kernelShape[3] : kernelShape[3];
    return [shape[0], side(shape[1], 0), side(shape[2], 1), channels];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      const { strides, padding, dilations, activation } = this.args;
      const filter = this.kernel!.read() as tf.Tensor4D;
      const bias = this.bias!.read();
      return this.args.kind === 'conv2d'
        ? tf.fused.conv2d({ x, filter, strides, pad: padding, dilations, bias, activation, dataFormat: 'NHWC' })
        : tf.fused.depthwiseConv2d({ x, filter, strides, pad: padding, dilations, bias, activation });
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const { kind, kernelShape, strides, padding, dilations, activation } = this.args;
    return { ...super.getConfig(), kind, kernelShape, strides, padding, dilations, activation };
  }
}

/** conv → BatchNorm (→ activation) found in the graph, with the folded weights to set. */
interface Chain {
  conv: tf.layers.Layer;
  batchNorm: tf.layers.Layer;
  activation: tf.layers.Layer | null;
  args: FoldedConvArgs;
}

export interface FoldOptions {
  /** Layers whose outputs must stay visible (e.g. a cut in the middle of a block); chains stop at them. */
  keep?: readonly string[];
}

/**
 * A frozen, independent copy of `model` (input → its outputs) in which every convolution followed by an inference
 * BatchNorm, and that BatchNorm's ReLU / ReLU6 / linear activation if it has one, is one FoldedConv layer named
 * after the chain's last layer — so every block output (`conv_pw_N_relu`, `block_1_project_BN`, …) exists under its
 * own name and `cutAt` works on the copy. Every other layer is re-created from its config with its weights copied.
 * A chain is folded only when each link is the sole consumer of the one before and no link but the last is an
 * output of `model` or listed in `options.keep`; channels-last 2-D convolutions only, without their own activation.
 *
 * Equal to `model.predict` to float tolerance (foldBatchNorm.test.ts: embeddings of real photos within 1e-4).
 * Ownership: the copy owns its weights (the caller disposes it and `model`, in any order); `model` is not changed.
 * Weights are read asynchronously (a WebGL/WebGPU download), so this returns a promise.
 */
export async function foldBatchNorm(model: tf.LayersModel, options: FoldOptions = {}): Promise<tf.LayersModel> {
  if (model.inputs.length !== 1) throw new BackboneError(`cannot fold "${model.name}": it has several inputs`);
  const graph = readGraph(model);
  const chains = findChains(model, graph, new Set([...model.outputLayers.map((l) => l.name), ...(options.keep ?? [])]));
  const chainOf = new Map<string, Chain>();
  for (const chain of chains) {
    for (const link of [chain.conv, chain.batchNorm, chain.activation]) if (link) chainOf.set(link.name, chain);
  }

  const sourceInput = model.inputs[0];
  const input = tf.input({ shape: sourceInput.shape.slice(1) as number[], dtype: sourceInput.dtype });
  const outputs = new Map<string, tf.SymbolicTensor[]>([[sourceInput.sourceLayer.name, [input]]]);
  const folded: { layer: FoldedConv; chain: Chain }[] = [];
  const copied: { copy: tf.layers.Layer; source: tf.layers.Layer }[] = [];
  for (const layer of model.layers) {
    if (outputs.has(layer.name)) continue; // the input layer
    const chain = chainOf.get(layer.name);
    if (chain && layer !== chain.conv) continue; // BatchNorm and activation are inside the chain's one layer
    const node = graph.get(layer.name)!;
    const inputs = node.inbound.map(({ layer: from, tensorIndex }) => {
      const produced = outputs.get(from.name);
      if (!produced)
        throw new BackboneError(`cannot fold "${model.name}": "${from.name}" is not built before "${layer.name}"`);
      return produced[tensorIndex];
    });
    if (chain) {
      const foldedLayer = new FoldedConv(chain.args);
      const out = foldedLayer.apply(inputs[0]) as tf.SymbolicTensor;
      folded.push({ layer: foldedLayer, chain });
      outputs.set((chain.activation ?? chain.batchNorm).name, [out]);
      continue;
    }
    const copy = copyLayer(layer);
    const applied = copy.apply(inputs.length === 1 ? inputs[0] : inputs, node.callArgs);
    outputs.set(layer.name, (Array.isArray(applied) ? applied : [applied]) as tf.SymbolicTensor[]);
    copied.push({ copy, source: layer });
  }
  const modelOutputs = model.outputs.map((output) => {
    const produced = outputs.get(output.sourceLayer.name);
    if (!produced) throw new BackboneError(`cannot fold "${model.name}": output "${output.sourceLayer.name}" lost`);
    return produced[output.outputTensorIndex ?? 0];
  });
  const result = tf.model({ inputs: input, outputs: modelOutputs, name: `${model.name}_folded` });
  try {
    for (const { copy, source } of copied) copy.setWeights(source.getWeights());
    for (const { layer, chain } of folded) {
      const [kernel, bias] = await foldedWeights(chain);
      layer.setWeights([kernel, bias]);
      tf.dispose([kernel, bias]);
    }
  } catch (error) {
    result.dispose();
    throw error;
  }
  result.layers.forEach((layer) => (layer.trainable = false));
  return result;
}

interface GraphNode {
  inbound: { layer: tf.layers.Layer; tensorIndex: number }[];
  callArgs: tf.serialization.ConfigDict;
}

/** Each layer's inbound layers within `model`'s graph (its layers may be shared with other views). */
function readGraph(model: tf.LayersModel): Map<string, GraphNode> {
  const graph = new Map<string, GraphNode>();
  for (const layer of model.layers) {
    const node = layer.inboundNodes[nodeIndexIn(model, layer)];
    graph.set(layer.name, {
      inbound: node.inboundLayers.map((from, i) => ({ layer: from, tensorIndex: node.tensorIndices[i] })),
      callArgs: (node.callArgs ?? {}) as tf.serialization.ConfigDict,
    });
  }
  return graph;
}

function findChains(model: tf.LayersModel, graph: Map<string, GraphNode>, visible: Set<string>): Chain[] {
  const consumers = new Map<string, tf.layers.Layer[]>();
  for (const layer of model.layers) {
    for (const { layer: from } of graph.get(layer.name)!.inbound) {
      consumers.set(from.name, [...(consumers.get(from.name) ?? []), layer]);
    }
  }
  const soleConsumer = (layer: tf.layers.Layer) => {
    const next = consumers.get(layer.name) ?? [];
    return next.length === 1 && !visible.has(layer.name) ? next[0] : null;
  };
  const chains: Chain[] = [];
  for (const conv of model.layers) {
    const convArgs = foldableConv(conv);
    const batchNorm = convArgs && soleConsumer(conv);
    if (!convArgs || !batchNorm || !isInferenceBatchNorm(batchNorm)) continue;
    const next = soleConsumer(batchNorm);
    const activation = next ? fusedActivationOf(next) : null;
    const last = activation ? next! : batchNorm;
    chains.push({
      conv,
      batchNorm,
      activation: activation ? next : null,
      args: { ...convArgs, name: last.name, activation: activation ?? 'linear' },
    });
  }
  return chains;
}

/** A 2-D channels-last convolution without its own activation (so BatchNorm directly follows the sum). */
function foldableConv(layer: tf.layers.Layer): Omit<FoldedConvArgs, 'name' | 'activation'> | null {
  const className = layer.getClassName();
  if (className !== 'Conv2D' && className !== 'DepthwiseConv2D') return null;
  const config = layer.getConfig();
  const dilations = pair(config.dilationRate);
  if (config.dataFormat !== 'channelsLast' || config.activation !== 'linear') return null;
  if (config.padding !== 'same' && config.padding !== 'valid') return null;
  // tfjs-layers runs DepthwiseConv2D without dilation whatever its config says; fold only where both agree.
  if (className === 'DepthwiseConv2D' && (dilations[0] !== 1 || dilations[1] !== 1)) return null;
  const kernel = layer.weights.find((w) => /(^|\/)(depthwise_)?kernel(_\d+)?$/.test(w.originalName));
  if (!kernel) return null;
  return {
    kind: className === 'Conv2D' ? 'conv2d' : 'depthwise',
    kernelShape: kernel.shape as number[],
    strides: pair(config.strides),
    padding: config.padding,
    dilations,
  };
}

function isInferenceBatchNorm(layer: tf.layers.Layer): boolean {
  if (layer.getClassName() !== 'BatchNormalization') return false;
  const axis = layer.getConfig().axis;
  return axis === -1 || axis === 3;
}

function fusedActivationOf(layer: tf.layers.Layer): FusedActivation | null {
  const config = layer.getConfig();
  if (layer.getClassName() === 'Activation') {
    const name = config.activation;
    return name === 'linear' || name === 'relu' || name === 'relu6' ? name : null;
  }
  if (layer.getClassName() === 'ReLU') {
    if (config.maxValue == null) return 'relu';
    return config.maxValue === 6 ? 'relu6' : null;
  }
  return null;
}

/** W·s and β + (b − μ)·s per output channel, s = γ/√(σ² + ε), computed in float64 and rounded once. */
async function foldedWeights(chain: Chain): Promise<[tf.Tensor, tf.Tensor]> {
  const { conv, batchNorm, args } = chain;
  const bnConfig = batchNorm.getConfig();
  const epsilon = bnConfig.epsilon as number;
  const named = (layer: tf.layers.Layer, name: string) =>
    layer.weights.find((w) => new RegExp(`(^|/)${name}(_\\d+)?$`).test(w.originalName));
  const values = async (variable: tf.LayerVariable | undefined) => (variable ? variable.read().data() : null);
  const kernelVariable = named(conv, args.kind === 'depthwise' ? 'depthwise_kernel' : 'kernel')!;
  const [kernel, bias, gamma, beta, mean, variance] = await Promise.all([
    values(kernelVariable),
    values(named(conv, 'bias')),
    values(bnConfig.scale === false ? undefined : named(batchNorm, 'gamma')),
    values(bnConfig.center === false ? undefined : named(batchNorm, 'beta')),
    values(named(batchNorm, 'moving_mean')),
    values(named(batchNorm, 'moving_variance')),
  ]);
  if (!kernel || !mean || !variance) {
    throw new BackboneError(`cannot fold "${batchNorm.name}" into "${conv.name}": weights missing`);
  }
  const channels = mean.length;
  const scale = Float64Array.from(mean, (_, k) => (gamma ? gamma[k] : 1) / Math.sqrt(variance[k] + epsilon));
  const foldedKernel = new Float32Array(kernel.length);
  // Both kernel layouts end in the output channel: [h, w, in, out] and [h, w, in, multiplier] (out = in·m + j).
  for (let i = 0; i < kernel.length; i++) foldedKernel[i] = kernel[i] * scale[i % channels];
  const foldedBias = Float32Array.from(
    { length: channels },
    (_, k) => (beta ? beta[k] : 0) + ((bias ? bias[k] : 0) - mean[k]) * scale[k],
  );
  return [tf.tensor(foldedKernel, args.kernelShape), tf.tensor1d(foldedBias)];
}

/** A new layer of the same class and config (unbuilt; the caller applies it, then copies the weights). */
function copyLayer(layer: tf.layers.Layer): tf.layers.Layer {
  const cls = layer.constructor as unknown as {
    fromConfig(cls: unknown, config: tf.serialization.ConfigDict): tf.layers.Layer;
  };
  return cls.fromConfig(cls, layer.getConfig());
}

function pair(value: unknown): [number, number] {
  if (typeof value === 'number') return [value, value];
  const [a, b] = value as number[];
  return [a, b ?? a];
}
