/**
 * Recording webcam frames into a class while a button is held (useHoldToRecord): each frame is grabbed as an
 * ImageBitmap already shrunk to ≤ 512 px and TRANSFERRED to the worker, which stores it (JPEG + thumbnail) in
 * batches; at most MAX_IN_FLIGHT frames wait, so the worker sets the pace. Reports the frames stored and frames/s.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useEngineActions } from '../engineActions';
import { webcamSource } from '../../core/data/webcamBurst';
import { useHoldToRecord } from './useHoldToRecord';

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

export interface RecordStats {
  frames: number;
  seconds: number;
}

/** Hold-to-record frames of `video` into class `classIndex` of dataset `datasetId`; `disabled` stops and blocks. */
export function useWebcamRecorder(
  video: RefObject<HTMLVideoElement | null>,
  datasetId: string,
  classIndex: number,
  disabled: boolean,
) {
  const actions = useEngineActions();
  const [stats, setStats] = useState<RecordStats | null>(null);
  const loop = useRef({ running: false, frames: 0, startedMs: 0, stoppedMs: 0, inFlight: 0, hold: '' });

  const capture = async () => {
    const l = loop.current;
    const element = video.current as VideoWithFrames | null;
    while (l.running && element) {
      await nextFrame(element);
      if (!l.running || l.inFlight >= MAX_IN_FLIGHT || element.readyState < 2 || element.videoWidth === 0) continue;
      const scale = Math.min(1, FRAME_MAX_SIDE / Math.max(element.videoWidth, element.videoHeight));
      l.inFlight += 1;
      const stamp = new Date().toISOString().slice(11, 23);
      createImageBitmap(element, {
        resizeWidth: Math.round(element.videoWidth * scale),
        resizeHeight: Math.round(element.videoHeight * scale),
        resizeQuality: 'medium',
      })
        .then((frame) => actions.captureFrame(datasetId, classIndex, frame, webcamSource(l.hold, stamp)))
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
    disabled,
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
  return { holding, handlers, stats, fps };
}
