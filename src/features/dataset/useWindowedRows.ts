/**
 * Windowing for a scrolling grid of fixed-height rows: which rows are visible in the scroll container (plus
 * `overscan` rows either side), so only those are rendered and thousands of thumbnails stay smooth. Give the
 * returned `ref` to the scroll container (it may mount later than the component: the listeners follow it).
 * Listens to scroll (passive) and to size changes; updates at most once per animation frame. Also reports the
 * container's inner width, from which the caller derives its number of columns.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

export interface RowWindow {
  /** Callback ref for the scroll container. */
  ref: (element: HTMLElement | null) => void;
  /** First rendered row (inclusive) and last (exclusive). */
  start: number;
  end: number;
  /** Inner width of the container in CSS pixels (0 before the first layout). */
  width: number;
}

export function useWindowedRows(rowCount: number, rowHeight: number, overscan = 2): RowWindow {
  const [element, setElement] = useState<HTMLElement | null>(null);
  const [view, setView] = useState({ scrollTop: 0, height: 0, width: 0 });
  const frame = useRef<number | null>(null);

  const measure = useCallback(() => {
    frame.current = null;
    if (!element) return;
    const next = { scrollTop: element.scrollTop, height: element.clientHeight, width: element.clientWidth };
    setView((v) => (v.scrollTop === next.scrollTop && v.height === next.height && v.width === next.width ? v : next));
  }, [element]);

  useLayoutEffect(measure, [measure, rowCount]);
  useEffect(() => {
    if (!element) return;
    const schedule = () => {
      if (frame.current === null) frame.current = requestAnimationFrame(measure);
    };
    element.addEventListener('scroll', schedule, { passive: true });
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(schedule) : null;
    observer?.observe(element);
    return () => {
      element.removeEventListener('scroll', schedule);
      observer?.disconnect();
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      frame.current = null;
    };
  }, [element, measure]);

  const first = Math.floor(view.scrollTop / rowHeight);
  const visible = Math.ceil((view.height || rowHeight * 4) / rowHeight) + 1;
  return {
    ref: setElement,
    start: Math.max(0, first - overscan),
    end: Math.min(rowCount, first + visible + overscan),
    width: view.width,
  };
}
