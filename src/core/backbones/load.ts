import * as tf from '@tensorflow/tfjs';
import { BackboneError } from './errors';
import type { BackboneSpec } from './types';
import { looksLikeHtml, validateWeights, type ShardBytes } from './validateWeights';
import { checkWeightValues } from './weightValues';

/** Fraction of the weights downloaded, in [0, 1] (tfjs reports it per file). */
export type LoadProgress = (fraction: number) => void;

/** The parts of a fetch Response used here; core has no DOM types, so it is typed structurally. */
export interface FetchResponseLike {
  ok: boolean;
  status: number;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}
export type FetchLike = (url: string, init?: unknown) => Promise<FetchResponseLike>;

export interface LoadOptions {
  /** Replaces the global fetch (tests answer the public URL with local files; the browser may add a cache). */
  fetch?: FetchLike;
}

/**
 * Loads a backbone as a tf.LayersModel and checks it can serve `spec`: it is a layers model (not a graph model), its
 * input has the spec's channel count, and every block output and the default cut exist.
 *
 * @param source a model.json URL (default `spec.modelUrl`; relative URLs resolve against the caller's location, so
 *   a worker should pass an absolute one) or an IOHandler (dropped files, the browser cache, Node's file reader)
 * @param onProgress download progress of the weights; only reported for URL sources
 * @returns a model the caller owns and must `dispose()`
 * @throws BackboneError naming the file or layer at fault
 */
export async function loadBackbone(
  spec: BackboneSpec,
  source?: string | tf.io.IOHandler,
  onProgress?: LoadProgress,
  options: LoadOptions = {},
): Promise<tf.LayersModel> {
  const handler =
    typeof source === 'object' ? source : checkedHttpHandler(source ?? spec.modelUrl, onProgress, options.fetch);
  const sourceName = typeof source === 'object' ? `the model of "${spec.id}"` : (source ?? spec.modelUrl);
  const model = await tf.loadLayersModel(layersOnly(handler, sourceName));
  try {
    checkModelServesSpec(model, spec);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return model;
}

/**
 * An IOHandler for a model.json URL that fails early and by name: model.json that is not JSON, an HTML page or a
 * graph model; a weights file with a bad HTTP status, an HTML body or the wrong size (validateWeights).
 * Wraps tf.io.http through its `fetchFunc` hook, so URL resolution and progress stay tfjs's own.
 */
export function checkedHttpHandler(url: string, onProgress?: LoadProgress, fetchImpl?: FetchLike): tf.io.IOHandler {
  const baseFetch = fetchImpl ?? globalFetch();
  let modelJson: unknown;
  // tfjs requests the shards in manifest order, synchronously one after another, so the call order maps each
  // request back to its manifest path even when a weightPathPrefix or query string changes the URL.
  const shardsInRequestOrder: ShardBytes[] = [];
  let shardRequests = 0;

  const checkingFetch = async (requestUrl: string, init?: unknown): Promise<unknown> => {
    if (requestUrl === url) {
      let response: FetchResponseLike;
      try {
        response = await baseFetch(requestUrl, init);
      } catch (error) {
        throw new BackboneError(`${url} could not be fetched: ${(error as Error).message}`, lastPathSegment(url));
      }
      modelJson = await readModelJson(response, url);
      return { ok: true, status: response.status, json: async () => modelJson };
    }
    const index = shardRequests++;
    const fileName = lastPathSegment(requestUrl);
    let response: FetchResponseLike;
    try {
      response = await baseFetch(requestUrl, init);
    } catch (error) {
      throw new BackboneError(
        `weights file "${fileName}" could not be fetched from ${requestUrl}: ${(error as Error).message}`,
        fileName,
      );
    }
    if (!response.ok) {
      throw new BackboneError(
        `weights file "${fileName}" could not be fetched: HTTP ${response.status} from ${requestUrl}`,
        fileName,
      );
    }
    const bytes = await response.arrayBuffer();
    shardsInRequestOrder[index] = bytes;
    return { ok: true, status: response.status, arrayBuffer: async () => bytes };
  };

  const inner = tf.io.http(url, { onProgress, fetchFunc: checkingFetch as unknown as tf.io.LoadOptions['fetchFunc'] });
  return {
    load: async () => {
      const artifacts = await inner.load!();
      const paths = (readManifestPaths(modelJson) ?? []).flat();
      const arrived = new Map<string, ShardBytes>();
      paths.forEach((path, i) => {
        if (shardsInRequestOrder[i] !== undefined) arrived.set(path, shardsInRequestOrder[i]);
      });
      validateWeights(modelJson, arrived, url);
      return artifacts;
    },
  };
}

/**
 * Wraps any IOHandler so a graph model, a model without weights, or weights no trained network has (NaN, ±Inf, an
 * all-zero kernel: weightValues.ts) fail with a clear message before tfjs builds anything.
 */
function layersOnly(handler: tf.io.IOHandler, sourceName: string): tf.io.IOHandler {
  if (typeof handler.load !== 'function') {
    throw new BackboneError(`${sourceName}: the given IOHandler cannot load (it has no load method)`);
  }
  return {
    load: async () => {
      const artifacts = await handler.load!();
      assertLayersModelJson(artifacts, sourceName, undefined);
      checkWeightValues(artifacts, sourceName);
      return artifacts;
    },
  };
}

/**
 * Throws unless the model.json content describes a TF.js layers model. Graph models carry `format: "graph-model"`
 * and a GraphDef topology (`node` list); layers models carry a Keras config (`class_name`, or `model_config`).
 */
export function assertLayersModelJson(json: unknown, sourceName: string, file = lastPathSegment(sourceName)): void {
  const { format, modelTopology } = (json ?? {}) as { format?: unknown; modelTopology?: Record<string, unknown> };
  const isGraph = format === 'graph-model' || (modelTopology != null && Array.isArray(modelTopology.node));
  if (isGraph) {
    throw new BackboneError(
      `${sourceName}: expected a TF.js layers model, got a graph model (format "graph-model"); graph models cannot ` +
        'be truncated or fine-tuned here: convert the Keras model with tensorflowjs_converter ' +
        '--output_format=tfjs_layers_model',
      file,
    );
  }
  if (modelTopology == null || (modelTopology.class_name == null && modelTopology.model_config == null)) {
    throw new BackboneError(
      `${sourceName}: expected a TF.js layers model, but model.json has no Keras model topology ` +
        '("modelTopology" with "class_name"); it may hold weights only',
      file,
    );
  }
}

/** Throws when the model lacks a layer the spec names, or its input channels differ from the spec's. */
export function checkModelServesSpec(model: tf.LayersModel, spec: BackboneSpec): void {
  const names = new Set(model.layers.map((layer) => layer.name));
  const missing = [...new Set([...spec.blockOutputs, spec.defaultCut])].filter((name) => !names.has(name));
  if (missing.length > 0) {
    const sample = model.layers.slice(0, 8).map((layer) => layer.name);
    throw new BackboneError(
      `the model for "${spec.id}" has no layer named ${missing.map((m) => `"${m}"`).join(', ')}; it has ` +
        `${model.layers.length} layers (${sample.join(', ')}, …): is it the right model?`,
    );
  }
  if (model.inputs.length !== 1) {
    throw new BackboneError(`the model for "${spec.id}" has ${model.inputs.length} inputs; a backbone needs one image`);
  }
  const channels = model.inputs[0].shape[model.inputs[0].shape.length - 1];
  if (channels !== spec.preprocessing.channels) {
    throw new BackboneError(
      `the model for "${spec.id}" takes ${channels}-channel input but the spec says ${spec.preprocessing.channels}`,
    );
  }
}

async function readModelJson(response: FetchResponseLike, url: string): Promise<unknown> {
  const fileName = lastPathSegment(url);
  if (!response.ok) {
    throw new BackboneError(`${fileName} could not be fetched: HTTP ${response.status} from ${url}`, fileName);
  }
  const text = await response.text();
  if (looksLikeHtml(asciiBytes(text))) {
    throw new BackboneError(
      `${url} is an HTML page, not a model.json: the server answered with a web page, which usually means the file ` +
        'is not there (a dev server answers unknown paths with its index.html)',
      fileName,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new BackboneError(`${url} is not valid JSON (${(error as Error).message})`, fileName);
  }
  assertLayersModelJson(json, url);
  return json;
}

function readManifestPaths(modelJson: unknown): string[][] | undefined {
  const manifest = (modelJson as { weightsManifest?: { paths?: string[] }[] } | undefined)?.weightsManifest;
  return Array.isArray(manifest) ? manifest.map((group) => group.paths ?? []) : undefined;
}

function globalFetch(): FetchLike {
  const candidate = (globalThis as { fetch?: FetchLike }).fetch;
  if (typeof candidate !== 'function') {
    throw new BackboneError('no fetch() in this environment: pass options.fetch or an IOHandler as the source');
  }
  return candidate.bind(globalThis);
}

/** "https://x/y/group1-shard1of1?v=2" → "group1-shard1of1". */
function lastPathSegment(url: string): string {
  const path = url.split(/[?#]/)[0];
  return path.slice(path.lastIndexOf('/') + 1) || url;
}

function asciiBytes(text: string): Uint8Array {
  const head = text.slice(0, 64);
  return Uint8Array.from(head, (ch) => ch.charCodeAt(0) & 0xff);
}
