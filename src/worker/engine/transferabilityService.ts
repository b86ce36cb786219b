/**
 * "How well will it transfer?" in the engine worker: scores (backbone, cut) candidates on the studio's dataset
 * (core/transferability: embed once per backbone, every cut in one pass), measures them on request with a
 * feature-extraction head per cut, and runs the domain-shift meter between two datasets. One request at a time;
 * never while an experiment or a classifier trains (they would share, and slow, the backend).
 */
import type * as tf from '@tensorflow/tfjs';
import { getBackbone } from '../../core/backbones/catalogue';
import type { BackboneSpec } from '../../core/backbones/types';
import { parseExperimentConfig } from '../../core/experiment/config';
import { selectExamples } from '../../core/experiment/runExperiment';
import type { Dataset } from '../../core/data/types';
import { CancelledError } from '../../core/train/types';
import { createRng } from '../../core/math/rng';
import {
  defaultScoreCuts,
  rankAgreement,
  scoreCandidates,
  type BackboneToScore,
} from '../../core/transferability/candidates';
import { domainShift } from '../../core/transferability/domainShift';
import { embedForScores } from '../../core/transferability/embedForScores';
import { measureCandidate } from '../../core/transferability/measure';
import type { TransferCommand, TransferEvent } from '../protocol/transferability';
import type { BackboneService } from './backboneService';
import { browserEnvironment, type LoadDataset } from './services';

export interface TransferabilityServiceOptions {
  emit(event: TransferEvent): void;
  ready(): Promise<unknown>;
  backbones: Pick<BackboneService, 'acquire' | 'release' | 'specFor' | 'fromUrl'>;
  loadDataset: LoadDataset;
  /** True while an experiment or a classifier trains. */
  otherWorkBusy(): boolean;
}

/** Images per side the shift meter embeds (a seeded draw when a dataset has more). */
export const SHIFT_IMAGES_PER_SIDE = 300;

type ScoreCommand = Extract<TransferCommand, { type: 'transfer.score' }>;
type ShiftCommand = Extract<TransferCommand, { type: 'transfer.shift' }>;

export function createTransferabilityService(options: TransferabilityServiceOptions) {
  const { emit, backbones } = options;
  const running = new Map<string, AbortController>();
  const now = () => performance.now();

  /** Runs `work` with the models of `ids` (the first borrowed as the studio's selection, the rest by URL). */
  async function withModels<T>(
    ids: string[],
    baseUrl: string,
    onProgress: (id: string, fraction: number) => void,
    work: (models: { spec: BackboneSpec; model: tf.LayersModel }[]) => Promise<T>,
  ): Promise<T> {
    let borrowed: tf.LayersModel | null = null;
    try {
      const models = [];
      for (const [i, id] of ids.entries()) {
        if (i === 0) {
          borrowed = await backbones.acquire(id, baseUrl, (f) => onProgress(id, f));
          models.push({ spec: backbones.specFor(id), model: borrowed });
        } else {
          const spec = getBackbone(id);
          const url = new URL(spec.modelUrl, baseUrl).href;
          models.push({ spec, model: await backbones.fromUrl(spec, url, (f) => onProgress(id, f)) });
        }
      }
      return await work(models);
    } finally {
      if (borrowed) backbones.release(borrowed);
    }
  }

  async function score(command: ScoreCommand, signal: AbortSignal): Promise<void> {
    const { requestId } = command;
    const progress = (stage: 'loading' | 'embedding' | 'measuring', detail: string, done: number, total: number) =>
      emit({ type: 'transfer.progress', requestId, stage, detail, done, total });
    const dataset = await options.loadDataset(command.dataset, signal, (loaded, total) =>
      progress('loading', 'dataset', loaded, total),
    );
    const ids = [...new Set(command.backbones)];
    const config = parseExperimentConfig({
      backbone: ids[0],
      strategies: ['feature-extraction'],
      seeds: command.seeds,
      epochs: command.epochs,
      validationFraction: command.validationFraction,
      ...(command.perClass !== undefined ? { perClass: command.perClass } : {}),
    });
    const { train } = selectExamples(dataset, config);
    await withModels(
      ids,
      command.dataset.baseUrl,
      (id, f) => progress('loading', id, f, 1),
      async (models) => {
        const toScore: BackboneToScore[] = models.map(({ spec, model }) => ({
          spec,
          model,
          cuts: defaultScoreCuts(spec),
        }));
        const { candidates, backbones: scored } = await scoreCandidates(dataset, toScore, {
          examples: train,
          signal,
          now,
          onProgress: (backbone, done, total) => progress('embedding', backbone, done, total),
        });
        emit({
          type: 'transfer.scored',
          requestId,
          datasetName: dataset.name,
          scoredImages: train.length,
          candidates,
          embeddingSeconds: Object.fromEntries(scored.map((b) => [b.backbone, b.embeddingSeconds])),
          scoreSeconds: candidates.reduce((s, c) => s + c.scoreSeconds, 0),
        });
        if (!command.measure) return;
        const environment = browserEnvironment();
        for (const [index, candidate] of candidates.entries()) {
          progress('measuring', String(index), index, candidates.length);
          const { spec, model } = models.find((m) => m.spec.id === candidate.backbone)!;
          const measured = await measureCandidate(
            dataset,
            model,
            spec,
            candidate.cut,
            { ...config, backbone: spec.id },
            {
              environment,
              signal,
            },
          );
          candidate.measured = measured;
          emit({ type: 'transfer.measured', requestId, index, measured });
        }
        emit({ type: 'transfer.done', requestId, agreement: rankAgreement(candidates) });
      },
    );
  }

  async function shift(command: ShiftCommand, signal: AbortSignal): Promise<void> {
    const { requestId } = command;
    const [source, target] = [
      await options.loadDataset(command.source, signal, () => {}),
      await options.loadDataset(command.target, signal, () => {}),
    ];
    await withModels(
      [command.backbone],
      command.target.baseUrl,
      () => {},
      async ([{ spec, model }]) => {
        const draw = (dataset: Dataset, seed: number) => {
          const order = dataset.examples.map((_, i) => i);
          if (order.length > SHIFT_IMAGES_PER_SIDE) createRng(seed).shuffle(order);
          return order.slice(0, SHIFT_IMAGES_PER_SIDE).map((i) => dataset.examples[i].image);
        };
        const embed = async (dataset: Dataset, seed: number) =>
          (await embedForScores(model, spec, [spec.defaultCut], draw(dataset, seed), { signal })).cuts[0].features;
        const sourceFeatures = await embed(source, 1);
        const targetFeatures = await embed(target, 2);
        const start = now();
        const result = domainShift(sourceFeatures, targetFeatures, { seed: 1 });
        emit({
          type: 'transfer.shifted',
          requestId,
          backbone: spec.id,
          cut: spec.defaultCut,
          sourceName: source.name,
          targetName: target.name,
          shift: result,
          meterSeconds: (now() - start) / 1000,
        });
      },
    );
  }

  async function guarded(requestId: string, work: (signal: AbortSignal) => Promise<void>): Promise<void> {
    if (running.size > 0) {
      emit({ type: 'transfer.error', requestId, message: 'another estimate is still running; cancel it first' });
      return;
    }
    if (options.otherWorkBusy()) {
      emit({ type: 'transfer.error', requestId, message: 'a run or a classifier is training; wait for it first' });
      return;
    }
    const controller = new AbortController();
    running.set(requestId, controller);
    try {
      await options.ready();
      await work(controller.signal);
    } catch (error) {
      if (error instanceof CancelledError || controller.signal.aborted) emit({ type: 'transfer.cancelled', requestId });
      else emit({ type: 'transfer.error', requestId, message: (error as Error).message });
    } finally {
      running.delete(requestId);
    }
  }

  return {
    async handle(command: TransferCommand): Promise<void> {
      switch (command.type) {
        case 'transfer.score':
          return guarded(command.requestId, (signal) => score(command, signal));
        case 'transfer.shift':
          return guarded(command.requestId, (signal) => shift(command, signal));
        case 'transfer.cancel':
          running.get(command.requestId)?.abort();
          return;
        default:
          assertNever(command);
      }
    },
    busy: () => running.size > 0,
  };
}

function assertNever(command: never): never {
  throw new Error(`unknown transferability command ${JSON.stringify(command)}`);
}
