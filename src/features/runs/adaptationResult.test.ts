import { readFileSync } from 'node:fs';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { initI18n } from '../../app/i18n';
import { domainScatter } from '../../core/adapt/domainScatter';
import { fromRows } from '../../core/math/linalg';
import { readResultsFile } from '../../core/experiment/readResultsFile';
import type { ExperimentResult } from '../../core/experiment/types';
import type { StoredRun } from '../../worker/protocol/runs';
import { DEFAULT_VIEW } from './curveSeries';
import { RunComparison } from './RunComparison';
import { RunDetails } from './RunDetails';
import { viewOfStored } from './runViews';

/**
 * A results.json of domain adaptation (strategy ids source-only, coral, dan, …) dropped into the studio renders:
 * every strategy named in the language, gains read against source only (not scratch). The CLI fixture of the
 * results-import e2e is relabelled as an adaptation run, so no training runs here (render only, < 1 s).
 */
const ADAPTED = { scratch: 'source-only', 'feature-extraction': 'coral', 'fine-tune:1': 'dan' } as Record<
  string,
  string
>;

function adaptationResult(): ExperimentResult {
  const text = readFileSync(new URL('../../../e2e/fixtures/cli-digits-tiny/results.json', import.meta.url), 'utf8');
  const relabelled = text.replace(/"(scratch|feature-extraction|fine-tune:1)"/g, (_, id: string) => `"${ADAPTED[id]}"`);
  const file = readResultsFile(relabelled);
  if (file.kind !== 'run') throw new Error('fixture is not a run');
  // A small PCA picture from core (two shifted clouds of 3-D "embeddings"), as runAdaptation stores it.
  const cloud = (n: number, shift: number) =>
    fromRows(Array.from({ length: n }, (_, i) => [Math.sin(i) + shift, Math.cos(3 * i), (i % 5) / 5]));
  const labels = (n: number) => Array.from({ length: n }, (_, i) => i % 5);
  const scatter = domainScatter(cloud(12, 0), labels(12), cloud(10, 4), labels(10));
  return { ...file.result, source: { name: 'mnist', count: 12 }, adaptation: { scatter } };
}

function storedRun(result: ExperimentResult): StoredRun {
  return {
    id: 'adapt',
    status: 'done',
    config: result.config,
    result,
    datasetId: null,
    datasetName: result.dataset.name,
    startedAt: 0,
    progress: { trialsDone: result.runs.length, trialCount: result.runs.length },
    importedFrom: 'results.json',
  } as StoredRun;
}

describe('an imported domain-adaptation result', () => {
  const result = adaptationResult();
  const view = viewOfStored(storedRun(result));

  it('has the adaptation ids (the relabelling worked)', () => {
    expect(result.config.strategies).toEqual(['source-only', 'coral', 'dan']);
  });

  it('renders in English and Chinese, strategies named, gains against source only', () => {
    initI18n('en');
    const en = renderToString(createElement(RunDetails, { run: view, view: DEFAULT_VIEW }));
    expect(en).toContain('DAN (MMD)');
    expect(en).toContain('Source only');
    expect(en).toMatch(/no clear difference from source only|beat source only|worse than source only/);
    expect(en).not.toMatch(/\{\{\w+\}\}/);
    // The PCA picture, before and after CORAL, every point drawn (12 circles and 10 squares per panel).
    expect(en).toContain('data-testid="adapt.scatter.before"');
    expect(en).toContain('After CORAL alignment');
    expect(en.match(/<circle /g)?.length).toBe(24);
    expect(en.match(/<rect /g)?.length).toBe(20);
    initI18n('zh-CN');
    const zh = renderToString(createElement(RunDetails, { run: view, view: DEFAULT_VIEW }));
    expect(zh).toContain('仅源域');
    expect(zh).toContain('DAN（MMD 对齐）');
    expect(zh).toMatch(/与仅源域训练没有明显差别|比仅源域训练/);
    expect(zh).toContain('CORAL 对齐后');
    expect(zh).not.toContain('Before alignment');
    expect(renderToString(createElement(RunComparison, { runs: [view, view], view: DEFAULT_VIEW }))).toContain('CORAL');
  });
});
