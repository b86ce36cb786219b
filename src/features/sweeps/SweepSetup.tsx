import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sweepTrialCount } from '../../core/sweep/config';
import type { SweepPresetId } from '../../core/sweep/presets';
import { useStudioStore } from '../../store';
import { selectSweepConfig } from '../../store/sweepConfig';
import { sweepSecondsLeft } from '../../store/sweepSlice';
import { ProgressBar } from '../../ui/ProgressBar';
import { useEngineActions } from '../engineActions';
import { NumberField } from '../../ui/NumberField';

const PRESETS: SweepPresetId[] = ['depth', 'size', 'selffer', 'multitask', 'negative'];

/** Seconds as "42 s" or "3.5 min". */
export function useDuration(): (seconds: number) => string {
  const { t } = useTranslation();
  return (seconds) =>
    seconds < 90
      ? t('sweeps.seconds', { value: Math.max(1, Math.round(seconds)) })
      : t('sweeps.minutes', { value: (seconds / 60).toFixed(1) });
}

/**
 * The sweep to run: one of the built-in phenomena (a radio list, "How deep to freeze" first), its budget (seeds,
 * repeats, epochs), how many trainings that is, then Start / Cancel and the progress with the time left.
 */
export function SweepSetup() {
  const { t } = useTranslation();
  const actions = useEngineActions();
  const settings = useStudioStore((s) => s.sweeps.settings);
  const current = useStudioStore((s) => s.sweeps.current);
  const update = useStudioStore((s) => s.updateSweepSettings);
  const running = current?.status === 'running';
  const trainings = sweepTrialCount(selectSweepConfig(settings));
  const duration = useDuration();
  const now = useNow(running);
  const left = current && running ? sweepSecondsLeft(current, now) : null;

  return (
    <div className="sweep-setup">
      <fieldset className="sweep-presets" disabled={running}>
        <legend>{t('sweeps.presetLegend')}</legend>
        {PRESETS.map((id) => (
          <label key={id} className={settings.preset === id ? 'sweep-preset sweep-preset-selected' : 'sweep-preset'}>
            <input
              type="radio"
              name="sweep-preset"
              value={id}
              checked={settings.preset === id}
              onChange={() => update({ preset: id })}
              data-testid={`sweeps.preset.${id}`}
            />
            <span className="sweep-preset-title">{t(`sweeps.presets.${id}.title`)}</span>
            <span className="sweep-preset-description">{t(`sweeps.presets.${id}.description`)}</span>
          </label>
        ))}
      </fieldset>
      <div className="sweep-budget">
        <NumberField
          id="sweep-seeds"
          label={t('sweeps.seeds')}
          value={settings.seeds}
          min={1}
          max={20}
          step={1}
          disabled={running}
          onChange={(v) => update({ seeds: clampInteger(v, 1, 20, settings.seeds) })}
        />
        <NumberField
          id="sweep-repeats"
          label={t('sweeps.repeats')}
          value={settings.repeats}
          min={1}
          max={20}
          step={1}
          disabled={running}
          onChange={(v) => update({ repeats: clampInteger(v, 1, 20, settings.repeats) })}
        />
        <NumberField
          id="sweep-epochs"
          label={t('sweeps.epochs')}
          value={settings.epochs}
          min={1}
          max={500}
          step={1}
          disabled={running}
          onChange={(v) => update({ epochs: clampInteger(v, 1, 500, settings.epochs) })}
        />
      </div>
      <p className="sweep-cost" data-testid="sweeps.cost">
        {t('sweeps.costUnknown', { trainings })}
      </p>
      <div className="sweep-run">
        {running ? (
          <button type="button" className="button" onClick={() => actions.cancelSweep()} data-testid="sweeps.cancel">
            {t('sweeps.cancel')}
          </button>
        ) : (
          <button
            type="button"
            className="button button-primary"
            onClick={() => actions.runSweep()}
            data-testid="sweeps.start"
          >
            {t('sweeps.start')}
          </button>
        )}
        {current ? (
          <div className="sweep-progress">
            <ProgressBar
              value={current.trialCount > 0 ? current.epochsDone / (current.trialCount * current.epochs) : null}
              label={t('sweeps.progress')}
            />
            <span className="muted" data-testid="sweeps.status">
              {running
                ? left !== null
                  ? t('sweeps.progressText', {
                      done: Math.min(current.trialsDone + 1, current.trialCount),
                      total: current.trialCount,
                      left: duration(left),
                    })
                  : t('sweeps.progressTextNoEta', {
                      done: Math.min(current.trialsDone + 1, Math.max(1, current.trialCount)),
                      total: current.trialCount || trainings,
                    })
                : t(`sweeps.status.${current.status}`, { message: current.error ?? '' })}
            </span>
          </div>
        ) : null}
      </div>
    </div>
  );
}

function clampInteger(value: number | null, min: number, max: number, fallback: number): number {
  if (value === null || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.round(value)));
}

/** The current time, ticking every second while `active` (for the time left). */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}
