/**
 * Writes and reads the files of an exported PyTorch project (`export-pytorch`, `summarize`):
 *   project.json   the experiment, the split (row indices per repeat) and the trial order (core/export/torchProject.ts)
 *   pixels.u8      the images, fitted by our core (8-bit RGB, NHWC)
 *   backbone.json  the cut backbone's layers; backbone.bin its weights in PyTorch's layout (core/export/torchBackbone.ts)
 *   backbone.py, data.py, train.py, embed.py, README.md   copied from src/node/pytorch/
 *   runs.json      written by train.py; results.json written by `summarize`
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TorchBackbone } from '../core/export/torchBackbone';
import type { TorchProjectManifest } from '../core/export/torchProject';

/** The Python sources every project gets. */
export const PYTHON_FILES = ['backbone.py', 'data.py', 'train.py', 'embed.py', 'README.md'] as const;

const TEMPLATE_DIR = fileURLToPath(new URL('./pytorch/', import.meta.url));

export interface TorchProjectFiles {
  manifest: TorchProjectManifest;
  pixels: Uint8Array;
  backbone: TorchBackbone;
  weights: Float32Array;
}

/** Writes the project into `dir` (created when missing; files of an earlier export are replaced). */
export async function writeTorchProject(dir: string, files: TorchProjectFiles): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'project.json'), `${JSON.stringify(files.manifest, null, 1)}\n`);
  await writeFile(path.join(dir, 'pixels.u8'), files.pixels);
  await writeFile(path.join(dir, 'backbone.json'), `${JSON.stringify(files.backbone, null, 1)}\n`);
  // Float32Array is little-endian on every platform Node runs on (x64, arm64).
  await writeFile(path.join(dir, 'backbone.bin'), new Uint8Array(files.weights.buffer, 0, files.weights.byteLength));
  for (const name of PYTHON_FILES) await copyFile(path.join(TEMPLATE_DIR, name), path.join(dir, name));
}

/** project.json and runs.json of a project folder, parsed (validated by core's summarizeTorchRuns). */
export async function readTorchRun(dir: string): Promise<{ manifest: unknown; runs: unknown }> {
  const read = async (name: string) => JSON.parse(await readFile(path.join(dir, name), 'utf8')) as unknown;
  return { manifest: await read('project.json'), runs: await read('runs.json') };
}
