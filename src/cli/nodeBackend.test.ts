import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useNodeBackend } from './nodeBackend';

describe('useNodeBackend', () => {
  it('initialises the WASM backend in Node and computes', async () => {
    expect(await useNodeBackend('wasm')).toBe('wasm');
    const sum = tf.tidy(() => tf.add(tf.tensor1d([1, 2]), tf.tensor1d([3, 4])).arraySync());
    expect(sum).toEqual([4, 6]);
  });
});
