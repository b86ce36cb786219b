/**
 * The CORAL distance between two samples' feature covariances (Sun & Saenko, ECCV 2016 workshops, "Deep CORAL",
 * eq. 1): ‖C_S − C_T‖²_F / (4d²), with C the unbiased (n − 1) covariance of each side and d the feature dimension.
 * 0 = same second-order statistics. Read from the pooled Gram's centred blocks (‖XᵀX‖_F = ‖XXᵀ‖_F and
 * tr(C_S C_T) ∝ ‖X_S X_Tᵀ‖²_F), so no d×d matrix is formed. Pure numbers.
 */
import { centredBlock, sides, type PooledGram } from './pooledGram';

export function coralDistance(pg: PooledGram): number {
  const { source, target } = sides(pg);
  const ns = source.length;
  const nt = target.length;
  const squares = (block: Float64Array) => block.reduce((s, v) => s + v * v, 0);
  const ss = squares(centredBlock(pg, source, source, source, source)) / ((ns - 1) * (ns - 1));
  const tt = squares(centredBlock(pg, target, target, target, target)) / ((nt - 1) * (nt - 1));
  const st = squares(centredBlock(pg, source, target, source, target)) / ((ns - 1) * (nt - 1));
  const d = pg.dimensions;
  return Math.max(0, ss + tt - 2 * st) / (4 * d * d);
}
