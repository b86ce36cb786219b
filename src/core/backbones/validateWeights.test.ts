import { describe, expect, it } from 'vitest';
import { BackboneError } from './errors';
import { expectedGroupBytes, looksLikeHtml, validateWeights, type ShardBytes } from './validateWeights';

const modelJson = {
  modelTopology: {},
  weightsManifest: [
    {
      paths: ['group1-shard1of1'],
      weights: [
        { name: 'conv1/kernel', shape: [3, 3, 3, 8], dtype: 'float32' },
        { name: 'conv1/bias', shape: [8], dtype: 'float32' },
      ],
    },
    {
      paths: ['group2-shard1of2', 'group2-shard2of2'],
      weights: [{ name: 'dense/kernel', shape: [10, 10], dtype: 'float32' }],
    },
  ],
};

function arrived(overrides: Record<string, ShardBytes | undefined> = {}): Map<string, ShardBytes> {
  const files: Record<string, ShardBytes | undefined> = {
    'group1-shard1of1': new ArrayBuffer((216 + 8) * 4),
    'group2-shard1of2': new ArrayBuffer(256),
    'group2-shard2of2': new ArrayBuffer(144),
    ...overrides,
  };
  return new Map(Object.entries(files).filter((entry): entry is [string, ShardBytes] => entry[1] !== undefined));
}

function errorOf(fn: () => void): BackboneError {
  try {
    fn();
  } catch (error) {
    return error as BackboneError;
  }
  throw new Error('expected an error');
}

describe('validateWeights', () => {
  it('accepts shards whose sizes add up to each group', () => {
    expect(() => validateWeights(modelJson, arrived())).not.toThrow();
  });

  it('computes a group size from shapes and dtypes, counting quantized storage', () => {
    expect(expectedGroupBytes(modelJson.weightsManifest[0])).toBe(896);
    expect(
      expectedGroupBytes({
        paths: [],
        weights: [{ name: 'q', shape: [4, 5], dtype: 'float32', quantization: { dtype: 'uint8' } }],
      }),
    ).toBe(20);
    expect(expectedGroupBytes({ paths: [], weights: [{ name: 's', shape: [2], dtype: 'string' }] })).toBeUndefined();
  });

  it('names a shard of the wrong size, with the bytes it has and needs', () => {
    const error = errorOf(() => validateWeights(modelJson, arrived({ 'group1-shard1of1': new ArrayBuffer(800) })));
    expect(error).toBeInstanceOf(BackboneError);
    expect(error.file).toBe('group1-shard1of1');
    expect(error.message).toMatch(/"group1-shard1of1" holds 800 bytes but model\.json needs 896 bytes/);
    expect(error.message).toMatch(/conv1\/kernel/);
  });

  it('checks a multi-shard group by its total', () => {
    const error = errorOf(() => validateWeights(modelJson, arrived({ 'group2-shard2of2': new ArrayBuffer(100) })));
    expect(error.message).toMatch(/"group2-shard1of2", "group2-shard2of2" holds 356 bytes .* needs 400 bytes/);
  });

  it('recognises an HTML body (a SPA fallback answering a missing shard with index.html)', () => {
    const html = new TextEncoder().encode(
      '<!DOCTYPE html>\n<html lang="en"><head><script type="module" src="/src/main.tsx">',
    );
    const error = errorOf(() => validateWeights(modelJson, arrived({ 'group2-shard1of2': html })));
    expect(error.file).toBe('group2-shard1of2');
    expect(error.message).toMatch(/"group2-shard1of2" is an HTML page, not weights/);
    expect(looksLikeHtml(new TextEncoder().encode('\uFEFF  <html>'))).toBe(true);
    expect(looksLikeHtml(new Float32Array([0.1, -2, 3]).buffer)).toBe(false);
  });

  it('names a shard that did not arrive', () => {
    const error = errorOf(() =>
      validateWeights(modelJson, arrived({ 'group1-shard1of1': undefined }), 'models/x/model.json'),
    );
    expect(error.file).toBe('group1-shard1of1');
    expect(error.message).toMatch(
      /"group1-shard1of1" is missing; models\/x\/model\.json lists it for weight group 1 of 2/,
    );
  });

  it('rejects a malformed manifest, naming model.json', () => {
    const error = errorOf(() => validateWeights({ weightsManifest: [{ paths: 'x' }] }, new Map(), 'a/model.json'));
    expect(error.file).toBe('a/model.json');
    expect(error.message).toMatch(/weightsManifest" is malformed/);
  });
});
