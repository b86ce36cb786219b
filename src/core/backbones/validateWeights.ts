import { BackboneError } from './errors';

/**
 * Checks that the weight files of a TF.js model arrived whole, before tfjs decodes them. tfjs itself does not: its
 * weights loader never looks at the HTTP status, and concatenates whatever bytes came back, so a missing shard
 * answered by a dev server's SPA fallback (Vite serves index.html with status 200 for unknown paths, and these
 * shards have no file extension) turns into an obscure shape error, or into silently wrong weights.
 */

/** The bytes that arrived for one weights file. */
export type ShardBytes = ArrayBuffer | Uint8Array;

/** The parts of model.json's `weightsManifest` this check reads (tf.io.WeightsManifestConfig, loosely typed). */
interface ManifestEntry {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string };
}
interface ManifestGroup {
  paths: string[];
  weights: ManifestEntry[];
}

const BYTES_PER_ELEMENT: Record<string, number> = {
  float32: 4,
  int32: 4,
  bool: 1,
  complex64: 8,
  // Quantized storage types (weights with a `quantization` entry are stored in these).
  uint8: 1,
  uint16: 2,
  float16: 2,
};

/**
 * Bytes a manifest group must hold: the sum over its weights of (product of shape) × (stored dtype size).
 * Returns undefined when the group holds strings (variable length), which cannot be checked this way.
 */
export function expectedGroupBytes(group: ManifestGroup): number | undefined {
  let total = 0;
  for (const weight of group.weights) {
    const storedDtype = weight.quantization?.dtype ?? weight.dtype;
    const size = BYTES_PER_ELEMENT[storedDtype];
    if (size === undefined) return undefined;
    total += weight.shape.reduce((product, dim) => product * dim, 1) * size;
  }
  return total;
}

/**
 * True when the bytes start like an HTML page (after an optional BOM and whitespace). A float32 shard starting with
 * the bytes of "<!doctype html" or "<html" is, for practical purposes, impossible.
 */
export function looksLikeHtml(bytes: ShardBytes): boolean {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let start = 0;
  if (view[0] === 0xef && view[1] === 0xbb && view[2] === 0xbf) start = 3;
  while (start < view.length && (view[start] === 0x20 || (view[start] >= 0x09 && view[start] <= 0x0d))) start++;
  const head = String.fromCharCode(...view.subarray(start, start + 32)).toLowerCase();
  return /^(<!doctype html|<html|<head|<body|<!--)/.test(head);
}

/** Reads and type-checks `weightsManifest` from parsed model.json content; throws naming `modelFile` if malformed. */
export function readWeightsManifest(modelJson: unknown, modelFile = 'model.json'): ManifestGroup[] {
  const manifest = (modelJson as { weightsManifest?: unknown } | null)?.weightsManifest;
  if (manifest === undefined) return [];
  const ok =
    Array.isArray(manifest) &&
    manifest.every(
      (group) =>
        group != null &&
        Array.isArray(group.paths) &&
        group.paths.every((p: unknown) => typeof p === 'string') &&
        Array.isArray(group.weights) &&
        group.weights.every(
          (w: ManifestEntry | null) =>
            w != null && typeof w.name === 'string' && typeof w.dtype === 'string' && Array.isArray(w.shape),
        ),
    );
  if (!ok) {
    throw new BackboneError(
      `${modelFile}: "weightsManifest" is malformed (expected a list of {paths, weights} groups)`,
      modelFile,
    );
  }
  return manifest as ManifestGroup[];
}

/**
 * Throws a BackboneError naming the first bad file when a weights file listed in model.json did not arrive, is an
 * HTML page, or when a group's files do not add up to the bytes its weights need.
 *
 * @param modelJson parsed model.json content
 * @param arrived what arrived, keyed by the path as written in the manifest (`paths[j]`); absent = not received
 * @param modelFile how to name model.json in messages (a URL or a file path)
 */
export function validateWeights(
  modelJson: unknown,
  arrived: ReadonlyMap<string, ShardBytes>,
  modelFile = 'model.json',
): void {
  const groups = readWeightsManifest(modelJson, modelFile);
  groups.forEach((group, groupIndex) => {
    const groupLabel = `weight group ${groupIndex + 1} of ${groups.length} (${describeWeights(group)})`;
    let receivedBytes = 0;
    for (const path of group.paths) {
      const bytes = arrived.get(path);
      if (bytes === undefined) {
        throw new BackboneError(`weights file "${path}" is missing; ${modelFile} lists it for ${groupLabel}`, path);
      }
      if (looksLikeHtml(bytes)) {
        throw new BackboneError(
          `weights file "${path}" is an HTML page, not weights: the server answered with a web page, which usually ` +
            `means the file is missing there (a dev server's fallback page); ${modelFile} lists it for ${groupLabel}`,
          path,
        );
      }
      receivedBytes += bytes.byteLength;
    }
    const expected = expectedGroupBytes(group);
    if (expected !== undefined && receivedBytes !== expected) {
      const files = group.paths.map((p) => `"${p}"`).join(', ');
      throw new BackboneError(
        `weights file ${files} holds ${receivedBytes} bytes but ${modelFile} needs ${expected} bytes for ` +
          `${groupLabel}: the file is truncated, damaged or belongs to another model`,
        group.paths[0],
      );
    }
  });
}

function describeWeights(group: ManifestGroup): string {
  const names = group.weights.map((w) => w.name);
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}
