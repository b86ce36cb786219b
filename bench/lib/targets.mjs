// Issue 19's done-when targets, read from one combined bench result (scripts/bench.mjs writes them as
// `result.targets`): each { name, value, target, comparison, met, source }, value null (met null) when the run did
// not measure it. Every value is a ratio measured side by side in the same run.

/** The done-when names, what they compare and where in the result they come from. */
export const TARGETS = [
  {
    name: 'embedding-peak-fraction:wasm:mobilenet_v1_0.25',
    comparison: '>=',
    target: 0.3,
    source: 'throughput: best batch GFLOP/s ÷ the same run’s WASM matMul peak (browser)',
    value: (r) => embeddingPeakFraction(r, 'wasm', 'mobilenet_v1_0.25'),
  },
  {
    name: 'embedding-peak-fraction:wasm:mobilenet_v1_0.75',
    comparison: '>=',
    target: 0.45,
    source: 'throughput: best batch GFLOP/s ÷ the same run’s WASM matMul peak (browser)',
    value: (r) => embeddingPeakFraction(r, 'wasm', 'mobilenet_v1_0.75'),
  },
  {
    name: 'finetune-step-ratio',
    comparison: '<=',
    target: 0.65,
    source: 'steps: last-block fine-tune step, new ÷ old (tfjs’s Tile BatchNorm gradient) CPU time, Node WASM',
    value: (r) => finite(r.steps?.fineTune?.ratioCpu),
  },
  {
    name: 'scratch-step-to-forward-ratio:wasm:mobilenet_v1_0.25',
    comparison: '<=',
    target: 4,
    source: 'steps: whole-network training step ÷ forward pass, batch 32, 224 px, CPU time, Node WASM',
    value: (r) => finite(r.steps?.scratch?.ratioCpu),
  },
  {
    name: 'rss-1000-photos-ratio',
    comparison: '<=',
    target: 0.5,
    source:
      'rss: peak RSS of feature-extraction + fine-tune:1 on 1,000 photos, fitted ÷ today (the engine of da867ad, before issue 19), Node',
    value: (r) => rssRatio(r, 1000),
  },
  {
    name: 'digits-demo-first-point-ratio',
    comparison: '<=',
    target: 1,
    source: 'demo: the studio digits demo, click → first curve point, now ÷ today (da867ad), medians, Chromium',
    value: (r) => finite(r.demo?.firstPointRatio),
  },
  {
    name: 'digits-demo-run-ratio',
    comparison: '<=',
    target: 1,
    source: 'demo: the studio digits demo, click → run done, now ÷ today (da867ad), medians, Chromium',
    value: (r) => finite(r.demo?.doneRatio),
  },
];

const finite = (x) => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/**
 * The best (over batch sizes) GFLOP/s of `backbone` on `backend` as a fraction of that backend's matMul peak,
 * both from the same run's throughput section; null when not measured.
 */
export function embeddingPeakFraction(result, backend, backbone) {
  const rows = (result.throughput?.rows ?? []).filter(
    (row) => row.backend === backend && row.backbone === backbone && Number.isFinite(row.percentOfPeak),
  );
  return rows.length ? Math.max(...rows.map((row) => row.percentOfPeak / 100)) : null;
}

/** Every backend × backbone's best fraction of its matMul peak: { 'wasm:mobilenet_v1_0.25': 0.12, … }. */
export function embeddingPeakFractions(result) {
  const keys = new Set((result.throughput?.rows ?? []).map((row) => `${row.backend}:${row.backbone}`));
  return Object.fromEntries(
    [...keys].map((key) => {
      const [backend, backbone] = key.split(':');
      return [key, embeddingPeakFraction(result, backend, backbone)];
    }),
  );
}

/** Peak RSS of the fitted path ÷ today's path at `photos` (rss section, Node core path); null when either failed. */
export function rssRatio(result, photos) {
  const peak = (mode) =>
    result.rss?.rows?.find((row) => row.path === 'core' && row.mode === mode && row.photos === photos && !row.error)
      ?.peakRssBytes;
  const [fitted, today] = [peak('fitted'), peak('today')];
  return fitted && today ? fitted / today : null;
}

/** The targets array of a combined result. */
export function computeTargets(result) {
  return TARGETS.map(({ name, comparison, target, source, value }) => {
    const measured = value(result);
    const met = measured == null ? null : comparison === '<=' ? measured <= target : measured >= target;
    return { name, value: measured, target, comparison, met, source };
  });
}
