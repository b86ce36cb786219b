import { useTranslation } from 'react-i18next';
import type { Estimate } from '../../core/math/intervals';
import { formatPercent, formatPoints } from '../../ui/format';

/** The label of a series id ("AnB (0–4 network)"), falling back to the id for a custom one. */
export function useSeriesLabel(): (id: string) => string {
  const { t } = useTranslation();
  return (id) => t(`sweeps.series.${id}`, { defaultValue: id });
}

/** "81.2 % [78.0, 84.4]" — an accuracy and its 95 % interval, as every sweep number is shown. */
export function useFormatEstimate(): (e: Estimate, points?: boolean) => string {
  const { t } = useTranslation();
  return (e, asPoints = false) => {
    const show = (x: number) => (asPoints ? formatPoints(x) : formatPercent(x));
    if (!e.ci95) return t('sweeps.noInterval', { mean: show(e.mean) });
    return t('sweeps.interval', { mean: show(e.mean), low: show(e.ci95[0]), high: show(e.ci95[1]) });
  };
}
