import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { StrategyId } from '../../core/train/types';
import { selectExperimentConfig, useStudioStore } from '../../store';
import { Panel } from '../../ui/Panel';
import { strategyColor } from '../../ui/strategyColors';
import { backboneName, specOf } from '../backbone';
import { strategyDescription, useStrategyLabel } from '../strategyLabel';
import { NumberField } from '../../ui/NumberField';
import { configIssues, type StrategyField } from '../../store/validation';
import './strategy.css';

type Kind = 'scratch' | 'feature-extraction' | 'fine-tune';
const KINDS: readonly Kind[] = ['scratch', 'feature-extraction', 'fine-tune'];
const kindOf = (s: StrategyId): Kind => (s.startsWith('fine-tune:') ? 'fine-tune' : (s as Kind));
/** MobileNet's published input sizes, offered as suggestions. */
const SIZE_SUGGESTIONS = [96, 128, 160, 192, 224];

/**
 * Which strategies the next experiment compares, and its budget. Everything goes to the store as typed; the core
 * config schema judges the result and its complaints appear under the fields. Run (Experiment panel) uses these.
 */
export function StrategyPanel() {
  const { t } = useTranslation();
  const label = useStrategyLabel();
  const strategy = useStudioStore((s) => s.strategy);
  const k = useStudioStore((s) => s.backbone.freezeDepth);
  const backboneId = useStudioStore((s) => s.backbone.id);
  const running = useStudioStore((s) => s.run?.status === 'running');
  const issues = useStudioStore(useShallow(configIssues));
  const { setStrategies, updateStrategy } = useStudioStore.getState();

  const spec = specOf(backboneId);
  const fineTuneId = `fine-tune:${k}` as StrategyId;
  const ordered = (kinds: Set<Kind>): StrategyId[] =>
    KINDS.filter((kind) => kinds.has(kind)).map((kind) => (kind === 'fine-tune' ? fineTuneId : kind));
  const selectedKinds = new Set(strategy.strategies.map(kindOf));
  const toggle = (kind: Kind, on: boolean) => {
    const next = new Set(selectedKinds);
    if (on) next.add(kind);
    else next.delete(kind);
    setStrategies(ordered(next));
  };
  const error = (field: StrategyField) => (issues[field] ? t(`strategyPanel.errors.${field}`) : undefined);
  // What an empty field means: the dataset's own split (the sample's 50 of 100), or the config default.
  const datasetFraction = useStudioStore(
    (s) => selectExperimentConfig({ ...s, strategy: { ...s.strategy, validationFraction: null } }).validationFraction,
  );
  const repeats = Number.isFinite(strategy.repeats) ? strategy.repeats : 1;
  const runs = strategy.strategies.length * (Number.isFinite(strategy.seeds) ? strategy.seeds : 0) * repeats;
  const valid = Object.keys(issues).length === 0;

  return (
    <Panel id="strategy" title={t('strategyPanel.heading')}>
      <p className="intro">{t('strategyPanel.intro')}</p>
      <fieldset
        className="strategy-choices"
        disabled={running}
        aria-describedby={issues.strategies ? 'strategies-error' : undefined}
      >
        <legend>{t('strategyPanel.compare')}</legend>
        {KINDS.map((kind) => {
          const id = kind === 'fine-tune' ? fineTuneId : kind;
          return (
            <label key={kind} className="strategy-choice">
              <input
                type="checkbox"
                checked={selectedKinds.has(kind)}
                onChange={(event) => toggle(kind, event.currentTarget.checked)}
                data-testid={`strategy.${kind}`}
              />
              <span
                className="swatch"
                style={{ background: strategyColor(id, ordered(new Set(KINDS))) }}
                aria-hidden="true"
              />
              <span>
                <strong>{kind === 'fine-tune' && k === 0 ? t('strategyPanel.fineTuneNone') : label(id)}</strong>:{' '}
                {strategyDescription(t, id)}
                {kind === 'fine-tune' ? (
                  <span className="field-hint"> {t('strategyPanel.fineTuneHint', { k })}</span>
                ) : null}
              </span>
            </label>
          );
        })}
        {issues.strategies ? (
          <span id="strategies-error" className="field-error" data-testid="strategies.error">
            {t(
              k === 0 && selectedKinds.has('fine-tune')
                ? 'strategyPanel.errors.fineTuneZero'
                : 'strategyPanel.errors.strategies',
            )}
          </span>
        ) : null}
      </fieldset>

      <div className="strategy-fields">
        <NumberField
          id="epochs"
          label={t('strategyPanel.epochs')}
          value={strategy.epochs}
          onChange={(v) => updateStrategy({ epochs: v ?? Number.NaN })}
          error={error('epochs')}
          step={1}
          min={1}
          max={500}
          disabled={running}
        />
        <NumberField
          id="batchSize"
          label={t('strategyPanel.batchSize')}
          value={strategy.batchSize}
          onChange={(v) => updateStrategy({ batchSize: v ?? Number.NaN })}
          error={error('batchSize')}
          step={1}
          min={1}
          max={1024}
          disabled={running}
        />
        <NumberField
          id="learningRate"
          label={t('strategyPanel.learningRate')}
          value={strategy.learningRate}
          onChange={(v) => updateStrategy({ learningRate: v ?? Number.NaN })}
          error={error('learningRate')}
          step="any"
          min={0}
          max={1}
          hint={t('strategyPanel.learningRateHint')}
          disabled={running}
        />
        <NumberField
          id="seeds"
          label={t('strategyPanel.seeds')}
          value={strategy.seeds}
          onChange={(v) => updateStrategy({ seeds: v ?? Number.NaN })}
          error={error('seeds')}
          step={1}
          min={1}
          max={20}
          hint={t('strategyPanel.seedsHint')}
          disabled={running}
        />
        <NumberField
          id="repeats"
          label={t('strategyPanel.repeats')}
          value={strategy.repeats}
          onChange={(v) => updateStrategy({ repeats: v ?? Number.NaN })}
          error={error('repeats')}
          step={1}
          min={1}
          max={20}
          hint={t('strategyPanel.repeatsHint')}
          disabled={running}
        />
        <NumberField
          id="imageSize"
          label={t('strategyPanel.imageSize')}
          value={strategy.imageSize}
          optional
          onChange={(v) => updateStrategy({ imageSize: v })}
          error={error('imageSize')}
          step={1}
          min={16}
          max={512}
          list="image-size-suggestions"
          placeholder={t('strategyPanel.imageSizeDefault', { size: spec?.preprocessing.inputSize ?? 224 })}
          hint={t('strategyPanel.imageSizeHint', { name: backboneName(t, backboneId) })}
          disabled={running}
        />
        <datalist id="image-size-suggestions">
          {SIZE_SUGGESTIONS.map((size) => (
            <option key={size} value={size} />
          ))}
        </datalist>
        <NumberField
          id="validationFraction"
          label={t('strategyPanel.validationFraction')}
          value={strategy.validationFraction}
          optional
          onChange={(v) => updateStrategy({ validationFraction: v })}
          error={error('validationFraction')}
          step={0.05}
          min={0.05}
          max={0.85}
          placeholder={t('strategyPanel.validationDefault', { value: datasetFraction.toFixed(2) })}
          hint={t('strategyPanel.validationHint')}
          disabled={running}
        />
        <div className="field field-checkbox">
          <label>
            <input
              type="checkbox"
              checked={strategy.augment}
              onChange={(event) => updateStrategy({ augment: event.currentTarget.checked })}
              disabled={running}
              data-testid="strategy.augment"
            />{' '}
            {t('strategyPanel.augment')}
          </label>
          <span className="field-hint">{t('strategyPanel.augmentHint')}</span>
        </div>
      </div>
      <p className={valid ? 'muted' : 'field-error'} data-testid="strategy.summary" aria-live="polite">
        {valid
          ? t('strategyPanel.summary', {
              strategies: strategy.strategies.length,
              seeds: strategy.seeds,
              count: runs,
              epochs: strategy.epochs,
            })
          : t('strategyPanel.invalid')}
        {valid && repeats > 1 ? ` ${t('strategyPanel.repeatsSummary', { repeats })}` : ''}
        {issues.other ? ` ${issues.other}` : ''}
      </p>
    </Panel>
  );
}
