/**
 * The Node platform's tfjs backends: WASM (SIMD, no threads) and the pure-JS CPU backend. WASM is ~8x CPU for
 * inference and trains convolutions too, once the conv gradient kernels it lacks are registered
 * (registerWasmConvGradients). The choice itself is core's (core/backends/chooseBackend.ts); this module sets up
 * the platform and activates.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createConvProbe, type ConvProbeOptions } from '../core/backends/convProbe';
import {
  chooseBackend,
  measuredSpeeds,
  type BackendChoiceCache,
  type BackendNeeds,
  type BackendPreference,
  type MeasuredSpeed,
} from '../core/backends/chooseBackend';
import { registerWasmConvGradients } from '../core/backends/wasmConvGradients';
import type { ExperimentEnvironment } from '../core/experiment/types';

/** The backends Node offers, measured in this order for 'auto'. */
export const NODE_BACKENDS = ['wasm', 'cpu'] as const;
export type NodeBackendName = (typeof NODE_BACKENDS)[number];
export type NodeBackendPreference = BackendPreference<NodeBackendName>;

const require = createRequire(import.meta.url);

/** Directory holding tfjs-backend-wasm's .wasm files, resolved from the installed package (works from any cwd). */
export function wasmDirectory(): string {
  return path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep;
}

let wasmPathsSet = false;

/** Points tfjs-backend-wasm at its .wasm files and registers the conv gradient kernels it lacks (both idempotent). */
function prepareNodeWasm(): void {
  if (!wasmPathsSet) {
    setWasmPaths(wasmDirectory());
    wasmPathsSet = true;
  }
  registerWasmConvGradients();
}

/** The backend activateNodeBackend left active, and why. */
export interface ActiveNodeBackend {
  /** The backend actually active ('cpu' when WASM was asked for but could not start). */
  backend: string;
  /** One sentence: the measured winner and runner-up for 'auto', else the forced name. */
  reason: string;
  /** The measurements that led to an 'auto' choice; empty when forced. */
  measurements: MeasuredSpeed[];
  /** True when 'auto' took a choice remembered from an earlier measurement (the cache), not a new one. */
  fromCache: boolean;
}

/** How 'auto' chooses (see chooseBackend); ignored for a forced backend. */
export interface NodeChoiceOptions {
  /** Default: training (the CLI fine-tunes and trains from scratch). */
  needs?: BackendNeeds;
  /** Optional store of the choice (e.g. a JSON file) so later runs skip measuring. */
  cache?: BackendChoiceCache;
  probe?: ConvProbeOptions;
}

/**
 * Activates `preference` in Node. 'wasm' or 'cpu' is forced (WASM falls back to CPU when it cannot initialise);
 * 'auto' measures both with a small conv forward + training probe (createConvProbe: about a second in all) and
 * keeps the faster one that can do what is needed: WASM can train only with the conv gradient kernels, which are
 * registered first and verified by the measurement's capability check.
 */
export async function activateNodeBackend(
  preference: NodeBackendPreference,
  options: NodeChoiceOptions = {},
): Promise<ActiveNodeBackend> {
  silenceCpuBackendBanner();
  if (preference !== 'cpu') prepareNodeWasm();
  if (preference === 'auto') {
    const choice = await chooseBackend({
      candidates: [...NODE_BACKENDS],
      probe: createConvProbe(options.probe),
      needs: options.needs ?? { training: true },
      cache: options.cache,
      deviceKey: `node-${process.version}-${os.cpus()[0]?.model ?? 'unknown cpu'}-${os.cpus().length}`,
    });
    await tf.ready();
    return {
      backend: choice.backend,
      reason: choice.fromCache ? `${choice.reason} (cached)` : choice.reason,
      measurements: measuredSpeeds(choice.measurements),
      fromCache: choice.fromCache,
    };
  }
  const ok = await tf.setBackend(preference);
  if (!ok && preference !== 'cpu') await tf.setBackend('cpu');
  await tf.ready();
  const backend = tf.getBackend();
  const reason =
    backend === preference ? `chosen by you (${preference})` : `${preference} could not start; fell back to ${backend}`;
  return { backend, reason, measurements: [], fromCache: false };
}

/**
 * The environment record for results.json: backend (and its measurements), tfjs version, cores, platform 'node',
 * runner 'cli' and the machine in words (operating system, architecture, processor; never the host name), so a
 * result dropped into the studio says where it ran.
 */
export function nodeEnvironment(active: ActiveNodeBackend): ExperimentEnvironment {
  const env: ExperimentEnvironment = {
    backend: active.backend,
    tfjsVersion: tf.version.tfjs,
    cores: typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length,
    platform: 'node',
    runner: 'cli',
    machine: describeMachine(),
  };
  if (active.measurements.length > 0) env.backendMeasurements = active.measurements;
  return env;
}

/** "Linux x64, Intel(R) Xeon(R) …": operating system, architecture and processor model (no host name). */
export function describeMachine(): string {
  const cpu = os.cpus()[0]?.model.trim();
  return [`${os.type()} ${os.arch()}`, cpu].filter(Boolean).join(', ');
}

/**
 * tfjs's CPU backend prints "Hi, looks like you are running TensorFlow.js in Node.js…" (a tfjs-node advert) on
 * its first tensor; measuring it or a CPU-side helper tensor would drop that into the CLI's output. Marks the
 * banner as shown. (tfjs-node is not an option here: the studio's engine must be the one the browser runs.)
 */
function silenceCpuBackendBanner(): void {
  const cpu = tf.findBackend('cpu') as { firstUse?: boolean } | null;
  if (cpu && 'firstUse' in cpu) cpu.firstUse = false;
}
