/**
 * TransferActions as worker commands. Candidates: the selected backbone and the backbones that ship with the app
 * (each at its default cut and two earlier block ends), so the estimate works offline and compares a digits network
 * with an ImageNet one. Datasets as runs use them (the same split: the validation images are never scored).
 */
import { BACKBONES } from '../core/backbones/catalogue';
import { CONFIG_DEFAULTS } from '../core/experiment/config';
import { SOURCE_PER_CLASS, SYNTHETIC_TARGET, studioAdaptationConfig } from '../core/experiment/adaptationPreset';
import type { TransferActions } from '../features/transfer/actions';
import { selectExperimentConfig, type useStudioStore } from '../store';
import { datasetKeyOf } from '../store/transferSlice';
import type { EngineClient } from '../worker/client';
import type { DatasetSource } from '../worker/protocol/engine';

/** Epochs and seeds of the "check the ranking" measurement (a feature-extraction head per candidate). */
export const MEASURE_EPOCHS = 10;
export const MEASURE_SEEDS = 2;

export function createTransferActions(client: EngineClient, store: typeof useStudioStore): TransferActions {
  let counter = 0;
  let current: string | null = null;
  const nextId = (kind: string) => (current = `${kind}-${Date.now().toString(36)}-${++counter}`);
  const datasetSource = (): DatasetSource => {
    const { kind, datasetId, sampleId, trainPerClass, validationPerClass } = store.getState().dataset;
    return kind === 'workspace' && datasetId
      ? { kind: 'workspace', datasetId, baseUrl: document.baseURI }
      : { kind: 'sample', id: sampleId, baseUrl: document.baseURI, perClass: trainPerClass + validationPerClass };
  };
  return {
    estimateTransfer(measure) {
      const state = store.getState();
      const config = selectExperimentConfig(state);
      const builtIn = Object.values(BACKBONES)
        .filter((spec) => spec.builtIn && spec.id !== 'digits-vgg-b')
        .map((spec) => spec.id);
      const requestId = nextId('transfer');
      state.beginTransferScore(requestId, measure, datasetKeyOf(state.dataset));
      void client.send({
        type: 'transfer.score',
        requestId,
        dataset: datasetSource(),
        backbones: [...new Set([state.backbone.id, ...builtIn])],
        validationFraction: config.validationFraction ?? CONFIG_DEFAULTS.validationFraction,
        ...(config.perClass !== undefined ? { perClass: config.perClass } : {}),
        measure,
        epochs: MEASURE_EPOCHS,
        seeds: MEASURE_SEEDS,
      });
    },
    measureShift(source) {
      const state = store.getState();
      const requestId = nextId('shift');
      state.beginTransferShift(requestId);
      void client.send({
        type: 'transfer.shift',
        requestId,
        source:
          source.kind === 'workspace'
            ? { kind: 'workspace', datasetId: source.datasetId, baseUrl: document.baseURI }
            : { kind: 'sample', id: 'digits', baseUrl: document.baseURI },
        target: datasetSource(),
        backbone: state.backbone.id,
      });
    },
    runAdaptation(source, target) {
      const state = store.getState();
      if (state.run?.status === 'running') return state.run.runId;
      const config = studioAdaptationConfig();
      const runId = `run-adapt-${Date.now().toString(36)}-${++counter}`;
      state.startRun(runId, config);
      void client.send({
        type: 'experiment.run',
        runId,
        config,
        dataset:
          target === 'synthetic'
            ? { kind: 'colour-digits', baseUrl: document.baseURI, ...SYNTHETIC_TARGET }
            : datasetSource(),
        source:
          source.kind === 'workspace'
            ? { kind: 'workspace', datasetId: source.datasetId, baseUrl: document.baseURI }
            : { kind: 'sample', id: 'mnist', baseUrl: document.baseURI, perClass: SOURCE_PER_CLASS },
      });
      return runId;
    },
    cancelTransfer() {
      if (current) void client.send({ type: 'transfer.cancel', requestId: current });
    },
  };
}
