import { useTranslation } from 'react-i18next';
import type { ExperimentResult } from '../../core/experiment/types';
import type { StrategySummary } from '../../core/metrics/types';
import {
  formatNumberInterval,
  formatPercent,
  formatPercentInterval,
  formatPointsInterval,
  formatPointsRange,
} from '../../ui/format';
import { isAdaptationStrategy } from '../../core/train/types';
import { strategyColor } from '../../ui/strategyColors';
import { useStrategyLabel } from '../strategyLabel';
import { ScrollRegion } from './ScrollRegion';

/** What the table needs besides the summary: the budget and how the intervals were drawn. */
export interface SummaryFacts {
  epochs: number;
  seeds: number;
  repeats: number;
  validationCount: number;
}

/** The facts of a finished result the summary's words need. */
export function summaryFacts(result: ExperimentResult): SummaryFacts {
  return {
    epochs: result.config.epochs,
    seeds: result.config.seeds,
    repeats: result.config.repeats ?? 1,
    validationCount: result.dataset.validationCount,
  };
}

/**
 * What the gains are paired against, in words: scratch, or source-only when the run is domain adaptation
 * (core's experiment/runAdaptation.ts ADAPTATION_BASELINE).
 */
function baselineName(t: Translate, summary: readonly StrategySummary[]): string {
  return t(
    summary.some((s) => isAdaptationStrategy(s.strategy))
      ? 'summary.baselineName.source-only'
      : 'summary.baselineName.scratch',
  );
}

/**
 * The engine's per-strategy summary, mean [95 % interval], exactly as computed by core (no re-computation here).
 * Cells carry dotted test ids (`summary.auc.<strategy>`) so e2e can compare them with the worker's result.
 * An asymptote the fit did not identify reads "not reached in E epochs (≥ plateau)", never as a value.
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
  const baseline = baselineName(t, summary);

  return (
    <ScrollRegion label={t('summary.caption', { baseline })}>
      <table className="summary-table" data-testid="summary.table">
        <caption>{t('summary.caption', { baseline })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('summary.strategy')}</th>
            <th scope="col" title={t('metrics.aucExplained')}>
              {t('summary.auc')}
            </th>
            <th scope="col" title={t('metrics.startExplained')}>
              {t('summary.start')}
            </th>
            <th scope="col" title={t('metrics.slopeExplained')}>
              {t('summary.slope')}
            </th>
            <th scope="col" title={t('metrics.plateauExplained')}>
              {t('summary.plateau')}
            </th>
            <th scope="col" title={t('metrics.asymptoteExplained')}>
              {t('summary.asymptote')}
            </th>
            <th scope="col" title={t('metrics.gainExplained')}>
              {t('summary.gainAuc')}
            </th>
            <th scope="col" title={t('metrics.gainExplained')}>
              {t('summary.gainAsymptote')}
            </th>
            <th scope="col" title={t('metrics.timeExplained')}>
              {t('summary.timeTo')}
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
              <th scope="row">
                <span
                  className="swatch"
                  style={{ background: strategyColor(s.strategy, strategies) }}
                  aria-hidden="true"
                />
                {label(s.strategy)}
              </th>
              <td data-testid={`summary.auc.${s.strategy}`}>{formatPercentInterval(s.metrics.auc)}</td>
              <td data-testid={`summary.start.${s.strategy}`}>{formatPercentInterval(s.metrics.start)}</td>
              <td data-testid={`summary.slope.${s.strategy}`}>
                {s.fast ? `${t('summary.fast')} · ` : ''}
                {formatNumberInterval(scaled(s.metrics.slope, 100))}
              </td>
              <td data-testid={`summary.plateau.${s.strategy}`}>{formatPercentInterval(s.metrics.plateau)}</td>
              <td data-testid={`summary.asymptote.${s.strategy}`}>
                {s.metrics.asymptote.reached && s.metrics.asymptote.mean !== null ? (
                  formatPercentInterval({ mean: s.metrics.asymptote.mean, ci95: s.metrics.asymptote.ci95 })
                ) : (
                  <span className="muted">
                    {t('summary.notReachedIn', {
                      epochs: facts.epochs,
                      bound: formatPercent(s.metrics.asymptote.lowerBound.mean),
                    })}
                  </span>
                )}
              </td>
              <td data-testid={`summary.gain.${s.strategy}`}>
                {s.transferGain ? (
                  t('units.pp', { value: formatPointsInterval(s.transferGain.auc) })
                ) : (
                  <span className="muted">{t('summary.reference')}</span>
                )}
              </td>
              <td data-testid={`summary.gainAsymptote.${s.strategy}`}>
                {s.transferGain ? (
                  <>
                    {t('units.pp', { value: formatPointsInterval(s.transferGain.asymptote) })}
                    {s.transferGain.asymptoteBasis !== 'asymptote' ? (
                      <span className="muted"> {t(`summary.basis.${s.transferGain.asymptoteBasis}`)}</span>
                    ) : null}
                  </>
                ) : (
                  <span className="muted">{t('summary.reference')}</span>
                )}
              </td>
              <td data-testid={`summary.time.${s.strategy}`}>{timeCell(s, t, baseline)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted" data-testid="summary.intervals">
        {intervalsNote(summary, facts, t)}
      </p>
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
    </ScrollRegion>
  );
}

type Translate = ReturnType<typeof useTranslation>['t'];

const scaled = (e: StrategySummary['metrics']['slope'], k: number) => ({
  mean: e.mean * k,
  ci95: e.ci95 ? ([e.ci95[0] * k, e.ci95[1] * k] as [number, number]) : null,
});

function timeCell(s: StrategySummary, t: Translate, baseline: string) {
  const time = s.timeToAccuracy;
  if (!time) return '—';
  if (time.target === null) return <span className="muted">{t('summary.noTarget', { baseline })}</span>;
  if (!time.epochs) return <span className="muted">{t('summary.never', { reached: 0, trials: time.trials })}</span>;
  const value = formatNumberInterval(time.epochs);
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

/**
 * One sentence per transfer strategy: a verdict only when the interval of its paired AUC gain excludes zero,
 * otherwise "no clear difference" and why.
 */
export function Verdict({ summary, facts }: { summary: StrategySummary[]; facts: SummaryFacts }) {
  const { t } = useTranslation();
  const label = useStrategyLabel();
  const transfers = summary.filter((s) => s.transferGain !== null && s.verdict !== null);
  if (transfers.length === 0) return null;
  return (
    <div data-testid="summary.verdict">
      {transfers.map((s) => {
        const gain = s.transferGain!.auc;
        const verdict = s.verdict!;
        const values = {
          baseline: baselineName(t, summary),
          strategy: label(s.strategy),
          gain: t('units.pp', { value: formatPointsInterval({ mean: Math.abs(gain.mean), ci95: null }) }),
          interval: gain.ci95 ? t('units.pp', { value: formatPointsRange(gain.ci95) }) : '',
          pairs: s.transferGain!.pairs,
          images: facts.validationCount,
        };
        const className =
          verdict.overall === 'above'
            ? 'verdict verdict-good'
            : verdict.overall === 'below'
              ? 'verdict verdict-bad'
              : 'verdict';
        const text =
          verdict.overall === 'above'
            ? t('summary.verdictBetter', values)
            : verdict.overall === 'below'
              ? t('summary.verdictWorse', values)
              : verdict.overallBasis === 'one-trial'
                ? t('summary.verdictOneTrial', values)
                : `${t('summary.verdictUnclear', values)} ${t('summary.whyUnclear', values)}`;
        return (
          <p key={s.strategy} className={className} data-testid={`summary.verdict.${s.strategy}`}>
            {text}
          </p>
        );
      })}
    </div>
  );
}
