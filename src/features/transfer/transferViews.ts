/**
 * Plain view helpers of "How well will it transfer?": ranks, the block a cut is, and the reading of a rank
 * correlation. No React, no i18n: tested on their own.
 */
import { findBackbone } from '../../core/backbones/catalogue';
import type { CandidateResult } from '../../core/transferability/candidates';
import type { ScoreName } from '../../core/transferability/scores';

/** 1-based rank of each candidate by `value` (higher first; ties keep list order); null when it has no value. */
export function ranksBy(
  candidates: readonly CandidateResult[],
  value: (c: CandidateResult) => number | null,
): (number | null)[] {
  const order = candidates
    .map((c, i) => ({ i, v: value(c) }))
    .filter((x): x is { i: number; v: number } => x.v !== null && Number.isFinite(x.v))
    .sort((a, b) => b.v - a.v || a.i - b.i);
  const ranks: (number | null)[] = candidates.map(() => null);
  order.forEach(({ i }, r) => (ranks[i] = r + 1));
  return ranks;
}

export const scoreOf = (name: ScoreName) => (c: CandidateResult) => c.scores[name];
export const measuredOf = (c: CandidateResult) => c.measured?.accuracy.mean ?? null;

/** The cut as "block n of N" of its backbone (blocks up to the default cut); null for an unknown layer. */
export function blockOf(backbone: string, cut: string): { number: number; blocks: number } | null {
  const spec = findBackbone(backbone);
  if (!spec) return null;
  const index = spec.blockOutputs.indexOf(cut);
  const end = spec.blockOutputs.indexOf(spec.defaultCut);
  return index < 0 ? null : { number: index + 1, blocks: end >= 0 ? end + 1 : spec.blockOutputs.length };
}

/**
 * A plain reading of τ: 'agrees' from 0.5, 'partly' above 0, 'disagrees' at or below 0; 'undefined' for NaN (a
 * score equal for every candidate). Reading aid only: the caveat next to it says how noisy τ is for few candidates.
 */
export function readTau(tau: number): 'agrees' | 'partly' | 'disagrees' | 'undefined' {
  if (!Number.isFinite(tau)) return 'undefined';
  if (tau >= 0.5) return 'agrees';
  return tau > 0 ? 'partly' : 'disagrees';
}
