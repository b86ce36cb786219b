import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { EngineActionsContext } from '../features/engineActions';
import { useStudioStore } from '../store';
import '../ui/styles.css';
import { createEngineClient } from '../worker/client';
import { App } from './App';
import { connectStudio } from './engine';
import { initI18n } from './i18n';

initI18n(useStudioStore.getState().settings.language);

const client = createEngineClient();
const studio = connectStudio(client);
// Start the engine now (backend measurement takes a moment) so the first click trains right away.
studio.selectBackend(useStudioStore.getState().settings.backendPreference);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <EngineActionsContext.Provider value={studio}>
      <App />
    </EngineActionsContext.Provider>
  </StrictMode>,
);
