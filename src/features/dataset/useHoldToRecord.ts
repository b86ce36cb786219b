/**
 * "Hold to record" for a button, by pointer (mouse, pen, touch: pressed until released, cancelled or the
 * pointer capture is lost) and by keyboard (Space or Enter held: key repeats are ignored, release stops).
 * Losing focus or the page going hidden also stops, so a recording can never stick on.
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';

const HOLD_KEYS = new Set([' ', 'Enter']);

export function useHoldToRecord(onStart: () => void, onStop: () => void, disabled: boolean) {
  const [holding, setHolding] = useState(false);
  const active = useRef(false);
  const callbacks = useRef({ onStart, onStop });
  callbacks.current = { onStart, onStop };

  const start = useCallback(() => {
    if (active.current) return;
    active.current = true;
    setHolding(true);
    callbacks.current.onStart();
  }, []);
  const stop = useCallback(() => {
    if (!active.current) return;
    active.current = false;
    setHolding(false);
    callbacks.current.onStop();
  }, []);

  useEffect(() => {
    if (disabled) stop();
  }, [disabled, stop]);
  useEffect(() => {
    const onHidden = () => document.hidden && stop();
    document.addEventListener('visibilitychange', onHidden);
    window.addEventListener('blur', stop);
    return () => {
      document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('blur', stop);
      stop();
    };
  }, [stop]);

  const handlers = {
    onPointerDown(event: PointerEvent<HTMLButtonElement>) {
      if (disabled || (event.pointerType === 'mouse' && event.button !== 0)) return;
      event.preventDefault();
      event.currentTarget.focus();
      event.currentTarget.setPointerCapture?.(event.pointerId);
      start();
    },
    onPointerUp: stop,
    onPointerCancel: stop,
    onLostPointerCapture: stop,
    onKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
      if (!HOLD_KEYS.has(event.key)) return;
      event.preventDefault();
      if (!event.repeat && !disabled) start();
    },
    onKeyUp(event: KeyboardEvent<HTMLButtonElement>) {
      if (!HOLD_KEYS.has(event.key)) return;
      event.preventDefault();
      stop();
    },
    onBlur: stop,
    onContextMenu(event: { preventDefault(): void }) {
      event.preventDefault();
    },
  };
  return { holding, handlers };
}
