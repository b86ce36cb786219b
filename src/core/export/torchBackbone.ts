/**
 * A backbone (a TF.js layers model cut at its default cut) described for PyTorch: a list of layers in the order
 * they run, each with its settings and its weights already in PyTorch's layout, and the layer index where each
 * freeze block ends. The exported project's `backbone.py` builds an `nn.Module` from it; `export-pytorch` writes
 * the description as `backbone.json` and the weights as `backbone.bin` (float32, little-endian, concatenated).
 *
 * Layouts (TF.js → PyTorch): Conv2D kernel [kh, kw, in, out] → [out, in, kh, kw]; DepthwiseConv2D kernel
 * [kh, kw, in, m] → [in·m, 1, kh, kw] (a grouped convolution, output channel c·m + j in both); Dense [in, out] →
 * [out, in]; BatchNormalization gamma/beta/moving mean/variance unchanged (Keras momentum μ is PyTorch's 1 − μ).
 * Activations are NCHW in PyTorch; `embed.py` returns NHWC so both sides' features line up element by element.
 *
 * Only chains are described (each layer reads the one before): the digits network and MobileNet v1. Anything
 * else — a residual MobileNet v2, an unknown layer class — is a TorchExportError naming what is unsupported.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackboneSpec } from '../backbones/types';

export class TorchExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TorchExportError';
  }
}

/** Where one weight sits in backbone.bin: float32 offset (not bytes) and PyTorch shape. */
export interface TorchWeightRef {
  offset: number;
  shape: number[];
}

/** 'same' padding as TensorFlow computes it (more at the bottom/right when odd), or none. */
export type TorchPadding = 'same' | 'valid';

/** Initialiser of a weight when the model is re-initialised for "scratch" (Keras's defaults). */
export type TorchInit = 'glorot-uniform' | 'zeros' | 'ones';

export type TorchLayer = { name: string } & (
  | {
      type: 'conv2d';
      inChannels: number;
      outChannels: number;
      kernel: [number, number];
      stride: [number, number];
      padding: TorchPadding;
      /** in = out = groups for a depthwise convolution with multiplier 1 (multiplier m: out = in·m). */
      groups: number;
      /** Glorot fans of the TF kernel (they differ from PyTorch's for a depthwise kernel). */
      fans: [number, number];
      activation: TorchActivation;
      weights: { weight: TorchWeightRef; bias?: TorchWeightRef };
    }
  | {
      type: 'batchnorm';
      channels: number;
      epsilon: number;
      /** PyTorch's momentum (1 − Keras's). */
      momentum: number;
      weights: {
        weight: TorchWeightRef;
        bias: TorchWeightRef;
        runningMean: TorchWeightRef;
        runningVar: TorchWeightRef;
      };
    }
  | { type: 'activation'; activation: TorchActivation }
  | { type: 'maxpool'; kernel: [number, number]; stride: [number, number]; padding: TorchPadding }
  | { type: 'zeropad'; top: number; bottom: number; left: number; right: number }
);

export type TorchActivation = 'linear' | 'relu' | 'relu6';

export interface TorchBackbone {
  format: 'transfer-studio/torch-backbone';
  version: 1;
  backbone: string;
  cutLayer: string;
  /** Input side in pixels and channels (NCHW in PyTorch). */
  inputSize: number;
  inputChannels: number;
  layers: TorchLayer[];
  /** For each freeze block (spec.blockOutputs up to the cut), the index in `layers` of its last layer. */
  blockEnds: number[];
  /** Floats in backbone.bin. */
  weightCount: number;
}

interface KerasLayerJson {
  class_name: string;
  config: Record<string, unknown>;
  inbound_nodes: unknown[];
}

/**
 * Describes `cut` (a chain ending at spec.defaultCut) for PyTorch. Returns the description and the weights it
 * points into (a new Float32Array the caller owns). Reads the weights (dataSync); changes nothing.
 */
export function describeTorchBackbone(
  cut: tf.LayersModel,
  spec: BackboneSpec,
): { backbone: TorchBackbone; weights: Float32Array } {
  const topology = cut.toJSON(null, false) as unknown as { config: { layers: KerasLayerJson[] } };
  const layersJson = topology.config.layers;
  const chunks: Float32Array[] = [];
  let offset = 0;
  const push = (tensor: tf.Tensor): TorchWeightRef => {
    const data = tensor.dataSync() as Float32Array;
    chunks.push(new Float32Array(data));
    const ref = { offset, shape: [...tensor.shape] };
    offset += data.length;
    return ref;
  };

  const layers: TorchLayer[] = [];
  const indexOfName = new Map<string, number>();
  let channels = 0;
  let inputSize = 0;
  let inputChannels = 0;
  let previous: string | null = null;
  for (const json of layersJson) {
    const name = String(json.config.name);
    const inbound = inboundNames(json);
    if (previous !== null && (inbound.length !== 1 || inbound[0] !== previous)) {
      throw new TorchExportError(
        `${spec.id}: layer "${name}" does not read the layer before it; only chains of layers can be exported`,
      );
    }
    previous = name;
    if (json.class_name === 'InputLayer') {
      const shape = json.config.batch_input_shape as (number | null)[];
      inputSize = Number(shape[1]);
      channels = Number(shape[3]);
      inputChannels = channels;
      continue;
    }
    const layer = cut.getLayer(name);
    let described: TorchLayer | null = null;
    // Transposed copies are read into `weights` (push) and freed at the end of the layer.
    tf.tidy(() => {
      described = describeLayer(json, layer, channels, push, spec);
    });
    described = described as TorchLayer | null;
    if (described === null) continue;
    if (described.type === 'conv2d') channels = described.outChannels;
    indexOfName.set(name, layers.length);
    layers.push(described);
  }

  const cutIndex = spec.blockOutputs.indexOf(spec.defaultCut);
  const blocks = cutIndex >= 0 ? spec.blockOutputs.slice(0, cutIndex + 1) : spec.blockOutputs;
  const blockEnds = blocks.map((name) => {
    const index = indexOfName.get(name);
    if (index === undefined) throw new TorchExportError(`${spec.id}: block end "${name}" is not in the model`);
    return index;
  });

  const weights = new Float32Array(offset);
  let at = 0;
  for (const chunk of chunks) {
    weights.set(chunk, at);
    at += chunk.length;
  }
  return {
    backbone: {
      format: 'transfer-studio/torch-backbone',
      version: 1,
      backbone: spec.id,
      cutLayer: spec.defaultCut,
      inputSize,
      inputChannels,
      layers,
      blockEnds,
      weightCount: offset,
    },
    weights,
  };
}

function inboundNames(json: KerasLayerJson): string[] {
  const nodes = json.inbound_nodes as unknown[][][];
  return (nodes[0] ?? []).map((entry) => String(entry[0]));
}

/** One Keras layer → its PyTorch description (null: a layer that does nothing at inference, e.g. Dropout). */
function describeLayer(
  json: KerasLayerJson,
  layer: tf.layers.Layer,
  inChannels: number,
  push: (tensor: tf.Tensor) => TorchWeightRef,
  spec: BackboneSpec,
): TorchLayer | null {
  const c = json.config;
  const name = String(c.name);
  const weightOf = (suffix: string): tf.Tensor => {
    const index = layer.weights.findIndex((w) => w.originalName.endsWith(`/${suffix}`));
    if (index < 0) throw new TorchExportError(`${spec.id}: layer "${name}" has no weight "${suffix}"`);
    return layer.getWeights()[index];
  };
  switch (json.class_name) {
    case 'Conv2D':
    case 'DepthwiseConv2D': {
      const depthwise = json.class_name === 'DepthwiseConv2D';
      const kernel = weightOf(depthwise ? 'depthwise_kernel' : 'kernel');
      const [kh, kw, kin, kout] = kernel.shape;
      const torchKernel = depthwise
        ? tf.transpose(kernel, [2, 3, 0, 1]).reshape([kin * kout, 1, kh, kw])
        : tf.transpose(kernel, [3, 2, 0, 1]);
      const outChannels = depthwise ? kin * kout : kout;
      const weights: { weight: TorchWeightRef; bias?: TorchWeightRef } = { weight: push(torchKernel) };
      if (c.use_bias !== false) weights.bias = push(weightOf('bias'));
      checkDilation(c, name, spec);
      return {
        name,
        type: 'conv2d',
        inChannels: inChannels || kin,
        outChannels,
        kernel: [kh, kw],
        stride: pair(c.strides),
        padding: padding(c.padding, name, spec),
        groups: depthwise ? kin : 1,
        fans: [kh * kw * kin, kh * kw * kout],
        activation: activation(c.activation, name, spec),
        weights,
      };
    }
    case 'BatchNormalization': {
      const channels = weightOf('moving_mean').shape[0];
      const ones = tf.ones([channels]);
      const zeros = tf.zeros([channels]);
      return {
        name,
        type: 'batchnorm',
        channels,
        epsilon: Number(c.epsilon ?? 0.001),
        momentum: 1 - Number(c.momentum ?? 0.99),
        weights: {
          weight: push(c.scale === false ? ones : weightOf('gamma')),
          bias: push(c.center === false ? zeros : weightOf('beta')),
          runningMean: push(weightOf('moving_mean')),
          runningVar: push(weightOf('moving_variance')),
        },
      };
    }
    case 'Activation':
      return { name, type: 'activation', activation: activation(c.activation, name, spec) };
    case 'ReLU': {
      const max = c.max_value;
      if (max !== null && max !== undefined && Number(max) !== 6)
        throw new TorchExportError(
          `${spec.id}: layer "${name}" is a ReLU capped at ${String(max)}; only 6 is supported`,
        );
      return { name, type: 'activation', activation: max === 6 ? 'relu6' : 'relu' };
    }
    case 'MaxPooling2D':
      return {
        name,
        type: 'maxpool',
        kernel: pair(c.pool_size),
        stride: pair(c.strides ?? c.pool_size),
        padding: padding(c.padding, name, spec),
      };
    case 'ZeroPadding2D': {
      const [[top, bottom], [left, right]] = c.padding as [[number, number], [number, number]];
      return { name, type: 'zeropad', top, bottom, left, right };
    }
    case 'Dropout':
      return null;
    default:
      throw new TorchExportError(
        `${spec.id}: layer "${name}" is a ${json.class_name}, which the PyTorch export does not convert ` +
          '(supported: Conv2D, DepthwiseConv2D, BatchNormalization, Activation, ReLU, MaxPooling2D, ZeroPadding2D)',
      );
  }
}

function pair(value: unknown): [number, number] {
  const list = Array.isArray(value) ? value : [value, value];
  return [Number(list[0]), Number(list[1])];
}

function padding(value: unknown, name: string, spec: BackboneSpec): TorchPadding {
  if (value === 'same' || value === 'valid') return value;
  throw new TorchExportError(`${spec.id}: layer "${name}" has padding "${String(value)}"`);
}

function activation(value: unknown, name: string, spec: BackboneSpec): TorchActivation {
  const id = value ?? 'linear';
  if (id === 'linear' || id === 'relu' || id === 'relu6') return id;
  throw new TorchExportError(`${spec.id}: layer "${name}" has activation "${String(id)}" (linear, relu, relu6 only)`);
}

function checkDilation(config: Record<string, unknown>, name: string, spec: BackboneSpec): void {
  const [a, b] = pair(config.dilation_rate ?? 1);
  if (a !== 1 || b !== 1) throw new TorchExportError(`${spec.id}: layer "${name}" is dilated; not supported`);
}
