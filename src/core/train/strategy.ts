import type { StrategyId } from './types';

/** What a strategy id means for the training engine. */
export interface ParsedStrategy {
  kind: 'scratch' | 'feature-extraction' | 'fine-tune';
  /** Trainable backbone blocks before the cut: 0 for feature extraction, k for fine-tune:k; 0 for scratch (it trains all). */
  depth: number;
}

const VALID_FORMS = '"scratch", "feature-extraction" or "fine-tune:<k>" with k a positive integer (e.g. "fine-tune:2")';

/**
 * Parses a strategy id ("scratch", "feature-extraction", "fine-tune:2"). Throws an error that lists the valid forms
 * for anything else. Whether k fits the backbone (k ≤ its number of blocks) is checked where the backbone is known.
 */
export function parseStrategy(id: string): ParsedStrategy {
  if (id === 'scratch') return { kind: 'scratch', depth: 0 };
  if (id === 'feature-extraction') return { kind: 'feature-extraction', depth: 0 };
  // Same grammar as experiment/config.ts: no leading zeros, so every depth has exactly one spelling.
  const match = /^fine-tune:([1-9][0-9]{0,5})$/.exec(id);
  if (match) return { kind: 'fine-tune', depth: Number(match[1]) };
  throw new Error(`unknown strategy "${id}": expected ${VALID_FORMS}`);
}

/** The canonical id of a parsed strategy (inverse of parseStrategy). */
export function strategyId(strategy: ParsedStrategy): StrategyId {
  return strategy.kind === 'fine-tune' ? `fine-tune:${strategy.depth}` : strategy.kind;
}
