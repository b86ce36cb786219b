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
      <div className="predict-grid">
        <WebcamPredict model={model} />
        <ImagePredict model={model} />
      </div>
    </Panel>
  );
}
