/**
 * Live predictions from a playing <video>: grab a frame (ImageBitmap, transferred to the worker), send it, and take
 * the next new frame once fewer than `inFlight` frames await their prediction (default 1: wait for each answer).
 * With 2 in flight the engine works on one frame while the next is grabbed and posted, so the rate approaches the
 * engine's own speed instead of engine + round trip + wait for a new frame (never more than the camera's frame
 * rate); answers are applied in the order they arrive. Pauses while the page is hidden. Reports the latest
 * prediction, predictions per second over the last two seconds (or the last two predictions, when slower), and the
 * worker's milliseconds per prediction.
 */
import { useEffect, useState, type RefObject } from 'react';
import type { Prediction } from './actions';

export interface LiveState {
  prediction: Prediction | null;
  /** Median worker milliseconds per prediction over the same window (one slow frame does not jump it). */
  medianMs: number;
  /** Predictions per second over the last RATE_WINDOW_MS (or the last two, when slower); 0 until two have arrived. */
  rate: number;
  error: string | null;
}

const RATE_WINDOW_MS = 2_000;
type VideoWithFrames = HTMLVideoElement & { requestVideoFrameCallback?(callback: () => void): number };

/** The next new video frame (requestVideoFrameCallback where there is one, else the next animation frame). */
function nextFrame(video: VideoWithFrames): Promise<void> {
  return new Promise((resolve) => {
    if (video.requestVideoFrameCallback) video.requestVideoFrameCallback(() => resolve());
    else requestAnimationFrame(() => resolve());
  });
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Shortest span of arrivals a rate is computed from: two answers released together are not 2,000/s. */
const MIN_RATE_SPAN_MS = 200;

/** Predictions per second from arrival times (ms), over the window ending at the last one; 0 below 200 ms. */
export function ratePerSecond(times: readonly number[]): number {
  if (times.length < 2) return 0;
  const span = times[times.length - 1] - times[0];
  return span >= MIN_RATE_SPAN_MS ? ((times.length - 1) * 1000) / span : 0;
}

/**
 * Drops arrivals (and their costs) older than RATE_WINDOW_MS before `now`, but always keeps the last two: on a slow
 * machine (under one prediction in two seconds) the rate is then the last gap's, not 0 beside a fresh prediction.
 */
export function dropOld(times: number[], costs: number[], now: number): void {
  while (times.length > 2 && now - times[0] > RATE_WINDOW_MS) {
    times.shift();
    costs.shift();
  }
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The whole current frame (the default grab). */
const grabWhole = (video: HTMLVideoElement) => createImageBitmap(video);

/** `grab` takes the frame to send (default: the whole frame; the instant classifier scales it down first). */
export function useLivePredictions(
  video: RefObject<HTMLVideoElement | null>,
  on: boolean,
  predictFrame: (frame: ImageBitmap) => Promise<Prediction>,
  inFlight = 1,
  grab: (video: HTMLVideoElement) => Promise<ImageBitmap> = grabWhole,
): LiveState {
  const [state, setState] = useState<LiveState>({ prediction: null, medianMs: 0, rate: 0, error: null });
  useEffect(() => {
    if (!on) return;
    let stopped = false;
    const times: number[] = [];
    const costs: number[] = [];
    const pending = new Set<Promise<void>>();
    let failed = false;
    const settle = (prediction: Prediction) => {
      if (stopped) return;
      const now = performance.now();
      times.push(now);
      costs.push(prediction.ms);
      dropOld(times, costs, now);
      setState({ prediction, medianMs: median(costs), rate: ratePerSecond(times), error: null });
    };
    const fail = (error: unknown) => {
      if (stopped) return;
      failed = true;
      setState((s) => ({ ...s, error: error instanceof Error ? error.message : String(error) }));
    };
    void (async () => {
      while (!stopped) {
        const v = video.current as VideoWithFrames | null;
        if (!v || v.readyState < 2 || v.videoWidth === 0 || document.hidden) {
          await sleep(150);
          continue;
        }
        if (failed) {
          await Promise.all(pending);
          await sleep(1_000);
          failed = false;
          continue;
        }
        await nextFrame(v);
        if (stopped) break;
        try {
          const job: Promise<void> = predictFrame(await grab(v))
            .then(settle, fail)
            .finally(() => pending.delete(job));
          pending.add(job);
        } catch (error) {
          fail(error);
          continue;
        }
        while (pending.size >= Math.max(1, inFlight) && !stopped) await Promise.race(pending);
      }
    })();
    return () => {
      stopped = true;
      setState((s) => ({ ...s, rate: 0 }));
    };
  }, [video, on, predictFrame, inFlight, grab]);
  return state;
}
