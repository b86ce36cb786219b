import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { isAdaptationStrategy } from '../core/train/types';

/**
 * The localised name of a strategy id: "scratch" → "From scratch", "fine-tune:2" → "Fine-tune last 2 blocks",
 * "dann" → "DANN". Any string is accepted (ids come from imported results.json too); an unknown id is shown as is.
 */
export function strategyLabel(t: TFunction, strategy: string): string {
  const fineTune = /^fine-tune:(\d+)$/.exec(strategy);
  if (fineTune) return t('strategy.fineTune', { count: Number(fineTune[1]) });
  if (strategy === 'scratch' || strategy === 'feature-extraction') return t(`strategy.${strategy}`);
  if (isAdaptationStrategy(strategy)) return t(`strategy.adapt.${strategy}`);
  return strategy;
}

/** One sentence on what a strategy trains. */
export function strategyDescription(t: TFunction, strategy: string): string {
  const fineTune = /^fine-tune:(\d+)$/.exec(strategy);
  if (fineTune) return t('strategy.describe.fineTune', { count: Number(fineTune[1]) });
  if (strategy === 'scratch' || strategy === 'feature-extraction') return t(`strategy.describe.${strategy}`);
  if (isAdaptationStrategy(strategy)) return t(`strategy.describe.adapt.${strategy}`);
  return strategy;
}

export function useStrategyLabel(): (strategy: string) => string {
  const { t } = useTranslation();
  return useCallback((strategy: string) => strategyLabel(t, strategy), [t]);
}
