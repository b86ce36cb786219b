/**
 * The engine's sweeps: runs core's runSweep on the studio's backbone (or a series' own weights, such as the B network
 * of the selffer preset) and a dataset from the workspace or the built-in samples, one job at a time, and answers
 * `sweep.run` with the sweep's events, then exactly one of sweep.result / sweep.cancelled / sweep.failed.
 */
import type * as tf from '@tensorflow/tfjs';
import { parseSweepConfig } from '../../core/sweep/config';
import { runSweep } from '../../core/sweep/runSweep';
import { CancelledError } from '../../core/train/types';
import type { BackendMeasurement, EngineEvent } from '../protocol/engine';
import { STORED_SWEEPS_LIMIT, type StoredSweep, type SweepCommand } from '../protocol/sweep';
import type { BackboneService } from './backboneService';
import { browserEnvironment, type LoadDataset } from './services';

export interface SweepServiceOptions {
  emit(event: EngineEvent): void;
  ready(): Promise<{ measurements: BackendMeasurement[] }>;
  backbones: Pick<BackboneService, 'acquire' | 'release' | 'specFor' | 'fromUrl'>;
  loadDataset: LoadDataset;
  /** True while an experiment or a classifier trains (they would share the backend). */
  otherWorkBusy(): boolean;
  /** Where finished sweeps are kept (the workspace's settings store, key SWEEPS_KEY). */
  store: { get(): Promise<unknown>; put(value: StoredSweep[]): Promise<void> };
}

/** Reads what the store holds as stored sweeps, dropping anything that is not one (a newer or damaged record). */
function storedSweeps(value: unknown): StoredSweep[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (s): s is StoredSweep =>
      typeof s === 'object' &&
      s !== null &&
      typeof (s as StoredSweep).id === 'string' &&
      typeof (s as StoredSweep).label === 'string' &&
      typeof (s as StoredSweep).startedAt === 'number' &&
      (s as StoredSweep).result?.kind === 'sweep' &&
      (s as StoredSweep).result?.schemaVersion === 1,
  );
}

type RunCommand = Extract<SweepCommand, { type: 'sweep.run' }>;

export function createSweepService(options: SweepServiceOptions) {
  const { emit, backbones } = options;
  const running = new Map<string, AbortController>();

  async function run(command: RunCommand): Promise<void> {
    const { sweepId } = command;
    if (running.size > 0 || options.otherWorkBusy()) {
      emit({ type: 'sweep.failed', sweepId, message: 'another training is running; cancel it first' });
      return;
    }
    const controller = new AbortController();
    running.set(sweepId, controller);
    const startedAt = Date.now();
    const borrowed: tf.LayersModel[] = [];
    try {
      const config = parseSweepConfig(command.config);
      const active = await options.ready();
      const spec = backbones.specFor(config.backbone);
      const baseUrl = command.dataset.baseUrl;
      const dataset = await options.loadDataset(command.dataset, controller.signal, () => {});
      const auxiliary = command.auxiliary
        ? await options.loadDataset(command.auxiliary, controller.signal, () => {})
        : undefined;
      const environment = browserEnvironment(active.measurements);
      const result = await runSweep(config, {
        dataset,
        auxiliary,
        spec,
        environment,
        signal: controller.signal,
        onEvent: (event) => emit({ type: 'sweep.event', sweepId, event }),
        loadBackbone: async (source) => {
          const url = source || config.modelUrl;
          if (url) return backbones.fromUrl(spec, new URL(url, baseUrl).href, () => {});
          const model = await backbones.acquire(config.backbone, baseUrl, () => {});
          borrowed.push(model);
          return model;
        },
      });
      emit({ type: 'sweep.result', sweepId, result });
      await keep({ id: sweepId, label: command.label, startedAt, result });
    } catch (error) {
      if (error instanceof CancelledError || controller.signal.aborted) emit({ type: 'sweep.cancelled', sweepId });
      else emit({ type: 'sweep.failed', sweepId, message: error instanceof Error ? error.message : String(error) });
    } finally {
      for (const model of borrowed) backbones.release(model);
      running.delete(sweepId);
    }
  }

  /** Stores a finished sweep (JSON only: NaN, e.g. epoch 0's training loss, becomes null) and lists them again. */
  async function keep(sweep: StoredSweep): Promise<void> {
    try {
      const plain = JSON.parse(JSON.stringify(sweep)) as StoredSweep;
      const kept = [plain, ...storedSweeps(await options.store.get()).filter((s) => s.id !== sweep.id)];
      await options.store.put(kept.slice(0, STORED_SWEEPS_LIMIT));
      emit({ type: 'sweep.listed', sweeps: kept.slice(0, STORED_SWEEPS_LIMIT) });
    } catch (error) {
      console.warn('sweep not stored:', error);
    }
  }

  return {
    async handle(command: SweepCommand): Promise<void> {
      switch (command.type) {
        case 'sweep.run':
          return run(command);
        case 'sweep.cancel':
          running.get(command.sweepId)?.abort();
          return;
        case 'sweep.list':
          emit({ type: 'sweep.listed', sweeps: storedSweeps(await options.store.get().catch(() => [])) });
          return;
        default:
          assertNever(command);
      }
    },
    busy: () => running.size > 0,
    /** Stores a sweep made elsewhere (an imported sweep.json) with the finished ones. */
    keep,
  };
}

function assertNever(command: never): never {
  throw new Error(`unknown sweep command ${JSON.stringify(command)}`);
}
