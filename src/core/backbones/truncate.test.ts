import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { fileURLToPath } from 'node:url';
import { activateNodeBackend, nodeModelHandler } from '../../testing/node';
import { expectNoLeaks } from '../testing/noLeaks';
import { getBackbone } from './catalogue';
import { BackboneError } from './errors';
import { loadBackbone } from './load';
import { blockParameterCounts, cutAt, rebuildAtInputSize, setTrainable, splitAtFreezeDepth } from './truncate';
import type { BackboneSpec } from './types';

const MODEL_JSON = fileURLToPath(
  new URL('../../../../shared/models/mobilenet_v1_0.25_224/model.json', import.meta.url),
);
const spec = getBackbone('mobilenet_v1_0.25');

function maxAbsDifference(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => a.sub(b).abs().max().dataSync()[0]);
}

/** Runs `x` through the split halves (frozen may be null = identity) and returns the result. */
function throughSplit(split: ReturnType<typeof splitAtFreezeDepth>, x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const boundary = split.frozen ? (split.frozen.predict(x) as tf.Tensor) : x;
    return split.trainable ? (split.trainable.predict(boundary) as tf.Tensor) : boundary;
  });
}

describe('truncating MobileNet v1 0.25', () => {
  let model: tf.LayersModel;
  let x: tf.Tensor4D;

  beforeAll(async () => {
    await activateNodeBackend('wasm');
    model = await loadBackbone(spec, nodeModelHandler(MODEL_JSON));
    x = tf.randomUniform([2, 224, 224, 3], -1, 1, 'float32', 42) as tf.Tensor4D;
  });
  afterAll(() => {
    x.dispose();
    model.dispose();
  });

  it('cuts at conv_pw_13_relu: [7, 7, 256] features, without leaking tensors', async () => {
    const features = cutAt(model, 'conv_pw_13_relu');
    expect(features.outputs[0].shape).toEqual([null, 7, 7, 256]);
    const shape = await expectNoLeaks(() => tf.tidy(() => (features.predict(x) as tf.Tensor).shape));
    expect(shape).toEqual([2, 7, 7, 256]);
    features.dispose();
  });

  it('splits at freeze depth k = 0, 1, 2 and 13 so that trainable(frozen(x)) equals the cut model', () => {
    const features = cutAt(model, 'conv_pw_13_relu');
    const expected = features.predict(x) as tf.Tensor;
    for (const [k, boundary] of [
      [0, 'conv_pw_13_relu'],
      [1, 'conv_pw_12_relu'],
      [2, 'conv_pw_11_relu'],
      [13, null],
    ] as const) {
      const split = splitAtFreezeDepth(model, spec, 'conv_pw_13_relu', k);
      expect(split.boundary).toBe(boundary);
      expect(split.trainable === null).toBe(k === 0);
      expect(split.frozen === null).toBe(k === 13);
      const actual = throughSplit(split, x);
      expect(maxAbsDifference(actual, expected)).toBeLessThan(1e-5);
      actual.dispose();
      split.frozen?.dispose();
      split.trainable?.dispose();
    }
    expected.dispose();
    features.dispose();
  });

  it('freezes the frozen half, shares weights with the source, and reports trainable parameters per block', () => {
    const split = splitAtFreezeDepth(model, spec, 'conv_pw_13_relu', 2);
    expect(split.trainable!.inputs[0].shape).toEqual([null, 14, 14, 128]);
    expect(split.trainable!.getLayer('conv_pw_13')).toBe(model.getLayer('conv_pw_13'));
    expect(split.frozen!.layers.filter((l) => l.trainable && l.weights.length > 0)).toEqual([]);
    const blocks = blockParameterCounts(model, spec);
    expect(blocks[10].trainableParams).toBe(0);
    expect(blocks[11].trainableParams).toBeGreaterThan(0);
    // conv_dw_13 2,304 + conv_pw_13 65,536 + BatchNorm gamma/beta 2 × (512 + 512); moving statistics never train.
    expect(blocks[12].trainableParams).toBe(2304 + 65536 + 2 * 512);
    split.frozen!.dispose();
    split.trainable!.dispose();
    setTrainable(model, true);
  });

  it('counts parameters per block as in PROVENANCE.md', () => {
    const blocks = blockParameterCounts(model, spec);
    expect(blocks.map((b) => b.name)).toEqual(spec.blockOutputs);
    // Block 1 includes the stem: conv1 216 + conv1_bn 32 + conv_dw_1 72 + bn 32 + conv_pw_1 128 + bn 64.
    expect(blocks[0].params).toBe(544);
    // Block 13: conv_dw_13 2,304 + conv_dw_13_bn 1,024 + conv_pw_13 65,536 + conv_pw_13_bn 1,024.
    expect(blocks[12].params).toBe(69888);
    // The backbone up to conv_pw_13_relu has 218,544 parameters.
    expect(blocks.reduce((sum, b) => sum + b.params, 0)).toBe(218544);
    expect(blocks.map((b) => b.outputShape.join('x'))).toEqual([
      '112x112x16',
      '56x56x32',
      '56x56x32',
      '28x28x64',
      '28x28x64',
      ...Array(6).fill('14x14x128'),
      '7x7x256',
      '7x7x256',
    ]);
  });

  it('rejects a freeze depth outside 0..blocks and an unknown cut layer', () => {
    expect(() => splitAtFreezeDepth(model, spec, 'conv_pw_13_relu', 14)).toThrow(/integer from 0 to 13/);
    expect(() => splitAtFreezeDepth(model, spec, 'conv_pw_5_relu', 6)).toThrow(/integer from 0 to 5/);
    expect(() => cutAt(model, 'conv_pw_14_relu')).toThrow(BackboneError);
    expect(() => cutAt(model, 'conv_pw_14_relu')).toThrow(/no layer "conv_pw_14_relu"/);
  });

  it('frees the shared weights only when the source and every view are disposed', async () => {
    const before = tf.memory().numTensors;
    const copy = await loadBackbone(spec, nodeModelHandler(MODEL_JSON));
    const features = cutAt(copy, 'conv_pw_13_relu');
    const split = splitAtFreezeDepth(copy, spec, 'conv_pw_13_relu', 3);
    copy.dispose();
    // The views still work after the source is gone…
    const y = tf.tidy(() => (features.predict(x) as tf.Tensor).sum().dataSync()[0]);
    expect(Number.isFinite(y)).toBe(true);
    features.dispose();
    split.frozen!.dispose();
    split.trainable!.dispose();
    // …and nothing is left once they are disposed too.
    expect(tf.memory().numTensors).toBe(before);
  });

  it('runs at another input size with the same weights (160 px → 5×5×256)', async () => {
    const features = cutAt(model, 'conv_pw_13_relu');
    const small = await rebuildAtInputSize(features, 160);
    expect(small.outputs[0].shape).toEqual([null, 5, 5, 256]);
    const same = await rebuildAtInputSize(features, 224);
    const [a, b] = [features.predict(x) as tf.Tensor, same.predict(x) as tf.Tensor];
    expect(maxAbsDifference(a, b)).toBeLessThan(1e-6);
    tf.dispose([a, b]);
    const smallInput = tf.image.resizeBilinear(x, [160, 160]);
    const out = small.predict(smallInput) as tf.Tensor;
    expect(out.shape).toEqual([2, 5, 5, 256]);
    tf.dispose([smallInput, out]);
    for (const m of [small, same, features]) m.dispose();
  });
});

describe('truncating other graphs', () => {
  beforeAll(async () => {
    await activateNodeBackend('wasm');
  });

  /** input → a → b → c = add(skip, b), where the skip comes from `skipFrom` ('input' or 'a'). */
  function residualModel(skipFrom: 'input' | 'a'): { model: tf.LayersModel; spec: BackboneSpec } {
    const input = tf.input({ shape: [4] });
    const init = (seed: number) => tf.initializers.glorotUniform({ seed });
    const a = tf.layers.dense({ units: 4, name: 'a', kernelInitializer: init(1) }).apply(input) as tf.SymbolicTensor;
    const b = tf.layers.dense({ units: 4, name: 'b', kernelInitializer: init(2) }).apply(a) as tf.SymbolicTensor;
    const c = tf.layers.add({ name: 'c' }).apply([skipFrom === 'a' ? a : input, b]) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: c });
    const spec = { ...getBackbone('digits-vgg'), blockOutputs: ['a', 'c'], defaultCut: 'c' };
    return { model, spec };
  }

  it('splits a residual block at a boundary every path passes through', () => {
    const { model, spec: residualSpec } = residualModel('a');
    const split = splitAtFreezeDepth(model, residualSpec, 'c', 1);
    const x = tf.tensor2d([[1, -2, 3, 0.5]]);
    const [expected, actual] = [model.predict(x) as tf.Tensor, throughSplit(split, x)];
    expect(maxAbsDifference(actual, expected)).toBeLessThan(1e-6);
    tf.dispose([x, expected, actual]);
    split.frozen!.dispose();
    split.trainable!.dispose();
    model.dispose();
  });

  it('fails clearly when a skip connection bypasses the boundary', () => {
    const { model, spec: residualSpec } = residualModel('input');
    expect(() => splitAtFreezeDepth(model, residualSpec, 'c', 1)).toThrow(
      /cannot split .* at "a": the path .* reaches "c" without passing through "a"/,
    );
    model.dispose();
  });

  it('refuses to resize a model whose Dense weights depend on the input size', async () => {
    const input = tf.input({ shape: [8, 8, 1] });
    const conv = tf.layers.conv2d({ filters: 2, kernelSize: 3, padding: 'same' }).apply(input);
    const flat = tf.layers.flatten().apply(conv);
    const out = tf.layers.dense({ units: 3 }).apply(flat) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });
    const before = tf.memory().numTensors;
    await expect(rebuildAtInputSize(model, 16)).rejects.toThrow(/weight shape depends on the input size/);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
