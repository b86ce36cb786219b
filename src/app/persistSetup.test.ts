import { beforeEach, describe, expect, it } from 'vitest';
import { resetStudioStore, useStudioStore } from '../store';
import { parseSavedSetup, setupOf } from './persistSetup';

describe('saved experiment setup', () => {
  beforeEach(() => resetStudioStore());

  it('round-trips the backbone, freeze depth and strategy fields', () => {
    useStudioStore.getState().setFreezeDepth(2);
    useStudioStore.getState().updateStrategy({ epochs: 5, imageSize: 128, augment: true });
    const saved = setupOf(useStudioStore.getState(), null);
    expect(parseSavedSetup(JSON.stringify(saved))).toEqual(saved);
    expect(saved).toMatchObject({
      backboneId: 'digits-vgg',
      freezeDepth: 2,
      strategy: { epochs: 5, imageSize: 128, augment: true },
    });
  });

  it('names a model from files by its stored hash, so it returns after a reload', () => {
    const hash = 'a'.repeat(64);
    useStudioStore.getState().setFreezeDepth(3);
    useStudioStore.setState((s) => ({
      backbone: {
        ...s.backbone,
        id: 'mobilenet_v1_0.25',
        loaded: {
          id: 'mobilenet_v1_0.25',
          origin: 'files',
          location: 'model.json',
          inputSize: 224,
          loadSeconds: 1,
          stored: { hash, name: 'my-mobilenet' },
        },
      },
    }));
    const saved = setupOf(useStudioStore.getState(), null);
    expect(saved).toMatchObject({
      backboneId: 'mobilenet_v1_0.25',
      backboneFiles: { hash, name: 'my-mobilenet' },
      freezeDepth: 3,
    });
    expect(parseSavedSetup(JSON.stringify(saved))).toEqual(saved);
    expect(parseSavedSetup(JSON.stringify({ ...saved, backboneFiles: { hash: 'x', name: 'y' } }))).toBeNull();
  });

  it('keeps the last catalogue backbone while dropped files are loaded', () => {
    const previous = setupOf(useStudioStore.getState(), null);
    useStudioStore.setState((s) => ({
      backbone: {
        ...s.backbone,
        id: 'mobilenet_v1_0.25',
        loaded: { id: 'mobilenet_v1_0.25', origin: 'files', location: 'model.json', inputSize: 224, loadSeconds: 1 },
      },
    }));
    expect(setupOf(useStudioStore.getState(), previous).backboneId).toBe('digits-vgg');
  });

  it('rejects anything malformed, of another version or naming an unknown backbone', () => {
    const good = setupOf(useStudioStore.getState(), null);
    expect(parseSavedSetup(null)).toBeNull();
    expect(parseSavedSetup('{')).toBeNull();
    expect(parseSavedSetup(JSON.stringify({ ...good, schemaVersion: 2 }))).toBeNull();
    expect(parseSavedSetup(JSON.stringify({ ...good, backboneId: 'resnet' }))).toBeNull();
    expect(parseSavedSetup(JSON.stringify({ ...good, strategy: { ...good.strategy, epochs: 'ten' } }))).toBeNull();
  });
});

describe('half-typed fields', () => {
  beforeEach(() => resetStudioStore());
  it('are saved as the last good value', () => {
    const previous = setupOf(useStudioStore.getState(), null);
    useStudioStore.getState().updateStrategy({ epochs: Number.NaN, imageSize: Number.NaN });
    const saved = setupOf(useStudioStore.getState(), previous);
    expect(saved.strategy.epochs).toBe(previous.strategy.epochs);
    expect(saved.strategy.imageSize).toBeNull();
    expect(parseSavedSetup(JSON.stringify(saved))).toEqual(saved);
  });
});
