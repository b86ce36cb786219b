import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClassifierInfo } from '../../worker/protocol/classifier';
import { useEngineActions } from '../engineActions';
import { CameraErrorAlert } from './CameraErrorAlert';
import { ConfidenceBars } from './ConfidenceBars';
import { useLivePredictions } from './useLivePredictions';
import { useCamera } from '../../ui/useCamera';
import { MirrorSetting, useMirrorClass } from '../MirrorSetting';

/**
 * Live predictions from a camera: choose it (default, front, rear, or a listed device), start/stop, optionally
 * mirror the preview (the one setting shared with capture; frames go to the classifier as the camera delivers them),
 * and see the confidence bars with the predictions per second this device sustains.
 */
export function WebcamPredict({ model, threshold = 0 }: { model: ClassifierInfo | null; threshold?: number }) {
  const { t } = useTranslation();
  const actions = useEngineActions();
  const camera = useCamera();
  const mirrored = useMirrorClass();
  const ids = { camera: useId() };
  const live = useLivePredictions(camera.video, camera.status === 'on' && model !== null, actions.predictFrame);
  const prediction = live.prediction && live.prediction.modelId === model?.id ? live.prediction : null;

  const choices = [
    { value: 'default', label: t('predict.camera.default') },
    { value: 'user', label: t('predict.camera.front') },
    { value: 'environment', label: t('predict.camera.rear') },
    ...camera.devices.map((d, i) => ({
      value: `device:${d.deviceId}`,
      label: d.label || t('predict.camera.numbered', { n: i + 1 }),
    })),
  ];

  return (
    <section className="predict-camera" aria-labelledby="predict-camera-heading">
      <h3 id="predict-camera-heading">{t('predict.camera.heading')}</h3>
      <div className="inline-fields">
        <label htmlFor={ids.camera}>{t('predict.camera.choose')}</label>
        <select
          id={ids.camera}
          value={camera.choice}
          onChange={(e) => camera.choose(e.target.value)}
          data-testid="predict.camera.choose"
        >
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
        {camera.status === 'on' || camera.status === 'starting' ? (
          <button type="button" className="button" onClick={camera.stop} data-testid="predict.camera.stop">
            {t('predict.camera.stop')}
          </button>
        ) : (
          <button
            type="button"
            className="button"
            onClick={() => void camera.start(camera.choice)}
            data-testid="predict.camera.start"
          >
            {t('predict.camera.start')}
          </button>
        )}
        <MirrorSetting testId="predict.camera.mirror" />
      </div>
      <CameraErrorAlert error={camera.error} />
      <div className="camera-layout">
        <video
          ref={camera.video}
          className={`camera-video ${mirrored}`.trim()}
          muted
          playsInline
          aria-label={t('predict.camera.preview')}
          hidden={camera.status !== 'on'}
          data-testid="predict.camera.video"
        />
        {camera.status === 'on' && model ? (
          <div className="camera-results">
            <p className="rate" aria-live="off" data-testid="predict.rate" data-rate={live.rate.toFixed(2)}>
              {t('predict.camera.rate', { rate: live.rate.toFixed(1) })}
              {prediction ? (
                <span className="muted"> · {t('predict.camera.latency', { ms: Math.round(live.medianMs) })}</span>
              ) : null}
            </p>
            {prediction ? (
              <ConfidenceBars
                labels={model.labels}
                probabilities={prediction.probabilities}
                title={t('predict.result.live')}
                testId="predict.live"
                threshold={threshold}
              />
            ) : null}
            {live.error ? (
              <p className="warning" role="alert">
                {t('predict.result.error', { message: live.error })}
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
    </section>
  );
}
