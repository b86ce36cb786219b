import { useTranslation } from 'react-i18next';
import { useStudioStore } from '../../store';
import { formatPercent, formatPercentInterval, formatSeconds } from '../../ui/format';
import { backboneName } from '../backbone';
import { useEngineActions } from '../engineActions';
import { useStrategyLabel } from '../strategyLabel';

/** The classifiers stored in this browser: which one predicts, use / download / delete each. */
export function SavedClassifiers() {
  const { t, i18n } = useTranslation();
  const actions = useEngineActions();
  const label = useStrategyLabel();
  const classifier = useStudioStore((s) => s.classifier);
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section aria-labelledby="saved-classifiers-heading" className="saved-classifiers">
      <h3 id="saved-classifiers-heading">{t('predict.saved.heading')}</h3>
      {classifier.error ? (
        <p className="warning" role="alert">
          {t('predict.saved.error', { message: classifier.error })}
        </p>
      ) : null}
      {classifier.models.length === 0 ? (
        <p className="muted" data-testid="classifier.none">
          {t('predict.saved.empty')}
        </p>
      ) : (
        <ul className="classifier-list" data-testid="classifier.list">
          {classifier.models.map((model) => {
            const active = model.id === classifier.activeId;
            return (
              <li
                key={model.id}
                className={active ? 'classifier-item classifier-active' : 'classifier-item'}
                data-testid="classifier.item"
                data-active={active}
              >
                <div className="classifier-name">
                  <strong>{model.name}</strong>{' '}
                  {active ? <span className="status-badge status-done">{t('predict.saved.inUse')}</span> : null}
                  <span className="muted"> · {when.format(new Date(model.createdAt))}</span>
                </div>
                <div className="muted">
                  {t('predict.saved.facts', {
                    dataset: model.datasetName,
                    backbone: backboneName(t, model.backbone),
                    size: model.imageSize,
                    examples: model.examples,
                    accuracy: formatPercent(model.trainAccuracy),
                    seconds: formatSeconds(model.seconds),
                  })}
                </div>
                {model.heldOut && model.heldOut.ci95 ? (
                  <div data-testid="classifier.heldOut" data-accuracy={model.heldOut.mean} data-n={model.heldOut.n}>
                    {t('predict.saved.heldOut', { value: formatPercentInterval(model.heldOut), n: model.heldOut.n })}
                  </div>
                ) : (
                  <div className="muted" data-testid="classifier.heldOut" data-n={0}>
                    {t('predict.saved.noHeldOut')}
                  </div>
                )}
                <div className="muted" data-testid="classifier.strategyUsed" data-strategy={model.strategy ?? ''}>
                  {t('predict.saved.strategy', { strategy: label(model.strategy ?? 'feature-extraction') })}
                </div>
                <div className="muted">{t('predict.saved.classes', { labels: model.labels.join(', ') })}</div>
                <div className="row-actions">
                  {!active ? (
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => actions.selectClassifier(model.id)}
                      aria-label={t('predict.saved.useLabel', { name: model.name })}
                    >
                      {t('predict.saved.use')}
                    </button>
                  ) : null}
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => actions.exportClassifier(model.id)}
                    aria-label={t('predict.saved.exportLabel', { name: model.name })}
                    data-testid="classifier.export"
                  >
                    {t('predict.saved.export')}
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => actions.deleteClassifier(model.id)}
                    aria-label={t('predict.saved.deleteLabel', { name: model.name })}
                  >
                    {t('predict.saved.delete')}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
