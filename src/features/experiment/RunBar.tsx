import { useTranslation } from 'react-i18next';
import { useStudioStore } from '../../store';
import { backboneName } from '../backbone';
import { useEngineActions } from '../engineActions';
import { selectRunBlocker } from '../../store/validation';
import { CostEstimate } from './CostEstimate';
import { RunStatus } from './RunStatus';
import { useMeasureRates, useRunCost } from './useRunCost';
import { useDatasetLabel, useSetupFacts } from './useSetupFacts';

/** Where the page goes when a run starts: its live curves. */
const RESULTS_ID = 'curves';

/**
 * The run controls, in the sticky bar at the top of the page so they are reachable from every step: a one-line
 * summary of the setup, Run / Cancel, why Run waits, and the live status with progress. `id="experiment"`: the
 * region holding the experiment's controls and status (skip link and tests find it so).
 */
export function RunBar() {
  const { t } = useTranslation();
  const actions = useEngineActions();
  const facts = useSetupFacts();
  const datasetLabel = useDatasetLabel(facts);
  const running = useStudioStore((s) => s.run?.status === 'running');
  const hasRun = useStudioStore((s) => s.run !== null);
  const blocker = useStudioStore(selectRunBlocker);
  const missingName = useStudioStore((s) => s.backbone.missing?.name ?? null);
  const trainings = facts.strategies.length * (Number.isFinite(facts.seeds) ? facts.seeds : 0);
  const cost = useRunCost();
  useMeasureRates(cost);

  const run = () => {
    actions.runExperiment();
    // After the run's row has joined the history above the curves (next event batch), so the curves stay in view.
    setTimeout(showResults, 250);
  };

  return (
    <section id="experiment" className="run-bar" aria-label={t('runBar.label')}>
      <div className="run-bar-actions">
        <button
          type="button"
          className="button button-primary"
          onClick={run}
          disabled={running || blocker !== null}
          data-testid="experiment.run"
        >
          {running ? t('experiment.running') : hasRun ? t('experiment.runAgain') : t('experiment.run')}
        </button>
        {running ? (
          <button type="button" className="button" onClick={() => actions.cancel()} data-testid="experiment.cancel">
            {t('experiment.cancel')}
          </button>
        ) : null}
      </div>
      <div className="run-bar-text">
        {blocker && !running ? (
          <p className="run-bar-blocked" data-testid="experiment.blocked">
            {blocker === 'invalid' ? (
              <>
                {t('runBar.invalid')} <a href="#strategy">{t('runBar.fixLink')}</a>
              </>
            ) : blocker === 'modelMissing' ? (
              <>
                {t('strategyPanel.blocked.modelMissing', { name: missingName ?? '' })}{' '}
                <a href="#backbone">{t('runBar.fixBackboneLink')}</a>
              </>
            ) : blocker === 'tooFewClasses' || blocker === 'emptyClass' || blocker === 'importInterrupted' ? (
              <>
                {t(`strategyPanel.blocked.${blocker}`)} <a href="#dataset">{t('runBar.fixDatasetLink')}</a>
              </>
            ) : (
              t(`strategyPanel.blocked.${blocker}`)
            )}
          </p>
        ) : (
          <p className="run-bar-line">
            <span className="run-bar-setup" data-testid="runBar.setup">
              {t('runBar.summary', {
                dataset: datasetLabel,
                backbone: backboneName(t, facts.backbone.id),
                trainings: t('runBar.trainings', { count: trainings, epochs: facts.epochs }),
              })}
            </span>
            {running ? null : <CostEstimate view={cost} />}
            {!running && facts.dataset.kind === 'workspace' && facts.backbone.family === 'digits-vgg' ? (
              <span className="run-bar-cost-warning" role="status" data-testid="runBar.backboneMismatch">
                {t('runBar.digitsOnPhotos', { dataset: datasetLabel })}{' '}
                <a href="#backbone">{t('runBar.chooseBackbone')}</a>
              </span>
            ) : null}
          </p>
        )}
        <RunStatus blocked={blocker !== null} />
      </div>
    </section>
  );
}

/** Scrolls the live curves into view unless their top is already on screen (below the sticky bar). */
function showResults(): void {
  const target = document.getElementById(RESULTS_ID);
  if (!target) return;
  const top = target.getBoundingClientRect().top;
  const bar = document.querySelector('.studio-bar')?.getBoundingClientRect().bottom ?? 0;
  if (top >= bar && top < window.innerHeight * 0.6) return;
  const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  target.scrollIntoView({ behavior: reduced ? 'auto' : 'smooth', block: 'start' });
}
