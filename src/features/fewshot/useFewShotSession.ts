/**
 * The instant classifier's session on the page: the classes (names, capture counts, latest thumbnail), the
 * backbone session in the engine, the held-out curves after each capture, and when live predictions became
 * possible (the capture that gave a second class its first example), so the panel can show how soon the first
 * prediction followed. The engine holds the embeddings; this hook holds only plain data.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FewShotCurve } from '../../worker/protocol/fewshot';
import type { FewShotActions, FewShotSessionInfo } from './actions';

export interface FewShotClass {
  /** Empty = the default name ("Class n"), shown translated. */
  name: string;
  count: number;
  /** data: URL of the latest capture, small; null before one. */
  thumbnail: string | null;
}

export type SessionStatus = 'idle' | 'loading' | 'ready' | 'error';

const THUMBNAIL_PX = 56;

function thumbnailOf(video: HTMLVideoElement): string | null {
  const canvas = document.createElement('canvas');
  canvas.width = THUMBNAIL_PX;
  canvas.height = THUMBNAIL_PX;
  const ctx = canvas.getContext('2d');
  if (!ctx || video.videoWidth === 0) return null;
  const side = Math.min(video.videoWidth, video.videoHeight);
  ctx.drawImage(
    video,
    (video.videoWidth - side) / 2,
    (video.videoHeight - side) / 2,
    side,
    side,
    0,
    0,
    THUMBNAIL_PX,
    THUMBNAIL_PX,
  );
  return canvas.toDataURL('image/jpeg', 0.7);
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function useFewShotSession(actions: FewShotActions, backbone: string, cameraOn: boolean) {
  const [status, setStatus] = useState<SessionStatus>('idle');
  const [info, setInfo] = useState<FewShotSessionInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [classes, setClasses] = useState<FewShotClass[]>([
    { name: '', count: 0, thumbnail: null },
    { name: '', count: 0, thumbnail: null },
  ]);
  const [curves, setCurves] = useState<FewShotCurve[]>([]);
  const [captureError, setCaptureError] = useState<string | null>(null);
  /** performance.now() of the press that made live predictions possible; cleared by the first prediction. */
  const armedAt = useRef<number | null>(null);
  const [firstPredictionMs, setFirstPredictionMs] = useState<number | null>(null);

  // A session per backbone, started with the camera (the model loads while the user aims); a new one forgets all.
  useEffect(() => {
    if (!cameraOn) return;
    let current = true;
    setStatus('loading');
    setError(null);
    setClasses((list) => list.map((c) => ({ ...c, count: 0, thumbnail: null })));
    setCurves([]);
    setFirstPredictionMs(null);
    armedAt.current = null;
    actions.startFewShot(backbone).then(
      (started) => {
        if (!current) return;
        setInfo(started);
        setStatus('ready');
      },
      (e: unknown) => {
        if (!current) return;
        setError(messageOf(e));
        setStatus('error');
      },
    );
    return () => {
      current = false;
    };
  }, [actions, backbone, cameraOn]);

  const capture = useCallback(
    async (classIndex: number, video: HTMLVideoElement | null) => {
      if (!video || video.readyState < 2 || video.videoWidth === 0) return;
      const pressedAt = performance.now();
      const classesBefore = classes.filter((c) => c.count > 0).length;
      const becomesSecond = classesBefore === 1 && classes[classIndex]?.count === 0;
      const thumbnail = thumbnailOf(video);
      try {
        const update = await actions.captureFewShot(await createImageBitmap(video), classIndex);
        setCaptureError(null);
        if (becomesSecond) armedAt.current = pressedAt;
        setClasses((list) =>
          list.map((c, i) => ({
            ...c,
            count: update.counts[i] ?? 0,
            thumbnail: i === classIndex ? thumbnail : c.thumbnail,
          })),
        );
        setCurves(update.curves);
      } catch (e) {
        setCaptureError(messageOf(e));
      }
    },
    [actions, classes],
  );

  const forget = useCallback(
    async (classIndex: number) => {
      try {
        const update = await actions.forgetFewShotClass(classIndex);
        setClasses((list) =>
          list.map((c, i) => ({
            ...c,
            count: update.counts[i] ?? 0,
            thumbnail: i === classIndex ? null : c.thumbnail,
          })),
        );
        setCurves(update.curves);
      } catch (e) {
        setCaptureError(messageOf(e));
      }
    },
    [actions],
  );

  const addClass = useCallback(() => setClasses((list) => [...list, { name: '', count: 0, thumbnail: null }]), []);
  const rename = useCallback(
    (classIndex: number, name: string) =>
      setClasses((list) => list.map((c, i) => (i === classIndex ? { ...c, name } : c))),
    [],
  );

  /** Call when a live prediction arrives: the first after the arming capture sets firstPredictionMs. */
  const predictionArrived = useCallback(() => {
    if (armedAt.current === null) return;
    setFirstPredictionMs(performance.now() - armedAt.current);
    armedAt.current = null;
  }, []);

  const capturedClasses = classes.filter((c) => c.count > 0).length;
  return {
    status,
    info,
    error,
    classes,
    curves,
    captureError,
    capturedClasses,
    firstPredictionMs,
    capture,
    forget,
    addClass,
    rename,
    predictionArrived,
  };
}
