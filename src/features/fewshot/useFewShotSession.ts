/**
 * The instant classifier's session on the page: the classes (names, capture counts, latest thumbnail), the
 * backbone session in the engine, the held-out curves after each capture, and when live predictions became
 * possible (the capture that gave a second class its first example), so the panel can show how soon the first
 * prediction followed. The engine holds the embeddings; this hook holds plain data and a copy of each captured
 * frame (ImageBitmaps, closed when their class is forgotten, a new session starts or the panel goes), so the
 * captures can be saved as a workspace dataset for the normal Run flow.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { webcamSource } from '../../core/data/webcamBurst';
import type { FewShotCurve } from '../../worker/protocol/fewshot';
import type { FewShotActions, FewShotSessionInfo, KeptCapture } from './actions';
import { keptFrame, scaledFrame } from './grabFrame';

export interface FewShotClass {
  /** Empty = the default name ("Class n"), shown translated. */
  name: string;
  count: number;
  /** data: URL of the latest capture, small; null before one. */
  thumbnail: string | null;
}

export type SessionStatus = 'idle' | 'loading' | 'ready' | 'error';

/** Saving the captures as a dataset: where it stands, and the dataset's id once saved. */
export type SaveState =
  | { status: 'idle' }
  | { status: 'saving' }
  | { status: 'saved'; datasetId: string; name: string; images: number; classes: number }
  | { status: 'error'; message: string };

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

/** Closes the kept captures `keep` rejects and drops them from the list. */
function dropKept(kept: { current: KeptCapture[] }, keep: (c: KeptCapture) => boolean): void {
  for (const c of kept.current) if (!keep(c)) c.frame.close();
  kept.current = kept.current.filter(keep);
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
  /** A copy of every capture the engine accepted, in capture order (classIndex = the button's index). */
  const kept = useRef<KeptCapture[]>([]);
  /** Counts sessions, so a capture answered after a new session started is not kept. */
  const generation = useRef(0);
  const [save, setSave] = useState<SaveState>({ status: 'idle' });
  useEffect(() => () => dropKept(kept, () => false), []);

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
    generation.current += 1;
    dropKept(kept, () => false);
    setSave({ status: 'idle' });
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
      const stamp = new Date().toISOString().slice(11, 23);
      const started = generation.current;
      let copy: ImageBitmap | null = null;
      try {
        copy = await keptFrame(video);
        const update = await actions.captureFewShot(await scaledFrame(copy, info?.imageSize ?? 224), classIndex);
        if (generation.current !== started) return;
        kept.current.push({ classIndex, frame: copy, source: webcamSource(stamp, stamp) });
        copy = null;
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
      } finally {
        copy?.close();
      }
    },
    [actions, classes, info],
  );

  const forget = useCallback(
    async (classIndex: number) => {
      try {
        const update = await actions.forgetFewShotClass(classIndex);
        dropKept(kept, (c) => c.classIndex !== classIndex);
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

  /**
   * Saves every kept capture as a new workspace dataset `name`: one class per class with captures, named
   * `names[i]` (the buttons' names, defaults filled in), in button order. The frames sent are copies, so the
   * captures stay for saving again after more presses.
   */
  const saveAsDataset = useCallback(
    async (name: string, names: readonly string[]) => {
      const used = [...new Set(kept.current.map((c) => c.classIndex))].sort((a, b) => a - b);
      if (used.length === 0) return;
      const indexOf = new Map(used.map((classIndex, i) => [classIndex, i]));
      setSave({ status: 'saving' });
      const frames: KeptCapture[] = [];
      try {
        for (const c of kept.current)
          frames.push({ ...c, classIndex: indexOf.get(c.classIndex)!, frame: await createImageBitmap(c.frame) });
        const datasetId = await actions.saveFewShotCaptures(
          name,
          used.map((i) => names[i] ?? String(i + 1)),
          frames,
        );
        setSave({ status: 'saved', datasetId, name, images: frames.length, classes: used.length });
      } catch (e) {
        for (const f of frames) f.frame.close();
        setSave({ status: 'error', message: messageOf(e) });
      }
    },
    [actions],
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
    save,
    saveAsDataset,
  };
}
