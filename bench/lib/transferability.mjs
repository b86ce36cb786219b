// Section `transferability`: issue 16's validation of the scores and its two speed targets, measured by running the
// CLI as users do (a subprocess, WASM, progress off) and reading what it writes.
//   scores: `transfer-studio score --measure` per dataset — every (backbone, cut) candidate scored (LogME, LEEP, NCE,
//           H-score, GBC, leave-one-out 1-NN) and then measured (feature-extraction plateau accuracy, 2 seeds);
//           each score's Kendall τ-b and weighted τ against the measured accuracies over the candidates
//           (core/transferability/candidates.ts rankAgreement), per dataset and as the mean over datasets;
//           and the seconds to compute every score of every candidate after embedding (target < 2 s for
//           200 images × 6 candidates);
//   shift:  `transfer-studio shift` digits-mnist → digits-mnistm (300 + 300 images, digits-vgg): the meter's seconds
//           after embedding (MMD, CORAL distance, proxy A-distance; target < 1 s).
// Full mode: flowers, DTD, Omniglot, digits-mnist and digits-mnistm (all built-in or staged datasets, 120–400 images
// each). Quick mode: flowers and the shift only. The scores are not tuned to these datasets: a τ near 0 or below is reported.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { freshDir, runCli } from './cli.mjs';
import { sharedDir } from './paths.mjs';

/** Seconds targets of issue 16. */
export const SCORE_TARGET_SECONDS = 2;
export const SHIFT_TARGET_SECONDS = 1;

const MOBILENETS = ['mobilenet_v1_0.25', 'mobilenet_v1_0.75'];

/** The `score --measure` runs: 6 candidates each (3 default cuts per backbone). */
export function scoreScenarios(quick) {
  const shared = sharedDir();
  const dataset = (name) => path.join(shared, 'datasets', name);
  const mobilenetUrls = MOBILENETS.map((id) => path.join(shared, 'models', `${id}_224`, 'model.json')).join(',');
  const measure = ['--measure', '--seeds', '2', '--epochs', '15'];
  const photos = (name, extra = []) => ({
    name,
    args: ['--dataset', dataset(name), '--backbones', MOBILENETS.join(','), '--model-urls', mobilenetUrls, ...extra],
  });
  const scenarios = [photos('flowers')];
  if (!quick) {
    scenarios.push(photos('dtd', ['--image-size', '128']));
    scenarios.push(photos('omniglot', ['--image-size', '96']));
    // The digits pair: digits-vgg (trained on MNIST) at its blocks and MobileNet v1 0.25, 6 candidates each.
    for (const name of ['digits-mnist', 'digits-mnistm']) {
      scenarios.push({
        name,
        args: [
          '--dataset',
          dataset(name),
          '--backbones',
          'digits-vgg,mobilenet_v1_0.25',
          '--model-urls',
          `,${path.join(shared, 'models', 'mobilenet_v1_0.25_224', 'model.json')}`,
        ],
      });
    }
  }
  return scenarios.map((s) => ({ ...s, args: [...s.args, ...measure] }));
}

/** One scores.json (core/transferability/scoreReport.ts) reduced to what the table shows. */
export function summarizeScoreReport(name, report, wallSeconds) {
  return {
    name,
    candidates: report.candidates.length,
    scoredImages: report.dataset.scoredImages,
    backend: report.environment.backend,
    scoreSeconds: report.candidates.reduce((sum, c) => sum + c.scoreSeconds, 0),
    embeddingSeconds: report.backbones.reduce((sum, b) => sum + b.embeddingSeconds, 0),
    wallSeconds,
    measured: report.candidates.map((c) => ({
      backbone: c.backbone,
      cut: c.cut,
      accuracy: c.measured?.accuracy ?? null,
    })),
    agreement: (report.agreement ?? []).map((a) => ({
      score: a.score,
      candidates: a.candidates,
      kendall: a.kendall,
      weighted: a.weighted,
    })),
  };
}

/** Per score, the mean Kendall τ and weighted τ over the datasets where it was defined (JSON turns NaN into null). */
export function meanAgreement(datasets) {
  const byScore = new Map();
  for (const d of datasets) {
    for (const a of d.agreement) {
      const entry = byScore.get(a.score) ?? { score: a.score, kendall: [], weighted: [] };
      if (Number.isFinite(a.kendall)) entry.kendall.push(a.kendall);
      if (Number.isFinite(a.weighted)) entry.weighted.push(a.weighted);
      byScore.set(a.score, entry);
    }
  }
  const mean = (xs) => (xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length);
  return [...byScore.values()].map((e) => ({
    score: e.score,
    datasets: e.kendall.length,
    kendall: mean(e.kendall),
    weighted: mean(e.weighted),
  }));
}

export async function runTransferability({ quick, log }) {
  const datasets = [];
  for (const scenario of scoreScenarios(quick)) {
    const out = freshDir(`score-${scenario.name}`);
    try {
      const wall = await runCli('score', [...scenario.args, '--backend', 'wasm', '--quiet', '--out', out], {
        log,
        tag: `score ${scenario.name}`,
      });
      const report = JSON.parse(readFileSync(path.join(out, 'scores.json'), 'utf8'));
      datasets.push({
        ...summarizeScoreReport(scenario.name, report, wall),
        command: `score ${scenario.args.join(' ')}`,
      });
    } catch (error) {
      datasets.push({ name: scenario.name, error: error.message });
    }
  }
  let shift;
  const shared = sharedDir();
  const shiftArgs = [
    '--source',
    path.join(shared, 'datasets', 'digits-mnist'),
    '--target',
    path.join(shared, 'datasets', 'digits-mnistm'),
    '--backbone',
    'digits-vgg',
  ];
  try {
    const out = freshDir('shift-digits');
    const wall = await runCli('shift', [...shiftArgs, '--backend', 'wasm', '--quiet', '--out', out], {
      log,
      tag: 'shift digits',
    });
    const report = JSON.parse(readFileSync(path.join(out, 'shift.json'), 'utf8'));
    shift = {
      images: `${report.source.images} + ${report.target.images}`,
      meterSeconds: report.meterSeconds,
      wallSeconds: wall,
      backend: report.environment.backend,
      proxyADistance: report.shift.proxyADistance.mean,
      level: report.shift.level,
      met: report.meterSeconds < SHIFT_TARGET_SECONDS,
    };
  } catch (error) {
    shift = { error: error.message };
  }
  const ok = datasets.filter((d) => !d.error);
  return {
    datasets,
    overall: meanAgreement(ok),
    scoreTargetSeconds: SCORE_TARGET_SECONDS,
    shiftTargetSeconds: SHIFT_TARGET_SECONDS,
    shift,
  };
}
