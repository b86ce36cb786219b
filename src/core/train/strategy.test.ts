import { describe, expect, it } from 'vitest';
import { parseStrategy, strategyId } from './strategy';

describe('parseStrategy', () => {
  it('parses the three forms', () => {
    expect(parseStrategy('scratch')).toEqual({ kind: 'scratch', depth: 0 });
    expect(parseStrategy('feature-extraction')).toEqual({ kind: 'feature-extraction', depth: 0 });
    expect(parseStrategy('fine-tune:1')).toEqual({ kind: 'fine-tune', depth: 1 });
    expect(parseStrategy('fine-tune:13')).toEqual({ kind: 'fine-tune', depth: 13 });
  });

  it('rejects anything else with the valid forms in the message', () => {
    for (const bad of [
      '',
      'Scratch',
      'fine-tune',
      'fine-tune:0',
      'fine-tune:01',
      'fine-tune:-1',
      'fine-tune:1.5',
      'finetune:2',
    ]) {
      expect(() => parseStrategy(bad)).toThrow(/"scratch", "feature-extraction" or "fine-tune:<k>"/);
    }
  });

  it('round-trips through strategyId', () => {
    for (const id of ['scratch', 'feature-extraction', 'fine-tune:4'] as const)
      expect(strategyId(parseStrategy(id))).toBe(id);
  });
});
