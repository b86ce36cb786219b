import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudioStore } from '../../store';
import { formatPercent, formatSeconds } from '../../ui/format';
import { ProgressBar } from '../../ui/ProgressBar';
import { backboneName } from '../backbone';
import { useEngineActions } from '../engineActions';
import { ClassifierStrategy, useClassifierStrategies } from './ClassifierStrategy';

/** Train a classifier on the current dataset and backbone: what it will use, progress with cancel, the outcome. */
export function ClassifierSection() {
  const { t } = useTranslation();
  const actions = useEngineActions();
  const classifier = useStudioStore((s) => s.classifier);
  const dataset = useStudioStore((s) => s.dataset);
  const datasets = useStudioStore((s) => s.workspace.datasets);
  const backbone = useStudioStore((s) => s.backbone.id);
  const epochs = useStudioStore((s) => s.strategy.epochs);
  const experimentRunning = useStudioStore((s) => s.run?.status === 'running');
  const training = classifier.training;
  const { options, winner } = useClassifierStrategies();
  // The user's pick while it is still offered; otherwise the run's winner (feature extraction without a run).
  const [picked, setPicked] = useState<string | null>(null);
  const strategy = picked !== null && options.includes(picked) ? picked : (winner ?? 'feature-extraction');
  const latest = classifier.models[0];
  const datasetName =
    dataset.kind === 'workspace'
      ? (datasets.find((d) => d.id === dataset.datasetId)?.name ?? t('runs.history.unknownDataset'))
      : t('runs.history.sample');

  return (
    <div className="classifier-train">
      <p>
        {t('predict.train.on', {
          dataset: datasetName,
          backbone: backboneName(t, backbone),
          count: Number.isFinite(epochs) ? epochs : 20,
        })}
      </p>
      <ClassifierStrategy
        options={options}
        winner={winner}
        value={strategy}
        onChange={setPicked}
        disabled={training !== null}
      />
      <div className="actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => actions.trainClassifier(strategy)}
          disabled={training !== null || experimentRunning}
          data-testid="classifier.train"
        >
          {classifier.models.length > 0 ? t('predict.train.again') : t('predict.train.button')}
        </button>
        {training ? (
          <button
            type="button"
            className="button"
            onClick={() => actions.cancelClassifierTraining()}
            data-testid="classifier.cancel"
          >
            {t('predict.train.cancel')}
          </button>
        ) : null}
      </div>
      {training ? <TrainingProgress /> : null}
      <div aria-live="polite" data-testid="classifier.outcome">
        {classifier.outcome?.kind === 'cancelled' ? <p className="muted">{t('predict.train.cancelled')}</p> : null}
        {classifier.outcome?.kind === 'failed' ? (
          <p className="warning" role="alert">
            {t('predict.train.failed', { message: classifier.outcome.message })}
          </p>
        ) : null}
        {!training &&
        !classifier.outcome &&
        latest &&
        latest.id === classifier.activeId &&
        Date.now() - latest.createdAt < 60_000 ? (
          <p className="verdict verdict-good">{t('predict.train.ready', { seconds: formatSeconds(latest.seconds) })}</p>
        ) : null}
      </div>
    </div>
  );
}

function TrainingProgress() {
  const { t } = useTranslation();
  const training = useStudioStore((s) => s.classifier.training)!;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);
  const { stage, done, total } = training;
  // Reading and embedding take about as long as training here: give each stage its share of the bar.
  const share = {
    samples: [0, 0.1],
    model: [0.1, 0.15],
    embedding: [0.15, 0.5],
    training: [0.5, 0.97],
    saving: [0.97, 1],
  } as const;
  const [from, to] = stage ? share[stage] : [0, 0];
  const value = stage ? from + (to - from) * (total > 0 ? Math.min(1, done / total) : 0) : null;
  const message = stage
    ? t(`predict.train.stage.${stage}`, {
        done,
        total,
        accuracy: training.accuracy !== null ? formatPercent(training.accuracy) : '—',
      })
    : t('predict.train.stage.starting');
  return (
    <div className="classifier-progress" data-testid="classifier.progress" data-stage={stage ?? 'starting'}>
      <ProgressBar value={value} label={t('predict.train.progressLabel')} />
      <p className="muted">
        {message} ·{' '}
        {t('predict.train.elapsed', { seconds: formatSeconds(Math.max(0, (now - training.startedAt) / 1000)) })}
      </p>
    </div>
  );
}
