import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getBackbone } from './catalogue';
import { blockCosts, estimateModelCost, multiplyAddsUpTo, scaleMultiplyAdds } from './cost';

const modelsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/models');
const topologyOf = (folder: string) =>
  (JSON.parse(readFileSync(path.join(modelsDir, folder, 'model.json'), 'utf8')) as { modelTopology: unknown })
    .modelTopology;

describe('estimateModelCost', () => {
  it('counts a small conv net exactly', () => {
    const topology = {
      class_name: 'Model',
      config: {
        layers: [
          { class_name: 'InputLayer', name: 'in', config: { batch_input_shape: [null, 28, 28, 1] }, inbound_nodes: [] },
          {
            class_name: 'Conv2D',
            name: 'c',
            config: { filters: 4, kernel_size: [3, 3], strides: [1, 1], padding: 'valid', use_bias: true },
            inbound_nodes: [[['in', 0, 0, {}]]],
          },
          {
            class_name: 'MaxPooling2D',
            name: 'p',
            config: { pool_size: [2, 2], strides: [2, 2], padding: 'valid' },
            inbound_nodes: [[['c', 0, 0, {}]]],
          },
          { class_name: 'Flatten', name: 'f', config: {}, inbound_nodes: [[['p', 0, 0, {}]]] },
          { class_name: 'Dense', name: 'd', config: { units: 10 }, inbound_nodes: [[['f', 0, 0, {}]]] },
        ],
      },
    };
    const cost = estimateModelCost(topology, 28);
    expect(cost.layers.map((l) => l.outputShape)).toEqual([[28, 28, 1], [26, 26, 4], [13, 13, 4], [676], [10]]);
    expect(cost.layers.map((l) => l.multiplyAdds)).toEqual([0, 26 * 26 * 9 * 4, 0, 0, 676 * 10]);
    expect(cost.layers.map((l) => l.params)).toEqual([0, 9 * 4 + 4, 0, 0, 6760 + 10]);
    expect(cost.unsupported).toEqual([]);
  });

  it('MobileNet v1 0.25 at 224 px: ≈ 41 M multiply-adds, as in the MobileNet paper (Table 6)', () => {
    const cost = estimateModelCost(topologyOf('mobilenet_v1_0.25_224'), 224);
    const millions = multiplyAddsUpTo(cost) / 1e6;
    expect(millions).toBeGreaterThan(41 * 0.95);
    expect(millions).toBeLessThan(41 * 1.05);
    // Parameters agree with the Keras layer list (PROVENANCE.md): 475,544 in all, 218,544 up to conv_pw_13_relu.
    expect(cost.layers.reduce((s, l) => s + l.params, 0)).toBe(475_544);
    const spec = getBackbone('mobilenet_v1_0.25');
    const blocks = blockCosts(cost, spec.blockOutputs);
    expect(blocks).toHaveLength(13);
    expect(blocks.reduce((s, b) => s + b.params, 0)).toBe(218_544);
    expect(blocks[0].outputShape).toEqual([112, 112, 16]);
    expect(blocks[12].outputShape).toEqual([7, 7, 256]);
    expect(cost.unsupported).toEqual([]);
  });

  it('MobileNet v1 0.75 at 224 px: ≈ 325 M multiply-adds (paper, Table 6)', () => {
    const millions = multiplyAddsUpTo(estimateModelCost(topologyOf('mobilenet_v1_0.75_224'), 224)) / 1e6;
    expect(millions).toBeGreaterThan(325 * 0.95);
    expect(millions).toBeLessThan(325 * 1.05);
  });

  it('scales with the square of the input side, and shapes follow the strides', () => {
    const topology = topologyOf('mobilenet_v1_0.25_224');
    const at224 = multiplyAddsUpTo(estimateModelCost(topology, 224), 'conv_pw_13_relu');
    const at128 = estimateModelCost(topology, 128);
    expect(multiplyAddsUpTo(at128, 'conv_pw_13_relu') / at224).toBeCloseTo((128 / 224) ** 2, 2);
    expect(at128.layers.find((l) => l.name === 'conv_pw_13_relu')?.outputShape).toEqual([4, 4, 256]);
    expect(scaleMultiplyAdds(41, 224, 112)).toBeCloseTo(10.25, 10);
  });

  it('rejects what is not a Keras topology, and a bad size', () => {
    expect(() => estimateModelCost({ format: 'graph-model', node: [] }, 224)).toThrow(/not a Keras model topology/);
    expect(() => estimateModelCost(topologyOf('mobilenet_v1_0.25_224'), 0)).toThrow(RangeError);
  });
});
