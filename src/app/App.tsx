import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { BackbonePanel } from '../features/backbone/BackbonePanel';
import { ShareControls } from '../features/classroom/ShareControls';
import { PresentExit, ShareNotice } from '../features/classroom/ShareNotice';
import { OfflineNote, UpdatePrompt } from '../features/classroom/UpdatePrompt';
import { DatasetPanel } from '../features/dataset/DatasetPanel';
import { InterruptedRuns } from '../features/dataset/InterruptedRuns';
import { ExperimentPanel } from '../features/experiment/ExperimentPanel';
import { FewShotPanel } from '../features/fewshot';
import { FewShotLabPanel } from '../features/fewshotLab';
import { StudioBar } from '../features/experiment/StudioBar';
import { PredictPanel } from '../features/predict/PredictPanel';
import { RunsPanel } from '../features/runs/RunsPanel';
import { BackendStatus } from '../features/settings/BackendStatus';
import { LanguageSwitch } from '../features/settings/LanguageSwitch';
import { StrategyPanel } from '../features/strategy/StrategyPanel';
import { SweepsPanel } from '../features/sweeps';
import { useStudioStore } from '../store';
import { useAppUpdate } from './appUpdate';
import { useShareView, useShareViewInDom } from './shareView';

/**
 * The studio's page: header with language switch; a sticky bar with the steps and the Run controls; the overview of
 * the experiment, then the steps in order (dataset, backbone, strategy, runs and curves, sweeps, predict), then the instant few-shot classifier and the few-shot lab; engine status.
 */
export function App() {
  const { t, i18n } = useTranslation();
  const language = useStudioStore((s) => s.settings.language);
  const appUpdate = useAppUpdate();
  const shareView = useShareView();
  useShareViewInDom(shareView.hide, shareView.present);

  useEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
    document.documentElement.lang = language;
  }, [i18n, language]);
  useEffect(() => {
    document.title = t('app.title');
  }, [t]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div>
          <h1>{t('app.title')}</h1>
          <p className="tagline">{t('app.tagline')}</p>
        </div>
        <LanguageSwitch />
        <ShareControls onPresent={() => shareView.setPresent(true)} />
      </header>
      <PresentExit present={shareView.present} exit={() => shareView.setPresent(false)} />
      <ShareNotice {...shareView} />
      <UpdatePrompt {...appUpdate} />
      <StudioBar />
      <main className="app-main" id="main" tabIndex={-1}>
        <InterruptedRuns />
        <ExperimentPanel />
        <DatasetPanel />
        <BackbonePanel />
        <StrategyPanel />
        <RunsPanel />
        <SweepsPanel />
        <PredictPanel />
        <FewShotPanel />
        <FewShotLabPanel />
      </main>
      <footer className="app-footer">
        <BackendStatus />
        <p className="muted">{t('app.privacy')}</p>
        <OfflineNote offlineReady={appUpdate.offlineReady} />
      </footer>
    </>
  );
}
