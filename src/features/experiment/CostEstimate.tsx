import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BudgetTrade, ClassSizedBudget } from '../../core/train/costEstimate';
import { useStudioStore } from '../../store';
import { formatDuration } from '../runs';
import type { RunCostView } from './runCost';

type T = (key: string, options?: Record<string, unknown>) => string;

/** "images 224 → 96 px (less detail)" per thing the class-sized budget gave up. */
function tradeText(
  t: T,
  trade: BudgetTrade,
  from: { imageSize: number; seeds: number; epochs: number },
  to: ClassSizedBudget,
) {
  return t(`cost.trade.${trade}`, { from: from[trade], to: to[trade] });
}

/**
 * The time the next run will take here, before Run: in the run bar one short "≈ 2 min on wasm"; above a few minutes a
 * warning with the one-click class-sized budget, which says what it trades away. Once applied, what changed stays
 * said until the setup changes again.
 */
export function CostEstimate({ view }: { view: RunCostView }) {
  const { t } = useTranslation();
  const strategy = useStudioStore((s) => s.strategy);
  const effectiveSize = view.request?.imageSize ?? null;
  const updateStrategy = useStudioStore((s) => s.updateStrategy);
  const [applied, setApplied] = useState<{ budget: ClassSizedBudget; trades: string[] } | null>(null);

  if (!view.cost) {
    return (
      <span className="run-bar-estimate muted" data-testid="runBar.estimate" data-state="measuring">
        {t('cost.estimating')}
      </span>
    );
  }
  const seconds = view.cost.seconds;
  const stillApplied =
    applied !== null &&
    applied.budget.seeds === strategy.seeds &&
    applied.budget.epochs === strategy.epochs &&
    applied.budget.imageSize === effectiveSize;
  const warning = view.warning;
  return (
    <>
      <span
        className={warning ? 'run-bar-estimate run-bar-estimate-warn' : 'run-bar-estimate'}
        data-testid="runBar.estimate"
        data-state={view.updating ? 'updating' : 'ready'}
        data-seconds={Math.round(seconds)}
        title={t('cost.explained')}
      >
        {t('cost.estimate', { time: formatDuration(t, seconds), backend: view.backend })}
      </span>
      {warning ? (
        <span className="run-bar-cost-warning" role="status" data-testid="runBar.costWarning">
          {t('cost.warning', { time: formatDuration(t, seconds) })}{' '}
          <button
            type="button"
            className="button button-small"
            data-testid="runBar.classSized"
            title={t('cost.classSizedExplained')}
            onClick={() => {
              const from = {
                imageSize: effectiveSize ?? warning.imageSize,
                seeds: strategy.seeds,
                epochs: strategy.epochs,
              };
              updateStrategy({ imageSize: warning.imageSize, seeds: warning.seeds, epochs: warning.epochs });
              setApplied({
                budget: warning,
                trades: warning.trades.map((trade) => tradeText(t, trade, from, warning)),
              });
            }}
          >
            {t('cost.classSized', { time: formatDuration(t, warning.cost.seconds) })}
          </button>
        </span>
      ) : null}
      {!warning && stillApplied && applied ? (
        <span className="run-bar-cost-applied" role="status" data-testid="runBar.classSizedApplied">
          {t('cost.applied', { trades: applied.trades.join('; ') })}
        </span>
      ) : null}
    </>
  );
}

/** Per strategy, for the overview: "From scratch ≈ 1 min 10 s". */
export function StrategyCosts({ view, label }: { view: RunCostView; label: (s: string) => string }) {
  const { t } = useTranslation();
  if (!view.cost) return <>{t('cost.estimating')}</>;
  return (
    <ul className="strategy-costs" data-testid="setup.costs">
      {view.cost.strategies.map((s) => (
        <li key={s.strategy} data-strategy={s.strategy} data-seconds={Math.round(s.seconds)}>
          {t('cost.perStrategy', { strategy: label(s.strategy), time: formatDuration(t, s.seconds) })}
        </li>
      ))}
      <li>
        <strong>{t('cost.total', { time: formatDuration(t, view.cost.seconds), backend: view.backend })}</strong>
      </li>
    </ul>
  );
}
