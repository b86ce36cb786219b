import { describe, expect, it } from 'vitest';
import { formatCompact, formatCount, formatMegabytes, formatMs, formatShape, formatTop1 } from './format';

describe('backbone formats', () => {
  it('formats counts, shapes, times and accuracies', () => {
    expect(formatCount(218544, 'en')).toBe('218,544');
    expect(formatCompact(40_774_272, 'en')).toBe('40.8M');
    expect(formatCompact(17_536, 'en')).toBe('17.5K');
    expect(formatShape([7, 7, 256])).toBe('7×7×256');
    expect(formatMs(3.456)).toBe('3.46');
    expect(formatMs(34.56)).toBe('34.6');
    expect(formatMs(345.6)).toBe('346');
    expect(formatTop1(0.506)).toBe('50.6 %');
    expect(formatMegabytes(10_457_307, 'en')).toBe('10.5');
    expect(formatMegabytes(1_955_639, 'zh-CN')).toBe('2.0');
  });
});
