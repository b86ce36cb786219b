/**
 * A camera stream into a <video>, shared by the dataset's webcam capture and Predict's live camera: start/stop,
 * the list of cameras (labels appear once permission is given) and the choice of one — a device, or a facing mode
 * ('environment' = the rear camera of a phone or tablet, 'user' = the front one). Tracks stop on stop, on a new
 * choice and on unmount, so the camera light goes off.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

/** 'default', 'user' (front), 'environment' (rear) or 'device:<deviceId>'. */
export type CameraChoice = string;
export type CameraError = 'denied' | 'notFound' | 'unsupported' | 'failed';

export interface CameraDevice {
  deviceId: string;
  label: string;
}

function constraintsFor(choice: CameraChoice): MediaTrackConstraints {
  const size = { width: { ideal: 640 }, height: { ideal: 480 } };
  if (choice === 'user' || choice === 'environment') return { ...size, facingMode: { ideal: choice } };
  if (choice.startsWith('device:')) return { ...size, deviceId: { exact: choice.slice('device:'.length) } };
  return size;
}

export function useCamera() {
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const [choice, setChoice] = useState<CameraChoice>('default');
  const [devices, setDevices] = useState<CameraDevice[]>([]);
  const [status, setStatus] = useState<'off' | 'starting' | 'on' | 'error'>('off');
  const [error, setError] = useState<CameraError | null>(null);

  const release = useCallback(() => {
    stream.current?.getTracks().forEach((track) => track.stop());
    stream.current = null;
    if (video.current) video.current.srcObject = null;
  }, []);

  const listDevices = useCallback(async () => {
    if (!navigator.mediaDevices?.enumerateDevices) return;
    const all = await navigator.mediaDevices.enumerateDevices();
    setDevices(
      all.filter((d) => d.kind === 'videoinput' && d.deviceId).map((d) => ({ deviceId: d.deviceId, label: d.label })),
    );
  }, []);

  /** Starts (or restarts) the stream with a camera; the current choice when none is given. */
  const start = useCallback(
    async (next: CameraChoice = choice) => {
      release();
      setChoice(next);
      if (!navigator.mediaDevices?.getUserMedia) {
        setStatus('error');
        setError('unsupported');
        return;
      }
      setStatus('starting');
      setError(null);
      try {
        const media = await navigator.mediaDevices.getUserMedia({ video: constraintsFor(next), audio: false });
        stream.current = media;
        if (video.current) {
          video.current.srcObject = media;
          await video.current.play().catch(() => undefined);
        }
        setStatus('on');
        await listDevices();
      } catch (e) {
        setStatus('error');
        const name = e instanceof Error ? e.name : '';
        setError(
          name === 'NotAllowedError'
            ? 'denied'
            : name === 'NotFoundError' || name === 'OverconstrainedError'
              ? 'notFound'
              : 'failed',
        );
      }
    },
    [choice, listDevices, release],
  );

  /** Picks a camera; restarts the stream with it when one is running. */
  const choose = useCallback(
    (next: CameraChoice) => {
      setChoice(next);
      if (stream.current) void start(next);
    },
    [start],
  );

  const stop = useCallback(() => {
    release();
    setStatus('off');
  }, [release]);

  useEffect(() => release, [release]);

  return { video, status, error, choice, devices, start, choose, stop };
}
