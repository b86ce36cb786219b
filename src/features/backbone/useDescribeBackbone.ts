/**
 * The Backbone panel's side effect: describe the loaded backbone (blocks, costs, ms/image) whenever it or the
 * image size changes. (Restoring the saved setup and loading its backbone at start-up is src/app/startup.ts.)
 */
import { useEffect } from 'react';
import { useStudioStore } from '../../store';
import { selectEffectiveImageSize } from '../../store/imageSize';
import type { BackboneActions } from './actions';

/** Describes the loaded backbone at the effective image size when either changes (not while an experiment runs). */
export function useDescribeBackbone(actions: BackboneActions): void {
  const loaded = useStudioStore((s) => s.backbone.loaded);
  const size = useStudioStore(selectEffectiveImageSize);
  const running = useStudioStore((s) => s.run?.status === 'running');
  const current = useStudioStore((s) => {
    const d = s.backbone.description;
    return d !== null && d.id === s.backbone.id && d.imageSize === size && d.msPerImage !== null;
  });
  const loadedKey = loaded ? `${loaded.id}|${loaded.origin}|${loaded.location}` : null;
  useEffect(() => {
    if (!loadedKey || running || current) return;
    // Typing "128" passes through 1 and 12: wait until the size settles.
    const timer = setTimeout(() => actions.describeBackbone(size), 250);
    return () => clearTimeout(timer);
  }, [actions, loadedKey, size, running, current]);
}
