/**
 * The worker's instant webcam classifier (core/fewshot): captures are embedded once by the session's backbone and
 * kept as vectors; predictions embed the frame and ask a prototype / kNN / ridge classifier built from them, so
 * live predictions start with the second class's first capture and no training run. After every change the
 * held-out curves (accuracy on later captures against shots) are recomputed for every method.
 *
 * Speed (issue 15's ≥ 10 predictions/s on WASM): a session embeds with its own copy of the cut backbone with
 * BatchNorm folded into the convolutions (foldBatchNorm: equal to 1e-4), at LIVE_SIZE px for convolutional
 * families (captures and live frames alike, so they stay comparable), and times each prediction's stages (pixels,
 * forward pass with the 1 × d readback, classifier) for the panel and the bench.
 *
 * Ownership: the session owns its models (the resized copy, the cut view, the folded copy; disposed when a new
 * session starts); the backbone model itself belongs to whoever `loadModel` got it from. Frames are closed here on
 * every path. Work on tensors runs one command at a time (a queue), so a capture never races a prediction.
 */
import type * as tf from '@tensorflow/tfjs';
import { getBackbone } from '../../core/backbones/catalogue';
import type { BackboneSpec, Preprocessing } from '../../core/backbones/types';
import { foldBatchNorm } from '../../core/backbones/foldBatchNorm';
import { cutAt, rebuildAtInputSize } from '../../core/backbones/truncate';
import type { DecodedImage } from '../../core/data/types';
import {
  FEWSHOT_METHOD_IDS,
  createClassifier,
  type FewShotClassifier,
  type FewShotMethodId,
} from '../../core/fewshot/classifiers';
import { embedImages } from '../../core/fewshot/embed';
import { heldOutCurve, type Capture } from '../../core/fewshot/heldOut';
import { compareWithRun, type RunComparison } from '../../core/fewshot/compareWithRun';
import { selectExamples } from '../../core/experiment/runExperiment';
import { splitOf } from '../../core/experiment/resultParts';
import type { ExperimentResult } from '../../core/experiment/types';
import { HEAD_FOR_FAMILY } from '../../core/heads/denseHead';
import type { DatasetSource } from '../protocol/engine';
import type { LoadDataset } from './services';
import type { FewShotCommand, FewShotCurve, FewShotEvent } from '../protocol/fewshot';

export interface FewShotServiceOptions {
  emit(event: FewShotEvent): void;
  /** Resolves once a tfjs backend is active. */
  ready(): Promise<unknown>;
  /** The model of catalogue backbone `spec` (shared; never disposed here). */
  loadModel(spec: BackboneSpec, baseUrl: string): Promise<tf.LayersModel>;
  /** A frame as `size`×`size` RGB pixels for `pre` (the browser: framePixels on an OffscreenCanvas). */
  pixels(frame: ImageBitmap, pre: Preprocessing, size: number): DecodedImage;
  /** A dataset for comparing with a Run (fewshot.compare); without it that command fails. */
  loadDataset?: LoadDataset;
  now?: () => number;
}

/**
 * Input side of a session for families whose cut is convolutional all the way (any size runs): 160 px costs about
 * half the forward pass of MobileNet's 224 (FLOPs scale with the area) and keeps enough detail for a webcam
 * object; families not listed (digits-vgg: 28 px, flattened) keep their model's own size.
 */
export const LIVE_SIZE: Partial<Record<BackboneSpec['family'], number>> = {
  'mobilenet-v1': 160,
  'mobilenet-v2': 160,
};

interface Session {
  spec: BackboneSpec;
  /** What embeds: the cut backbone at `size` with BatchNorm folded (owns its weights). */
  cut: tf.LayersModel;
  /** Every model the session made (disposed together). */
  owned: tf.LayersModel[];
  size: number;
  captures: Capture[];
  /** Classifiers by method, built on first use and kept up to date as captures arrive. */
  classifiers: Map<FewShotMethodId, FewShotClassifier>;
}

export function createFewShotService(options: FewShotServiceOptions) {
  const { emit } = options;
  const now = options.now ?? (() => performance.now());
  let session: Session | null = null;
  let starting: Promise<Session> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  /** The frame's embedding, with the milliseconds of its pixels (crop + scale) and of its forward pass. */
  const embed = async (s: Session, frame: ImageBitmap) => {
    const t0 = now();
    const image = options.pixels(frame, s.spec.preprocessing, s.size);
    const t1 = now();
    const [vector] = await embedImages(
      s.cut,
      [image],
      s.spec.preprocessing,
      s.size,
      HEAD_FOR_FAMILY[s.spec.family].pooling,
    );
    return { vector, pixelsMs: t1 - t0, forwardMs: now() - t1 };
  };

  const classifierFor = (s: Session, method: FewShotMethodId): FewShotClassifier => {
    let classifier = s.classifiers.get(method);
    if (!classifier) {
      classifier = createClassifier(method);
      for (const c of s.captures) classifier.add(c.vector, c.label);
      s.classifiers.set(method, classifier);
    }
    return classifier;
  };

  const counts = (s: Session): number[] => {
    const result: number[] = [];
    for (const c of s.captures) {
      while (result.length <= c.label) result.push(0);
      result[c.label] += 1;
    }
    return result;
  };

  const curves = (s: Session): FewShotCurve[] =>
    FEWSHOT_METHOD_IDS.map((method) => ({ method, points: heldOutCurve(s.captures, method) }));

  const current = async (): Promise<Session> => {
    const s = session ?? (await starting);
    if (!s) throw new Error('Start the camera first: the instant classifier has no backbone yet');
    return s;
  };

  async function start(requestId: string, backbone: string, baseUrl: string): Promise<void> {
    const started = now();
    const spec = getBackbone(backbone);
    const previous = session;
    session = null;
    const making = (async (): Promise<Session> => {
      await options.ready();
      const model = await options.loadModel(spec, baseUrl);
      const native = model.inputs[0].shape[1] ?? spec.preprocessing.inputSize;
      const size = LIVE_SIZE[spec.family] ?? native;
      const owned: tf.LayersModel[] = [];
      try {
        const sized = size === native ? model : await rebuildAtInputSize(model, size);
        if (sized !== model) owned.push(sized);
        const view = cutAt(sized, spec.defaultCut);
        owned.push(view);
        const cut = await foldBatchNorm(view);
        owned.push(cut);
        return { spec, cut, owned, size, captures: [], classifiers: new Map() };
      } catch (error) {
        owned.forEach((m) => m.dispose());
        throw error;
      }
    })();
    starting = making;
    try {
      const next = await making;
      if (starting !== making) {
        next.owned.forEach((m) => m.dispose());
        return;
      }
      // Warm up (first kernels, shader or WASM caches) so the first capture is as quick as the next ones.
      const blank: DecodedImage = {
        width: next.size,
        height: next.size,
        data: new Uint8Array(next.size * next.size * 3),
      };
      const [vector] = await serial(() =>
        embedImages(next.cut, [blank], spec.preprocessing, next.size, HEAD_FOR_FAMILY[spec.family].pooling),
      );
      previous?.owned.forEach((m) => m.dispose());
      session = next;
      emit({
        type: 'fewshot.ready',
        requestId,
        backbone: spec.id,
        imageSize: next.size,
        dimensions: vector.length,
        seconds: (now() - started) / 1000,
      });
    } catch (error) {
      // A failed start leaves the previous session in use.
      if (starting === making) session = previous;
      throw error;
    } finally {
      if (starting === making) starting = null;
    }
  }

  /**
   * The instant classifiers beside a Run's trained head on the Run's own held-out images: the dataset loaded at the
   * Run's size, split as the Run split it (checked against its digest), embedded at the backbone's default cut.
   */
  async function compare(result: ExperimentResult, source: DatasetSource): Promise<RunComparison> {
    if (!options.loadDataset) throw new Error('this engine cannot load datasets');
    await options.ready();
    const { config } = result;
    const spec = getBackbone(config.backbone);
    const size = config.imageSize ?? spec.preprocessing.inputSize;
    const dataset = await options.loadDataset(source, new AbortController().signal, () => undefined, {
      preprocessing: spec.preprocessing,
      size,
    });
    const split = selectExamples(dataset, config, 0);
    const digest = splitOf(dataset, [split]).repeats[0];
    const ran = result.split?.repeats.find((r) => r.repeat === 0);
    if (ran && (ran.train !== digest.train || ran.validation !== digest.validation))
      throw new Error('the dataset has changed since this run: its held-out images are no longer the same');
    const model = await options.loadModel(spec, source.baseUrl);
    const native = model.inputs[0].shape[1] ?? spec.preprocessing.inputSize;
    const vectors = await serial(async () => {
      const owned: tf.LayersModel[] = [];
      try {
        const sized = size === native ? model : await rebuildAtInputSize(model, size);
        if (sized !== model) owned.push(sized);
        const view = cutAt(sized, spec.defaultCut);
        owned.push(view);
        return await embedImages(
          view,
          dataset.examples.map((e) => e.image),
          spec.preprocessing,
          size,
          HEAD_FOR_FAMILY[spec.family].pooling,
        );
      } finally {
        owned.forEach((m) => m.dispose());
      }
    });
    return compareWithRun(
      result,
      { vectors, labels: dataset.examples.map((e) => e.label), ids: dataset.examples.map((e) => e.id) },
      split,
    );
  }

  async function dispatch(command: FewShotCommand): Promise<void> {
    switch (command.type) {
      case 'fewshot.start':
        await start(command.requestId, command.backbone, command.baseUrl);
        return;
      case 'fewshot.capture': {
        const { frame } = command;
        try {
          const s = await current();
          if (!Number.isInteger(command.classIndex) || command.classIndex < 0)
            throw new RangeError(`class index must be ≥ 0, got ${command.classIndex}`);
          const t0 = now();
          const { vector } = await serial(() => embed(s, frame));
          const embedMs = now() - t0;
          if (session !== s) return;
          s.captures.push({ vector, label: command.classIndex });
          for (const classifier of s.classifiers.values()) classifier.add(vector, command.classIndex);
          emit({
            type: 'fewshot.updated',
            requestId: command.requestId,
            counts: counts(s),
            embedMs,
            curves: curves(s),
          });
        } finally {
          frame.close();
        }
        return;
      }
      case 'fewshot.forget': {
        const s = await current();
        s.captures = s.captures.filter((c) => c.label !== command.classIndex);
        s.classifiers.clear();
        emit({
          type: 'fewshot.updated',
          requestId: command.requestId,
          counts: counts(s),
          embedMs: 0,
          curves: curves(s),
        });
        return;
      }
      case 'fewshot.predict': {
        const { frame } = command;
        try {
          const s = await current();
          // Timed from the start of this frame's own work: a frame waiting behind another (the page keeps two in
          // flight) does not count its wait.
          const { embedded, t0 } = await serial(async () => ({ t0: now(), embedded: await embed(s, frame) }));
          const t1 = now();
          const prediction = classifierFor(s, command.method).predict(embedded.vector);
          const t2 = now();
          emit({
            type: 'fewshot.prediction',
            requestId: command.requestId,
            method: command.method,
            label: prediction.label,
            probabilities: prediction.probabilities,
            ms: t2 - t0,
            stages: { pixelsMs: embedded.pixelsMs, forwardMs: embedded.forwardMs, headMs: t2 - t1 },
          });
        } finally {
          frame.close();
        }
        return;
      }
      case 'fewshot.compare':
        emit({
          type: 'fewshot.compared',
          requestId: command.requestId,
          comparison: await compare(command.result, command.dataset),
        });
        return;
      default:
        assertNever(command);
    }
  }

  return {
    /** Handles one command to its end; a failure becomes a fewshot.error event (never rejects). */
    async handle(command: FewShotCommand): Promise<void> {
      try {
        await dispatch(command);
      } catch (error) {
        emit({
          type: 'fewshot.error',
          requestId: command.requestId,
          message: error instanceof Error ? error.message : String(error),
        });
      }
    },
  };
}

function assertNever(command: never): never {
  throw new Error(`unknown few-shot command ${JSON.stringify(command)}`);
}
