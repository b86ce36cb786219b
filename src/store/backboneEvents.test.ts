import { beforeEach, describe, expect, it } from 'vitest';
import { parseExperimentConfig } from '../core/experiment/config';
import type { BackboneDescription, LoadedBackboneInfo } from '../worker/protocol/backbone';
import { blockCountOf, withFineTuneDepth } from './backboneEvents';
import { resetStudioStore, selectExperimentConfig, useStudioStore } from './index';

const loaded = (id: string, origin: LoadedBackboneInfo['origin'] = 'downloaded'): LoadedBackboneInfo => ({
  id,
  origin,
  location: `https://example.test/${id}/model.json`,
  inputSize: 224,
  loadSeconds: 1,
});

const description = (id: string, imageSize: number, msPerImage: number | null): BackboneDescription => ({
  id,
  imageSize,
  channels: 3,
  blocks: [],
  cutLayer: 'conv_pw_13_relu',
  multiplyAdds: 40e6,
  backboneParams: 218_544,
  discardedParams: 257_000,
  msPerImage,
  warmupMs: 100,
  backend: 'wasm',
  unsupportedLayers: [],
});

describe('backbone events in the store', () => {
  beforeEach(() => resetStudioStore());

  it('selects a backbone only when its load succeeds, and clamps the freeze depth to its blocks', () => {
    const store = useStudioStore.getState();
    store.setFreezeDepth(3);
    expect(useStudioStore.getState().strategy.strategies).toContain('fine-tune:3');
    store.beginBackboneLoad('r1', 'mobilenet_v1_0.25', 'mobilenet_v1_0.25');
    store.applyEngineEvents([
      { type: 'backbone.progress', requestId: 'r1', id: 'mobilenet_v1_0.25', stage: 'download', fraction: 0.5 },
    ]);
    expect(useStudioStore.getState().backbone.pending).toMatchObject({ stage: 'download', fraction: 0.5 });
    expect(useStudioStore.getState().backbone.id).toBe('digits-vgg');

    store.applyEngineEvents([{ type: 'backbone.loaded', requestId: 'r1', backbone: loaded('mobilenet_v1_0.25') }]);
    let { backbone } = useStudioStore.getState();
    expect(backbone).toMatchObject({ id: 'mobilenet_v1_0.25', pending: null, freezeDepth: 3 });

    store.beginBackboneLoad('r2', 'digits-vgg', 'digits-vgg');
    store.applyEngineEvents([{ type: 'backbone.loaded', requestId: 'r2', backbone: loaded('digits-vgg', 'built-in') }]);
    ({ backbone } = useStudioStore.getState());
    // digits-vgg has 3 blocks: k stays 3. The strategies follow k.
    expect(backbone.freezeDepth).toBe(3);
    expect(selectExperimentConfig(useStudioStore.getState()).strategies).toEqual([
      'scratch',
      'feature-extraction',
      'fine-tune:3',
    ]);
  });

  it('keeps the previous backbone on a failed load and names the file', () => {
    const store = useStudioStore.getState();
    store.beginBackboneLoad('r1', null, 'my-model');
    store.applyEngineEvents([
      {
        type: 'backbone.error',
        requestId: 'r1',
        message: 'weights file "group3-shard1of1" is missing',
        file: 'group3-shard1of1',
      },
    ]);
    const { backbone } = useStudioStore.getState();
    expect(backbone.id).toBe('digits-vgg');
    expect(backbone.pending).toBeNull();
    expect(backbone.error).toEqual({
      message: 'weights file "group3-shard1of1" is missing',
      file: 'group3-shard1of1',
      label: 'my-model',
    });
  });

  it('keeps descriptions of the selected backbone and their timings; ignores stale ones', () => {
    const store = useStudioStore.getState();
    store.beginBackboneDescribe('d1');
    store.applyEngineEvents([
      { type: 'backbone.described', requestId: 'd0', description: description('mobilenet_v1_0.25', 224, 9) },
      { type: 'backbone.described', requestId: 'd1', description: description('digits-vgg', 28, 0.5) },
      {
        type: 'modelCache.listed',
        cachedIds: ['mobilenet_v1_0.75', 'mobilenet_v1_0.50'],
        cached: [
          { id: 'mobilenet_v1_0.75', bytes: 10_457_307 },
          { id: 'mobilenet_v1_0.50', bytes: 5_000_000 },
        ],
      },
    ]);
    const { backbone } = useStudioStore.getState();
    expect(backbone.description?.id).toBe('digits-vgg');
    expect(backbone.describing).toBeNull();
    expect(backbone.timings).toEqual({ 'digits-vgg@28': { msPerImage: 0.5, backend: 'wasm' } });
    expect(backbone.cachedIds).toEqual(['mobilenet_v1_0.50', 'mobilenet_v1_0.75']);
    expect(backbone.cachedBytes).toEqual({ 'mobilenet_v1_0.75': 10_457_307, 'mobilenet_v1_0.50': 5_000_000 });
  });

  it('puts the strategy panel fields into a valid config, or lets the schema name the bad ones', () => {
    const store = useStudioStore.getState();
    store.updateStrategy({ imageSize: 128, augment: true, validationFraction: 0.25 });
    const config = selectExperimentConfig(useStudioStore.getState());
    expect(config).toMatchObject({ imageSize: 128, augment: true, validationFraction: 0.25 });
    expect(parseExperimentConfig(config)).toEqual(config);
    store.setFreezeDepth(0);
    expect(() => parseExperimentConfig(selectExperimentConfig(useStudioStore.getState()))).toThrow(/strategies\[2\]/);
  });

  it('knows block counts and rewrites only the fine-tune entry', () => {
    expect(blockCountOf('mobilenet_v1_0.25')).toBe(13);
    expect(blockCountOf('digits-vgg')).toBe(3);
    expect(blockCountOf('nope')).toBe(0);
    expect(withFineTuneDepth(['scratch', 'fine-tune:1'], 4)).toEqual(['scratch', 'fine-tune:4']);
  });
});
