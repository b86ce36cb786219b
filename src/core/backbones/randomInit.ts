import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../math/rng';

/**
 * The "scratch" strategy's model: the same architecture, randomly re-initialised, reproducible from `seed`.
 *
 * tfjs initialisers draw from an unseeded global generator unless their config carries a `seed`, so the model's
 * Keras JSON is rewritten before it is re-created: every `*_initializer` gets its own seed, derived from `seed`, the
 * layer name and the initialiser key (so two same-shaped layers do not get identical weights). Initialisers without
 * randomness (zeros, ones, constant) ignore it. All layers are made trainable, as scratch trains everything.
 *
 * @returns a new, independent model (own weights) that the caller disposes; `model` is not changed
 */
export async function freshCopy(model: tf.LayersModel, seed: number): Promise<tf.LayersModel> {
  const topology = model.toJSON(null, false) as unknown as Record<string, unknown>;
  seedInitializers(topology, seed, '');
  return tf.models.modelFromJSON({ modelTopology: topology as unknown as tf.io.ModelJSON['modelTopology'] });
}

/**
 * Walks the Keras JSON in place. A layer entry is `{class_name, config: {name, ...}}`; its initialisers are config
 * keys ending in `_initializer` whose value is `{class_name, config}`.
 */
function seedInitializers(node: unknown, seed: number, scope: string): void {
  if (Array.isArray(node)) {
    node.forEach((child) => seedInitializers(child, seed, scope));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  const config = record.config as Record<string, unknown> | undefined;
  const layerName = typeof config?.name === 'string' ? `${scope}/${config.name}` : scope;
  if (config && typeof config === 'object' && 'trainable' in config) config.trainable = true;
  for (const [key, value] of Object.entries(record)) {
    if (key.endsWith('_initializer') && isSerializedObject(value)) {
      value.config = { ...(value.config ?? {}), seed: deriveSeed(seed, layerName, key) };
    } else {
      seedInitializers(value, seed, layerName);
    }
  }
}

function isSerializedObject(value: unknown): value is { class_name: string; config?: Record<string, unknown> } {
  return (
    value !== null && typeof value === 'object' && typeof (value as { class_name?: unknown }).class_name === 'string'
  );
}
