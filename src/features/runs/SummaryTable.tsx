import { useTranslation } from 'react-i18next';
import type { StrategySummary } from '../../core/metrics/types';
import {
  formatNumberInterval,
  formatPercent,
  formatPercentInterval,
  formatPointsInterval,
  formatSeconds,
} from '../../ui/format';
import { useStrategyLabel } from '../strategyLabel';
import { GainsTable } from './GainsTable';
import { ScrollRegion } from './ScrollRegion';
import { StrategyRowHeader } from './StrategyRowHeader';
import { baselineKey, inPoints, type SummaryFacts } from './summaryFacts';
import { TermHelp } from './TermHelp';

export { summaryFacts, type SummaryFacts } from './summaryFacts';

/**
 * The engine's per-strategy summary, mean [95 % interval], exactly as computed by core (no re-computation here):
 * the metrics table, then the paired gains over scratch (GainsTable), what the intervals cover, the target of time
 * to accuracy and any negative transfer. Cells carry dotted test ids (`summary.auc.<strategy>`) so e2e can compare
 * them with the worker's result. An asymptote the fit did not identify reads "not reached in E epochs (≥ plateau)",
 * never as a value; a slope whose half-rise came within the first epoch reads "fast", not identified per epoch.
 */
export function SummaryTable({
  summary,
  strategies,
  facts,
}: {
  summary: StrategySummary[];
  strategies: string[];
  facts: SummaryFacts;
}) {
  const { t } = useTranslation();
  const label = useStrategyLabel();
  const target = summary.find((s) => s.timeToAccuracy)?.timeToAccuracy?.target ?? null;
  const baseline = t(baselineKey(summary));

  return (
    <>
      <ScrollRegion label={t('summary.caption')}>
        <table className="summary-table" data-testid="summary.table">
          <caption>{t('summary.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('summary.strategy')}</th>
              <th scope="col" title={t('metrics.aucExplained')}>
                {t('summary.auc')} <TermHelp term="auc" label={t('summary.auc')} />
              </th>
              <th scope="col" title={t('metrics.startExplained')}>
                {t('summary.start')} <TermHelp term="start" label={t('summary.start')} />
              </th>
              <th scope="col" title={t('metrics.slopeExplained')}>
                {t('summary.slope')} <TermHelp term="slope" label={t('summary.slope')} />
              </th>
              <th scope="col" title={t('metrics.plateauExplained')}>
                {t('summary.plateau')} <TermHelp term="plateau" label={t('summary.plateau')} />
              </th>
              <th scope="col" title={t('metrics.asymptoteExplained')}>
                {t('summary.asymptote')} <TermHelp term="asymptote" label={t('summary.asymptote')} />
              </th>
              <th scope="col" title={t('metrics.timeExplained')}>
                {t('summary.timeTo')} <TermHelp term="time" label={t('summary.timeTo')} />
              </th>
            </tr>
          </thead>
          <tbody>
            {summary.map((s) => (
              <tr
                key={s.strategy}
                className={s.negativeTransfer ? 'row-warning' : undefined}
                data-testid={`summary.row.${s.strategy}`}
              >
                <StrategyRowHeader strategy={s.strategy} strategies={strategies} />
                <td data-testid={`summary.auc.${s.strategy}`}>{formatPercentInterval(s.metrics.auc)}</td>
                <td data-testid={`summary.start.${s.strategy}`}>{formatPercentInterval(s.metrics.start)}</td>
                <td data-testid={`summary.slope.${s.strategy}`} data-fast={s.fast}>
                  {s.fast ? (
                    <span className="cell-note" title={t('summary.fastExplained')}>
                      {t('summary.fast', {
                        bound: formatNumberInterval({ mean: s.metrics.slope.mean * 100, ci95: null }),
                      })}
                    </span>
                  ) : (
                    formatNumberInterval(inPoints(s.metrics.slope))
                  )}
                </td>
                <td data-testid={`summary.plateau.${s.strategy}`}>{formatPercentInterval(s.metrics.plateau)}</td>
                <td data-testid={`summary.asymptote.${s.strategy}`} data-reached={s.metrics.asymptote.reached}>
                  {asymptoteCell(s, facts, t)}
                </td>
                <td data-testid={`summary.time.${s.strategy}`}>{timeCell(s, t, baseline)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <GainsTable summary={summary} strategies={strategies} />
      <p className="muted" data-testid="summary.intervals">
        {intervalsNote(summary, facts, t)}
      </p>
      {target !== null ? (
        <p className="muted" data-testid="summary.target">
          {t('summary.target', { target: formatPercent(target), chance: formatPercent(facts.chance) })}
        </p>
      ) : null}
      {summary
        .filter((s) => s.negativeTransfer && s.transferGain)
        .map((s) => (
          <p key={s.strategy} className="warning" role="note" data-testid={`summary.negative.${s.strategy}`}>
            <strong>⚠ {t('summary.negativeTransfer')}:</strong>{' '}
            {t('summary.negativeTransferExplained', {
              strategy: label(s.strategy),
              gain: t('units.pp', { value: formatPointsInterval(s.transferGain!.asymptote) }),
              baseline,
            })}
          </p>
        ))}
    </>
  );
}

type Translate = ReturnType<typeof useTranslation>['t'];

function asymptoteCell(s: StrategySummary, facts: SummaryFacts, t: Translate) {
  const a = s.metrics.asymptote;
  if (a.reached && a.mean !== null) return formatPercentInterval({ mean: a.mean, ci95: a.ci95 });
  const values = {
    epochs: facts.epochs,
    bound: formatPercent(a.lowerBound.mean),
    reached: a.reachedBy,
    trials: a.trials,
  };
  return (
    <span className="muted cell-note">
      {a.reachedBy > 0 ? t('summary.notReachedBySome', values) : t('summary.notReachedIn', values)}
    </span>
  );
}

function timeCell(s: StrategySummary, t: Translate, baseline: string) {
  const time = s.timeToAccuracy;
  if (!time) return '—';
  if (time.target === null) return <span className="muted">{t('summary.noTarget', { baseline })}</span>;
  if (!time.epochs) return <span className="muted">{t('summary.never', { reached: 0, trials: time.trials })}</span>;
  const value = t('summary.timeValue', {
    epochs: formatNumberInterval(time.epochs),
    seconds: time.seconds ? formatSeconds(time.seconds.mean) : '—',
  });
  return time.reachedBy < time.trials
    ? `${value} (${t('summary.reachedBy', { reached: time.reachedBy, trials: time.trials })})`
    : value;
}

/** The sentence saying what the intervals cover: the method core recorded, with the numbers of units. */
function intervalsNote(summary: readonly StrategySummary[], facts: SummaryFacts, t: Translate): string {
  const method = summary[0]?.metrics.plateau.method;
  if (method === 't-repeats') return t('summary.intervalsRepeats', { repeats: facts.repeats, seeds: facts.seeds });
  if (method === 't-seeds') return t('summary.intervalsSeeds', { seeds: facts.seeds });
  return t('summary.intervalsNone');
}
