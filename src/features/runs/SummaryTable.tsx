import { useTranslation } from 'react-i18next';
import type { StrategySummary } from '../../core/metrics/types';
import { formatMeanStd, formatPercent, formatPercentMeanStd, formatPoints } from '../../ui/format';
import { strategyColor } from '../../ui/strategyColors';
import { useStrategyLabel } from '../strategyLabel';
import { ScrollRegion } from './ScrollRegion';

/**
 * The engine's per-strategy summary, mean ± std over seeds, exactly as computed by core (no re-computation
 * here). Cells carry dotted test ids (`summary.auc.<strategy>`) so e2e can compare them with the worker's result.
 */
export function SummaryTable({ summary, strategies }: { summary: StrategySummary[]; strategies: string[] }) {
  const { t } = useTranslation();
  const label = useStrategyLabel();
  const scratch = summary.find((s) => s.strategy === 'scratch');

  return (
    <ScrollRegion label={t('summary.caption')}>
      <table className="summary-table" data-testid="summary.table">
        <caption>{t('summary.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('summary.strategy')}</th>
            <th scope="col">{t('summary.auc')}</th>
            <th scope="col">{t('summary.start')}</th>
            <th scope="col">{t('summary.slope')}</th>
            <th scope="col">{t('summary.asymptote')}</th>
            <th scope="col">{t('summary.last3')}</th>
            <th scope="col">{t('summary.gain')}</th>
            <th scope="col">{t('summary.timeTo')}</th>
          </tr>
        </thead>
        <tbody>
          {summary.map((s) => (
            <tr
              key={s.strategy}
              className={s.negativeTransfer ? 'row-warning' : undefined}
              data-testid={`summary.row.${s.strategy}`}
            >
              <th scope="row">
                <span
                  className="swatch"
                  style={{ background: strategyColor(s.strategy, strategies) }}
                  aria-hidden="true"
                />
                {label(s.strategy)}
              </th>
              <td data-testid={`summary.auc.${s.strategy}`}>{formatPercentMeanStd(s.metrics.auc)}</td>
              <td data-testid={`summary.start.${s.strategy}`}>{formatPercentMeanStd(s.metrics.start)}</td>
              <td data-testid={`summary.slope.${s.strategy}`}>
                {formatMeanStd({ mean: s.metrics.slope.mean * 100, std: s.metrics.slope.std * 100 })}
              </td>
              <td data-testid={`summary.asymptote.${s.strategy}`}>{formatPercentMeanStd(s.metrics.asymptote)}</td>
              <td data-testid={`summary.last3.${s.strategy}`}>{formatPercentMeanStd(s.metrics.asymptoteLast3)}</td>
              <td data-testid={`summary.gain.${s.strategy}`}>
                {s.transferGain ? (
                  t('units.pp', { value: formatPoints(s.transferGain.auc) })
                ) : (
                  <span className="muted">{t('summary.reference')}</span>
                )}
              </td>
              <td>
                {s.timeToAccuracy?.epochs ? (
                  formatMeanStd(s.timeToAccuracy.epochs)
                ) : (
                  <span className="muted">{s.timeToAccuracy ? t('summary.notReached') : '—'}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {summary
        .filter((s) => s.negativeTransfer)
        .map((s) => (
          <p key={s.strategy} className="warning" role="note" data-testid={`summary.negative.${s.strategy}`}>
            <strong>⚠ {t('summary.negativeTransfer')}:</strong>{' '}
            {t('summary.negativeTransferExplained', {
              strategy: label(s.strategy),
              asymptote: formatPercent(s.metrics.asymptote.mean),
              scratch: scratch ? formatPercent(scratch.metrics.asymptote.mean) : '—',
            })}
          </p>
        ))}
    </ScrollRegion>
  );
}

/** One sentence: which transfer strategy did best against scratch (by AUC), or that none beat it. */
export function Verdict({ summary }: { summary: StrategySummary[] }) {
  const { t } = useTranslation();
  const label = useStrategyLabel();
  const transfers = summary.filter((s) => s.transferGain !== null);
  if (transfers.length === 0) return null;
  const best = transfers.reduce((a, b) => (b.transferGain!.auc > a.transferGain!.auc ? b : a));
  const gain = best.transferGain!.auc;
  return (
    <p className={gain > 0 ? 'verdict verdict-good' : 'verdict verdict-bad'} data-testid="summary.verdict">
      {gain > 0
        ? t('summary.verdictBetter', {
            strategy: label(best.strategy),
            gain: t('units.pp', { value: formatPoints(gain) }),
          })
        : t('summary.verdictWorse')}
    </p>
  );
}
