/**
 * The worker's classifier: trains one on a whole dataset (core trainClassifier: feature extraction, a classifier
 * within seconds), stores it in the workspace (WorkspaceDb `models`, kind 'classifier'), keeps the active one
 * loaded for predictions, and exports it in Teachable Machine's format (a zip of model.json, weights.bin and
 * metadata.json).
 *
 * Ownership: the service owns the active classifier's model (a standalone copy: it shares nothing with the
 * backbone, so loading another backbone never breaks it) and disposes it when another becomes active or it is
 * deleted. The backbone is borrowed for training only (acquire / release on every path).
 * Predictions run one at a time (a queue): a frame never races a training step for the same backend.
 */
import * as tf from '@tensorflow/tfjs';
import { zipSync } from 'fflate';
import type { BackboneSpec, Preprocessing } from '../../core/backbones/types';
import type { DecodedImage, ImageDecoder } from '../../core/data/types';
import { exportFileStem, teachableMachineFiles, teachableMachineMetadata } from '../../core/export/teachableMachine';
import {
  classify,
  loadClassifierModel,
  trainClassifier,
  type ClassifierArtifacts,
} from '../../core/train/trainClassifier';
import { parseStrategy, strategyId } from '../../core/train/strategy';
import { CancelledError } from '../../core/train/types';
import type { ClassifierCommand, ClassifierEvent, ClassifierInfo, ClassifierRequest } from '../protocol/classifier';
import { framePixels } from '../datasets/framePixels';
import type { LoadDataset } from './services';
import type { WorkspaceDb } from '../workspace/db';
import type { JsonValue, ModelRecord } from '../workspace/schema';

export const CLASSIFIER_KIND = 'classifier';
const ACTIVE_KEY = 'studio.activeClassifier';

/** What a stored classifier record keeps besides the weights (ModelRecord.metadata). */
interface ClassifierMetadata {
  schemaVersion: 1;
  info: ClassifierInfo;
  preprocessing: Preprocessing;
  cutLayer: string;
}

export interface ClassifierServiceOptions {
  emit(event: ClassifierEvent): void;
  workspace(): Promise<WorkspaceDb>;
  /** Resolves once a tfjs backend is active. */
  ready(): Promise<unknown>;
  /** Lends backbone `id`'s model (loading it when another is loaded); pair with releaseBackbone on every path. */
  acquireBackbone(id: string, baseUrl: string, onProgress: (fraction: number) => void): Promise<tf.LayersModel>;
  releaseBackbone(model: tf.LayersModel): void;
  specFor(id: string): BackboneSpec;
  loadDataset: LoadDataset;
  /** True while an experiment runs (training a classifier then would slow both down). */
  experimentRunning(): boolean;
  /** Decodes a dropped image file (the browser decoder: EXIF orientation, ≤ 512 px). */
  decoder: ImageDecoder;
  appVersion: string;
}

interface Active {
  id: string;
  model: tf.LayersModel;
  preprocessing: Preprocessing;
  imageSize: number;
}

export function createClassifierService(options: ClassifierServiceOptions) {
  const { emit } = options;
  let active: Active | null = null;
  let activeId: string | null | undefined;
  let loading: Promise<Active | null> | null = null;
  const trainings = new Map<string, AbortController>();
  let queue: Promise<unknown> = Promise.resolve();
  /** Runs `work` after every prediction queued before it. */
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const records = async (): Promise<ModelRecord[]> =>
    (await (await options.workspace()).listModels())
      .filter((m) => m.kind === CLASSIFIER_KIND)
      .sort((a, b) => b.createdAt - a.createdAt);
  const readActiveId = async (): Promise<string | null> => {
    activeId ??= ((await (await options.workspace()).getSetting(ACTIVE_KEY)) as string | undefined) ?? null;
    return activeId;
  };
  const announce = async () => {
    const models = (await records()).map((r) => (r.metadata as unknown as ClassifierMetadata).info);
    const id = await readActiveId();
    emit({ type: 'classifier.listed', models, activeId: models.some((m) => m.id === id) ? id : null });
  };
  const install = (next: Active | null) => {
    if (active && active !== next) active.model.dispose();
    active = next;
  };

  /** The active classifier, loaded from the workspace on first use after a reload. */
  const current = async (): Promise<Active | null> => {
    const id = await readActiveId();
    if (!id) return null;
    if (active?.id === id) return active;
    loading ??= (async () => {
      try {
        const record = await (await options.workspace()).getModel(id);
        if (!record || record.kind !== CLASSIFIER_KIND) return null;
        await options.ready();
        const meta = record.metadata as unknown as ClassifierMetadata;
        const model = await loadClassifierModel(record.artifacts as unknown as ClassifierArtifacts);
        if (activeId !== id) {
          model.dispose();
          return active;
        }
        install({ id, model, preprocessing: meta.preprocessing, imageSize: meta.info.imageSize });
        return active;
      } finally {
        loading = null;
      }
    })();
    return loading;
  };

  async function train(requestId: string, request: ClassifierRequest): Promise<void> {
    const refusal = options.experimentRunning()
      ? 'An experiment is running: wait for it to finish (or cancel it), then train the classifier'
      : trainings.size > 0
        ? 'A classifier is already being trained'
        : null;
    if (refusal) {
      emit({ type: 'classifier.failed', requestId, cancelled: false, message: refusal });
      return;
    }
    const controller = new AbortController();
    trainings.set(requestId, controller);
    const progress = (
      stage: Extract<ClassifierEvent, { type: 'classifier.progress' }>['stage'],
      done: number,
      total: number,
      accuracy?: number,
    ) =>
      emit({
        type: 'classifier.progress',
        requestId,
        stage,
        done,
        total,
        ...(accuracy !== undefined ? { accuracy } : {}),
      });
    const started = performance.now();
    let borrowed: tf.LayersModel | null = null;
    try {
      progress('samples', 0, 0);
      const dataset = await options.loadDataset(request.dataset, controller.signal, (done, total) =>
        progress('samples', done, total),
      );
      await options.ready();
      const spec = options.specFor(request.backbone);
      progress('model', 0, 1);
      borrowed = await options.acquireBackbone(request.backbone, request.dataset.baseUrl, (f) =>
        progress('model', f, 1),
      );
      const trained = await trainClassifier(borrowed, spec, dataset, {
        epochs: request.epochs,
        batchSize: request.batchSize,
        learningRate: request.learningRate,
        seed: request.seed,
        imageSize: request.imageSize,
        ...(request.strategy !== undefined ? { strategy: strategyId(parseStrategy(request.strategy)) } : {}),
        ...(request.backboneLearningRateScale !== undefined
          ? { backboneLearningRateScale: request.backboneLearningRateScale }
          : {}),
        validationFraction: request.validationFraction,
        signal: controller.signal,
        onProgress: (p) => progress(p.stage, p.done, p.total, p.stage === 'training' ? p.accuracy : undefined),
      });
      options.releaseBackbone(borrowed);
      borrowed = null;
      progress('saving', 0, 1);
      const createdAt = Date.now();
      const info: ClassifierInfo = {
        id: `classifier-${createdAt.toString(36)}-${Math.floor(Math.random() * 36 ** 4).toString(36)}`,
        name: request.name,
        labels: trained.labels,
        backbone: spec.id,
        strategy: trained.strategy,
        imageSize: trained.imageSize,
        datasetName: dataset.name,
        examples: trained.examples,
        epochs: request.epochs,
        trainAccuracy: trained.trainAccuracy,
        heldOut: trained.heldOut
          ? { mean: trained.heldOut.mean, ci95: trained.heldOut.ci95, n: trained.heldOut.n }
          : null,
        seconds: (performance.now() - started) / 1000,
        embedSeconds: trained.embedSeconds,
        bytes: trained.artifacts.weightData.byteLength,
        createdAt,
      };
      const metadata: ClassifierMetadata = {
        schemaVersion: 1,
        info,
        preprocessing: trained.preprocessing,
        cutLayer: spec.defaultCut,
      };
      try {
        const ws = await options.workspace();
        await ws.saveModel({
          id: info.id,
          name: info.name,
          kind: CLASSIFIER_KIND,
          metadata: metadata as unknown as JsonValue,
          artifacts: {
            modelTopology: trained.artifacts.modelTopology as JsonValue,
            weightSpecs: trained.artifacts.weightSpecs as unknown as JsonValue,
            weightData: trained.artifacts.weightData,
            format: trained.artifacts.format,
            generatedBy: trained.artifacts.generatedBy,
            convertedBy: trained.artifacts.convertedBy,
          },
          createdAt,
        });
        await ws.putSetting(ACTIVE_KEY, info.id);
      } catch (error) {
        trained.model.dispose();
        throw error;
      }
      activeId = info.id;
      install({
        id: info.id,
        model: trained.model,
        preprocessing: trained.preprocessing,
        imageSize: trained.imageSize,
      });
      emit({ type: 'classifier.ready', requestId, model: info });
      await announce();
    } catch (error) {
      const cancelled = error instanceof CancelledError || controller.signal.aborted;
      emit({
        type: 'classifier.failed',
        requestId,
        cancelled,
        message: cancelled ? 'cancelled' : error instanceof Error ? error.message : String(error),
      });
    } finally {
      if (borrowed) options.releaseBackbone(borrowed);
      trainings.delete(requestId);
    }
  }

  /** Predicts one image with `classifier`; `pixels` is only called once there is a classifier. */
  async function predict(
    requestId: string,
    classifier: Active | null,
    pixels: (c: Active) => Promise<DecodedImage> | DecodedImage,
  ) {
    if (!classifier) throw new Error('Train a classifier first (or choose a saved one)');
    const started = performance.now();
    const image = await pixels(classifier);
    const [probabilities] = await classify(classifier.model, [image], classifier.preprocessing, classifier.imageSize);
    emit({ type: 'predict.result', requestId, modelId: classifier.id, probabilities, ms: performance.now() - started });
  }

  async function dispatch(command: ClassifierCommand): Promise<void> {
    switch (command.type) {
      case 'classifier.list':
        await announce();
        return;
      case 'classifier.train':
        await train(command.requestId, command.request);
        return;
      case 'classifier.cancel':
        trainings.get(command.requestId)?.abort();
        return;
      case 'classifier.select': {
        const ws = await options.workspace();
        if (!(await ws.getModel(command.modelId)))
          throw new Error('This classifier is no longer stored: reload the page');
        await ws.putSetting(ACTIVE_KEY, command.modelId);
        activeId = command.modelId;
        await announce();
        await current();
        return;
      }
      case 'classifier.delete': {
        const ws = await options.workspace();
        await ws.deleteModel(command.modelId);
        if ((await readActiveId()) === command.modelId) {
          activeId = null;
          await ws.putSetting(ACTIVE_KEY, null);
          install(null);
        }
        emit({ type: 'classifier.deleted', modelId: command.modelId });
        await announce();
        return;
      }
      case 'classifier.export': {
        const record = await (await options.workspace()).getModel(command.modelId);
        if (!record || record.kind !== CLASSIFIER_KIND)
          throw new Error('This classifier is no longer stored: reload the page');
        const meta = record.metadata as unknown as ClassifierMetadata;
        const info = meta.info;
        const metadata = teachableMachineMetadata({
          labels: info.labels,
          imageSize: info.imageSize,
          preprocessing: meta.preprocessing,
          tfjsVersion: tf.version.tfjs,
          appVersion: options.appVersion,
          modelName: info.name,
          timeStamp: new Date(info.createdAt).toISOString(),
          backbone: info.backbone,
          cutLayer: meta.cutLayer,
          strategy: info.strategy ?? 'feature-extraction',
          trainAccuracy: info.trainAccuracy,
          heldOutAccuracy: info.heldOut ?? null,
          examples: info.examples,
          epochs: info.epochs,
          datasetName: info.datasetName,
        });
        const files = teachableMachineFiles(record.artifacts as unknown as ClassifierArtifacts, metadata);
        const zip = zipSync(files, { level: 6 });
        emit({
          type: 'classifier.exported',
          modelId: command.modelId,
          blob: new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }),
          fileName: `${exportFileStem(info.name)}-teachable-machine.zip`,
        });
        return;
      }
      case 'predict.frame': {
        const { frame } = command;
        try {
          await serial(async () =>
            predict(command.requestId, await current(), (c) => framePixels(frame, c.preprocessing, c.imageSize)),
          );
        } finally {
          frame.close();
        }
        return;
      }
      case 'predict.image':
        await serial(async () =>
          predict(command.requestId, await current(), async () =>
            options.decoder.decode(new Uint8Array(await command.file.arrayBuffer()), command.name),
          ),
        );
        return;
      default:
        assertNever(command);
    }
  }

  return {
    /** Handles one command to its end; failures become classifier.error / predict.error events (never rejects). */
    async handle(command: ClassifierCommand): Promise<void> {
      try {
        await dispatch(command);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (command.type === 'predict.frame' || command.type === 'predict.image')
          emit({ type: 'predict.error', requestId: command.requestId, message });
        else emit({ type: 'classifier.error', operation: command.type, message });
      }
    },
    /** True while a classifier trains (the backend must not change, an experiment should wait). */
    busy: () => trainings.size > 0,
  };
}

function assertNever(command: never): never {
  throw new Error(`unknown classifier command ${JSON.stringify(command)}`);
}
