import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudioStore } from '../../store';
import { Panel } from '../../ui/Panel';
import { CurveControls } from './CurveControls';
import { DEFAULT_VIEW, type CurveView } from './curveSeries';
import { downloadResultJson } from './exportResults';
import { RunComparison } from './RunComparison';
import { RunDetails } from './RunDetails';
import { RunHistory } from './RunHistory';
import { useRunViews } from './runViews';
import './runs.css';

/**
 * The run history, then the learning curves: of the run shown (the current one growing live, or one picked from
 * the history) with its summary and per-class results, or of two or more runs side by side.
 */
export function RunsPanel() {
  const { t } = useTranslation();
  const [view, setView] = useState<CurveView>(DEFAULT_VIEW);
  const { focused, compared } = useRunViews();
  const picked = useStudioStore((s) => s.history.compare.length);
  const comparing = compared.length >= 2;
  const result = !comparing ? focused?.result : null;

  const exportButton = result ? (
    <button type="button" className="button" onClick={() => downloadResultJson(result)} data-testid="results.export">
      {t('experiment.export')}
    </button>
  ) : null;

  return (
    <>
      <RunHistory />
      <Panel id="curves" title={t('curves.heading')} actions={exportButton}>
        {picked === 1 ? <p className="muted">{t('runs.compare.hint')}</p> : null}
        <CurveControls view={view} onChange={setView} />
        {comparing ? <RunComparison runs={compared} view={view} /> : <RunDetails run={focused} view={view} />}
      </Panel>
    </>
  );
}
