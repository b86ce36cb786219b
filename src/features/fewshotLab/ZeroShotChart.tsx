import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ErrorBar, ReferenceLine, ResponsiveContainer, Tooltip, XAxis } from 'recharts';
import { AccuracyAxis } from '../../ui/AccuracyAxis';
import type { Estimate } from '../../core/math/intervals';
import type { ZeroShotView } from '../../core/fewshot/zeroShotView';
import { formatPercent, formatPercentInterval } from '../../ui/format';

function bar(name: string, accuracy: Estimate) {
  const [low, high] = accuracy.ci95 ?? [accuracy.mean, accuracy.mean];
  return {
    name,
    accuracy: accuracy.mean,
    error: [accuracy.mean - low, high - accuracy.mean],
    label: formatPercentInterval(accuracy),
  };
}

/** Accuracy per unseen digit and overall, each with its Wilson 95 % interval (core), and chance as a dotted line. */
export function ZeroShotChart({ view }: { view: ZeroShotView }) {
  const { t } = useTranslation();
  const { evaluation } = view;
  const data = [
    ...evaluation.perClass.map((c) => bar(c.name, c.accuracy)),
    bar(t('fewshotLab.zeroshot.chart.all'), evaluation.accuracy),
  ];
  return (
    <figure className="chart" role="img" aria-label={t('fewshotLab.zeroshot.chart.caption')}>
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 24, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e5e7eb" vertical={false} />
          <XAxis
            dataKey="name"
            stroke="#4b5563"
            label={{
              value: t('fewshotLab.zeroshot.chart.digit'),
              position: 'insideBottom',
              offset: -12,
              fill: '#374151',
            }}
          />
          <AccuracyAxis width={48} />
          <Tooltip formatter={(_value, _name, item) => (item.payload as { label: string }).label} />
          <Bar dataKey="accuracy" fill="#1d4ed8" isAnimationActive={false}>
            <ErrorBar dataKey="error" width={6} stroke="#111827" direction="y" />
          </Bar>
          <ReferenceLine
            y={evaluation.chance}
            stroke="#b91c1c"
            strokeDasharray="2 4"
            label={{
              value: t('fewshotLab.zeroshot.chart.chance', { value: formatPercent(evaluation.chance, 0) }),
              position: 'insideTopRight',
              fill: '#b91c1c',
              fontSize: 12,
            }}
          />
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="muted">{t('fewshotLab.zeroshot.chart.caption')}</figcaption>
    </figure>
  );
}
