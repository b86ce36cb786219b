import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExperimentResult } from '../../core/experiment/types';
import { useStrategyLabel } from '../strategyLabel';
import { bestStrategy, misclassifiedIds, trialOf } from './classResults';
import { ConfusionMatrix, type ConfusionCell } from './ConfusionMatrix';
import { MisclassifiedGallery } from './MisclassifiedGallery';
import { PerClassTable } from './PerClassTable';

/**
 * A finished experiment per class: accuracy per class for every strategy, then the confusion matrix of one strategy
 * and seed (the best strategy first), whose off-diagonal cells open the misclassified validation images.
 */
export function ClassResults({ result }: { result: ExperimentResult }) {
  const { t } = useTranslation();
  const label = useStrategyLabel();
  const strategies = result.config.strategies;
  const seeds = useMemo(() => [...new Set(result.runs.map((r) => r.seed))].sort((a, b) => a - b), [result]);
  const [strategy, setStrategy] = useState(() => bestStrategy(result) ?? strategies[0]);
  const [seed, setSeed] = useState(seeds[0] ?? 1);
  const [cell, setCell] = useState<ConfusionCell | null>(null);
  // Another result (a different run shown): start again from its best strategy.
  useEffect(() => {
    setStrategy(bestStrategy(result) ?? result.config.strategies[0]);
    setSeed(seeds[0] ?? 1);
    setCell(null);
  }, [result, seeds]);

  const trial = trialOf(result, strategy, seed);
  const classNames = result.dataset.classNames;
  const total = trial ? trial.confusion.flat().reduce((a, b) => a + b, 0) : 0;

  return (
    <section className="class-results" aria-labelledby="class-results-heading" data-testid="classResults">
      <h3 id="class-results-heading">{t('runs.classes.heading')}</h3>
      <p className="muted">{t('runs.classes.intro')}</p>
      <h4>{t('runs.classes.perClass')}</h4>
      <PerClassTable result={result} />
      <h4>{t('runs.classes.confusion')}</h4>
      <div className="inline-fields">
        <label>
          {t('runs.classes.strategy')}{' '}
          <select
            value={strategy}
            onChange={(e) => (setStrategy(e.target.value), setCell(null))}
            data-testid="confusion.strategy"
          >
            {strategies.map((s) => (
              <option key={s} value={s}>
                {label(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('runs.classes.seed')}{' '}
          <select
            value={seed}
            onChange={(e) => (setSeed(Number(e.target.value)), setCell(null))}
            data-testid="confusion.seed"
          >
            {seeds.map((s) => (
              <option key={s} value={s}>
                {t('runs.classes.seedOption', { seed: s })}
              </option>
            ))}
          </select>
        </label>
      </div>
      {trial ? (
        <ConfusionMatrix
          matrix={trial.confusion}
          classNames={classNames}
          caption={t('runs.classes.confusionCaption', { strategy: label(strategy), seed, total })}
          selected={cell}
          onOpen={setCell}
        />
      ) : null}
      {trial && cell ? (
        <MisclassifiedGallery
          ids={misclassifiedIds(trial, cell.truth, cell.predicted)}
          truth={classNames[cell.truth]}
          predicted={classNames[cell.predicted]}
          detail={t('runs.misclassified.count', {
            count: trial.confusion[cell.truth][cell.predicted],
            strategy: label(strategy),
            seed,
          })}
          onClose={() => setCell(null)}
        />
      ) : null}
    </section>
  );
}
