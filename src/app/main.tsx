import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { EngineActionsContext } from '../features/engineActions';
import { useStudioStore } from '../store';
import '../ui/styles.css';
import { App } from './App';
import { initI18n } from './i18n';
import { startStudio } from './startup';
import { registerAppServiceWorkerWhenIdle } from './appUpdate';

initI18n(useStudioStore.getState().settings.language);

const studio = startStudio();
registerAppServiceWorkerWhenIdle(useStudioStore);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <EngineActionsContext.Provider value={studio.actions}>
      <App />
    </EngineActionsContext.Provider>
  </StrictMode>,
);
