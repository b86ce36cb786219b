/** Number formats of the Backbone panel (locale-aware; pure, so they are unit-tested). */

/** 218544 → "218,544" (en) / "218,544" (zh-CN). */
export function formatCount(n: number, locale: string): string {
  return Math.round(n).toLocaleString(locale);
}

/** 40774272 → "40.8M" (en) / "4077.4万" (zh-CN): compact, one decimal at most. */
export function formatCompact(n: number, locale: string): string {
  return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}

/** 10457307 bytes → "10.5" (megabytes, 10^6 bytes, one decimal). */
export function formatMegabytes(bytes: number, locale: string): string {
  return (bytes / 1e6).toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** [7, 7, 256] → "7×7×256". */
export function formatShape(shape: readonly number[]): string {
  return shape.join('×');
}

/** Milliseconds with 2 significant decimals below 10, 1 below 100, whole above: 3.456 → "3.46". */
export function formatMs(ms: number): string {
  if (ms < 10) return ms.toFixed(2);
  if (ms < 100) return ms.toFixed(1);
  return Math.round(ms).toString();
}

/** A fraction as a percentage with one decimal: 0.506 → "50.6 %". */
export function formatTop1(fraction: number): string {
  return `${(fraction * 100).toFixed(1)} %`;
}
