import { useTranslation } from 'react-i18next';
import { useStudioStore } from '../../store';
import { Panel } from '../../ui/Panel';
import { strategyColor } from '../../ui/strategyColors';
import { useEngineActions } from '../engineActions';
import { strategyDescription, useStrategyLabel } from '../strategyLabel';
import { selectRunBlocker } from '../strategy/validation';
import { RunStatus } from './RunStatus';

/** The built-in digits experiment: what it compares, one button to run it, its progress. */
export function ExperimentPanel() {
  const { t } = useTranslation();
  const label = useStrategyLabel();
  const actions = useEngineActions();
  const dataset = useStudioStore((s) => s.dataset);
  const strategy = useStudioStore((s) => s.strategy);
  const running = useStudioStore((s) => s.run?.status === 'running');
  const hasRun = useStudioStore((s) => s.run !== null);
  const blocker = useStudioStore(selectRunBlocker);

  return (
    <Panel id="experiment" title={t('experiment.heading')}>
      <p className="intro">{t('experiment.intro', { train: dataset.trainPerClass })}</p>
      <div className="sample-strip" role="img" aria-label={t('experiment.samplesAlt')} />
      <dl className="facts">
        <div>
          <dt>{t('experiment.facts.backbone')}</dt>
          <dd>{t('experiment.facts.backboneValue')}</dd>
        </div>
        <div>
          <dt>{t('experiment.facts.target')}</dt>
          <dd>{t('experiment.facts.targetValue', { classes: dataset.classNames.length })}</dd>
        </div>
        <div>
          <dt>{t('experiment.facts.data')}</dt>
          <dd>{t('experiment.facts.dataValue', { train: dataset.trainPerClass, validation: dataset.validationPerClass })}</dd>
        </div>
        <div>
          <dt>{t('experiment.facts.budget')}</dt>
          <dd>{t('experiment.facts.budgetValue', { epochs: strategy.epochs, seeds: strategy.seeds, batch: strategy.batchSize })}</dd>
        </div>
        <div className="facts-wide">
          <dt>{t('experiment.facts.strategies')}</dt>
          <dd>
            <ul className="strategy-list">
              {strategy.strategies.map((s) => (
                <li key={s}>
                  <span className="swatch" style={{ background: strategyColor(s, strategy.strategies) }} aria-hidden="true" />
                  <strong>{label(s)}</strong>: {strategyDescription(t, s)}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>
      <div className="actions">
        <button type="button" className="button button-primary" onClick={() => actions.runExperiment()} disabled={running || blocker !== null} data-testid="experiment.run">
          {running ? t('experiment.running') : hasRun ? t('experiment.runAgain') : t('experiment.run')}
        </button>
        {running ? (
          <button type="button" className="button" onClick={() => actions.cancel()} data-testid="experiment.cancel">
            {t('experiment.cancel')}
          </button>
        ) : null}
        {blocker && !running ? (
          <span className="muted" data-testid="experiment.blocked">
            {t(`strategyPanel.blocked.${blocker}`)}
          </span>
        ) : null}
      </div>
      <RunStatus />
    </Panel>
  );
}
