import { directionOf, type Estimate } from '../../core/math/intervals';
import { formatPercent, formatPoints } from '../../ui/format';
import type { DepthView, SizeView } from './sweepView';

/**
 * The plain-language reading beside each chart, as i18n keys with their values: what the paper found and whether
 * this sweep agrees. Every verdict comes from an interval computed in core (directionOf): "beats" only when the
 * paired gain's interval lies above zero, and "no clear difference" otherwise.
 */
export interface ReadingLine {
  key: string;
  params?: Record<string, string | number>;
}

const points = (e: Estimate) => formatPoints(e.mean);
const verdictKey = (e: Estimate) => (directionOf(e) === 'unclear' ? 'sweeps.reading.unclear' : 'sweeps.reading.clear');

/** The depth chart's reading; `label` names a series, `selffer` when the series re-initialise their top blocks. */
export function depthReading(view: DepthView, label: (id: string) => string, selffer: boolean): ReadingLine[] {
  if (selffer) return selfferReading(view, label);
  const lines: ReadingLine[] = [{ key: 'sweeps.reading.yosinski' }];
  const series = view.series[0];
  if (!view.final || !view.scratch || !series) return [...lines, { key: 'sweeps.reading.noScratch' }];
  const gains = series.points.filter((p): p is typeof p & { gain: Estimate } => p.gain !== null);
  const above = gains.filter((p) => directionOf(p.gain) === 'above');
  const below = gains.filter((p) => directionOf(p.gain) === 'below');
  if (gains.length > 0 && above.length === gains.length) {
    const means = gains.map((p) => p.gain.mean);
    lines.push({
      key: 'sweeps.reading.allAbove',
      params: { low: formatPoints(Math.min(...means)), high: formatPoints(Math.max(...means)) },
    });
  } else if (above.length > 0) {
    lines.push({ key: 'sweeps.reading.someAbove', params: { count: above.length, total: gains.length } });
  } else {
    lines.push({ key: 'sweeps.reading.noneAbove' });
  }
  if (below.length > 0)
    lines.push({ key: 'sweeps.reading.below', params: { depths: below.map((p) => p.x).join(', ') } });
  const best = series.points.reduce<(typeof series.points)[number] | null>(
    (a, b) => (!a || b.plateau.mean > a.plateau.mean ? b : a),
    null,
  );
  if (best) {
    lines.push({
      key: 'sweeps.reading.best',
      params: { series: label(series.id), depth: best.x, value: formatPercent(best.plateau.mean) },
    });
  }
  return [...lines, { key: 'sweeps.reading.intervals' }];
}

/**
 * The negative-transfer preset's reading (Wang et al. 2019): the setting, then each series' gain over scratch at each
 * depth with its verdict — below scratch (negative transfer) only when the paired interval lies below zero — and
 * where it disappears (fine-tuning the blocks, the clean source, fewer examples).
 */
export function negativeReading(view: DepthView, label: (id: string) => string): ReadingLine[] {
  const lines: ReadingLine[] = [{ key: 'sweeps.reading.wang' }];
  if (!view.final || !view.scratch) return [...lines, { key: 'sweeps.reading.noScratch' }];
  for (const series of view.series) {
    for (const p of series.points) {
      if (!p.gain) continue;
      const direction = directionOf(p.gain);
      lines.push({
        key:
          direction === 'below'
            ? 'sweeps.reading.negativeAt'
            : direction === 'above'
              ? 'sweeps.reading.positiveAt'
              : 'sweeps.reading.neutralAt',
        params: { series: label(series.id), depth: p.x, value: points(p.gain) },
      });
    }
  }
  return [...lines, { key: 'sweeps.reading.whenNegative' }, { key: 'sweeps.reading.intervals' }];
}

/**
 * Yosinski's two signals: the selffer (BnB, the series trained on the target itself) against its own depth 0 — a
 * dip when retraining cuts between co-adapted blocks — and the transfer (AnB, the first series) against BnB at
 * each depth — specificity of A's features. AnB+ is drawn, not read out.
 */
function selfferReading(view: DepthView, label: (id: string) => string): ReadingLine[] {
  const lines: ReadingLine[] = [{ key: 'sweeps.reading.selffer' }];
  if (!view.final) return lines;
  const first = view.series[0];
  const selffer = view.series.find((s) => s.id === 'BnB') ?? view.series[1];
  if (!first || !selffer) return lines;
  for (const p of selffer.points) {
    if (p.x > 0 && p.versusDepth0) {
      lines.push({
        key: 'sweeps.reading.dip',
        params: {
          series: label(selffer.id),
          depth: p.x,
          value: points(p.versusDepth0),
          verdict: verdictKey(p.versusDepth0),
        },
      });
    }
  }
  for (const p of selffer.points) {
    if (p.versusFirstSeries) {
      lines.push({
        key: 'sweeps.reading.versus',
        params: {
          series: label(first.id),
          first: label(selffer.id),
          depth: p.x,
          // versusFirstSeries is BnB − AnB; the reading states AnB − BnB.
          value: formatPoints(-p.versusFirstSeries.mean),
          verdict: verdictKey(p.versusFirstSeries),
        },
      });
    }
  }
  return [...lines, { key: 'sweeps.reading.intervals' }];
}

/** The size chart's reading: He et al.'s finding, the gap at the ends, the crossover, and multi-task if present. */
export function sizeReading(view: SizeView): ReadingLine[] {
  const lines: ReadingLine[] = [];
  const multitask = view.multitask.length > 0;
  lines.push({ key: multitask ? 'sweeps.reading.caruana' : 'sweeps.reading.he' });
  if (!view.final) return [...lines, { key: 'sweeps.reading.noScratch' }];
  const gains = view.transfer.filter((p): p is typeof p & { gain: Estimate } => p.gain !== null);
  if (gains.length >= 2 && view.gapShrink !== null) {
    const [first, last] = [gains[0], gains[gains.length - 1]];
    lines.push({
      key: view.gapShrink > 0 ? 'sweeps.reading.gapShrinks' : 'sweeps.reading.gapGrows',
      params: { first: points(first.gain), firstX: first.x, last: points(last.gain), lastX: last.x },
    });
  }
  if (view.crossover) {
    lines.push({
      key: 'sweeps.reading.crossover',
      params: {
        from: view.crossover.between[0],
        to: view.crossover.between[1],
        clear: view.crossover.clear ? '' : 'sweeps.reading.crossoverUnclear',
      },
    });
  } else if (view.scratch.length > 0) {
    lines.push({ key: 'sweeps.reading.noCrossover' });
  }
  view.multitaskOverTransfer.forEach((e, i) => {
    if (!e) return;
    const x = view.transfer[i].x;
    const direction = directionOf(e);
    const key =
      direction === 'above'
        ? 'sweeps.reading.multitaskWins'
        : direction === 'below'
          ? 'sweeps.reading.transferWins'
          : 'sweeps.reading.noWinner';
    const shown = direction === 'below' ? formatPoints(-e.mean) : points(e);
    lines.push({ key, params: { x, value: shown } });
  });
  return [...lines, { key: 'sweeps.reading.intervals' }];
}
