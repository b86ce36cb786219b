import { describe, expect, it } from 'vitest';
import { BURST_SECONDS, burstOfSource, webcamSource } from './webcamBurst';

describe('webcam bursts from frame names (issue 13, item 5)', () => {
  it('frames of one hold within BURST_SECONDS share a burst; a long hold is cut; other names have none', () => {
    const frame = (t: string) => burstOfSource(webcamSource('10:00:00.000', t));
    expect(frame('10:00:00.040')).toBe(frame('10:00:01.990'));
    expect(frame('10:00:00.040')).not.toBe(frame(`10:00:0${BURST_SECONDS}.010`));
    expect(burstOfSource(webcamSource('10:00:05.000', '10:00:05.040'))).not.toBe(frame('10:00:00.040'));
    expect(burstOfSource(webcamSource('23:59:59.500', '00:00:00.100'))).toBe(
      burstOfSource(webcamSource('23:59:59.500', '23:59:59.600')),
    );
    expect(burstOfSource('webcam 10:00:00.040')).toBeUndefined();
    expect(burstOfSource('cats/webcam 10:00:00.000 · 10:00:00.040.jpg')).toBeUndefined();
  });
});
