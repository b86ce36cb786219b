import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STUDIO_ADAPTATION_STRATEGIES, studioAdaptationConfig } from '../../core/experiment/adaptationPreset';
import { isAdaptationStrategy } from '../../core/train/types';
import { useStudioStore } from '../../store';
import { formatPercentInterval, formatPointsInterval } from '../../ui/format';
import { useEngineActions } from '../engineActions';
import { CurvesFigure, DEFAULT_VIEW, viewOfLive } from '../runs';
import type { AdaptationTarget } from './actions';
import { SourcePicker, sourceChoiceOf } from './SourcePicker';

const PRESET = studioAdaptationConfig();

/**
 * "Domain adaptation": the MNIST → MNIST-M-style preset as a run — labelled built-in MNIST 0–9 (or a stored dataset)
 * as the source; as the unlabelled target the built-in digits on synthetic colour backgrounds (offline, the default)
 * or the current dataset (real MNIST-M when the user imported it) — with its live learning curves on target accuracy
 * (source only = the floor, the oracle = the ceiling) and, when done, each method's target plateau and paired gain
 * against source only. Gains, intervals and the before/after scatter are computed in core (runAdaptation.ts); the
 * full summary and the scatter are in the Run & results step.
 */
export function AdaptationPanel() {
  const { t } = useTranslation();
  const actions = useEngineActions();
  const run = useStudioStore((s) => s.run);
  const targetName = useStudioStore((s) =>
    s.dataset.kind === 'workspace'
      ? (s.workspace.datasets.find((d) => d.id === s.dataset.datasetId)?.name ?? null)
      : null,
  );
  const [source, setSource] = useState('sample');
  const [target, setTarget] = useState<AdaptationTarget>('synthetic');
  const adaptationRun = run && run.config.strategies.every(isAdaptationStrategy) ? run : null;
  const running = run?.status === 'running';
  const view = adaptationRun ? viewOfLive(adaptationRun, undefined) : null;
  const summary = adaptationRun?.result?.summary ?? null;
  return (
    <section className="adaptation-panel" aria-labelledby="adaptation-heading" data-testid="adaptation.panel">
      <h3 id="adaptation-heading">{t('transfer.adapt.heading')}</h3>
      <p className="intro">{t('transfer.adapt.intro')}</p>
      <ul className="adaptation-methods">
        {STUDIO_ADAPTATION_STRATEGIES.map((id) => (
          <li key={id}>
            <abbr title={t(`strategy.describe.adapt.${id}`)}>{t(`strategy.adapt.${id}`)}</abbr>
          </li>
        ))}
      </ul>
      <div className="transfer-controls">
        <SourcePicker
          label={t('transfer.adapt.source')}
          builtInLabel={t('transfer.adapt.builtIn')}
          value={source}
          onChange={setSource}
          testId="adaptation.source"
        />
        <label>
          {t('transfer.adapt.targetLabel')}{' '}
          <select
            value={target}
            onChange={(e) => setTarget(e.target.value as AdaptationTarget)}
            data-testid="adaptation.target"
          >
            <option value="synthetic">{t('transfer.adapt.syntheticTarget')}</option>
            <option value="current">
              {t('transfer.adapt.target', { dataset: targetName ?? t('transfer.adapt.sampleTarget') })}
            </option>
          </select>
        </label>
        <button
          type="button"
          disabled={running}
          data-testid="adaptation.run"
          onClick={() => actions.runAdaptation(sourceChoiceOf(source), target)}
        >
          {t('transfer.adapt.run', { seeds: PRESET.seeds, epochs: PRESET.epochs })}
        </button>
      </div>
      {adaptationRun?.status === 'error' ? (
        <p className="error" role="alert">
          {t('transfer.adapt.failed', { message: adaptationRun.error ?? '' })}
        </p>
      ) : null}
      {view ? (
        <div data-testid="adaptation.curves">
          <p className="muted">{t('transfer.adapt.curves')}</p>
          <CurvesFigure run={view} view={DEFAULT_VIEW} height={240} />
        </div>
      ) : null}
      {summary ? (
        <table className="adaptation-table" data-testid="adaptation.table">
          <caption>{t('transfer.adapt.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('transfer.adapt.method')}</th>
              <th scope="col">{t('transfer.adapt.plateau')}</th>
              <th scope="col">
                <abbr title={t('transfer.adapt.gainTip')}>{t('transfer.adapt.gain')}</abbr>
              </th>
            </tr>
          </thead>
          <tbody>
            {summary.map((s) => (
              <tr key={s.strategy} data-testid={`adaptation.row.${s.strategy}`}>
                <th scope="row">{isAdaptationStrategy(s.strategy) ? t(`strategy.adapt.${s.strategy}`) : s.strategy}</th>
                <td>{formatPercentInterval(s.metrics.plateau)}</td>
                <td>
                  {s.transferGain
                    ? `${formatPointsInterval(s.transferGain.plateau)} · ${t(`transfer.adapt.direction.${s.transferGain.plateau.direction}`)}`
                    : t('transfer.adapt.baseline')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {summary ? <p className="muted">{t('transfer.adapt.reference')}</p> : null}
    </section>
  );
}
