import { useTranslation } from 'react-i18next';
import type { CandidateResult } from '../../core/transferability/candidates';
import { SCORE_NAMES, type ScoreName } from '../../core/transferability/scores';
import { backboneName } from '../backbone';
import { blockOf, measuredOf, ranksBy, scoreOf } from './transferViews';

const DIGITS: Record<ScoreName, number> = { logme: 3, leep: 3, nce: 3, hscore: 2, gbc: 3, knn: 1 };

/**
 * One row per (backbone, cut): its rank predicted by the chosen score, every score (with a tooltip saying what it
 * reads), and — once checked — the measured accuracy with its 95 % interval and the measured rank.
 */
export function ScoreTable({
  candidates,
  rankBy,
  measuring,
}: {
  candidates: readonly CandidateResult[];
  rankBy: ScoreName;
  measuring: boolean;
}) {
  const { t } = useTranslation();
  const predicted = ranksBy(candidates, scoreOf(rankBy));
  const measuredRanks = ranksBy(candidates, measuredOf);
  const anyMeasured = measuring || candidates.some((c) => c.measured);
  return (
    <div className="table-scroll">
      <table className="summary-table transfer-table" data-testid="transfer.table">
        <caption>{t('transfer.table.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('transfer.table.candidate')}</th>
            <th scope="col">{t('transfer.table.cut')}</th>
            <th scope="col">{t('transfer.table.predicted')}</th>
            {SCORE_NAMES.map((name) => (
              <th scope="col" key={name} className={name === rankBy ? 'ranked' : undefined}>
                <abbr title={t(`transfer.scores.${name}.tip`)}>{t(`transfer.scores.${name}.name`)}</abbr>
              </th>
            ))}
            {anyMeasured ? (
              <>
                <th scope="col">{t('transfer.table.measured')}</th>
                <th scope="col">{t('transfer.table.measuredRank')}</th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {candidates.map((c, i) => {
            const block = blockOf(c.backbone, c.cut);
            return (
              <tr key={`${c.backbone}@${c.cut}`} data-testid={`transfer.row.${i}`}>
                <th scope="row">{backboneName(t, c.backbone)}</th>
                <td title={c.cut}>{block ? t('transfer.table.block', block) : c.cut}</td>
                <td className="rank" data-testid={`transfer.predicted.${i}`}>
                  {predicted[i] ?? '—'}
                </td>
                {SCORE_NAMES.map((name) => (
                  <td key={name} className={name === rankBy ? 'ranked' : undefined}>
                    {formatScore(name, c, t)}
                  </td>
                ))}
                {anyMeasured ? (
                  <>
                    <td data-testid={`transfer.measured.${i}`}>{formatMeasured(c, measuring, t)}</td>
                    <td className="rank">{measuredRanks[i] ?? '—'}</td>
                  </>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

type T = ReturnType<typeof useTranslation>['t'];

function formatScore(name: ScoreName, c: CandidateResult, t: T): string {
  const value = c.scores[name];
  if (value === null) return '—';
  if (name !== 'knn') return value.toFixed(DIGITS[name]);
  const ci = c.knn.ci95;
  const pct = (x: number) => (x * 100).toFixed(0);
  return ci
    ? t('transfer.table.interval', { value: pct(value), low: pct(ci[0]), high: pct(ci[1]) })
    : `${pct(value)} %`;
}

function formatMeasured(c: CandidateResult, measuring: boolean, t: T): string {
  const m = c.measured;
  if (!m) return measuring ? t('transfer.table.measuring') : t('transfer.table.notMeasured');
  // Percent with one decimal; the interval is clipped to what an accuracy can be.
  const pct = (x: number) => (Math.min(1, Math.max(0, x)) * 100).toFixed(1);
  const ci = m.accuracy.ci95;
  const value = pct(m.accuracy.mean);
  return ci
    ? t('transfer.table.interval', { value, low: pct(ci[0]), high: pct(ci[1]) })
    : t('transfer.table.noInterval', { value });
}
