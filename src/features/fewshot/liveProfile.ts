/**
 * Where a live prediction's time goes, frame by frame (issue 15's ≥ 10 predictions/s): grab (the page's
 * createImageBitmap, scaled down), pixels / forward / head (the engine's own stages), round trip (post → answer on
 * the page, including any wait behind the other frame in flight) and render (answer → the panel's commit).
 * Medians over the last WINDOW frames; shown as data attributes for the bench, never asserted in tests.
 */
import type { FewShotStages } from '../../worker/protocol/fewshot';
import { median } from '../predict';

export interface LiveProfile extends FewShotStages {
  grabMs: number;
  roundTripMs: number;
  renderMs: number;
}

export type LiveStage = keyof LiveProfile;

const WINDOW = 30;
export const LIVE_STAGES: readonly LiveStage[] = [
  'grabMs',
  'pixelsMs',
  'forwardMs',
  'headMs',
  'roundTripMs',
  'renderMs',
];

/** A rolling window of stage times: `add` one frame's measured stages, `medians` of each over the window. */
export function createLiveProfile() {
  const samples = new Map<LiveStage, number[]>(LIVE_STAGES.map((stage) => [stage, []]));
  return {
    add(stage: LiveStage, ms: number) {
      const list = samples.get(stage)!;
      list.push(ms);
      if (list.length > WINDOW) list.shift();
    },
    medians(): LiveProfile {
      const of = (stage: LiveStage) => median(samples.get(stage)!);
      return {
        grabMs: of('grabMs'),
        pixelsMs: of('pixelsMs'),
        forwardMs: of('forwardMs'),
        headMs: of('headMs'),
        roundTripMs: of('roundTripMs'),
        renderMs: of('renderMs'),
      };
    },
  };
}

/** Data attributes for the bench: data-grab-ms="1.2", data-round-trip-ms … (one decimal). */
export function profileAttributes(profile: LiveProfile): Record<string, string> {
  return Object.fromEntries(
    LIVE_STAGES.map((stage) => [
      `data-${stage.replace(/Ms$/, '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}-ms`,
      profile[stage].toFixed(1),
    ]),
  );
}
