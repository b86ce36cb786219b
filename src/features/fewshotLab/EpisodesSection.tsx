import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPoints, formatPointsRange, formatSeconds } from '../../ui/format';
import { backboneName } from '../backbone';
import type { EpisodesOutcome, LabActions, LabProgress } from './actions';
import { EpisodesChart } from './EpisodesChart';
import { LabProgressBar } from './LabProgressBar';

/** Backbones offered: the two the studio ships (no download), ImageNet features first. */
const BACKBONES = ['mobilenet_v1_0.25', 'digits-vgg'] as const;
const EPISODE_COUNTS = [600, 100] as const;
const WAYS = 5;
const SHOTS = [1, 5, 10];

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * N-way K-shot episodes on the built-in digits (issue 15), computed in the engine (core episodes.ts): accuracy with
 * 95 % intervals for prototypes, kNN and the ridge head as K grows, and the paired gain from one K to the next.
 */
export function EpisodesSection({ actions }: { actions: LabActions }) {
  const { t } = useTranslation();
  const ids = { backbone: useId(), count: useId() };
  const [backbone, setBackbone] = useState<string>(BACKBONES[0]);
  const [episodes, setEpisodes] = useState<number>(EPISODE_COUNTS[0]);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<LabProgress | null>(null);
  const [outcome, setOutcome] = useState<EpisodesOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      setOutcome(await actions.runEpisodes({ backbone, ways: WAYS, shots: SHOTS, episodes }, setProgress));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setRunning(false);
      setProgress(null);
    }
  };

  return (
    <section className="lab-section" aria-labelledby="episodes-heading" data-testid="episodes">
      <h3 id="episodes-heading">{t('fewshotLab.episodes.heading')}</h3>
      <p>{t('fewshotLab.episodes.explain', { ways: WAYS, episodes })}</p>
      <div className="inline-fields">
        <label htmlFor={ids.backbone}>{t('fewshotLab.episodes.backbone')}</label>
        <select
          id={ids.backbone}
          value={backbone}
          onChange={(e) => setBackbone(e.target.value)}
          disabled={running}
          data-testid="episodes.backbone"
        >
          {BACKBONES.map((id) => (
            <option key={id} value={id}>
              {backboneName(t, id)}
            </option>
          ))}
        </select>
        <label htmlFor={ids.count}>{t('fewshotLab.episodes.count')}</label>
        <select
          id={ids.count}
          value={episodes}
          onChange={(e) => setEpisodes(Number(e.target.value))}
          disabled={running}
          data-testid="episodes.count"
        >
          {EPISODE_COUNTS.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button button-primary"
          onClick={() => void run()}
          disabled={running}
          data-testid="episodes.run"
        >
          {t(running ? 'fewshotLab.episodes.running' : 'fewshotLab.episodes.run')}
        </button>
      </div>
      <LabProgressBar progress={progress} testId="episodes.progress" />
      {error ? (
        <p className="warning" role="alert">
          {t('fewshotLab.episodes.failed', { message: error })}
        </p>
      ) : null}
      {outcome ? (
        <>
          <p className="muted" data-testid="episodes.summary">
            {t('fewshotLab.episodes.summary', {
              ways: outcome.results[0]?.ways ?? WAYS,
              episodes: outcome.results[0]?.accuracy.n ?? 0,
              classes: outcome.classes,
              images: outcome.imagesPerClass,
              backbone: backboneName(t, outcome.backbone),
              cut: outcome.cut,
              seed: outcome.seed,
              seconds: formatSeconds(outcome.seconds),
            })}
          </p>
          <EpisodesChart results={outcome.results} />
          <ul className="lab-gains" data-testid="episodes.gains">
            {outcome.shotGains.map((g) => (
              <li key={`${g.method}-${g.toShots}`} data-direction={g.direction}>
                {t(
                  `fewshotLab.episodes.gain.${g.direction === 'above' ? 'up' : g.direction === 'below' ? 'down' : 'none'}`,
                  {
                    method: t(`fewshot.methods.${g.method}`),
                    from: g.fromShots,
                    to: g.toShots,
                    points: formatPoints(g.gain.mean),
                    range: g.gain.ci95 ? formatPointsRange(g.gain.ci95) : '',
                  },
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
