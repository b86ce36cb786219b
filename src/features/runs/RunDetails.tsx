import { useTranslation } from 'react-i18next';
import { isAdaptationStrategy } from '../../core/train/types';
import { runBackboneName } from '../backbone';
import { ClassResults } from './ClassResults';
import { CurvesFigure } from './CurvesFigure';
import { DomainScatterFigure } from './DomainScatterFigure';
import { DuplicatesNote } from './DuplicatesNote';
import { UnvalidatedNote } from './UnvalidatedNote';
import type { CurveView } from './curveSeries';
import { MetricGlossary } from './MetricGlossary';
import { useFormatTime } from './RunHistory';
import type { RunView } from './runViews';
import { SummaryTable, summaryFacts } from './SummaryTable';
import { Verdict } from './Verdict';

/** One run in full: what it was, its curves in the chosen view, the glossary, the summary and the per-class results. */
export function RunDetails({ run, view }: { run: RunView | null; view: CurveView }) {
  const { t } = useTranslation();
  if (!run) {
    return (
      <>
        <p className="muted" data-testid="curves.empty">
          {t('curves.empty')}
        </p>
        <MetricGlossary />
      </>
    );
  }
  const summary = run.result?.summary ?? null;
  const facts = run.result ? summaryFacts(run.result) : null;
  const strategies = run.config?.strategies ?? [];
  return (
    <>
      <RunTitle run={run} />
      <CurvesFigure run={run} view={view} />
      <MetricGlossary adaptation={strategies.some(isAdaptationStrategy)} />
      {summary && facts ? (
        <>
          <h3>{t('summary.heading')}</h3>
          <Verdict summary={summary} facts={facts} />
          <SummaryTable summary={summary} strategies={strategies} facts={facts} />
          {run.result ? <UnvalidatedNote result={run.result} /> : null}
          {run.result ? <DuplicatesNote result={run.result} /> : null}
        </>
      ) : null}
      {run.result ? <DomainScatterFigure result={run.result} /> : null}
      {run.result ? <ClassResults result={run.result} /> : null}
    </>
  );
}

/** "Run of 25 Nov, 14:03 · Built-in digits 5–9 · Digits VGG (built-in)". */
export function RunTitle({ run, as: Tag = 'p' }: { run: RunView; as?: 'p' | 'h4' }) {
  const { t } = useTranslation();
  const formatTime = useFormatTime();
  const dataset =
    run.importedFrom && run.result
      ? run.result.dataset.name
      : run.datasetId === null
        ? t('runs.history.sample')
        : (run.datasetName ?? t('runs.history.unknownDataset'));
  return (
    <Tag className="run-title" data-testid="runs.title" data-run={run.id}>
      {t('runs.details.title', {
        time: formatTime(run.startedAt),
        dataset,
        backbone: run.config ? runBackboneName(t, run.result?.config ?? run.config) : '—',
      })}
      {run.status !== 'done' ? (
        <span className={`status-badge status-${run.status}`}>{t(`runs.status.${run.status}`)}</span>
      ) : null}
    </Tag>
  );
}
