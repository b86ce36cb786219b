import { useTranslation } from 'react-i18next';
import { isClassifierStrategy, winningStrategy } from '../../core/metrics/winner';
import { useStudioStore } from '../../store';
import { strategyDescription, useStrategyLabel } from '../strategyLabel';

/**
 * The strategies a classifier can be trained with here, and the default: the latest finished run's winner (core
 * metrics/winner.ts) when that run used the current backbone, else feature extraction. Listed in the run's
 * summary order, then the Strategy panel's, feature extraction always among them.
 */
export function useClassifierStrategies(): { options: string[]; winner: string | null } {
  const backbone = useStudioStore((s) => s.backbone.id);
  const result = useStudioStore((s) => s.run?.result ?? null);
  const planned = useStudioStore((s) => s.strategy.strategies);
  const summary = result && result.config.backbone === backbone ? result.summary : [];
  const options = [
    ...new Set([...summary.map((s) => s.strategy), ...planned, 'feature-extraction'].filter(isClassifierStrategy)),
  ];
  return { options, winner: winningStrategy(summary) };
}

/** The Predict page's setting naming the classifier's strategy; `value` is the choice, `onChange` sets it. */
export function ClassifierStrategy({
  options,
  winner,
  value,
  onChange,
  disabled,
}: {
  options: string[];
  winner: string | null;
  value: string;
  onChange(strategy: string): void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const label = useStrategyLabel();
  return (
    <div className="classifier-strategy">
      <label>
        {t('predict.train.strategy')}{' '}
        <select
          value={value}
          onChange={(e) => onChange(e.target.value)}
          disabled={disabled}
          data-testid="classifier.strategy"
        >
          {options.map((s) => (
            <option key={s} value={s}>
              {s === winner ? t('predict.train.winner', { strategy: label(s) }) : label(s)}
            </option>
          ))}
        </select>
      </label>
      <p className="muted">{strategyDescription(t, value)}</p>
    </div>
  );
}
