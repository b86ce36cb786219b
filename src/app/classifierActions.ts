/**
 * ClassifierActions as worker commands (worker/protocol/classifier.ts): train on the studio's current dataset and
 * backbone, choose / delete / export stored classifiers (the export arrives as a zip to download), and
 * predictions answered through promises (one request id each). Lists the stored classifiers at start-up.
 */
import { CONFIG_DEFAULTS } from '../core/experiment/config';
import type { ClassifierActions, Prediction } from '../features/predict/actions';
import type { useStudioStore } from '../store';
import type { ClassifierRequest } from '../worker/protocol/classifier';
import type { EngineClient } from '../worker/client';
import type { DatasetSource } from '../worker/protocol/engine';
import { downloadBlob } from './download';

const finiteOr = (value: number, fallback: number) => (Number.isFinite(value) && value > 0 ? value : fallback);

export function createClassifierActions(client: EngineClient, store: typeof useStudioStore): ClassifierActions {
  const pending = new Map<string, { resolve(p: Prediction): void; reject(e: Error): void }>();
  let counter = 0;
  client.subscribe((event) => {
    if (event.type === 'predict.result') {
      pending
        .get(event.requestId)
        ?.resolve({ modelId: event.modelId, probabilities: event.probabilities, ms: event.ms });
      pending.delete(event.requestId);
    } else if (event.type === 'predict.error') {
      pending.get(event.requestId)?.reject(new Error(event.message));
      pending.delete(event.requestId);
    } else if (event.type === 'classifier.exported') {
      downloadBlob(event.blob, event.fileName);
    }
  });
  void client.send({ type: 'classifier.list' });

  const request = (requestId: string, send: (requestId: string) => Promise<void>) =>
    new Promise<Prediction>((resolve, reject) => {
      pending.set(requestId, { resolve, reject });
      // The answer travels on the listener's own channel, so it may arrive after `send` resolves: wait a while
      // before calling it lost (a dead worker never answers).
      void send(requestId).then(() =>
        setTimeout(() => {
          if (pending.delete(requestId)) reject(new Error('the engine did not answer'));
        }, 5_000),
      );
    });

  return {
    trainClassifier(strategy) {
      const state = store.getState();
      const requestId = `classifier-${Date.now().toString(36)}-${++counter}`;
      const { kind, datasetId, sampleId } = state.dataset;
      const stored =
        kind === 'workspace' && datasetId ? state.workspace.datasets.find((d) => d.id === datasetId) : undefined;
      const dataset: DatasetSource =
        kind === 'workspace' && datasetId
          ? { kind: 'workspace', datasetId, baseUrl: document.baseURI }
          : { kind: 'sample', id: sampleId, baseUrl: document.baseURI };
      const budget = state.strategy;
      const body: ClassifierRequest = {
        dataset,
        name: stored?.name ?? 'MNIST digits 5–9',
        backbone: state.backbone.id,
        strategy,
        backboneLearningRateScale: CONFIG_DEFAULTS.backboneLearningRateScale,
        ...(budget.imageSize !== null && Number.isFinite(budget.imageSize) ? { imageSize: budget.imageSize } : {}),
        epochs: Math.round(finiteOr(budget.epochs, CONFIG_DEFAULTS.epochs)),
        batchSize: Math.round(finiteOr(budget.batchSize, CONFIG_DEFAULTS.batchSize)),
        learningRate: finiteOr(budget.learningRate, CONFIG_DEFAULTS.learningRate),
        seed: 1,
        // Held out to measure it: the Strategy panel's validation fraction, else the experiment's default.
        validationFraction:
          budget.validationFraction !== null && budget.validationFraction > 0 && budget.validationFraction < 1
            ? budget.validationFraction
            : CONFIG_DEFAULTS.validationFraction,
      };
      state.beginClassifierTraining(requestId);
      void client.send({ type: 'classifier.train', requestId, request: body });
      return requestId;
    },
    cancelClassifierTraining() {
      const training = store.getState().classifier.training;
      if (training) void client.send({ type: 'classifier.cancel', requestId: training.requestId });
    },
    selectClassifier(modelId) {
      void client.send({ type: 'classifier.select', modelId });
    },
    deleteClassifier(modelId) {
      void client.send({ type: 'classifier.delete', modelId });
    },
    exportClassifier(modelId) {
      void client.send({ type: 'classifier.export', modelId });
    },
    predictFrame(frame) {
      return request(`frame-${++counter}`, (requestId) =>
        client.send({ type: 'predict.frame', requestId, frame }, [frame]),
      );
    },
    predictImage(file) {
      return request(`image-${++counter}`, (requestId) =>
        client.send({ type: 'predict.image', requestId, file, name: file.name }),
      );
    },
  };
}
