/**
 * Windowing for a scrolling grid of fixed-height rows: which rows are visible in `container` (plus `overscan`
 * rows either side), so only those are rendered and thousands of thumbnails stay smooth. Listens to scroll
 * (passive) and to size changes; updates at most once per animation frame. Also reports the container's
 * inner width, from which the caller derives its number of columns.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

export interface RowWindow {
  /** First rendered row (inclusive) and last (exclusive). */
  start: number;
  end: number;
  /** Inner width of the container in CSS pixels (0 before the first layout). */
  width: number;
}

export function useWindowedRows(
  container: RefObject<HTMLElement | null>,
  rowCount: number,
  rowHeight: number,
  overscan = 2,
): RowWindow {
  const [view, setView] = useState({ scrollTop: 0, height: 0, width: 0 });
  const frame = useRef<number | null>(null);

  const measure = useCallback(() => {
    frame.current = null;
    const el = container.current;
    if (!el) return;
    const next = { scrollTop: el.scrollTop, height: el.clientHeight, width: el.clientWidth };
    setView((v) => (v.scrollTop === next.scrollTop && v.height === next.height && v.width === next.width ? v : next));
  }, [container]);

  const schedule = useCallback(() => {
    if (frame.current === null) frame.current = requestAnimationFrame(measure);
  }, [measure]);

  useLayoutEffect(measure, [measure, rowCount]);
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    el.addEventListener('scroll', schedule, { passive: true });
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(schedule) : null;
    observer?.observe(el);
    return () => {
      el.removeEventListener('scroll', schedule);
      observer?.disconnect();
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      frame.current = null;
    };
  }, [container, schedule]);

  const first = Math.floor(view.scrollTop / rowHeight);
  const visible = Math.ceil((view.height || rowHeight * 4) / rowHeight) + 1;
  return {
    start: Math.max(0, first - overscan),
    end: Math.min(rowCount, first + visible + overscan),
    width: view.width,
  };
}
