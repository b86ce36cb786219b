/**
 * Least-squares fit of the saturating exponential learning curve
 *   acc(t) = a − (a − s)·exp(−t/τ)
 * (s = value at t = 0, a = asymptote, τ = time constant in epochs; slope at t = 0 is (a − s)/τ).
 *
 * Why this method: for a fixed τ the model is linear in (a, s) — acc = a·(1 − e) + s·e with e = exp(−t/τ) —
 * so a and s have a closed-form least-squares solution, and only τ needs a 1-D search. A log-spaced grid
 * over τ finds the right basin even for noisy curves (several local minima); golden-section search then
 * refines inside it. No gradient descent, no starting guess, no NaN.
 */

export interface CurveFit {
  a: number;
  s: number;
  /** Time constant in the units of t (epochs), within [TAU_MIN, TAU_MAX_FACTOR · max t]. */
  tau: number;
  /** Coefficient of determination, 1 − SSE/SST; 1 for a perfect fit, 1 or 0 for a flat curve (see below). */
  r2: number;
}

/** τ below this is a step; the slope (a − s)/τ is then bounded by 20·(a − s) per epoch. */
export const TAU_MIN = 0.05;
/** τ above 10× the observed span is indistinguishable from a straight line over that span. */
export const TAU_MAX_FACTOR = 10;

const GRID_POINTS = 160;
const GOLDEN_ITERATIONS = 60;

/**
 * Fits the model to (t[i], y[i]). Non-finite pairs are ignored. Guarantees finite a, s, tau and r2.
 * - No usable points: a = s = 0, τ = 1, r2 = 0.
 * - One distinct t (e.g. only epoch 0): a = s = mean(y), τ = 1.
 * - Two distinct t: three parameters are not identifiable from two points; we return the straight line
 *   through them read as "initial rate": s = first, a = last, τ = (t_last − t_first), so slope = observed
 *   change per epoch, and r2 honestly computed from that model.
 * - Flat curve (SST = 0): a = s = the level, r2 = 1 (residual 0).
 * - Ties in SSE across τ (to ~1e-10 of the variance) are broken towards τ = 1 epoch: a step curve (chance at
 *   epoch 0, flat from epoch 1) fits equally well for every tiny τ, and we report the least steep of them
 *   rather than an arbitrary bound. Slopes of step-like curves are therefore large (≈ 10–20 × (a − s)).
 */
export function fitSaturatingExponential(t: readonly number[], y: readonly number[]): CurveFit {
  const ts: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < Math.min(t.length, y.length); i++) {
    if (Number.isFinite(t[i]) && Number.isFinite(y[i])) {
      ts.push(t[i]);
      ys.push(y[i]);
    }
  }
  if (ts.length === 0) return { a: 0, s: 0, tau: 1, r2: 0 };

  const yMean = ys.reduce((p, v) => p + v, 0) / ys.length;
  const sst = ys.reduce((p, v) => p + (v - yMean) * (v - yMean), 0);
  const distinct = [...new Set(ts)].sort((p, q) => p - q);

  if (distinct.length === 1 || sst <= 1e-15) {
    return { a: yMean, s: yMean, tau: 1, r2: 1 };
  }
  if (distinct.length === 2) {
    const first = meanAt(ts, ys, distinct[0]);
    const last = meanAt(ts, ys, distinct[1]);
    const tau = distinct[1] - distinct[0];
    // Express the line through the two means in the model's terms relative to t = distinct[0].
    const shifted = ts.map((v) => v - distinct[0]);
    const sse = sumSquaredError(shifted, ys, last, first, tau);
    return finite({ a: last, s: first, tau, r2: 1 - sse / sst });
  }

  // Times relative to the first observation, so s is the value at the first point (epoch 0 in practice).
  const t0 = distinct[0];
  const rel = ts.map((v) => v - t0);
  const span = distinct[distinct.length - 1] - t0;
  const logMin = Math.log(TAU_MIN);
  const logMax = Math.log(Math.max(TAU_MIN * 2, TAU_MAX_FACTOR * span));
  const sseAt = (logTau: number): number => solveLinear(rel, ys, Math.exp(logTau)).sse;

  // Grid over log τ; remember each value so ties can be broken towards τ = 1.
  const grid: { logTau: number; sse: number }[] = [];
  for (let i = 0; i < GRID_POINTS; i++) {
    const logTau = logMin + ((logMax - logMin) * i) / (GRID_POINTS - 1);
    grid.push({ logTau, sse: sseAt(logTau) });
  }
  const minSse = Math.min(...grid.map((g) => g.sse));
  const tolerance = 1e-10 * sst + 1e-18;
  let bestIndex = 0;
  for (let i = 0; i < grid.length; i++) {
    const g = grid[i];
    if (g.sse > minSse + tolerance) continue;
    if (grid[bestIndex].sse > minSse + tolerance || Math.abs(g.logTau) < Math.abs(grid[bestIndex].logTau)) {
      bestIndex = i;
    }
  }

  let logTau = grid[bestIndex].logTau;
  // Refine only when the minimum is not a plateau (a plateau has nothing to refine and would drift).
  const plateau = grid.filter((g) => g.sse <= minSse + tolerance).length > 1;
  if (!plateau) {
    const lo = grid[Math.max(0, bestIndex - 1)].logTau;
    const hi = grid[Math.min(grid.length - 1, bestIndex + 1)].logTau;
    logTau = goldenSection(sseAt, lo, hi);
    if (sseAt(logTau) > grid[bestIndex].sse) logTau = grid[bestIndex].logTau;
  }

  const tau = Math.exp(logTau);
  const { a, s, sse } = solveLinear(rel, ys, tau);
  return finite({ a, s, tau, r2: 1 - sse / sst });
}

/** Closed-form least squares for (a, s) at fixed τ: y ≈ a·u + s·v, u = 1 − e, v = e, e = exp(−t/τ). */
function solveLinear(t: readonly number[], y: readonly number[], tau: number): { a: number; s: number; sse: number } {
  let uu = 0;
  let uv = 0;
  let vv = 0;
  let uy = 0;
  let vy = 0;
  for (let i = 0; i < t.length; i++) {
    const v = Math.exp(-t[i] / tau);
    const u = -Math.expm1(-t[i] / tau); // 1 − e without cancellation when t/τ is small
    uu += u * u;
    uv += u * v;
    vv += v * v;
    uy += u * y[i];
    vy += v * y[i];
  }
  const det = uu * vv - uv * uv;
  let a: number;
  let s: number;
  if (Math.abs(det) <= 1e-14 * (uu * vv + 1e-300)) {
    // Degenerate design (all e equal): the best the model can do is a constant.
    const m = y.reduce((p, q) => p + q, 0) / y.length;
    a = m;
    s = m;
  } else {
    a = (uy * vv - vy * uv) / det;
    s = (vy * uu - uy * uv) / det;
  }
  return { a, s, sse: sumSquaredError(t, y, a, s, tau) };
}

function sumSquaredError(t: readonly number[], y: readonly number[], a: number, s: number, tau: number): number {
  let sse = 0;
  for (let i = 0; i < t.length; i++) {
    const r = y[i] - (a - (a - s) * Math.exp(-t[i] / tau));
    sse += r * r;
  }
  return sse;
}

/** Minimises a unimodal f on [lo, hi]. */
function goldenSection(f: (x: number) => number, lo: number, hi: number): number {
  const ratio = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - ratio * (hi - lo);
  let x2 = lo + ratio * (hi - lo);
  let f1 = f(x1);
  let f2 = f(x2);
  for (let i = 0; i < GOLDEN_ITERATIONS; i++) {
    if (f1 <= f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - ratio * (hi - lo);
      f1 = f(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + ratio * (hi - lo);
      f2 = f(x2);
    }
  }
  return (lo + hi) / 2;
}

function meanAt(t: readonly number[], y: readonly number[], at: number): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < t.length; i++) {
    if (t[i] === at) {
      sum += y[i];
      n++;
    }
  }
  return sum / n;
}

/** Last line of defence: extreme inputs (e.g. 1e300) must still not leak NaN/Infinity into reports. */
function finite(fit: CurveFit): CurveFit {
  const ok = (x: number, fallback: number) => (Number.isFinite(x) ? x : fallback);
  return { a: ok(fit.a, 0), s: ok(fit.s, 0), tau: ok(fit.tau, 1), r2: ok(fit.r2, 0) };
}
