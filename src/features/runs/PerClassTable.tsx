import { useTranslation } from 'react-i18next';
import type { ExperimentResult } from '../../core/experiment/types';
import { formatPercentInterval } from '../../ui/format';
import { strategyColor } from '../../ui/strategyColors';
import { useStrategyLabel } from '../strategyLabel';
import { perClassByStrategy } from './classResults';
import { ScrollRegion } from './ScrollRegion';

/**
 * Accuracy per class and strategy (pooled over seeds) with its Wilson 95 % interval from the class's validation
 * images, as text; a small bar beside it (decorative).
 */
export function PerClassTable({ result }: { result: ExperimentResult }) {
  const { t } = useTranslation();
  const label = useStrategyLabel();
  const rows = perClassByStrategy(result);
  const strategies = result.config.strategies;
  return (
    <ScrollRegion label={t('runs.classes.perClass')}>
      <table className="per-class" data-testid="perClass.table">
        <caption>{t('runs.classes.perClassCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('runs.classes.class')}</th>
            {rows.map((r) => (
              <th scope="col" key={r.strategy}>
                <span
                  className="swatch"
                  style={{ background: strategyColor(r.strategy, strategies) }}
                  aria-hidden="true"
                />
                {label(r.strategy)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.dataset.classNames.map((name, c) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              {rows.map((r) => {
                const value = r.accuracies[c];
                return (
                  <td key={r.strategy} data-testid={`perClass.${r.strategy}.${c}`}>
                    {value === null ? (
                      '—'
                    ) : (
                      <span className="bar-cell">
                        <span className="bar-track" aria-hidden="true">
                          <span
                            className="bar-fill"
                            style={{
                              width: `${value.mean * 100}%`,
                              background: strategyColor(r.strategy, strategies),
                            }}
                          />
                        </span>
                        <span className="bar-value">{formatPercentInterval(value, 0)}</span>
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
