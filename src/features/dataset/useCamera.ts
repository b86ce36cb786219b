/**
 * The webcam: start/stop a stream into a <video>, list the cameras (labels appear once permission is given),
 * and pick one: a device id, or a facing mode ('environment' = the rear camera of a phone or tablet).
 * Tracks are stopped on stop, on a new choice and on unmount, so the camera light goes off.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

/** 'default', 'user' (front), 'environment' (rear) or 'device:<deviceId>'. */
export type CameraChoice = string;

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
  const [error, setError] = useState<string | null>(null);

  const release = useCallback(() => {
    stream.current?.getTracks().forEach((track) => track.stop());
    stream.current = null;
    if (video.current) video.current.srcObject = null;
  }, []);

  const listDevices = useCallback(async () => {
    if (!navigator.mediaDevices?.enumerateDevices) return;
    const all = await navigator.mediaDevices.enumerateDevices();
    setDevices(all.filter((d) => d.kind === 'videoinput' && d.deviceId).map((d) => ({ deviceId: d.deviceId, label: d.label })));
  }, []);

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
        setError(name === 'NotAllowedError' ? 'denied' : name === 'NotFoundError' || name === 'OverconstrainedError' ? 'notFound' : 'failed');
      }
    },
    [choice, listDevices, release],
  );

  const stop = useCallback(() => {
    release();
    setStatus('off');
  }, [release]);

  useEffect(() => release, [release]);

  return { video, status, error, choice, devices, start, stop };
}
