/**
 * The singular value decompositions the transferability scores share — the raw features' (LogME) and the
 * centred features' (H-score, GBC) — so transferabilityScores computes each once per candidate. Pure numbers.
 */
import { centerColumns, thinSvd, type Matrix } from '../math/linalg';

/** Left singular vectors (length N) and singular values of an N × D matrix, rank-truncated (thinSvd). */
export interface Spectrum {
  u: Float64Array[];
  s: Float64Array;
}

export function spectrumOf(m: Matrix): Spectrum {
  const { u, s } = thinSvd(m, undefined, { rightVectors: false });
  return { u, s };
}

/** The column-centred features and their spectrum. */
export interface Centred {
  x: Matrix;
  spectrum: Spectrum;
}

export function centredOf(features: Matrix): Centred {
  const x = centerColumns(features);
  return { x, spectrum: spectrumOf(x) };
}
