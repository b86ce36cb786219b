/**
 * The `--backend` flag every command shares. `auto` measures WASM against CPU on first use (~2.5 s) and remembers
 * the winner for this machine (src/node/backendChoiceFile.ts), so later commands start at once; `measure` measures
 * again and remembers the new result; `wasm` and `cpu` force one.
 */
import { Option } from 'commander';
import type { BackendNeeds } from '../core/backends/chooseBackend';
import type { ExperimentEnvironment } from '../core/experiment/types';
import { activateNodeBackend, nodeEnvironment, type NodeBackendPreference } from '../node/backend';
import { backendChoiceFile, defaultCacheDir } from '../node/backendChoiceFile';

export const BACKEND_FLAGS = ['auto', 'measure', 'wasm', 'cpu'] as const;
export type BackendFlag = (typeof BACKEND_FLAGS)[number];

/** `--backend <name>`, with its choices and default, for a command's definition. */
export function backendOption(): Option {
  return new Option(
    '--backend <name>',
    `tfjs backend: auto (the faster of wasm and cpu, measured once and remembered in ${defaultCacheDir()}), ` +
      'measure (measure again now), wasm or cpu',
  )
    .choices([...BACKEND_FLAGS])
    .default('auto');
}

/**
 * Activates the backend `flag` asks for and returns the environment record for results.json with the line the
 * command logs ("backend wasm (chosen by measurement: …)"). `needs` defaults to training.
 */
export async function activateCliBackend(
  flag: BackendFlag,
  needs: BackendNeeds = { training: true },
): Promise<{ environment: ExperimentEnvironment; line: string }> {
  const file = backendChoiceFile();
  // 'measure' never reads the remembered choice, but stores the new one.
  const cache = flag === 'measure' ? { get: () => undefined, set: file.set } : file;
  const preference: NodeBackendPreference = flag === 'measure' ? 'auto' : flag;
  const active = await activateNodeBackend(preference, { needs, cache });
  const environment = nodeEnvironment(active);
  const speeds = active.measurements.map((m) => `${m.backend} ${m.forwardImagesPerSecond.toFixed(0)} img/s`).join(', ');
  let line = `backend ${environment.backend}`;
  if (speeds && active.fromCache)
    line += ` (measured earlier on this machine: ${speeds}; --backend measure to measure again)`;
  else if (speeds) line += ` (chosen by measurement: ${speeds})`;
  return { environment, line };
}
