import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resummarizeResult } from '../src/core/experiment/resummarizeResult';
import type { ExperimentResult } from '../src/core/experiment/types';
import { expectHonestSummary } from '../src/testing/honestSummary';
import { currentResultsSection, resultsSection, STORED_RESULTS } from './lib/storedResults';

/**
 * The README's results tables are made from docs/results/*.json (`npm run results`): re-derived here from the stored
 * files, without re-running anything, so the README cannot drift from them. The stored runs pass issue #12's
 * done-when checks too (the full-length runs; src/cli/honestNumbers.test.ts checks short fresh ones).
 */
const root = path.resolve(import.meta.dirname, '..');
const stored = STORED_RESULTS.map((entry) => ({
  entry,
  result: JSON.parse(readFileSync(path.join(root, 'docs/results', `${entry.name}.json`), 'utf8')) as ExperimentResult,
}));

describe('stored results (docs/results)', () => {
  it('the README section is exactly the tables derived from the stored JSON', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(currentResultsSection(readme)).toBe(resultsSection(stored));
  });

  it('each stored result is the run its entry names, and passes the done-when checks', () => {
    for (const { entry, result } of stored) {
      const flag = (name: string) => entry.args[entry.args.indexOf(name) + 1];
      expect(result.config.seeds, entry.name).toBe(Number(flag('--seeds')));
      expect(result.config.repeats, entry.name).toBe(Number(flag('--repeats')));
      expectHonestSummary(result);
    }
  });

  // After a change to how intervals are computed, `npm run results -- --resummarize` re-derives them (no training).
  it('each stored summary is exactly what core derives from its stored trials today', () => {
    for (const { entry, result } of stored) expect(resummarizeResult(result), entry.name).toEqual(result.summary);
  });

  it('digits-ab: feature extraction beats scratch, plateau and asymptote gains above zero', () => {
    const { result } = stored.find((s) => s.entry.name === 'digits-ab')!;
    const fe = result.summary.find((s) => s.strategy === 'feature-extraction')!;
    expect(fe.transferGain!.plateau.ci95![0]).toBeGreaterThan(0);
    expect(fe.transferGain!.asymptote.ci95![0]).toBeGreaterThan(0);
    expect(fe.verdict!.overall).toBe('above');
  });

  it('negative-transfer: the frozen digits network ends below scratch on MNIST-M, flagged, in every repeat', () => {
    const { result } = stored.find((s) => s.entry.name === 'negative-transfer')!;
    expect(result.config).toMatchObject({ backbone: 'digits-vgg', perClass: 50, epochs: 20, seeds: 3, repeats: 3 });
    const fe = result.summary.find((s) => s.strategy === 'feature-extraction')!;
    expect(fe.negativeTransfer).toBe(true);
    expect(fe.transferGain!.plateau.ci95![1]).toBeLessThan(0);
    expect(fe.transferGain!.asymptote.ci95![1]).toBeLessThan(0);
  });

  // Issue #16: what the README's domain-adaptation paragraph says, read from the stored run (5 repeats × 3 seeds).
  it('digits-mnist-to-mnistm: which methods beat source only, on paired plateau intervals over 5 repeats', () => {
    const { result } = stored.find((s) => s.entry.name === 'digits-mnist-to-mnistm')!;
    expect(result.config).toMatchObject({ backbone: 'digits-vgg', seeds: 3, repeats: 5 });
    expect(result.source).toMatchObject({ name: 'digits-mnist' });
    const plateauDirection = Object.fromEntries(
      result.summary.map((s) => [s.strategy, s.transferGain?.plateau.direction ?? 'baseline']),
    );
    expect(plateauDirection).toEqual({
      'source-only': 'baseline',
      coral: 'above',
      'deep-coral': 'above',
      dan: 'above',
      dann: 'below',
      tradaboost: 'above',
      oracle: 'above',
    });
    for (const s of result.summary) if (s.transferGain) expect(s.transferGain.plateau.method).toBe('t-repeats');
  });
});
