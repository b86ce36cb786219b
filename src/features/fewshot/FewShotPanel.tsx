import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FEWSHOT_METHOD_IDS, type FewShotMethodId } from '../../core/fewshot/classifiers';
import { Panel } from '../../ui/Panel';
import { useCamera } from '../../ui/useCamera';
import { backboneName } from '../backbone';
import { useEngineActions } from '../engineActions';
import { MirrorSetting, useMirrorClass } from '../MirrorSetting';
import { CameraErrorAlert } from '../predict';
import { CompareWithRun } from './CompareWithRun';
import { FewShotClasses } from './FewShotClasses';
import { createLiveProfile } from './liveProfile';
import { HeldOutChart } from './HeldOutChart';
import { LiveSection } from './LiveSection';
import { SaveCaptures } from './SaveCaptures';
import { useFewShotSession } from './useFewShotSession';
import { onWebcamStartRequest } from './webcamStart';
import './fewshot.css';

/** Backbones offered here: the ones the studio can load without a user's files, MobileNet first (photos). */
const BACKBONES = ['mobilenet_v1_0.25', 'mobilenet_v1_0.75', 'digits-vgg'] as const;

/**
 * Webcam few-shot classification with no training run (issue 15): captures are embedded once by a frozen
 * backbone and the camera is classified live by prototypes, kNN or a ridge head from the second class's first
 * capture on, with the frame-to-prediction latency, the predictions per second and the accuracy on held-out
 * captures as shots grow.
 */
export function FewShotPanel() {
  const { t } = useTranslation();
  const actions = useEngineActions();
  const camera = useCamera();
  const mirrored = useMirrorClass();
  const [backbone, setBackbone] = useState<string>(BACKBONES[0]);
  const [method, setMethod] = useState<FewShotMethodId>('prototype-cosine');
  const ids = { backbone: useId(), method: useId() };
  const cameraOn = camera.status === 'on';
  const session = useFewShotSession(actions, backbone, cameraOn);
  const classNames = session.classes.map((c, i) => c.name.trim() || t('fewshot.classes.defaultName', { n: i + 1 }));

  // Where each live frame's time goes (liveProfile.ts), for the panel's data attributes and the bench.
  const [profile] = useState(createLiveProfile);
  const liveOn = cameraOn && session.status === 'ready' && session.capturedClasses >= 2;
  // "Start with your webcam" on the first screen: the built-in MobileNet, the camera on, this panel in view.
  const startCamera = camera.start;
  useEffect(
    () =>
      onWebcamStartRequest(() => {
        setBackbone(BACKBONES[0]);
        void startCamera();
        document.getElementById('fewshot')?.scrollIntoView({ block: 'start' });
      }),
    [startCamera],
  );
  return (
    <Panel id="fewshot" title={t('fewshot.heading')}>
      <p className="intro">{t('fewshot.intro')}</p>
      <div className="inline-fields">
        <label htmlFor={ids.backbone}>{t('fewshot.backbone')}</label>
        <select
          id={ids.backbone}
          value={backbone}
          onChange={(e) => setBackbone(e.target.value)}
          data-testid="fewshot.backbone"
        >
          {BACKBONES.map((id) => (
            <option key={id} value={id}>
              {backboneName(t, id)}
            </option>
          ))}
        </select>
        <label htmlFor={ids.method}>{t('fewshot.method')}</label>
        <select
          id={ids.method}
          value={method}
          onChange={(e) => setMethod(e.target.value as FewShotMethodId)}
          data-testid="fewshot.method"
        >
          {FEWSHOT_METHOD_IDS.map((id) => (
            <option key={id} value={id}>
              {t(`fewshot.methods.${id}`)}
            </option>
          ))}
        </select>
        {cameraOn || camera.status === 'starting' ? (
          <button type="button" className="button" onClick={camera.stop} data-testid="fewshot.camera.stop">
            {t('fewshot.camera.stop')}
          </button>
        ) : (
          <button
            type="button"
            className="button button-primary"
            onClick={() => void camera.start()}
            data-testid="fewshot.camera.start"
          >
            {t('fewshot.camera.start')}
          </button>
        )}
        <MirrorSetting testId="fewshot.camera.mirror" />
      </div>
      <CameraErrorAlert error={camera.error} />
      <SessionStatus session={session} backbone={backbone} />
      <div className="fewshot-layout">
        <div className="fewshot-camera">
          <video
            ref={camera.video}
            className={`camera-video ${mirrored}`.trim()}
            muted
            playsInline
            aria-label={t('fewshot.camera.preview')}
            hidden={!cameraOn}
            data-testid="fewshot.video"
          />
          <FewShotClasses
            classes={session.classes}
            names={classNames}
            canCapture={cameraOn && session.status === 'ready'}
            onCapture={(i) => void session.capture(i, camera.video.current)}
            onForget={(i) => void session.forget(i)}
            onRename={session.rename}
            onAdd={session.addClass}
          />
          {session.captureError ? (
            <p className="warning" role="alert">
              {t('fewshot.classes.captureFailed', { message: session.captureError })}
            </p>
          ) : null}
          <SaveCaptures
            captures={session.classes.reduce((sum, c) => sum + c.count, 0)}
            save={session.save}
            onSave={() =>
              void session.saveAsDataset(
                t('fewshot.save.name', { time: new Date().toTimeString().slice(0, 5) }),
                classNames,
              )
            }
          />
        </div>
        <div className="fewshot-results">
          {liveOn ? (
            <LiveSection
              actions={actions}
              video={camera.video}
              method={method}
              side={session.info?.imageSize ?? 224}
              classNames={classNames}
              firstPredictionMs={session.firstPredictionMs}
              profile={profile}
              onPrediction={session.predictionArrived}
            />
          ) : cameraOn && session.status === 'ready' ? (
            <p className="muted" data-testid="fewshot.needTwo">
              {t('fewshot.classes.needTwo')}
            </p>
          ) : null}
          <CompareWithRun
            actions={actions}
            datasetId={session.save.status === 'saved' ? session.save.datasetId : null}
          />
          <h3>{t('fewshot.heldOut.heading')}</h3>
          <p className="muted">{t('fewshot.heldOut.explain')}</p>
          <HeldOutChart curves={session.curves} chosen={method} classes={session.capturedClasses} />
        </div>
      </div>
    </Panel>
  );
}

function SessionStatus({ session, backbone }: { session: ReturnType<typeof useFewShotSession>; backbone: string }) {
  const { t } = useTranslation();
  if (session.status === 'loading')
    return (
      <p className="muted" role="status" data-testid="fewshot.status" data-status="loading">
        {t('fewshot.camera.loading', { backbone: backboneName(t, backbone) })}
      </p>
    );
  if (session.status === 'error')
    return (
      <p className="warning" role="alert" data-testid="fewshot.status" data-status="error">
        {t('fewshot.camera.failed', { message: session.error })}
      </p>
    );
  if (session.status === 'ready' && session.info)
    return (
      <p
        className="muted"
        role="status"
        data-testid="fewshot.status"
        data-status="ready"
        data-size={session.info.imageSize}
      >
        {t('fewshot.camera.ready', {
          backbone: backboneName(t, session.info.backbone),
          seconds: session.info.seconds.toFixed(1),
          size: session.info.imageSize,
          dimensions: session.info.dimensions,
        })}
      </p>
    );
  return null;
}
