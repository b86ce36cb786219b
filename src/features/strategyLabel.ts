import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';

/** The localised name of a strategy id: "scratch" → "From scratch", "fine-tune:2" → "Fine-tune last 2 blocks". */
export function strategyLabel(t: TFunction, strategy: string): string {
  const fineTune = /^fine-tune:(\d+)$/.exec(strategy);
  if (fineTune) return t('strategy.fineTune', { count: Number(fineTune[1]) });
  if (strategy === 'scratch' || strategy === 'feature-extraction') return t(`strategy.${strategy}`);
  return strategy;
}

/** One sentence on what a strategy trains. */
export function strategyDescription(t: TFunction, strategy: string): string {
  const fineTune = /^fine-tune:(\d+)$/.exec(strategy);
  if (fineTune) return t('strategy.describe.fineTune', { count: Number(fineTune[1]) });
  if (strategy === 'scratch' || strategy === 'feature-extraction') return t(`strategy.describe.${strategy}`);
  return strategy;
}

export function useStrategyLabel(): (strategy: string) => string {
  const { t } = useTranslation();
  return useCallback((strategy: string) => strategyLabel(t, strategy), [t]);
}
