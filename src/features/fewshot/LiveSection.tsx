import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { FewShotMethodId } from '../../core/fewshot/classifiers';
import { ConfidenceBars, useLivePredictions, type Prediction } from '../predict';
import type { FewShotActions } from './actions';
import { scaledFrame } from './grabFrame';
import { profileAttributes, type createLiveProfile } from './liveProfile';

/**
 * The live part of the instant classifier: predictions on every new camera frame (two in flight), the rate, the
 * latency and the confidence bars. Its own component so that a prediction (10+ a second) re-renders these few
 * elements only, not the panel with its video, capture buttons and held-out chart.
 */
export function LiveSection({
  actions,
  video,
  method,
  side,
  classNames,
  firstPredictionMs,
  profile,
  onPrediction,
}: {
  actions: Pick<FewShotActions, 'predictFewShot'>;
  video: RefObject<HTMLVideoElement | null>;
  method: FewShotMethodId;
  /** The session's input side (frames are scaled to it). */
  side: number;
  classNames: string[];
  firstPredictionMs: number | null;
  profile: ReturnType<typeof createLiveProfile>;
  /** Called after each prediction is shown (the session times the first one). */
  onPrediction(): void;
}) {
  const { t } = useTranslation();
  const answeredAt = useRef(0);
  const predictFrame = useCallback(
    async (frame: ImageBitmap): Promise<Prediction> => {
      const posted = performance.now();
      const p = await actions.predictFewShot(frame, method);
      answeredAt.current = performance.now();
      profile.add('roundTripMs', answeredAt.current - posted);
      profile.add('pixelsMs', p.stages.pixelsMs);
      profile.add('forwardMs', p.stages.forwardMs);
      profile.add('headMs', p.stages.headMs);
      return { modelId: `fewshot:${p.method}`, probabilities: p.probabilities, ms: p.ms };
    },
    [actions, method, profile],
  );
  const grab = useCallback(
    async (v: HTMLVideoElement) => {
      const started = performance.now();
      const frame = await scaledFrame(v, side);
      profile.add('grabMs', performance.now() - started);
      return frame;
    },
    [side, profile],
  );
  // Two frames in flight: the engine embeds one while the page grabs and posts the next (issue 15's ≥ 10/s).
  const live = useLivePredictions(video, true, predictFrame, 2, grab);
  useEffect(() => {
    if (!live.prediction) return;
    if (answeredAt.current > 0) profile.add('renderMs', performance.now() - answeredAt.current);
    onPrediction();
  }, [live.prediction, profile, onPrediction]);

  return (
    <>
      <p
        className="rate"
        data-testid="fewshot.rate"
        data-rate={live.rate.toFixed(2)}
        data-median-ms={live.medianMs.toFixed(1)}
        data-first-ms={firstPredictionMs?.toFixed(0) ?? ''}
        {...profileAttributes(profile.medians())}
      >
        {t('fewshot.live.rate', { rate: live.rate.toFixed(1) })}
        {live.prediction ? (
          <span className="muted"> · {t('fewshot.live.latency', { ms: Math.round(live.medianMs) })}</span>
        ) : null}
        {firstPredictionMs !== null ? (
          <>
            <br />
            <span className="muted">{t('fewshot.live.first', { ms: Math.round(firstPredictionMs) })}</span>
          </>
        ) : null}
      </p>
      {live.prediction ? (
        <ConfidenceBars
          labels={classNames}
          probabilities={classNames.map((_, i) => live.prediction?.probabilities[i] ?? 0)}
          title={t('fewshot.live.title')}
          testId="fewshot.live"
        />
      ) : null}
      {live.error ? (
        <p className="warning" role="alert">
          {t('fewshot.live.error', { message: live.error })}
        </p>
      ) : null}
    </>
  );
}
