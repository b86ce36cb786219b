import { beforeEach, describe, expect, it } from 'vitest';
import { parseExperimentConfig } from '../core/experiment/config';
import { backendSelected } from '../testing/engineEvents';
import { resetStudioStore, selectEngineComputing, selectExperimentConfig, useStudioStore } from './index';

describe('studio store', () => {
  beforeEach(() => resetStudioStore());

  it('describes the built-in digits experiment as a valid config', () => {
    const config = selectExperimentConfig(useStudioStore.getState());
    expect(parseExperimentConfig(config)).toEqual(config);
    expect(config).toMatchObject({
      backbone: 'digits-vgg',
      strategies: ['scratch', 'feature-extraction', 'fine-tune:1'],
      seeds: 3,
      perClass: 10,
    });
    // The built-in experiment (the CLI's digits-ab preset): half of every 100 per class validate, 10 train.
    expect(100 * config.validationFraction).toBeCloseTo(50, 10);
  });

  it('holds one mirroring setting, mirrored by default', () => {
    expect(useStudioStore.getState().settings.mirrorCamera).toBe(true);
    useStudioStore.getState().setMirrorCamera(false);
    expect(useStudioStore.getState().settings.mirrorCamera).toBe(false);
    resetStudioStore();
    expect(useStudioStore.getState().settings.mirrorCamera).toBe(true);
  });

  it('folds a batch of events: backend into settings, run events into the run', () => {
    const { startRun, applyEngineEvents } = useStudioStore.getState();
    startRun('r1', selectExperimentConfig(useStudioStore.getState()));
    applyEngineEvents([
      backendSelected({ reason: 'first available' }),
      {
        type: 'experiment.event',
        runId: 'r1',
        event: { type: 'trial.start', trialIndex: 0, trialCount: 9, strategy: 'scratch', seed: 1 },
      },
      { type: 'experiment.cancelled', runId: 'r1' },
    ]);
    const state = useStudioStore.getState();
    expect(state.settings.backend?.backend).toBe('wasm');
    expect(state.run?.status).toBe('cancelled');
    expect(state.run?.curves).toHaveLength(1);
  });

  it('says the engine is computing until a backend is measured, and while a run trains', () => {
    const { applyEngineEvents, startRun } = useStudioStore.getState();
    const selected = (measuring: boolean) => applyEngineEvents([backendSelected({ measuring })]);
    expect(selectEngineComputing(useStudioStore.getState())).toBe(true); // no backend yet
    selected(true);
    expect(selectEngineComputing(useStudioStore.getState())).toBe(true); // a first visit measures
    selected(false);
    expect(selectEngineComputing(useStudioStore.getState())).toBe(false);
    startRun('r1', selectExperimentConfig(useStudioStore.getState()));
    expect(selectEngineComputing(useStudioStore.getState())).toBe(true);
    applyEngineEvents([{ type: 'experiment.cancelled', runId: 'r1' }]);
    expect(selectEngineComputing(useStudioStore.getState())).toBe(false);
  });

  it('shows a failure outside any run as an engine error, cleared by the next backend report', () => {
    const { applyEngineEvents } = useStudioStore.getState();
    applyEngineEvents([{ type: 'engine.error', name: 'Error', message: 'no backend' }]);
    expect(useStudioStore.getState().settings.engineError).toBe('no backend');
    applyEngineEvents([
      backendSelected({ backend: 'cpu', preference: 'cpu', crossOriginIsolated: false, wasmThreads: null }),
    ]);
    expect(useStudioStore.getState().settings.engineError).toBeNull();
  });

  it('holds only plain data (survives structured cloning)', () => {
    const { startRun } = useStudioStore.getState();
    startRun('r1', selectExperimentConfig(useStudioStore.getState()));
    const { settings, dataset, backbone, strategy, run } = useStudioStore.getState();
    const data = { settings, dataset, backbone, strategy, run };
    expect(structuredClone(data)).toEqual(data);
  });

  it('reset returns to a fresh studio', () => {
    useStudioStore.getState().setLanguage('zh-CN');
    useStudioStore.getState().startRun('r1', selectExperimentConfig(useStudioStore.getState()));
    resetStudioStore();
    expect(useStudioStore.getState().run).toBeNull();
    expect(useStudioStore.getState().settings.backend).toBeNull();
  });
});
