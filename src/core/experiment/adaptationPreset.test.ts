import { describe, expect, it } from 'vitest';
import { isAdaptationStrategy } from '../train/types';
import { parseExperimentConfig } from './config';
import { STUDIO_ADAPTATION_STRATEGIES, studioAdaptationConfig } from './adaptationPreset';

describe('studio adaptation preset', () => {
  it('is a valid config of the five named methods, source only first (the baseline) and the oracle last', () => {
    const config = studioAdaptationConfig();
    expect(parseExperimentConfig(config)).toEqual(config);
    expect(config.strategies).toEqual(['source-only', 'coral', 'dan', 'dann', 'oracle']);
    expect(STUDIO_ADAPTATION_STRATEGIES.every(isAdaptationStrategy)).toBe(true);
    // Paired intervals need two seeds; one split keeps it to seconds.
    expect(config.seeds).toBe(2);
    expect(config.repeats).toBe(1);
    expect(config.backbone).toBe('digits-vgg');
  });
});
