import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatasetSummary } from '../../worker/protocol/dataset';
import { useCamera } from '../../ui/useCamera';
import { useWebcamRecorder } from './useWebcamRecorder';
import { MirrorSetting, useMirrorClass } from '../MirrorSetting';

/**
 * Webcam capture into a class: a camera picker (front, rear, or any listed device), a live preview, and a
 * "hold to record" button (pointer or Space/Enter held). Each frame is grabbed as an ImageBitmap already
 * shrunk to ≤ 512 px and TRANSFERRED to the worker, which stores it (JPEG + thumbnail) in batches. Shows the
 * frames captured and the frames per second actually stored during the hold.
 */
export function WebcamCapture({ dataset, locked }: { dataset: DatasetSummary; locked: boolean }) {
  const { t } = useTranslation();
  const camera = useCamera();
  const [classIndex, setClassIndex] = useState(0);
  const mirrored = useMirrorClass();
  const ids = { camera: useId(), target: useId() };
  const target = Math.min(classIndex, Math.max(0, dataset.classNames.length - 1));
  const canRecord = camera.status === 'on' && dataset.classNames.length > 0 && !locked;
  const { holding, handlers, stats, fps } = useWebcamRecorder(camera.video, dataset.id, target, !canRecord);
  const className = dataset.classNames[target] ?? '';

  return (
    <section className="webcam" aria-labelledby={`${ids.camera}-heading`}>
      <h3 id={`${ids.camera}-heading`}>{t('dataset.webcam.heading')}</h3>
      <div className="webcam-controls">
        <label htmlFor={ids.camera}>{t('dataset.webcam.camera')}</label>
        <select
          id={ids.camera}
          value={camera.choice}
          onChange={(e) => void camera.start(e.target.value)}
          disabled={holding}
        >
          <option value="default">{t('dataset.webcam.defaultCamera')}</option>
          <option value="user">{t('dataset.webcam.frontCamera')}</option>
          <option value="environment">{t('dataset.webcam.rearCamera')}</option>
          {camera.devices.map((d, i) => (
            <option key={d.deviceId} value={`device:${d.deviceId}`}>
              {d.label || t('dataset.webcam.cameraN', { n: i + 1 })}
            </option>
          ))}
        </select>
        {camera.status === 'on' || camera.status === 'starting' ? (
          <button type="button" className="button" onClick={camera.stop} disabled={holding}>
            {t('dataset.webcam.stop')}
          </button>
        ) : (
          <button type="button" className="button" onClick={() => void camera.start()}>
            {t('dataset.webcam.start')}
          </button>
        )}
        <MirrorSetting testId="dataset.webcam.mirror" />
      </div>
      {camera.error ? (
        <p className="ds-form-error" role="alert">
          {t(`dataset.webcam.error.${camera.error}`)}
        </p>
      ) : null}
      <div className="webcam-body" hidden={camera.status === 'off' || camera.status === 'error'}>
        <video
          ref={camera.video}
          className={`webcam-video ${mirrored}`.trim()}
          muted
          playsInline
          aria-label={t('dataset.webcam.preview')}
        />
        <div className="webcam-record">
          <label htmlFor={ids.target}>{t('dataset.webcam.target')}</label>
          <select
            id={ids.target}
            value={target}
            onChange={(e) => setClassIndex(Number(e.target.value))}
            disabled={holding}
          >
            {dataset.classNames.map((name, i) => (
              <option key={`${i}-${name}`} value={i}>
                {name}
              </option>
            ))}
          </select>
          <button
            type="button"
            className={
              holding ? 'button button-primary hold-button hold-button-active' : 'button button-primary hold-button'
            }
            aria-pressed={holding}
            disabled={!canRecord}
            {...handlers}
            data-testid="dataset.webcam.hold"
          >
            {holding
              ? t('dataset.webcam.recording', { name: className })
              : t('dataset.webcam.hold', { name: className })}
          </button>
          <p className="muted webcam-hint">{t('dataset.webcam.hint')}</p>
          <p
            className="webcam-stats"
            aria-live={holding ? 'off' : 'polite'}
            data-testid="dataset.webcam.stats"
            data-frames={stats?.frames ?? 0}
            data-fps={fps.toFixed(1)}
          >
            {stats
              ? t('dataset.webcam.stats', { count: stats.frames, fps: fps.toFixed(1) })
              : t('dataset.webcam.noStats')}
          </p>
        </div>
      </div>
    </section>
  );
}
