import type { Estimate } from '../core/math/intervals';
import type { FewShotReport } from '../core/fewshot/runFewShot';
import { formatTable } from '../node/textTable';

/** The text table of a fewshot.json (pure: tested on plain objects). */

const percent = (x: number) => `${(100 * x).toFixed(1)} %`;

function interval(e: Estimate): string {
  return e.ci95 ? `[${percent(e.ci95[0])}, ${percent(e.ci95[1])}]` : '—';
}

function signedPoints(x: number): string {
  return `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(1)} pts`;
}

const VERSUS_CHANCE = { above: 'above chance', below: 'below chance', unclear: 'not distinguishable from chance' };
const GAIN = { above: 'better', below: 'worse', unclear: 'no clear difference' };

export function formatFewShotReport(report: FewShotReport): string {
  const { config } = report;
  const several = report.embeddings.length > 1;
  const header = [
    `${config.ways}-way episodes on ${report.dataset.name} (${report.dataset.classNames.length} classes), ` +
      `${config.queries} queries per class, ${config.episodes} episodes, ${config.backbone}` +
      (several ? '' : ` at ${report.embeddings[0]?.cut}`) +
      `; chance ${percent(1 / config.ways)}. Intervals: 95 % t over episodes.`,
  ];
  const rows = [
    [...(several ? ['cut'] : []), 'method', 'shots', 'accuracy', '95 % interval', 'vs chance'],
    ...report.results.map((r) => [
      ...(several ? [r.cut] : []),
      r.method,
      String(r.shots),
      percent(r.accuracy.mean),
      interval(r.accuracy),
      VERSUS_CHANCE[r.versusChance],
    ]),
  ];
  const gains = [
    [...(several ? ['cut'] : []), 'method', 'shots', 'gain (paired)', '95 % interval', 'verdict'],
    ...report.shotGains.map((g) => [
      ...(several ? [g.cut] : []),
      g.method,
      `${g.fromShots} → ${g.toShots}`,
      signedPoints(g.gain.mean),
      g.gain.ci95 ? `[${signedPoints(g.gain.ci95[0])}, ${signedPoints(g.gain.ci95[1])}]` : '—',
      GAIN[g.direction],
    ]),
  ];
  const embedded = report.embeddings
    .map((e) => `${e.cut}: ${e.dimensions} values per image, ${e.seconds.toFixed(1)} s`)
    .join('; ');
  return [
    header.join('\n'),
    '',
    formatTable(rows),
    ...(gains.length > 1 ? ['', formatTable(gains)] : []),
    '',
    `embedded ${report.dataset.counts.reduce((a, b) => a + b, 0)} images once per cut (${embedded}); ` +
      `${report.seconds.toFixed(1)} s in all on ${report.environment.backend}`,
  ].join('\n');
}
