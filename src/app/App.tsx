import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { BackbonePanel } from '../features/backbone/BackbonePanel';
import { DatasetPanel } from '../features/dataset/DatasetPanel';
import { InterruptedRuns } from '../features/dataset/InterruptedRuns';
import { ExperimentPanel } from '../features/experiment/ExperimentPanel';
import { PredictPanel } from '../features/predict/PredictPanel';
import { RunsPanel } from '../features/runs/RunsPanel';
import { BackendStatus } from '../features/settings/BackendStatus';
import { LanguageSwitch } from '../features/settings/LanguageSwitch';
import { StrategyPanel } from '../features/strategy/StrategyPanel';
import { useStudioStore } from '../store';

/** The studio's page: header with language switch, the experiment, its curves and summary, engine status. */
export function App() {
  const { t, i18n } = useTranslation();
  const language = useStudioStore((s) => s.settings.language);

  useEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
    document.documentElement.lang = language;
  }, [i18n, language]);
  useEffect(() => {
    document.title = t('app.title');
  }, [t]);

  return (
    <>
      <a className="skip-link" href="#experiment">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div>
          <h1>{t('app.title')}</h1>
          <p className="tagline">{t('app.tagline')}</p>
        </div>
        <LanguageSwitch />
      </header>
      <main className="app-main">
        <InterruptedRuns />
        <ExperimentPanel />
        <RunsPanel />
        <PredictPanel />
        <DatasetPanel />
        <BackbonePanel />
        <StrategyPanel />
      </main>
      <footer className="app-footer">
        <BackendStatus />
        <p className="muted">{t('app.privacy')}</p>
      </footer>
    </>
  );
}
