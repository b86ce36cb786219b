/**
 * What a backbone costs at a given square input size, computed from its Keras topology alone (pure: no tfjs, no
 * weights): each layer's output shape, multiply-adds and parameter count, and the same summed per block.
 *
 * Multiply-adds count the multiplications of convolutions and dense layers only, as the MobileNet paper does
 * (Howard et al. 2017, Table 2: "Mult-Adds"); BatchNorm, activations, pooling and additions are not counted.
 * So MobileNet v1 alpha 0.25 at 224 px comes to ≈ 41 M and alpha 0.75 to ≈ 325 M (paper, Table 6).
 */

/** One entry of a Keras topology's `config.layers`, as model.json and `model.toJSON(null, false)` write it. */
export interface KerasLayerJson {
  class_name: string;
  name?: string;
  config: Record<string, unknown>;
  inbound_nodes?: unknown;
}

export interface LayerCost {
  name: string;
  className: string;
  /** Without the batch dimension, e.g. [112, 112, 8]. */
  outputShape: number[];
  multiplyAdds: number;
  /** All weights, including BatchNorm moving statistics. */
  params: number;
}

export interface ModelCost {
  /** In topology order. */
  layers: LayerCost[];
  /** Class names of layers this estimate does not understand (their output shape is taken to be their input's). */
  unsupported: string[];
}

export interface BlockCost {
  /** The block's last layer. */
  name: string;
  outputShape: number[];
  multiplyAdds: number;
  params: number;
}

/**
 * Per-layer shapes and costs of a Keras model at input `size`×`size`.
 *
 * @param topology model.json's `modelTopology` (with or without the legacy `model_config` wrapper) or
 *   `model.toJSON(null, false)`
 * @throws Error when the topology is not a Keras model, has no image input, or `size` is not a positive integer
 */
export function estimateModelCost(topology: unknown, size: number): ModelCost {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`image size must be a positive integer, got ${size}`);
  const layers = readTopologyLayers(topology);
  const shapes = new Map<string, number[]>();
  const out: LayerCost[] = [];
  const unsupported = new Set<string>();
  let previous: number[] | null = null;

  layers.forEach((layer, index) => {
    const name = layer.name ?? String(layer.config.name ?? `layer_${index}`);
    const inputs = inboundNames(layer)
      .map((n) => shapes.get(n))
      .filter((s): s is number[] => s !== undefined);
    let input = inputs[0] ?? previous;
    if (input === null) {
      // A Sequential model's first layer carries the input shape itself.
      const batchShape = layer.config.batch_input_shape as (number | null)[] | undefined;
      if (layer.class_name !== 'InputLayer' && batchShape) input = imageShape(batchShape, size, name);
    }
    const cost =
      layer.class_name === 'InputLayer'
        ? {
            outputShape: imageShape(layer.config.batch_input_shape as (number | null)[] | undefined, size, name),
            multiplyAdds: 0,
            params: 0,
          }
        : costOf(layer, input, inputs, unsupported, name);
    shapes.set(name, cost.outputShape);
    previous = cost.outputShape;
    out.push({ name, className: layer.class_name, ...cost });
  });
  return { layers: out, unsupported: [...unsupported] };
}

/**
 * Sums layer costs per block: block i holds the layers after block i-1's last layer up to `blockOutputs[i]` (in
 * topology order), so a stem before the first block counts towards block 1, as blockParameterCounts does.
 * @throws Error naming a block output that is not a layer
 */
export function blockCosts(cost: ModelCost, blockOutputs: readonly string[]): BlockCost[] {
  const index = new Map(cost.layers.map((layer, i) => [layer.name, i]));
  let start = 0;
  return blockOutputs.map((name) => {
    const end = index.get(name);
    if (end === undefined) throw new Error(`the model has no layer "${name}"`);
    const layers = cost.layers.slice(start, end + 1);
    start = end + 1;
    return {
      name,
      outputShape: cost.layers[end].outputShape,
      multiplyAdds: layers.reduce((sum, l) => sum + l.multiplyAdds, 0),
      params: layers.reduce((sum, l) => sum + l.params, 0),
    };
  });
}

/** Multiply-adds of the layers from the input up to and including `cutLayer` (all layers when undefined). */
export function multiplyAddsUpTo(cost: ModelCost, cutLayer?: string): number {
  const end = cutLayer === undefined ? cost.layers.length - 1 : cost.layers.findIndex((l) => l.name === cutLayer);
  if (end < 0) throw new Error(`the model has no layer "${cutLayer}"`);
  return cost.layers.slice(0, end + 1).reduce((sum, l) => sum + l.multiplyAdds, 0);
}

/** How multiply-adds of a fully convolutional network scale with the input side: (size / reference)². */
export function scaleMultiplyAdds(multiplyAdds: number, referenceSize: number, size: number): number {
  return multiplyAdds * (size / referenceSize) ** 2;
}

/** The `config.layers` of a Keras topology (legacy `model_config` wrapper and old Sequential lists accepted). */
export function readTopologyLayers(topology: unknown): KerasLayerJson[] {
  let t = topology as { model_config?: unknown; class_name?: unknown; config?: unknown } | null;
  if (t && typeof t === 'object' && t.model_config) t = t.model_config as typeof t;
  const config = t?.config as { layers?: unknown } | unknown[] | undefined;
  // Old Keras Sequential: config is the layer list itself.
  const layers = Array.isArray(config) ? config : (config as { layers?: unknown } | undefined)?.layers;
  if (!t || typeof t.class_name !== 'string' || !Array.isArray(layers)) {
    throw new Error('not a Keras model topology (expected {class_name, config: {layers: [...]}})');
  }
  return layers as KerasLayerJson[];
}

/** Names of the layers feeding `layer` (Keras 2 / tfjs format: [[["name", node, tensor, {}], ...]]). */
function inboundNames(layer: KerasLayerJson): string[] {
  const nodes = layer.inbound_nodes;
  if (!Array.isArray(nodes) || nodes.length === 0 || !Array.isArray(nodes[0])) return [];
  return (nodes[0] as unknown[]).flatMap((entry) =>
    Array.isArray(entry) && typeof entry[0] === 'string' ? [entry[0]] : [],
  );
}

function imageShape(batchShape: (number | null)[] | undefined, size: number, name: string): number[] {
  if (!batchShape || batchShape.length !== 4)
    throw new Error(`input "${name}" is not an image [batch, height, width, channels]`);
  return [size, size, batchShape[3] ?? 0];
}

const pair = (value: unknown, fallback: number): [number, number] =>
  Array.isArray(value)
    ? [Number(value[0]), Number(value[1] ?? value[0])]
    : typeof value === 'number'
      ? [value, value]
      : [fallback, fallback];

/** Output side of a convolution or pooling window along one axis. */
function outputSide(input: number, kernel: number, stride: number, padding: unknown): number {
  return padding === 'same' ? Math.ceil(input / stride) : Math.floor((input - kernel) / stride) + 1;
}

const product = (shape: readonly number[]) => shape.reduce((p, d) => p * d, 1);

function costOf(
  layer: KerasLayerJson,
  input: number[] | null,
  inputs: number[][],
  unsupported: Set<string>,
  name: string,
): Omit<LayerCost, 'name' | 'className'> {
  const c = layer.config;
  if (input === null) throw new Error(`layer "${name}" has no input shape (is the topology in order?)`);
  const bias = (n: number) => (c.use_bias === false ? 0 : n);
  const [h, w, ch] = [input[0], input[1], input[input.length - 1]];
  switch (layer.class_name) {
    case 'Conv2D': {
      const [kh, kw] = pair(c.kernel_size, 1);
      const [sh, sw] = pair(c.strides, 1);
      const filters = Number(c.filters);
      const shape = [outputSide(h, kh, sh, c.padding), outputSide(w, kw, sw, c.padding), filters];
      return {
        outputShape: shape,
        multiplyAdds: shape[0] * shape[1] * kh * kw * ch * filters,
        params: kh * kw * ch * filters + bias(filters),
      };
    }
    case 'DepthwiseConv2D': {
      const [kh, kw] = pair(c.kernel_size, 1);
      const [sh, sw] = pair(c.strides, 1);
      const out = ch * Number(c.depth_multiplier ?? 1);
      const shape = [outputSide(h, kh, sh, c.padding), outputSide(w, kw, sw, c.padding), out];
      return {
        outputShape: shape,
        multiplyAdds: shape[0] * shape[1] * kh * kw * out,
        params: kh * kw * out + bias(out),
      };
    }
    case 'SeparableConv2D': {
      const [kh, kw] = pair(c.kernel_size, 1);
      const [sh, sw] = pair(c.strides, 1);
      const mid = ch * Number(c.depth_multiplier ?? 1);
      const filters = Number(c.filters);
      const shape = [outputSide(h, kh, sh, c.padding), outputSide(w, kw, sw, c.padding), filters];
      const positions = shape[0] * shape[1];
      return {
        outputShape: shape,
        multiplyAdds: positions * (kh * kw * mid + mid * filters),
        params: kh * kw * mid + mid * filters + bias(filters),
      };
    }
    case 'Dense': {
      const units = Number(c.units);
      const shape = [...input.slice(0, -1), units];
      return { outputShape: shape, multiplyAdds: product(input) * units, params: ch * units + bias(units) };
    }
    case 'BatchNormalization': {
      const perChannel = 2 + (c.center === false ? 0 : 1) + (c.scale === false ? 0 : 1);
      return { outputShape: input, multiplyAdds: 0, params: perChannel * ch };
    }
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      const [ph, pw] = pair(c.pool_size, 2);
      const [sh, sw] = pair(c.strides ?? c.pool_size, 2);
      return {
        outputShape: [outputSide(h, ph, sh, c.padding), outputSide(w, pw, sw, c.padding), ch],
        multiplyAdds: 0,
        params: 0,
      };
    }
    case 'ZeroPadding2D': {
      const p = c.padding;
      const [top, bottom, left, right] = Array.isArray(p)
        ? Array.isArray(p[0])
          ? [p[0][0], p[0][1], p[1][0], p[1][1]]
          : [p[0], p[0], p[1], p[1]]
        : [Number(p ?? 1), Number(p ?? 1), Number(p ?? 1), Number(p ?? 1)];
      return {
        outputShape: [h + Number(top) + Number(bottom), w + Number(left) + Number(right), ch],
        multiplyAdds: 0,
        params: 0,
      };
    }
    case 'GlobalAveragePooling2D':
    case 'GlobalMaxPooling2D':
      return { outputShape: c.keepdims === true ? [1, 1, ch] : [ch], multiplyAdds: 0, params: 0 };
    case 'Flatten':
      return { outputShape: [product(input)], multiplyAdds: 0, params: 0 };
    case 'Reshape': {
      const target = (c.target_shape as number[] | undefined) ?? input;
      const known = target.filter((d) => d !== -1);
      const shape = target.map((d) => (d === -1 ? product(input) / product(known) : d));
      return { outputShape: shape, multiplyAdds: 0, params: 0 };
    }
    case 'Concatenate': {
      const channels = inputs.reduce((sum, s) => sum + s[s.length - 1], 0);
      return { outputShape: [...input.slice(0, -1), channels], multiplyAdds: 0, params: 0 };
    }
    case 'Activation':
    case 'ReLU':
    case 'Softmax':
    case 'Dropout':
    case 'Add':
    case 'Multiply':
    case 'Average':
    case 'Maximum':
      return { outputShape: input, multiplyAdds: 0, params: 0 };
    default:
      unsupported.add(layer.class_name);
      return { outputShape: input, multiplyAdds: 0, params: 0 };
  }
}
