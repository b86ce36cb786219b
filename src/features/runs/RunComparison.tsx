import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudioStore } from '../../store';
import { CurvesFigure } from './CurvesFigure';
import { buildCurveRows, lossAxisMax, type CurveView } from './curveSeries';
import { RunTitle } from './RunDetails';
import type { RunView } from './runViews';
import { SummaryTable, summaryFacts } from './SummaryTable';
import { Verdict } from './Verdict';

/**
 * Two or more runs side by side (stacked on narrow screens): each one's curves in the same view and on the same
 * scale, and its summary, so differences in start, slope and asymptote can be read across.
 */
export function RunComparison({ runs, view }: { runs: RunView[]; view: CurveView }) {
  const { t } = useTranslation();
  const clearCompare = useStudioStore((s) => s.clearCompare);
  // One loss scale for all charts (accuracy is always 0–100 %).
  const lossMax = useMemo(
    () =>
      Math.max(
        ...runs.map((r) =>
          lossAxisMax(buildCurveRows(r.curves, r.config?.strategies ?? [], { metric: 'loss', x: 'epoch' }).rows),
        ),
      ),
    [runs],
  );
  return (
    <section aria-labelledby="comparison-heading" data-testid="runs.comparison">
      <div className="comparison-header">
        <h3 id="comparison-heading">{t('runs.compare.heading', { count: runs.length })}</h3>
        <button type="button" className="button button-small" onClick={clearCompare} data-testid="runs.clearCompare">
          {t('runs.compare.clear')}
        </button>
      </div>
      <div className="comparison-grid">
        {runs.map((run) => (
          <article key={run.id} className="comparison-card" data-testid="runs.compared" data-run={run.id}>
            <RunTitle run={run} as="h4" />
            <CurvesFigure run={run} view={view} height={260} lossMax={view.metric === 'loss' ? lossMax : undefined} />
            {run.result ? (
              <>
                <Verdict summary={run.result.summary} facts={summaryFacts(run.result)} />
                <SummaryTable
                  summary={run.result.summary}
                  strategies={run.result.config.strategies}
                  facts={summaryFacts(run.result)}
                />
              </>
            ) : null}
          </article>
        ))}
      </div>
    </section>
  );
}
