import { describe, expect, it } from 'vitest';
import { initialBackbone } from '../../store/backboneSlice';
import { initialDataset } from '../../store/datasetSlice';
import { initialStrategy } from '../../store/strategySlice';
import type { DatasetSummary } from '../../worker/protocol/dataset';
import { describeSetup, uniformSplit, type SetupState } from './setupFacts';

const loaded = (id: string, origin: 'built-in' | 'downloaded' | 'cached' | 'files', location = 'x') => ({
  id,
  origin,
  location,
  inputSize: id === 'digits-vgg' ? 28 : 224,
  loadSeconds: 1,
});

function state(patch: Partial<SetupState> = {}): SetupState {
  return {
    dataset: initialDataset(),
    backbone: { ...initialBackbone(), loaded: loaded('digits-vgg', 'built-in') },
    strategy: initialStrategy(),
    workspace: { datasets: [] },
    ...patch,
  };
}

const flowers = {
  id: 'f',
  name: 'flowers',
  classNames: ['daisy', 'rose', 'tulip'],
  counts: [40, 41, 1],
} as unknown as DatasetSummary;

describe('describeSetup', () => {
  it('the page as it opens is the digits demo at its defaults: 10 + 50 per class, digits-vgg, 3 strategies', () => {
    const facts = describeSetup(state());
    expect(facts).toMatchObject({
      demo: true,
      atDemoDefaults: true,
      dataset: { kind: 'sample' },
      backbone: { id: 'digits-vgg', origin: 'built-in', blocks: 3 },
      epochs: 20,
      seeds: 3,
      imageSize: 28,
    });
    expect(uniformSplit(facts.dataset.classes)).toEqual({ train: 10, validation: 50 });
    expect(facts.dataset.classes.map((c) => c.name)).toEqual(['5', '6', '7', '8', '9']);
  });

  it('a changed budget is still the demo, but no longer at its defaults', () => {
    const facts = describeSetup(state({ strategy: { ...initialStrategy(), epochs: 5 } }));
    expect(facts).toMatchObject({ demo: true, atDemoDefaults: false, epochs: 5 });
  });

  it('a stored dataset: its name, classes and per-class split as core splits it (validation fraction, at least one each)', () => {
    const facts = describeSetup(
      state({
        dataset: { ...initialDataset(), kind: 'workspace', datasetId: 'f', classNames: ['daisy', 'rose', 'tulip'] },
        backbone: {
          ...initialBackbone(),
          id: 'mobilenet_v1_0.25',
          loaded: loaded('mobilenet_v1_0.25', 'files', 'model.json'),
        },
        workspace: { datasets: [flowers] },
      }),
    );
    expect(facts).toMatchObject({
      demo: false,
      atDemoDefaults: false,
      dataset: { kind: 'workspace', name: 'flowers' },
      backbone: { family: 'mobilenet-v1', origin: 'files', location: 'model.json', blocks: 13 },
      imageSize: 224,
    });
    expect(facts.dataset.classes).toEqual([
      { name: 'daisy', train: 32, validation: 8 },
      { name: 'rose', train: 33, validation: 8 },
      { name: 'tulip', train: 1, validation: 0 },
    ]);
    expect(uniformSplit(facts.dataset.classes)).toBeNull();
  });

  it('a backbone still loading is "loading", and the demo with it is not at its defaults', () => {
    const facts = describeSetup(
      state({
        backbone: {
          ...initialBackbone(),
          pending: { requestId: 'r', id: 'digits-vgg', label: 'digits-vgg', stage: null, fraction: 0 },
        },
      }),
    );
    expect(facts).toMatchObject({ backbone: { origin: 'loading' }, atDemoDefaults: false });
  });
});
