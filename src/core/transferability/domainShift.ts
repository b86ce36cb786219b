/**
 * The domain-shift meter: how far a target sample's embeddings are from a source sample's, by three distances
 * that read different things — MMD (any difference of distributions, with a permutation p-value), the CORAL
 * distance (second-order statistics only) and the proxy A-distance (how well a linear classifier tells the
 * domains apart). All from one pooled Gram matrix. Pure numbers; randomness from `seed`.
 */
import type { Estimate } from '../math/intervals';
import type { Matrix } from '../math/linalg';
import { coralDistance } from './coralDistance';
import { mmdRbf, type MmdResult } from './mmd';
import { pooledGram } from './pooledGram';
import { proxyADistance } from './proxyADistance';

export interface DomainShift {
  sourceCount: number;
  targetCount: number;
  dimensions: number;
  mmd: MmdResult;
  /** ‖C_S − C_T‖²_F / (4d²). */
  coral: number;
  proxyADistance: Estimate;
  domainError: Estimate;
  /** Plain-language reading (shiftLevel). */
  level: ShiftLevel;
}

/**
 * - 'none-detected': the MMD permutation test does not reject "same distribution" at 5 % (p ≥ 0.05);
 * - 'small' / 'moderate' / 'large': a detected shift whose proxy A-distance is below 1, below 1.6, or at least
 *   1.6 (a linear classifier is wrong on 25 % / 10 % of rows at those points). The cut-offs are a reading aid
 *   chosen here, not from a paper; the numbers beside the label are what to cite.
 */
export type ShiftLevel = 'none-detected' | 'small' | 'moderate' | 'large';

export function shiftLevel(mmdPValue: number, pad: number): ShiftLevel {
  if (mmdPValue >= 0.05) return 'none-detected';
  if (pad < 1) return 'small';
  if (pad < 1.6) return 'moderate';
  return 'large';
}

export function domainShift(
  source: Matrix,
  target: Matrix,
  options: { seed: number; permutations?: number },
): DomainShift {
  if (source.cols !== target.cols) {
    throw new RangeError(`source and target embeddings differ in size: ${source.cols} vs ${target.cols}`);
  }
  const pg = pooledGram(source, target);
  const mmd = mmdRbf(pg, options);
  const pad = proxyADistance(pg, { seed: options.seed });
  return {
    sourceCount: source.rows,
    targetCount: target.rows,
    dimensions: source.cols,
    mmd,
    coral: coralDistance(pg),
    proxyADistance: pad.distance,
    domainError: pad.domainError,
    level: shiftLevel(mmd.pValue, pad.distance.mean),
  };
}
