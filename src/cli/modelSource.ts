import type * as tf from '@tensorflow/tfjs';
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BackboneSpec } from '../core/backbones/types';
import { UserError } from './errors';
import { nodeModelHandler } from '../node/modelLoader';

/** The repository's public/ folder: where the built-in models live (served by Vite in the studio). */
export const PUBLIC_DIR = fileURLToPath(new URL('../../public/', import.meta.url));

/** What loadBackbone takes: an http(s) URL (fetched with Node's fetch) or an IOHandler reading from disk. */
export interface ModelSource {
  source: string | tf.io.IOHandler;
  /** For messages: the URL or the absolute path of model.json. */
  description: string;
}

/**
 * Resolves where a backbone's model.json is, in Node:
 * - `http://` / `https://` → fetched (Node ≥ 20 has fetch);
 * - `file://` URL or a path (absolute, or relative to the working directory; a folder means its model.json) →
 *   read from disk by nodeModelHandler;
 * - no override and a built-in backbone → its app-relative URL under public/.
 * Throws UserError when a local model.json does not exist, or for a studio result's `files:<name>` (dropped files).
 */
export async function resolveModelSource(spec: BackboneSpec, override: string | undefined): Promise<ModelSource> {
  const url = override ?? spec.modelUrl;
  if (/^https?:\/\//i.test(url)) return { source: url, description: url };
  // A studio result whose model came from dropped files records `files:<name>`; those files are not here.
  const dropped = /^files:(.*)$/i.exec(url);
  if (dropped)
    throw new UserError(
      `this config's model came from files dropped in the studio (${dropped[1]}); pass --model-url with the path of that model folder`,
    );

  let file: string;
  if (/^file:\/\//i.test(url)) file = fileURLToPath(url);
  else if (override === undefined && !path.isAbsolute(url)) file = path.join(PUBLIC_DIR, url);
  else file = builtInPath(url);

  const info = await stat(file).catch(() => null);
  if (info?.isDirectory()) file = path.join(file, 'model.json');
  else if (!info) {
    const hint =
      override === undefined && spec.builtIn
        ? ` (the built-in "${spec.id}" weights are made by \`npm run build:source-model\`)`
        : '';
    throw new UserError(`model file not found: ${file}${hint}`);
  }
  return { source: nodeModelHandler(file), description: file };
}

/**
 * An app-relative model URL of a preset (models/…, as the studio serves it) is a file under public/ in Node when no
 * such path exists under the working directory; anything else resolves against the working directory.
 */
export function builtInPath(url: string): string {
  if (/^[a-z]+:\/\//i.test(url) || path.isAbsolute(url)) return url;
  const inPublic = path.join(PUBLIC_DIR, url);
  return !existsSync(path.resolve(url)) && existsSync(inPublic) ? inPublic : path.resolve(url);
}
