/**
 * The cost estimate of the current setup (runCost.ts), and its side effect: ask the engine to time the backbone when
 * the setup needs rates it has not measured (debounced; never while a run trains, and again after it).
 */
import { useEffect, useMemo, useRef } from 'react';
import { selectEngineComputing, useStudioStore } from '../../store';
import { useEngineActions } from '../engineActions';
import { runCostOf, type RunCostView } from './runCost';
import { useSetupFacts } from './useSetupFacts';

/** Settle time before timing: typing "128" passes through 1 and 12. */
const DEBOUNCE_MS = 400;

export function useRunCost(): RunCostView {
  const facts = useSetupFacts();
  const backbone = useStudioStore((s) => s.backbone);
  const settings = useStudioStore((s) => s.settings);
  return useMemo(() => runCostOf(facts, { backbone, settings }), [facts, backbone, settings]);
}

/** Mount once (the run bar): keeps the rates of the current setup measured. */
export function useMeasureRates(view: RunCostView): void {
  const actions = useEngineActions();
  // Not while the engine computes (selectEngineComputing: a first visit's backend measurement, a run, a sweep, a
  // training, a score; timing beside them reads too slow, and during a sweep the engine does not answer) or a
  // backbone loads.
  const busy = useStudioStore((s) => selectEngineComputing(s) || s.backbone.pending !== null);
  const key = view.request ? JSON.stringify(view.request) : null;
  const measured = view.current;
  const requested = useRef<string | null>(null);
  const backend = useStudioStore((s) => s.settings.backend?.backend ?? null);
  useEffect(() => {
    if (busy) {
      // Asked while busy, the engine does not answer: ask again once it is idle.
      requested.current = null;
      return;
    }
    if (!key || measured || requested.current === `${backend}|${key}`) return;
    const timer = setTimeout(() => {
      requested.current = `${backend}|${key}`;
      actions.measureRates(JSON.parse(key));
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [actions, key, busy, measured, backend]);
}
