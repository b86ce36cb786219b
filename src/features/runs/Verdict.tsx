import { useTranslation } from 'react-i18next';
import type { StrategySummary } from '../../core/metrics/types';
import { formatPointsInterval, formatPointsRange } from '../../ui/format';
import { useStrategyLabel } from '../strategyLabel';
import { baselineKey, type SummaryFacts } from './summaryFacts';

/**
 * One sentence per transfer strategy, read off core's verdict (metrics/compare.ts), never re-decided here: "beat"
 * or "did worse" only when the interval of its paired AUC gain excludes zero, otherwise "no clear difference" and
 * why (too few paired trainings or validation images), or "one training" when no interval could be estimated.
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
          baseline: t(baselineKey(summary)),
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
          <p
            key={s.strategy}
            className={className}
            data-testid={`summary.verdict.${s.strategy}`}
            data-verdict={verdict.overall}
            data-basis={verdict.overallBasis}
          >
            {text}
          </p>
        );
      })}
    </div>
  );
}
