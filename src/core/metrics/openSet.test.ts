import { describe, expect, it } from 'vitest';
import { answerWithThreshold } from './openSet';

describe('answerWithThreshold', () => {
  it('names the top class when it clears the threshold, "none of these" below it', () => {
    expect(answerWithThreshold([0.1, 0.39, 0.3, 0.21], 0)).toEqual({ top: 1, confidence: 0.39, none: false });
    expect(answerWithThreshold([0.1, 0.39, 0.3, 0.21], 0.5)).toEqual({ top: 1, confidence: 0.39, none: true });
    expect(answerWithThreshold([0.05, 0.95], 0.5)).toEqual({ top: 1, confidence: 0.95, none: false });
    // At the threshold exactly the class is named.
    expect(answerWithThreshold([0.5, 0.5], 0.5)).toEqual({ top: 0, confidence: 0.5, none: false });
  });

  it('answers "none of these" for an empty row and refuses a threshold outside [0, 1]', () => {
    expect(answerWithThreshold([], 0)).toEqual({ top: -1, confidence: 0, none: true });
    expect(() => answerWithThreshold([1], 1.5)).toThrow(RangeError);
    expect(() => answerWithThreshold([1], Number.NaN)).toThrow(RangeError);
  });
});
