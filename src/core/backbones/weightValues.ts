/**
 * A backbone's weight VALUES checked before tfjs builds the model: the files can be whole and the right size
 * (validateWeights.ts) and still hold weights no trained network has. Each of these is refused with the weight
 * named, because each makes every later number meaningless:
 * - no weights at all (model.json without `weightsManifest`): the architecture only; tfjs would build it with
 *   fresh random weights, and "transfer" would be training from an untrained network;
 * - NaN or ±Infinity in any weight: every embedding becomes NaN, accuracy collapses to one class, and the CLI
 *   printed "negative transfer YES" from it;
 * - a convolution or dense kernel that is all zero: that layer's output no longer depends on its input, so every
 *   image gets the same embedding (a zeroed or blanked file).
 * Quantized weights are checked on their stored form (uint8/uint16 codes are always finite; float16 is read
 * bit by bit; the dequantization scale and minimum must be finite).
 */
import { BackboneError } from './errors';

/** The parts of tf.io.ModelArtifacts read here (structurally typed: core keeps tfjs types at its edges). */
export interface WeightArtifacts {
  weightSpecs?: readonly WeightSpecLike[];
  weightData?: ArrayBuffer | readonly ArrayBuffer[];
}

interface WeightSpecLike {
  name: string;
  shape: readonly number[];
  dtype: string;
  quantization?: { dtype: string; scale?: number; min?: number };
}

const BYTES: Readonly<Record<string, number>> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

/** What the scan of one stored weight found. */
interface Scan {
  nonFinite: number;
  nonZero: boolean;
}

function scanWeight(view: DataView, at: number, count: number, stored: string): Scan {
  let nonFinite = 0;
  let nonZero = false;
  if (stored === 'float32') {
    for (let i = 0; i < count; i += 1) {
      const v = view.getFloat32(at + i * 4, true);
      if (!Number.isFinite(v)) nonFinite += 1;
      else if (v !== 0) nonZero = true;
    }
  } else if (stored === 'float16') {
    for (let i = 0; i < count; i += 1) {
      const h = view.getUint16(at + i * 2, true);
      if ((h & 0x7c00) === 0x7c00) nonFinite += 1;
      else if ((h & 0x7fff) !== 0) nonZero = true;
    }
  } else {
    // Integer storage (int32, bool, quantized codes): always finite; a zero code is not necessarily a zero value,
    // so quantized kernels count as non-zero.
    nonZero = true;
  }
  return { nonFinite, nonZero };
}

/** One buffer of the weights as tfjs hands them over (a list of shards is concatenated). */
function asOneBuffer(data: ArrayBuffer | readonly ArrayBuffer[]): ArrayBuffer {
  if (!Array.isArray(data)) return data as ArrayBuffer;
  const buffers = data as readonly ArrayBuffer[];
  const out = new Uint8Array(buffers.reduce((n, b) => n + b.byteLength, 0));
  let at = 0;
  for (const b of buffers) {
    out.set(new Uint8Array(b), at);
    at += b.byteLength;
  }
  return out.buffer;
}

/** Kernels are the rank ≥ 2 weights of convolutions and dense layers (biases and BatchNorm vectors are rank 1). */
const isKernel = (spec: WeightSpecLike) => spec.shape.length >= 2 && /kernel/i.test(spec.name);

/**
 * Throws a BackboneError naming `sourceName` and the first offending weight when the artifacts hold no weights,
 * a non-finite value, or an all-zero kernel (see the module comment). Reads every stored value once.
 */
export function checkWeightValues(artifacts: WeightArtifacts, sourceName: string): void {
  const specs = artifacts.weightSpecs ?? [];
  if (specs.length === 0 || artifacts.weightData === undefined) {
    throw new BackboneError(
      `${sourceName}: the model has no weights ("weightsManifest" is missing or empty in model.json): it describes ` +
        'the architecture only; a backbone needs the weight files it was trained with',
    );
  }
  const buffer = asOneBuffer(artifacts.weightData);
  const view = new DataView(buffer);
  let at = 0;
  for (const spec of specs) {
    const stored = spec.quantization?.dtype ?? spec.dtype;
    const count = spec.shape.reduce((n, d) => n * d, 1);
    const size = BYTES[stored];
    if (size === undefined) return; // strings or an unknown dtype: tfjs decides; nothing more can be checked here
    if (at + count * size > buffer.byteLength) return; // short data: validateWeights / tfjs name that
    const q = spec.quantization;
    if (q && ![q.scale ?? 0, q.min ?? 0].every(Number.isFinite)) {
      throw new BackboneError(
        `${sourceName}: weight "${spec.name}" has a non-finite quantization scale or minimum: the model file is damaged`,
      );
    }
    const scan = scanWeight(view, at, count, stored);
    if (scan.nonFinite > 0) {
      throw new BackboneError(
        `${sourceName}: weight "${spec.name}" holds ${scan.nonFinite} NaN or infinite value(s) of ${count}: the ` +
          'weights file is damaged, or the model diverged when it was trained; every image would give NaN',
      );
    }
    if (!scan.nonZero && count > 1 && isKernel(spec)) {
      throw new BackboneError(
        `${sourceName}: weight "${spec.name}" is all zeros (${count} values): that layer ignores its input, so every ` +
          'image would give the same features; the weights file is blank or damaged',
      );
    }
    at += count * size;
  }
}
