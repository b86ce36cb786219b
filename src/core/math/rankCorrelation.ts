/**
 * Rank correlations for "does the score order the candidates as their measured accuracy does?". Pure numbers.
 * O(n²) definitions: n is a handful of (backbone, cut) candidates.
 */

/**
 * Kendall's τ-b (ties in either variable adjust the denominator, as scipy.stats.kendalltau's default):
 * (concordant − discordant) / √((pairs − ties_x)(pairs − ties_y)). NaN when either variable is constant.
 */
export function kendallTau(x: readonly number[], y: readonly number[]): number {
  checkPaired(x, y);
  return weightedPairs(x, y, () => 1);
}

/**
 * Vigna's weighted τ (WWW 2015, "A weighted correlation index for rankings with ties") with scipy.stats.weightedtau's
 * defaults: additive hyperbolic weights, pair (i, j) weighs 1/(rᵢ + 1) + 1/(rⱼ + 1), where r is an element's rank
 * by decreasing (x, then y) — so disagreements among the TOP candidates cost most — averaged with the same index
 * ranked by decreasing (y, then x). LogME's paper reports this with fine-tuned accuracy.
 */
export function weightedTau(x: readonly number[], y: readonly number[]): number {
  checkPaired(x, y);
  const byX = decreasingRank(x, y);
  const byY = decreasingRank(y, x);
  const tx = weightedPairs(x, y, (i, j) => 1 / (byX[i] + 1) + 1 / (byX[j] + 1));
  const ty = weightedPairs(x, y, (i, j) => 1 / (byY[i] + 1) + 1 / (byY[j] + 1));
  return (tx + ty) / 2;
}

function checkPaired(x: readonly number[], y: readonly number[]): void {
  if (x.length !== y.length) throw new RangeError(`rank correlation of ${x.length} and ${y.length} values`);
}

/** Σ w·sgn(Δx)·sgn(Δy) / √(Σ w·[Δx ≠ 0] · Σ w·[Δy ≠ 0]) over pairs i < j. */
function weightedPairs(x: readonly number[], y: readonly number[], weight: (i: number, j: number) => number): number {
  let score = 0;
  let untiedX = 0;
  let untiedY = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      const w = weight(i, j);
      const sx = Math.sign(x[i] - x[j]);
      const sy = Math.sign(y[i] - y[j]);
      score += w * sx * sy;
      if (sx !== 0) untiedX += w;
      if (sy !== 0) untiedY += w;
    }
  }
  return score / Math.sqrt(untiedX * untiedY);
}

/** Rank 0 = the largest primary value, ties broken by the larger secondary value, then by the later index. */
function decreasingRank(primary: readonly number[], secondary: readonly number[]): number[] {
  const order = primary
    .map((_, i) => i)
    .sort((i, j) => primary[j] - primary[i] || secondary[j] - secondary[i] || j - i);
  const rank = new Array<number>(primary.length);
  order.forEach((i, r) => (rank[i] = r));
  return rank;
}
