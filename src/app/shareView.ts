/**
 * The share link the page was opened with (src/features/classroom/shareLink.ts): decoded once at start-up, applied
 * to the store by startup.ts, and kept here for the view — which steps and controls it hides, whether it asks for
 * the present view, the problems to tell the user, and whether its dataset was the sender's own.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { decodeShareLink, isShareLink, type DecodedShareLink, type HideName } from '../features/classroom/shareLink';

export interface ShareView {
  hide: HideName[];
  present: boolean;
  problems: DecodedShareLink['problems'];
  /** The link's experiment ran on the sender's own images: ask for the data. */
  ownDataset: boolean;
  dismissed: boolean;
}

let view: ShareView = { hide: [], present: false, problems: [], ownDataset: false, dismissed: false };
const listeners = new Set<() => void>();
const set = (next: Partial<ShareView>) => {
  view = { ...view, ...next };
  for (const listener of listeners) listener();
};

/** Decodes `search` (default: this page's query) when it is a share link; remembers its view parts. */
export function readShareLink(
  search = typeof location === 'undefined' ? '' : location.search,
): DecodedShareLink | null {
  if (!isShareLink(search)) return null;
  const decoded = decodeShareLink(search);
  set({
    hide: decoded.state.hide ?? [],
    present: decoded.state.present ?? false,
    problems: decoded.problems,
    ownDataset: decoded.state.dataset === 'own',
  });
  return decoded;
}

export function useShareView(): ShareView & { dismiss(): void; setPresent(present: boolean): void } {
  const current = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => view,
  );
  return { ...current, dismiss: () => set({ dismissed: true }), setPresent: (present) => set({ present }) };
}

/** Where each hideable name lives in the page: the element to hide, found from a selector. */
const TARGETS: Record<HideName, (root: ParentNode) => Element[]> = {
  setup: (r) => step(r, 'setup'),
  dataset: (r) => step(r, 'dataset'),
  backbone: (r) => step(r, 'backbone'),
  strategy: (r) => step(r, 'strategy'),
  curves: (r) => step(r, 'curves'),
  predict: (r) => step(r, 'predict'),
  strategies: (r) => all(r, '.strategy-choices'),
  depth: (r) => all(r, '#freeze-depth').map((e) => e.parentElement ?? e),
  seeds: (r) => field(r, 'seeds'),
  epochs: (r) => field(r, 'epochs'),
  batchSize: (r) => field(r, 'batchSize'),
  learningRate: (r) => field(r, 'learningRate'),
  imageSize: (r) => field(r, 'imageSize'),
  validationFraction: (r) => field(r, 'validationFraction'),
  augment: (r) => all(r, '[data-testid="strategy.augment"]').map((e) => e.closest('label') ?? e),
  language: (r) => all(r, '.language-switch'),
};
const all = (root: ParentNode, selector: string) => [...root.querySelectorAll(selector)];
const step = (root: ParentNode, id: string) => [...all(root, `section#${id}`), ...all(root, `nav a[href="#${id}"]`)];
const field = (root: ParentNode, id: string) => all(root, `#${id}`).map((e) => e.closest('.field') ?? e);

/**
 * Keeps the named steps and controls hidden (the `hidden` attribute, so they leave the page and the accessibility
 * tree) while React re-renders: re-applied on every DOM change under `document.body`. The present view is a class on
 * <body> (src/features/classroom/classroom.css).
 */
export function useShareViewInDom(hide: readonly HideName[], present: boolean): void {
  useEffect(() => {
    document.body.classList.toggle('present-view', present);
    if (hide.length === 0) return;
    const apply = () => {
      for (const name of hide)
        for (const element of TARGETS[name](document.body))
          if (!(element as HTMLElement).hidden) (element as HTMLElement).hidden = true;
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(document.body, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [hide, present]);
}
