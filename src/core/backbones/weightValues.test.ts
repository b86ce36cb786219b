import { describe, expect, it } from 'vitest';
import { BackboneError } from './errors';
import { checkWeightValues } from './weightValues';

const specs = [
  { name: 'conv1/kernel', shape: [3, 3, 1, 2], dtype: 'float32' },
  { name: 'conv1/bias', shape: [2], dtype: 'float32' },
];
const values = (kernel: number[], bias = [0, 0]) => new Float32Array([...kernel, ...bias]).buffer;
const kernel = Array.from({ length: 18 }, (_, i) => (i - 9) / 10);

function refusal(fn: () => void): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(BackboneError);
    return (error as Error).message;
  }
  throw new Error('expected a BackboneError');
}

describe('checkWeightValues (issue 13, item 2: a poisoned backbone is refused)', () => {
  it('accepts trained-looking weights, including zero biases and a list of shards', () => {
    expect(() => checkWeightValues({ weightSpecs: specs, weightData: values(kernel) }, 'm.json')).not.toThrow();
    const whole = new Uint8Array(values(kernel));
    const shards = [whole.slice(0, 30).buffer, whole.slice(30).buffer];
    expect(() => checkWeightValues({ weightSpecs: specs, weightData: shards }, 'm.json')).not.toThrow();
  });

  it('refuses NaN and ±Infinity, naming the weight and the count', () => {
    const poisoned = [...kernel];
    poisoned[4] = NaN;
    poisoned[7] = Infinity;
    expect(refusal(() => checkWeightValues({ weightSpecs: specs, weightData: values(poisoned) }, 'm.json'))).toMatch(
      /^m\.json: weight "conv1\/kernel" holds 2 NaN or infinite value\(s\) of 18/,
    );
    expect(
      refusal(() => checkWeightValues({ weightSpecs: specs, weightData: values(kernel, [0, -Infinity]) }, 'm.json')),
    ).toMatch(/"conv1\/bias" holds 1 NaN/);
  });

  it('refuses an all-zero kernel (a blanked file), naming it', () => {
    const message = refusal(() =>
      checkWeightValues({ weightSpecs: specs, weightData: values(new Array(18).fill(0)) }, 'm.json'),
    );
    expect(message).toMatch(/weight "conv1\/kernel" is all zeros \(18 values\)/);
  });

  it('refuses a model.json without weights (no weightsManifest)', () => {
    expect(refusal(() => checkWeightValues({}, 'm.json'))).toMatch(/has no weights \("weightsManifest" is missing/);
    expect(refusal(() => checkWeightValues({ weightSpecs: [], weightData: new ArrayBuffer(0) }, 'm.json'))).toMatch(
      /has no weights/,
    );
  });

  it('reads float16 storage bit by bit and checks quantization parameters', () => {
    const half = [{ name: 'd/kernel', shape: [2, 2], dtype: 'float32', quantization: { dtype: 'float16' } }];
    const ok = new Uint16Array([0x3c00, 0xbc00, 0, 0x3800]).buffer;
    expect(() => checkWeightValues({ weightSpecs: half, weightData: ok }, 'm.json')).not.toThrow();
    const inf = new Uint16Array([0x3c00, 0x7c00, 0, 0x7e00]).buffer;
    expect(refusal(() => checkWeightValues({ weightSpecs: half, weightData: inf }, 'm.json'))).toMatch(/holds 2 NaN/);
    const uint8 = [
      { name: 'd/kernel', shape: [4], dtype: 'float32', quantization: { dtype: 'uint8', scale: NaN, min: 0 } },
    ];
    expect(
      refusal(() => checkWeightValues({ weightSpecs: uint8, weightData: new Uint8Array(4).buffer }, 'm.json')),
    ).toMatch(/non-finite quantization scale/);
  });
});
