import type { Dataset } from '../data/types';
import { selectExamples } from '../experiment/runExperiment';
import type { SweepArm, SweepCellKey, SweepConfig } from './types';

/**
 * The grid of a sweep, before anything runs (pure): its cells in result order, the order they train in, and the
 * examples of every repeat and size.
 */

export interface PlannedCell {
  key: SweepCellKey;
  arm: SweepArm;
}

/** Cells that share one cache, trained one after another: a source of weights at one depth, scratch, multi-task. */
export interface CacheGroup {
  /** The weights whose frozen blocks make the cache (series' modelUrl; '' = the sweep's own); null: no cache. */
  source: string | null;
  depth: number | null;
  /** Indices into `cells`, in training order. */
  cells: number[];
}

export interface SweepPlan {
  cells: PlannedCell[];
  /** Training order: transfer groups (per source, the shallowest boundary first), then multi-task, then scratch. */
  groups: CacheGroup[];
  trialCount: number;
}

/** The strategy name of a cell (SweepCellKey.strategy). */
export function strategyOf(arm: SweepArm): string {
  if (arm.kind !== 'transfer') return arm.kind;
  if (arm.depth === 0) return 'feature-extraction';
  return arm.upper === 'pretrained' ? `fine-tune:${arm.depth}` : `retrain:${arm.depth}`;
}

/** The weights a series loads: its own modelUrl, else '' (the sweep's own backbone). */
export function sourceOf(config: SweepConfig, seriesId: string): string {
  return config.series.find((s) => s.id === seriesId)?.modelUrl ?? '';
}

export function planSweep(config: SweepConfig): SweepPlan {
  const cells: PlannedCell[] = [];
  const add = (arm: SweepArm) => {
    const indices: number[] = [];
    for (const perClass of config.perClass) {
      const key: SweepCellKey = { strategy: strategyOf(arm), perClass };
      if (arm.kind === 'transfer') {
        key.series = arm.series;
        key.depth = arm.depth;
      }
      indices.push(cells.length);
      cells.push({ key, arm });
    }
    return indices;
  };

  // Result order: series by series, depth ascending; scratch; multi-task.
  const transferCells = new Map<string, number[]>();
  for (const series of config.series) {
    for (const depth of config.depths) {
      const indices = add({ kind: 'transfer', series: series.id, depth, upper: series.upper });
      const key = `${sourceOf(config, series.id)}\n${depth}`;
      transferCells.set(key, [...(transferCells.get(key) ?? []), ...indices]);
    }
  }
  const scratchCells = config.scratch ? add({ kind: 'scratch' }) : [];
  const multitaskCells = config.multitask ? add({ kind: 'multitask' }) : [];

  // Training order: per source, depths descending (each boundary is computed from the one before it), then the
  // arms without a shared cache, scratch last (the floor; transfer first, as runExperiment orders its trials).
  const groups: CacheGroup[] = [];
  const sources = [...new Set(config.series.map((s) => sourceOf(config, s.id)))];
  for (const source of sources) {
    for (const depth of [...config.depths].reverse()) {
      const indices = transferCells.get(`${source}\n${depth}`);
      if (indices) groups.push({ source, depth, cells: sortBySize(indices, cells) });
    }
  }
  if (multitaskCells.length > 0) groups.push({ source: null, depth: null, cells: multitaskCells });
  if (scratchCells.length > 0) groups.push({ source: null, depth: null, cells: scratchCells });
  return { cells, groups, trialCount: cells.length * config.repeats * config.seeds };
}

/** Smaller sizes first (cheap cells fill the charts early), series order within a size. */
function sortBySize(indices: number[], cells: PlannedCell[]): number[] {
  return [...indices].sort((a, b) => cells[a].key.perClass - cells[b].key.perClass || a - b);
}

/** Dataset indices of one repeat: its validation set, and the training set of every size (nested). */
export interface RepeatExamples {
  repeat: number;
  validation: number[];
  train: Map<number, number[]>;
}

/**
 * The examples of every repeat (0-based, runExperiment's split of that repeat: repeat 0 is a plain run's split,
 * later ones hold out other windows of each class, data/split.ts). Within a repeat the validation set is the same for every size, and each size's
 * training set contains every smaller size's (selectExamples draws a seeded per-class order and takes its first
 * perClass; the order does not depend on perClass).
 */
export function sweepExamples(dataset: Dataset, config: SweepConfig): RepeatExamples[] {
  return Array.from({ length: config.repeats }, (_, repeat) => {
    const base = { validationFraction: config.validationFraction, splitSeed: config.splitSeed };
    const train = new Map<number, number[]>();
    let validation: number[] = [];
    for (const perClass of config.perClass) {
      const chosen = selectExamples(dataset, { ...base, perClass }, repeat);
      train.set(perClass, chosen.train);
      validation = chosen.validation;
    }
    return { repeat, validation, train };
  });
}

/** Every dataset index some repeat uses, ascending: the images the sweep caches. */
export function usedIndices(examples: readonly RepeatExamples[]): number[] {
  const used = new Set<number>();
  for (const r of examples) {
    r.validation.forEach((i) => used.add(i));
    for (const list of r.train.values()) list.forEach((i) => used.add(i));
  }
  return [...used].sort((a, b) => a - b);
}
