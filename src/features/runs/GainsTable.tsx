import { useTranslation } from 'react-i18next';
import type { StrategySummary } from '../../core/metrics/types';
import { formatPointsInterval } from '../../ui/format';
import { ScrollRegion } from './ScrollRegion';
import { StrategyRowHeader } from './StrategyRowHeader';
import { baselineKey } from './summaryFacts';
import { TermHelp } from './TermHelp';

const GAINS = ['start', 'slope', 'plateau', 'asymptote', 'auc'] as const;
type GainKey = (typeof GAINS)[number];

/**
 * Core's paired gains over scratch (metrics/compare.ts: strategy − scratch on the same split and seed, mean and 95 %
 * interval), one row per transfer strategy, in percentage points (slope: points per epoch). A gain whose interval
 * excludes zero is marked (`data-direction`, bold); the asymptote gain says when it fell back to plateaus. The slope
 * gain of a curve that is "fast" on either side compares lower bounds, so it reads "not identified".
 */
export function GainsTable({ summary, strategies }: { summary: StrategySummary[]; strategies: string[] }) {
  const { t } = useTranslation();
  const rows = summary.filter((s) => s.transferGain !== null);
  if (rows.length === 0) return null;
  const baseline = summary.find((s) => s.transferGain === null && s.verdict === null);
  const headers: Record<GainKey, [string, string]> = {
    start: [t('summary.gains.start'), t('metrics.startExplained')],
    slope: [t('summary.gains.slope'), t('metrics.slopeExplained')],
    plateau: [t('summary.gains.plateau'), t('metrics.plateauExplained')],
    asymptote: [t('summary.gains.asymptote'), t('metrics.gainExplained')],
    auc: [t('summary.gains.auc'), t('metrics.aucExplained')],
  };

  return (
    <ScrollRegion label={t('summary.gains.caption', { baseline: t(baselineKey(summary)) })}>
      <table className="summary-table" data-testid="summary.gains">
        <caption>{t('summary.gains.caption', { baseline: t(baselineKey(summary)) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('summary.strategy')}</th>
            {GAINS.map((key) => (
              <th key={key} scope="col" title={headers[key][1]}>
                {headers[key][0]} <TermHelp term={key === 'asymptote' ? 'gain' : key} label={headers[key][0]} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => {
            const gain = s.transferGain!;
            return (
              <tr key={s.strategy} className={s.negativeTransfer ? 'row-warning' : undefined}>
                <StrategyRowHeader strategy={s.strategy} strategies={strategies} />
                {GAINS.map((key) => {
                  const unidentified = key === 'slope' && (s.fast || baseline?.fast === true);
                  return (
                    <td
                      key={key}
                      data-testid={`summary.gain.${key}.${s.strategy}`}
                      data-direction={unidentified ? 'unclear' : gain[key].direction}
                      className={!unidentified && gain[key].direction !== 'unclear' ? 'gain-clear' : undefined}
                    >
                      {unidentified ? (
                        <span className="muted" title={t('summary.fastExplained')}>
                          {t('summary.gains.slopeUnidentified')}
                        </span>
                      ) : (
                        formatPointsInterval(gain[key])
                      )}
                      {key === 'asymptote' && gain.asymptoteBasis !== 'asymptote' ? (
                        <span className="muted cell-note"> {t(`summary.basis.${gain.asymptoteBasis}`)}</span>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
