/**
 * The zero-shot demo on the page: run it once (the engine embeds the digits and trains the attribute classifiers),
 * then every edited cell asks the engine to re-decide with the new rows. Plain data only; the engine keeps the
 * embeddings and classifiers.
 */
import { useCallback, useRef, useState } from 'react';
import type { ZeroShotView } from '../../core/fewshot/zeroShotView';
import type { LabActions, LabProgress } from './actions';

export type LabStatus = 'idle' | 'running' | 'done' | 'error';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function useZeroShot(actions: LabActions) {
  const [status, setStatus] = useState<LabStatus>('idle');
  const [progress, setProgress] = useState<LabProgress | null>(null);
  const [view, setView] = useState<ZeroShotView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const original = useRef<number[][] | null>(null);
  /** Only the latest edit's answer is shown (answers to quick successive clicks may arrive in any order). */
  const latest = useRef(0);

  const run = useCallback(async () => {
    setStatus('running');
    setError(null);
    try {
      const { view: first } = await actions.runZeroShot(setProgress);
      original.current = first.table.rows.map((r) => [...r]);
      setView(first);
      setStatus('done');
    } catch (e) {
      setError(messageOf(e));
      setStatus('error');
    } finally {
      setProgress(null);
    }
  }, [actions]);

  const decide = useCallback(
    async (rows: number[][]) => {
      const ticket = ++latest.current;
      try {
        const next = await actions.decideZeroShot(rows);
        if (ticket === latest.current) setView(next);
      } catch (e) {
        setError(messageOf(e));
      }
    },
    [actions],
  );

  const toggle = useCallback(
    (digit: number, attribute: number) => {
      if (!view) return;
      const rows = view.table.rows.map((r, c) =>
        c === digit ? r.map((v, m) => (m === attribute ? 1 - v : v)) : [...r],
      );
      void decide(rows);
    },
    [view, decide],
  );

  const reset = useCallback(() => {
    if (original.current) void decide(original.current);
  }, [decide]);

  return { status, progress, view, error, run, toggle, reset };
}
