import { useTranslation } from 'react-i18next';
import type { CurveAxis, CurveMetric, CurveView } from './curveSeries';

/**
 * Two segmented choices for the learning curves: accuracy or loss, against epochs or seconds. Native radio inputs,
 * so arrow keys, Tab and touch work and screen readers announce the group and the choice.
 */
export function CurveControls({ view, onChange }: { view: CurveView; onChange(view: CurveView): void }) {
  const { t } = useTranslation();
  const metrics: { value: CurveMetric; label: string }[] = [
    { value: 'accuracy', label: t('runs.view.accuracy') },
    { value: 'loss', label: t('runs.view.loss') },
  ];
  const axes: { value: CurveAxis; label: string }[] = [
    { value: 'epoch', label: t('runs.view.epochs') },
    { value: 'seconds', label: t('runs.view.seconds') },
  ];
  return (
    <div className="curve-controls">
      <Segmented
        name="curve-metric"
        legend={t('runs.view.metric')}
        options={metrics}
        value={view.metric}
        onChange={(metric) => onChange({ ...view, metric })}
        testId="curves.metric"
      />
      <Segmented
        name="curve-axis"
        legend={t('runs.view.axis')}
        options={axes}
        value={view.x}
        onChange={(x) => onChange({ ...view, x })}
        testId="curves.axis"
      />
    </div>
  );
}

function Segmented<T extends string>({
  name,
  legend,
  options,
  value,
  onChange,
  testId,
}: {
  name: string;
  legend: string;
  options: { value: T; label: string }[];
  value: T;
  onChange(value: T): void;
  testId: string;
}) {
  return (
    <fieldset className="segmented" data-testid={testId}>
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className={option.value === value ? 'segment segment-on' : 'segment'}>
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={option.value === value}
            onChange={() => onChange(option.value)}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
