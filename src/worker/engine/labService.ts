/**
 * The worker's few-shot lab on the built-in digits (protocol/zeroshot.ts): MNIST 0–4 (sample digits-a) and 5–9
 * (sample digits), 100 images each, embedded once per backbone and kept as vectors; on them the zero-shot demo
 * (attribute classifiers on 0–4, 5–9 from their table rows; core/fewshot/zeroShotView.ts) and N-way K-shot
 * episodes for every few-shot method (core/fewshot/episodes.ts). Same images, labels and table as the CLI's
 * `zeroshot --preset digits`, so the studio shows the CLI's numbers.
 *
 * Ownership: the cut views are disposed right after embedding; backbone models belong to `loadModel`'s owner.
 * Embedding runs one request at a time (a queue); a failed embedding is forgotten so a retry starts over.
 */
import type * as tf from '@tensorflow/tfjs';
import { getBackbone } from '../../core/backbones/catalogue';
import type { BackboneSpec } from '../../core/backbones/types';
import { cutAt } from '../../core/backbones/truncate';
import type { Dataset } from '../../core/data/types';
import { FEWSHOT_METHOD_IDS } from '../../core/fewshot/classifiers';
import { embedDataset } from '../../core/fewshot/embed';
import { evaluateEpisodes, maxQueries } from '../../core/fewshot/episodes';
import { tableLabels, zeroShotPreset } from '../../core/fewshot/runZeroShot';
import { createZeroShotState, type ZeroShotState } from '../../core/fewshot/zeroShotView';
import type { SampleId } from '../protocol/engine';
import type { LabCommand, LabEvent, LabPhase } from '../protocol/zeroshot';

/** Images per digit: the first 100 of each, as the CLI preset takes them. */
const PER_CLASS = 100;
/** Episodes are seeded so a re-run shows the same numbers. */
const EPISODE_SEED = 1;

export interface LabServiceOptions {
  emit(event: LabEvent): void;
  /** Resolves once a tfjs backend is active. */
  ready(): Promise<unknown>;
  /** The model of catalogue backbone `spec` (shared; never disposed here). */
  loadModel(spec: BackboneSpec, baseUrl: string): Promise<tf.LayersModel>;
  loadSample(baseUrl: string, id: SampleId, perClass: number): Promise<Dataset>;
  /** Images per digit (default 100, the CLI preset's; tests take fewer). */
  perClass?: number;
  now?: () => number;
}

/** The digits embedded by one backbone: 0–4 and 5–9 as loaded (labels index each dataset's classNames). */
interface DigitEmbeddings {
  cut: string;
  seen: { dataset: Dataset; vectors: Float32Array[] };
  unseen: { dataset: Dataset; vectors: Float32Array[] };
}

type Progress = (phase: LabPhase, done: number, total: number) => void;

export function createLabService(options: LabServiceOptions) {
  const { emit } = options;
  const perClass = options.perClass ?? PER_CLASS;
  const now = options.now ?? (() => performance.now());
  const cache = new Map<string, Promise<DigitEmbeddings>>();
  let queue: Promise<unknown> = Promise.resolve();
  let zeroShot: ZeroShotState | null = null;

  async function embedDigits(backbone: string, baseUrl: string, progress: Progress): Promise<DigitEmbeddings> {
    const spec = getBackbone(backbone);
    progress('loading', 0, 1);
    await options.ready();
    const [model, seen, unseen] = await Promise.all([
      options.loadModel(spec, baseUrl),
      options.loadSample(baseUrl, 'digits-a', perClass),
      options.loadSample(baseUrl, 'digits', perClass),
    ]);
    const size = model.inputs[0].shape[1] ?? spec.preprocessing.inputSize;
    const cut = cutAt(model, spec.defaultCut);
    const total = seen.examples.length + unseen.examples.length;
    try {
      const embed = (dataset: Dataset, offset: number) =>
        embedDataset(cut, dataset, spec, size, {
          onProgress: (done) => progress('embedding', offset + done, total),
        });
      const seenVectors = await embed(seen, 0);
      const unseenVectors = await embed(unseen, seen.examples.length);
      return {
        cut: spec.defaultCut,
        seen: { dataset: seen, vectors: seenVectors },
        unseen: { dataset: unseen, vectors: unseenVectors },
      };
    } finally {
      cut.dispose();
    }
  }

  /** The digits embedded by `backbone`, from the cache when an earlier request embedded them. */
  function embeddings(backbone: string, baseUrl: string, progress: Progress): Promise<DigitEmbeddings> {
    let entry = cache.get(backbone);
    if (!entry) {
      const run = queue.then(() => embedDigits(backbone, baseUrl, progress));
      queue = run.catch(() => undefined);
      entry = run;
      cache.set(backbone, entry);
      entry.catch(() => cache.delete(backbone));
    }
    return entry;
  }

  async function runZeroShot(requestId: string, baseUrl: string): Promise<void> {
    const started = now();
    const preset = zeroShotPreset('digits');
    const progress: Progress = (phase, done, total) =>
      emit({ type: 'zeroshot.progress', requestId, phase, done, total });
    const digits = await embeddings(preset.config.backbone, baseUrl, progress);
    progress('training', 0, 1);
    const { table, seen, unseen } = preset.config;
    const split = ({ dataset, vectors }: DigitEmbeddings['seen'], classes: number[]) => ({
      vectors,
      labels: tableLabels(dataset, table, classes),
      ids: dataset.examples.map((e) => e.id),
    });
    zeroShot = createZeroShotState(
      { ...preset.config, cut: digits.cut },
      split(digits.seen, seen),
      split(digits.unseen, unseen),
    );
    emit({ type: 'zeroshot.result', requestId, view: zeroShot.view(), seconds: (now() - started) / 1000 });
  }

  async function runEpisodes(command: Extract<LabCommand, { type: 'episodes.run' }>): Promise<void> {
    const { requestId } = command;
    const started = now();
    const progress: Progress = (phase, done, total) =>
      emit({ type: 'episodes.progress', requestId, phase, done, total });
    const digits = await embeddings(command.backbone, command.baseUrl, progress);
    const offset = digits.seen.dataset.classNames.length;
    const set = {
      vectors: [...digits.seen.vectors, ...digits.unseen.vectors],
      labels: [
        ...digits.seen.dataset.examples.map((e) => e.label),
        ...digits.unseen.dataset.examples.map((e) => e.label + offset),
      ],
      classNames: [...digits.seen.dataset.classNames, ...digits.unseen.dataset.classNames],
    };
    const evaluation = await evaluateEpisodes(set, {
      ways: command.ways,
      shots: command.shots,
      queries: maxQueries(set, Math.max(...command.shots)),
      episodes: command.episodes,
      methods: [...FEWSHOT_METHOD_IDS],
      seed: EPISODE_SEED,
      onProgress: (done, total) => progress('episodes', done, total),
    });
    emit({
      type: 'episodes.result',
      requestId,
      backbone: command.backbone,
      cut: digits.cut,
      classes: set.classNames.length,
      imagesPerClass: perClass,
      results: evaluation.results,
      shotGains: evaluation.shotGains,
      seed: EPISODE_SEED,
      seconds: (now() - started) / 1000,
    });
  }

  async function dispatch(command: LabCommand): Promise<void> {
    switch (command.type) {
      case 'zeroshot.run':
        return runZeroShot(command.requestId, command.baseUrl);
      case 'zeroshot.decide': {
        if (!zeroShot) throw new Error('Run the zero-shot demo first');
        emit({ type: 'zeroshot.result', requestId: command.requestId, view: zeroShot.view(command.rows), seconds: 0 });
        return;
      }
      case 'episodes.run':
        return runEpisodes(command);
      default:
        assertNever(command);
    }
  }

  return {
    /** Handles one command to its end; a failure becomes a zeroshot.error / episodes.error event (never rejects). */
    async handle(command: LabCommand): Promise<void> {
      try {
        await dispatch(command);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const type = command.type === 'episodes.run' ? 'episodes.error' : 'zeroshot.error';
        emit({ type, requestId: command.requestId, message });
      }
    },
  };
}

function assertNever(command: never): never {
  throw new Error(`unknown few-shot lab command ${JSON.stringify(command)}`);
}
