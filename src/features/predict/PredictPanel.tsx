import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudioStore } from '../../store';
import { Panel } from '../../ui/Panel';
import { ClassifierSection } from './ClassifierSection';
import { ImagePredict } from './ImagePredict';
import { SavedClassifiers } from './SavedClassifiers';
import { WebcamPredict } from './WebcamPredict';
import './predict.css';

/**
 * "A classifier within seconds": train one on the whole dataset, keep it (saved in the browser, downloadable in
 * Teachable Machine's format), and predict with it live from a camera or on a dropped image.
 */
export function PredictPanel() {
  const { t } = useTranslation();
  const model = useStudioStore((s) => s.classifier.models.find((m) => m.id === s.classifier.activeId) ?? null);
  const [threshold, setThreshold] = useState(0);
  return (
    <Panel id="predict" title={t('predict.heading')}>
      <p className="intro">{t('predict.intro')}</p>
      <ClassifierSection />
      <SavedClassifiers />
      {model ? null : (
        <p className="muted" data-testid="predict.need">
          {t('predict.need')}
        </p>
      )}
      <NoneOfThese threshold={threshold} onChange={setThreshold} />
      <div className="predict-grid">
        <WebcamPredict model={model} threshold={threshold} />
        <ImagePredict model={model} threshold={threshold} />
      </div>
    </Panel>
  );
}

/** Confidence thresholds offered for "none of these" (0 = off: the classifier always names a class). */
const THRESHOLDS = [0, 0.5, 0.6, 0.7, 0.8, 0.9] as const;

/** The optional "none of these" threshold, with why a closed-set classifier always answers. */
function NoneOfThese({ threshold, onChange }: { threshold: number; onChange(threshold: number): void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="none-of-these">
      <label htmlFor={id}>{t('predict.none.label')}</label>{' '}
      <select
        id={id}
        value={threshold}
        onChange={(e) => onChange(Number(e.target.value))}
        data-testid="predict.threshold"
      >
        {THRESHOLDS.map((value) => (
          <option key={value} value={value}>
            {value === 0 ? t('predict.none.off') : t('predict.none.below', { percent: Math.round(value * 100) })}
          </option>
        ))}
      </select>
      <p className="muted" data-testid="predict.none.explain">
        {t('predict.none.explain')}
      </p>
    </div>
  );
}
