import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatasetSummary } from '../../worker/protocol/dataset';
import { useEngineActions } from '../engineActions';
import { useCamera } from '../../ui/useCamera';
import { useHoldToRecord } from './useHoldToRecord';
import { webcamSource } from '../../core/data/webcamBurst';

/** Longer side of a captured frame (the import's 512-px limit), so only what is stored crosses to the worker. */
const FRAME_MAX_SIDE = 512;
/** Frames sent and not yet queued by the worker; more waits (the worker sets the pace, nothing piles up). */
const MAX_IN_FLIGHT = 2;

type VideoWithFrames = HTMLVideoElement & { requestVideoFrameCallback?: (cb: () => void) => number };

/** Waits for the next video frame (requestVideoFrameCallback where available, else an animation frame). */
function nextFrame(video: VideoWithFrames): Promise<void> {
  return new Promise((resolve) => {
    if (typeof video.requestVideoFrameCallback === 'function') video.requestVideoFrameCallback(() => resolve());
    else requestAnimationFrame(() => resolve());
  });
}

interface Stats {
  frames: number;
  seconds: number;
}

/**
 * Webcam capture into a class: a camera picker (front, rear, or any listed device), a live preview, and a
 * "hold to record" button (pointer or Space/Enter held). Each frame is grabbed as an ImageBitmap already
 * shrunk to ≤ 512 px and TRANSFERRED to the worker, which stores it (JPEG + thumbnail) in batches. Shows the
 * frames captured and the frames per second actually stored during the hold.
 */
export function WebcamCapture({ dataset, locked }: { dataset: DatasetSummary; locked: boolean }) {
  const { t } = useTranslation();
  const actions = useEngineActions();
  const camera = useCamera();
  const [classIndex, setClassIndex] = useState(0);
  const [stats, setStats] = useState<Stats | null>(null);
  const loop = useRef({ running: false, frames: 0, startedMs: 0, stoppedMs: 0, inFlight: 0, hold: '' });
  const ids = { camera: useId(), target: useId() };
  const target = Math.min(classIndex, Math.max(0, dataset.classNames.length - 1));
  const canRecord = camera.status === 'on' && dataset.classNames.length > 0 && !locked;

  const capture = async () => {
    const l = loop.current;
    const video = camera.video.current as VideoWithFrames | null;
    while (l.running && video) {
      await nextFrame(video);
      if (!l.running || l.inFlight >= MAX_IN_FLIGHT || video.readyState < 2 || video.videoWidth === 0) continue;
      const scale = Math.min(1, FRAME_MAX_SIDE / Math.max(video.videoWidth, video.videoHeight));
      l.inFlight += 1;
      const stamp = new Date().toISOString().slice(11, 23);
      createImageBitmap(video, {
        resizeWidth: Math.round(video.videoWidth * scale),
        resizeHeight: Math.round(video.videoHeight * scale),
        resizeQuality: 'medium',
      })
        .then((frame) => actions.captureFrame(dataset.id, target, frame, webcamSource(l.hold, stamp)))
        .then(() => {
          l.frames += 1;
        })
        .catch(() => undefined)
        .finally(() => {
          l.inFlight -= 1;
        });
    }
  };

  const { holding, handlers } = useHoldToRecord(
    () => {
      // The hold's start names its burst: the split keeps a burst's frames on one side (core/data/webcamBurst.ts).
      const hold = new Date().toISOString().slice(11, 23);
      loop.current = { running: true, frames: 0, startedMs: performance.now(), stoppedMs: 0, inFlight: 0, hold };
      setStats({ frames: 0, seconds: 0 });
      void capture();
    },
    () => {
      const l = loop.current;
      l.running = false;
      l.stoppedMs = performance.now();
      // Frames still in flight count too (they are stored); frames/s is over the time the button was held.
      const settle = async () => {
        while (l.inFlight > 0) await new Promise((r) => setTimeout(r, 20));
        await actions.flushCapture();
        setStats({ frames: l.frames, seconds: (l.stoppedMs - l.startedMs) / 1000 });
      };
      void settle();
    },
    !canRecord,
  );

  useEffect(() => {
    if (!holding) return;
    const timer = setInterval(() => {
      const l = loop.current;
      setStats({ frames: l.frames, seconds: (performance.now() - l.startedMs) / 1000 });
    }, 250);
    return () => clearInterval(timer);
  }, [holding]);

  const fps = stats && stats.seconds > 0 ? stats.frames / stats.seconds : 0;
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
      </div>
      {camera.error ? (
        <p className="ds-form-error" role="alert">
          {t(`dataset.webcam.error.${camera.error}`)}
        </p>
      ) : null}
      <div className="webcam-body" hidden={camera.status === 'off' || camera.status === 'error'}>
        <video ref={camera.video} className="webcam-video" muted playsInline aria-label={t('dataset.webcam.preview')} />
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
