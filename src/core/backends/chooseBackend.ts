/**
 * Backend choice, in one vocabulary for every platform:
 * - a `BackendPreference` is what the user asked for: 'auto' or a backend by name;
 * - `measureBackends` probes each candidate (capability check, warm-up, timed run);
 * - `pickFastest` ranks the measurements (pure): who won and why, a `BackendPick`;
 * - `chooseBackend` reads the per-device cache or measures, then picks: a `BackendChoice` (the stored record);
 * - activating a backend (tf.setBackend plus what the platform must set up first) belongs to each platform:
 *   `activateBackend` in the engine worker (src/worker/engine/backend.ts), `activateNodeBackend` in
 *   src/node/backend.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { checkConvTrainingSupport } from './trainingSupport';
import { registerWasmConvGradients } from './wasmConvGradients';

/** What the user asked for: 'auto' (measure the candidates, take the fastest) or a backend by name. */
export type BackendPreference<Name extends string = string> = 'auto' | Name;

/** What a probe measured on one backend. */
export interface BackendSpeed {
  forwardImagesPerSecond: number;
  /** Absent when the probe did not train (the backend cannot, or the probe only measures inference). */
  trainStepsPerSecond?: number;
}

/**
 * Measures the ACTIVE backend (named for information). `capabilities.training` is false when the backend failed the
 * conv-gradient check: the probe should then skip its training part.
 */
export type BackendProbe = (backend: string, capabilities?: { training: boolean }) => Promise<BackendSpeed>;

export interface BackendMeasurement {
  backend: string;
  /** False when tf.setBackend failed or the probe threw; `problem` says why. */
  available: boolean;
  problem?: string;
  /** Conv gradients ran on this backend and matched a plain-JS reference (checkConvTrainingSupport). */
  supportsTraining: boolean;
  trainingProblem?: string;
  /** 0 when unavailable. */
  forwardImagesPerSecond: number;
  trainStepsPerSecond?: number;
  /** The first (warm-up) probe run, excluded from the speeds: shader compilation, first allocations. */
  warmupSeconds: number;
  /** The measured probe run. */
  measureSeconds: number;
}

/** One available backend's speeds as results (ExperimentEnvironment) and the studio show them: no diagnostics. */
export interface MeasuredSpeed extends BackendSpeed {
  backend: string;
}

/** The speeds of the backends that could run the probe, in measuring order. */
export function measuredSpeeds(measurements: readonly BackendMeasurement[]): MeasuredSpeed[] {
  return measurements
    .filter((m) => m.available)
    .map(({ backend, forwardImagesPerSecond, trainStepsPerSecond }) =>
      trainStepsPerSecond === undefined
        ? { backend, forwardImagesPerSecond }
        : { backend, forwardImagesPerSecond, trainStepsPerSecond },
    );
}

export interface BackendNeeds {
  training: boolean;
}

/** pickFastest's verdict. */
export interface BackendPick {
  backend: string;
  /** Human-readable: the winner's speed, the runner-up, and why any backend was excluded. */
  reason: string;
}

/** chooseBackend's result and what its cache stores: JSON-serialisable, validated when read back. */
export interface BackendChoice extends BackendPick {
  schemaVersion: 1;
  key: string;
  measurements: BackendMeasurement[];
  /** True when this came from the cache (no measurement ran). */
  fromCache: boolean;
}

/**
 * Per-device storage for the choice, so the next start skips measuring. The browser worker passes one backed by
 * IndexedDB or localStorage (JSON.stringify the value for the latter); values read back are validated.
 */
export interface BackendChoiceCache {
  get(key: string): unknown | Promise<unknown>;
  set(key: string, value: BackendChoice): void | Promise<void>;
}

/**
 * tf.setBackend(`backend`), first registering what the project adds to it (WASM conv gradients); the platform has
 * set up the rest (WASM file paths). Resolves false when the backend is not registered or cannot initialise (no
 * WebGL/WebGPU, WASM files not found).
 */
async function setBackend(backend: string): Promise<boolean> {
  if (backend === 'wasm') registerWasmConvGradients();
  return tf.setBackend(backend);
}

/**
 * For each candidate that initialises: checks conv training support, runs `probe` once to warm up and once to
 * measure. Candidates that do not initialise or whose probe throws are recorded with the reason. Restores the
 * backend that was active before (or, if none was, leaves the first available one active); chooseBackend leaves
 * the choice active.
 */
export async function measureBackends(candidates: string[], probe: BackendProbe): Promise<BackendMeasurement[]> {
  const previous = tf.engine().backendName;
  const measurements: BackendMeasurement[] = [];
  for (const backend of candidates) {
    const record: BackendMeasurement = {
      backend,
      available: false,
      supportsTraining: false,
      forwardImagesPerSecond: 0,
      warmupSeconds: 0,
      measureSeconds: 0,
    };
    measurements.push(record);
    try {
      if (!(await setBackend(backend))) {
        record.problem = `tf.setBackend('${backend}') returned false: not registered, or it failed to initialise`;
        continue;
      }
    } catch (error) {
      record.problem = `tf.setBackend('${backend}') threw: ${(error as Error).message}`;
      continue;
    }
    const training = checkConvTrainingSupport();
    record.supportsTraining = training.supported;
    if (training.problem) record.trainingProblem = training.problem;
    try {
      let start = tf.util.now();
      await probe(backend, { training: training.supported });
      record.warmupSeconds = (tf.util.now() - start) / 1000;
      start = tf.util.now();
      const speed = await probe(backend, { training: training.supported });
      record.measureSeconds = (tf.util.now() - start) / 1000;
      record.forwardImagesPerSecond = speed.forwardImagesPerSecond;
      if (speed.trainStepsPerSecond !== undefined) record.trainStepsPerSecond = speed.trainStepsPerSecond;
      record.available = true;
    } catch (error) {
      record.problem = `the probe failed on '${backend}': ${(error as Error).message}`;
    }
  }
  // A failed tf.setBackend leaves the engine pointing at the failed backend: always end on a working one.
  const restore = previous ?? measurements.find((m) => m.available)?.backend;
  if (restore != null && tf.engine().backendName !== restore) await tf.setBackend(restore);
  return measurements;
}

/**
 * The fastest measured backend that can do what is needed: by train steps/s when `needs.training` (only backends
 * whose conv-gradient check passed), else by forward images/s. Throws, listing every backend's problem, when none
 * qualifies.
 */
export function pickFastest(measurements: readonly BackendMeasurement[], needs: BackendNeeds): BackendPick {
  const unit = needs.training ? 'train steps/s' : 'images/s';
  const speedOf = (m: BackendMeasurement) => (needs.training ? (m.trainStepsPerSecond ?? 0) : m.forwardImagesPerSecond);
  const excluded: string[] = [];
  const usable: BackendMeasurement[] = [];
  for (const m of measurements) {
    if (!m.available) excluded.push(`${m.backend} unavailable (${m.problem ?? 'unknown reason'})`);
    else if (needs.training && !m.supportsTraining) excluded.push(`${m.backend} cannot train (${m.trainingProblem})`);
    else if (!(speedOf(m) > 0)) excluded.push(`${m.backend} has no ${unit} measurement`);
    else usable.push(m);
  }
  if (usable.length === 0) {
    const why = excluded.join('; ') || 'no candidates';
    throw new Error(`no backend can ${needs.training ? 'train' : 'run'} here: ${why}`);
  }
  const ranked = [...usable].sort((a, b) => speedOf(b) - speedOf(a));
  const [best, runnerUp] = ranked;
  let reason = `${best.backend}: ${speedOf(best).toFixed(1)} ${unit}`;
  if (runnerUp) {
    const ratio = speedOf(best) / speedOf(runnerUp);
    reason += `, ${ratio.toFixed(1)}× ${runnerUp.backend} (${speedOf(runnerUp).toFixed(1)})`;
  } else {
    reason += ', the only usable backend';
  }
  if (excluded.length > 0) reason += `; excluded: ${excluded.join('; ')}`;
  return { backend: best.backend, reason };
}

/** Cache key of a choice: the device, tfjs version, candidates and needs (a change of any re-measures). */
export function backendCacheKey(deviceKey: string, candidates: readonly string[], needs: BackendNeeds): string {
  const parts = ['transfer-studio/backend/v1', deviceKey, `tfjs-${tf.version_core}`, candidates.join(',')];
  return [...parts, needs.training ? 'train' : 'infer'].join('|');
}

export interface ChooseBackendOptions {
  candidates: string[];
  probe: BackendProbe;
  needs: BackendNeeds;
  cache?: BackendChoiceCache;
  /** Identifies the device for the cache (e.g. user agent + cores); default 'default'. */
  deviceKey?: string;
}

/**
 * Chooses a backend and LEAVES IT ACTIVE (measuring switches backends anyway): the cached choice for this device
 * when the cache has a valid one that still initialises (instant), otherwise measureBackends + pickFastest, stored
 * in the cache.
 */
export async function chooseBackend(options: ChooseBackendOptions): Promise<BackendChoice> {
  const { candidates, probe, needs, cache } = options;
  const key = backendCacheKey(options.deviceKey ?? 'default', candidates, needs);
  const cached = cache ? parseChoice(await cache.get(key), key, candidates) : null;
  if (cached && (await setBackend(cached.backend).catch(() => false))) return { ...cached, fromCache: true };

  const measurements = await measureBackends(candidates, probe);
  const pick = pickFastest(measurements, needs);
  if (!(await setBackend(pick.backend))) {
    throw new Error(`tf.setBackend('${pick.backend}') failed after measuring it`);
  }
  const choice: BackendChoice = { schemaVersion: 1, key, ...pick, measurements, fromCache: false };
  await cache?.set(key, choice);
  return choice;
}

/**
 * The cached value when it is a choice of this schema, for this key, naming one of the candidates; else null. The
 * studio reads it at start-up to know whether it can start on the measured choice at once.
 */
export function parseChoice(value: unknown, key: string, candidates: readonly string[]): BackendChoice | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<BackendChoice>;
  const valid =
    v.schemaVersion === 1 &&
    v.key === key &&
    typeof v.backend === 'string' &&
    candidates.includes(v.backend) &&
    typeof v.reason === 'string' &&
    Array.isArray(v.measurements);
  return valid ? (v as BackendChoice) : null;
}
