import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { applyHead, buildHead } from './denseHead';
import { expectNoLeaks } from '../testing/noLeaks';

const weightsOf = (m: tf.LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));

describe('buildHead', () => {
  it('maps features to logits for both poolings, and its dispose frees everything', async () => {
    await tf.setBackend('cpu');
    await expectNoLeaks(() => {
      const gap = buildHead([7, 7, 16], 5, 1, { pooling: 'gap', dropout: 0.2 });
      const flat = buildHead([3, 3, 8], 4, 1, { pooling: 'flatten', hiddenUnits: 32, dropout: 0.5 });
      const vec = buildHead([12], 3, 1, { pooling: 'gap' });
      try {
        expect(gap.outputs[0].shape).toEqual([null, 5]);
        expect(flat.outputs[0].shape).toEqual([null, 4]);
        expect(vec.outputs[0].shape).toEqual([null, 3]);
        expect(gap.layers.map((l) => l.getClassName())).toEqual([
          'InputLayer',
          'GlobalAveragePooling2D',
          'Dropout',
          'Dense',
        ]);
        expect(flat.layers.map((l) => l.getClassName())).toEqual([
          'InputLayer',
          'Flatten',
          'Dense',
          'Dropout',
          'Dense',
        ]);
        // 3·3·8·32 + 32 + 32·4 + 4 parameters.
        expect(flat.countParams()).toBe(2304 + 32 + 128 + 4);
      } finally {
        [gap, flat, vec].forEach((m) => m.dispose());
      }
    });
  });

  it('starts with a zero output layer, so epoch 0 predicts uniformly', () => {
    const head = buildHead([4, 4, 8], 3, 1, { pooling: 'gap' });
    const logits = tf.tidy(() => Array.from((head.predict(tf.ones([2, 4, 4, 8])) as tf.Tensor).dataSync()));
    expect(logits).toHaveLength(6);
    expect(logits.every((v) => v === 0)).toBe(true);
    head.dispose();
  });

  it('is seeded: same seed → same weights, another seed → different ones', () => {
    const a = buildHead([4, 4, 8], 3, 7, { pooling: 'flatten', hiddenUnits: 8 });
    const b = buildHead([4, 4, 8], 3, 7, { pooling: 'flatten', hiddenUnits: 8 });
    const c = buildHead([4, 4, 8], 3, 8, { pooling: 'flatten', hiddenUnits: 8 });
    expect(weightsOf(a)).toEqual(weightsOf(b));
    expect(weightsOf(a)).not.toEqual(weightsOf(c));
    [a, b, c].forEach((m) => m.dispose());
  });

  it('applyHead equals predict in inference mode; training dropout is seeded per step', () => {
    const head = buildHead([6], 3, 2, { pooling: 'gap', hiddenUnits: 16, dropout: 0.5 });
    // The output layer starts at zero (every logit 0); give it weights so dropout shows in the logits.
    head.setWeights(head.getWeights().map((w, i) => (i < 2 ? w : tf.randomNormal(w.shape, 0, 1, 'float32', i))));
    tf.tidy(() => {
      const x = tf.randomNormal([4, 6], 0, 1, 'float32', 3);
      const viaPredict = head.predict(x) as tf.Tensor;
      expect(tf.max(tf.abs(tf.sub(applyHead(head, x, { training: false }), viaPredict))).dataSync()[0]).toBeLessThan(
        1e-6,
      );
      const a = applyHead(head, x, { training: true, dropoutSeed: 5 }).dataSync();
      const b = applyHead(head, x, { training: true, dropoutSeed: 5 }).dataSync();
      const c = applyHead(head, x, { training: true, dropoutSeed: 6 }).dataSync();
      expect(Array.from(a)).toEqual(Array.from(b));
      expect(Array.from(a)).not.toEqual(Array.from(c));
    });
    head.dispose();
  });

  it('rejects impossible shapes', () => {
    expect(() => buildHead([8, 8], 3, 1, { pooling: 'gap' })).toThrow(/\[h, w, c\]/);
    expect(() => buildHead([8], 1, 1, { pooling: 'gap' })).toThrow(/2 classes/);
  });
});
