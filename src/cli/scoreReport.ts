import { SCORE_NAMES } from '../core/transferability/scores';
import type { ScoreReport } from '../core/transferability/scoreReport';
import { formatTable } from '../node/textTable';

export { buildScoreReport } from '../core/transferability/scoreReport';

const fmt = (x: number | null, digits = 3) => (x === null || !Number.isFinite(x) ? '—' : x.toFixed(digits));

/**
 * The score table: one row per candidate with every score and its rank by LogME, then (when measured) the
 * accuracy with its interval and each score's Kendall τ / weighted τ against it.
 */
export function formatScoreTable(report: ScoreReport): string {
  const measured = report.measuredRanking !== null;
  const rankOf = (order: number[]) => Object.fromEntries(order.map((i, r) => [i, r + 1]));
  const logmeRank = rankOf(report.ranking.logme);
  const measuredRank = measured ? rankOf(report.measuredRanking!) : {};
  const header = ['backbone', 'cut', 'dims', ...SCORE_NAMES, 'rank (LogME)'];
  if (measured) header.push('accuracy (95 % CI)', 'rank (measured)');
  const rows = report.candidates.map((c, i) => {
    const row = [
      c.backbone,
      c.cut,
      String(c.dimensions),
      ...SCORE_NAMES.map((name) => fmt(c.scores[name])),
      String(logmeRank[i]),
    ];
    if (measured) {
      const m = c.measured;
      row.push(m ? `${fmt(m.accuracy)} (${m.ci95 ? `${fmt(m.ci95[0])}–${fmt(m.ci95[1])}` : 'no interval'})` : '—');
      row.push(String(measuredRank[i]));
    }
    return row;
  });
  const lines = [
    `${report.dataset.name}: ${report.dataset.scoredImages} training images scored, ${report.candidates.length} candidates`,
    formatTable([header, ...rows]),
  ];
  if (report.agreement) {
    lines.push(
      '',
      'agreement of each score’s ranking with the measured accuracy:',
      formatTable([
        ['score', 'candidates', 'Kendall τ', 'weighted τ'],
        ...report.agreement.map((a) => [a.score, String(a.candidates), fmt(a.kendall, 2), fmt(a.weighted, 2)]),
      ]),
    );
  }
  return lines.join('\n');
}
