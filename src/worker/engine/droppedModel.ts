/**
 * A model folder the user dropped (model.json + weight files), checked before tfjs reads it, so every problem gets
 * a message naming the file: no model.json, model.json that is not JSON, a graph model, weight files missing (all
 * of them named), weight files of the wrong size or that are web pages. Runs in the worker (File, Blob APIs).
 */
import { assertLayersModelJson } from '../../core/backbones/load';
import { BackboneError } from '../../core/backbones/errors';
import { matchBackboneSpec, type SpecMatch } from '../../core/backbones/matchSpec';
import { readWeightsManifest, validateWeights, type ShardBytes } from '../../core/backbones/validateWeights';

export interface CheckedModelFiles {
  jsonFile: File;
  modelJson: unknown;
  /** The weight files in manifest order (what tf.io.browserFiles wants after model.json). */
  weightFiles: File[];
  match: SpecMatch;
}

/** Shown when several missing files are named. */
const MAX_NAMED = 5;

const baseName = (name: string) => name.slice(name.lastIndexOf('/') + 1);

/**
 * Finds model.json among `files`, parses and checks it and its weight files.
 * @throws BackboneError with `file` set to the first offending file
 */
export async function checkDroppedModel(files: readonly File[]): Promise<CheckedModelFiles> {
  if (files.length === 0)
    throw new BackboneError('nothing was dropped: drop a model folder (model.json and its weight files)');
  const jsonFiles = files.filter((f) => /\.json$/i.test(f.name));
  const jsonFile =
    jsonFiles.find((f) => baseName(f.name).toLowerCase() === 'model.json') ??
    (jsonFiles.length === 1 ? jsonFiles[0] : undefined);
  if (!jsonFile) {
    const names = files
      .slice(0, MAX_NAMED)
      .map((f) => `"${f.name}"`)
      .join(', ');
    throw new BackboneError(
      jsonFiles.length > 1
        ? `found ${jsonFiles.length} .json files and none is named model.json: drop one model folder at a time`
        : `no model.json among the ${files.length} dropped file(s) (${names}${files.length > MAX_NAMED ? ', …' : ''})`,
      'model.json',
    );
  }
  const fileName = jsonFile.name;
  let modelJson: unknown;
  try {
    modelJson = JSON.parse(await jsonFile.text());
  } catch (error) {
    throw new BackboneError(
      `${fileName} is not JSON (${(error as Error).message}); is it really a TF.js model.json?`,
      fileName,
    );
  }
  if (modelJson === null || typeof modelJson !== 'object' || Array.isArray(modelJson)) {
    throw new BackboneError(
      `${fileName} is JSON but not a TF.js model (expected an object with "modelTopology")`,
      fileName,
    );
  }
  assertLayersModelJson(modelJson, fileName, fileName);
  const match = matchBackboneSpec((modelJson as { modelTopology: unknown }).modelTopology, fileName);

  const paths = readWeightsManifest(modelJson, fileName).flatMap((group) => group.paths);
  const byName = new Map(files.map((f) => [baseName(f.name), f]));
  const missing = paths.filter((p) => !byName.has(baseName(p)));
  if (missing.length > 0) {
    const named = missing
      .slice(0, MAX_NAMED)
      .map((p) => `"${p}"`)
      .join(', ');
    const more = missing.length > MAX_NAMED ? ` and ${missing.length - MAX_NAMED} more` : '';
    throw new BackboneError(
      `weights file${missing.length > 1 ? 's' : ''} ${named}${more} ${missing.length > 1 ? 'are' : 'is'} missing: ` +
        `${fileName} lists ${paths.length} weight file(s) and ${paths.length - missing.length} of them were dropped`,
      missing[0],
    );
  }
  const weightFiles = paths.map((p) => byName.get(baseName(p))!);
  const arrived = new Map<string, ShardBytes>();
  await Promise.all(
    paths.map(async (p, i) => {
      arrived.set(p, new Uint8Array(await weightFiles[i].arrayBuffer()));
    }),
  );
  validateWeights(modelJson, arrived, fileName);
  return { jsonFile, modelJson, weightFiles, match };
}
