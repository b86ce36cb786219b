/**
 * "Start with your webcam" from the first screen: a request the instant classifier answers by choosing the built-in
 * MobileNet, starting its camera and coming into view. A tiny listener list (no store: nothing here is state that
 * outlives the click); the panel subscribes while mounted.
 */
type Listener = () => void;
const listeners = new Set<Listener>();

/** Asks the instant classifier to start (a no-op when it is not mounted). */
export function requestWebcamStart(): void {
  for (const listener of listeners) listener();
}

/** Subscribes `listener` to start requests; returns the unsubscribe. */
export function onWebcamStartRequest(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
