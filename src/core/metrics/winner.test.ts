import { describe, expect, it } from 'vitest';
import type { StrategySummary } from './types';
import { winningStrategy } from './winner';

const row = (strategy: string, plateau: number) =>
  ({ strategy, metrics: { plateau: { mean: plateau } } }) as unknown as Pick<StrategySummary, 'strategy' | 'metrics'>;

describe('winningStrategy', () => {
  it('picks the highest mean plateau, the first on a tie', () => {
    expect(winningStrategy([row('scratch', 0.7), row('feature-extraction', 0.9), row('fine-tune:2', 0.85)])).toBe(
      'feature-extraction',
    );
    expect(winningStrategy([row('fine-tune:1', 0.9), row('feature-extraction', 0.9)])).toBe('fine-tune:1');
  });

  it('skips strategies that train no classifier and non-finite plateaus; null when none is left', () => {
    expect(winningStrategy([row('dann', 0.99), row('scratch', Number.NaN), row('fine-tune:1', 0.5)])).toBe(
      'fine-tune:1',
    );
    expect(winningStrategy([row('coral', 0.9)])).toBeNull();
    expect(winningStrategy([])).toBeNull();
  });
});
