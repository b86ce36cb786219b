import { BACKBONES } from './catalogue';
import { readTopologyLayers } from './cost';
import { BackboneError } from './errors';
import type { BackboneSpec } from './types';

/**
 * Which catalogue backbone a user's model.json is (a dropped model folder has no id): the specs whose block
 * layers and cut all exist in the topology; among several (the same family at different widths), the one whose
 * first convolution has the width its alpha implies (MobileNet v1: 32·alpha filters; v2: 32·alpha rounded to a
 * multiple of 8 as Keras' _make_divisible does). Pure: reads the topology JSON only.
 */
export interface SpecMatch {
  spec: BackboneSpec;
  /** False when the family matched but no catalogue width did (block names are right, published facts are not). */
  exactWidth: boolean;
}

/** @throws BackboneError when no catalogue backbone has the layers the topology has */
export function matchBackboneSpec(topology: unknown, fileName = 'model.json'): SpecMatch {
  let layers;
  try {
    layers = readTopologyLayers(topology);
  } catch (error) {
    throw new BackboneError(`${fileName}: ${(error as Error).message}`, fileName);
  }
  const byName = new Map(layers.map((layer) => [layer.name ?? String(layer.config.name), layer]));
  const candidates = Object.values(BACKBONES).filter((spec) =>
    [...spec.blockOutputs, spec.defaultCut].every((name) => byName.has(name)),
  );
  if (candidates.length === 0) {
    const families = Object.values(BACKBONES)
      .filter((spec, i, all) => all.findIndex((s) => s.family === spec.family) === i)
      .map((spec) => `${spec.family} (${spec.blockOutputs[0]} … ${spec.defaultCut})`);
    throw new BackboneError(
      `${fileName} is a layers model, but not one the studio knows how to cut into blocks: it needs the block ` +
        `layers of ${families.join(', or ')}`,
      fileName,
    );
  }
  const firstConvFilters = (name: string) => Number(byName.get(name)?.config.filters);
  const exact = candidates.find((spec) => {
    const alpha = Number(/_(\d+(?:\.\d+)?)$/.exec(spec.id)?.[1]);
    if (spec.family === 'mobilenet-v1') return firstConvFilters('conv1') === Math.round(32 * alpha);
    if (spec.family === 'mobilenet-v2') return firstConvFilters('Conv1') === makeDivisible(32 * alpha, 8);
    return true;
  });
  return exact ? { spec: exact, exactWidth: true } : { spec: candidates[0], exactWidth: false };
}

/** Keras applications' _make_divisible: round to the nearest multiple of `divisor`, never down by more than 10 %. */
function makeDivisible(value: number, divisor: number): number {
  const rounded = Math.max(divisor, Math.floor((value + divisor / 2) / divisor) * divisor);
  return rounded < 0.9 * value ? rounded + divisor : rounded;
}
