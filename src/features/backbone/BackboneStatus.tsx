import { useTranslation } from 'react-i18next';
import { useStudioStore } from '../../store';
import { ProgressBar } from '../../ui/ProgressBar';
import { useEngineActions } from '../engineActions';
import { backboneName } from './backboneName';
import { formatMegabytes } from './format';

/** What is loaded and from where, a load under way with its progress, the last error, and the model cache. */
export function BackboneStatus() {
  const { t, i18n } = useTranslation();
  const actions = useEngineActions();
  const { id, loaded, pending, error, missing, cachedIds, cachedBytes } = useStudioStore((s) => s.backbone);
  const running = useStudioStore((s) => s.run?.status === 'running');

  const name = backboneName(t, id);
  let message: string;
  if (pending) {
    const label = pending.id ? backboneName(t, pending.id) : pending.label;
    message = t(`backbone.loading.${pending.stage ?? 'waiting'}`, {
      name: label,
      percent: Math.round(pending.fraction * 100),
    });
  } else if (loaded) {
    message = t(`backbone.loaded.${loaded.origin}`, {
      name,
      location: loaded.location,
      seconds: loaded.loadSeconds.toFixed(1),
    });
    if (loaded.stored) message = `${message} ${t('backbone.keptFromFiles')}`;
  } else if (missing) {
    message = t('backbone.missing', { name: missing.name });
  } else {
    message = t('backbone.notLoaded', { name });
  }

  return (
    <div className="backbone-status">
      <p
        aria-live="polite"
        data-testid="backbone.status"
        data-origin={pending ? 'pending' : (loaded?.origin ?? (missing ? 'missing' : 'none'))}
        role={missing && !pending && !loaded ? 'alert' : undefined}
      >
        {message}
      </p>
      {pending ? (
        <ProgressBar
          value={pending.stage === 'cache' || pending.stage === null ? null : pending.fraction}
          label={t('backbone.progressLabel')}
        />
      ) : null}
      {loaded?.cacheProblem && !pending ? (
        <p className="note-warn">{t('backbone.cacheProblem', { message: loaded.cacheProblem })}</p>
      ) : null}
      {error ? (
        <div className="backbone-error" role="alert" data-testid="backbone.error">
          <p>
            <strong>{t('backbone.errorTitle', { label: error.label })}</strong> {error.message}
          </p>
          {error.file ? <p>{t('backbone.errorFile', { file: error.file })}</p> : null}
          <p>{t('backbone.stillSelected', { name })}</p>
        </div>
      ) : null}
      <div className="backbone-cache">
        <span data-testid="backbone.cacheCount">{t('backbone.cache.count', { count: cachedIds.length })}</span>
        <button
          type="button"
          className="button"
          onClick={() => actions.clearModelCache()}
          disabled={cachedIds.length === 0 || running}
        >
          {t('backbone.cache.clear')}
        </button>
      </div>
      {cachedIds.length > 0 ? (
        <ul className="backbone-cache-list" aria-label={t('backbone.cache.listLabel')}>
          {cachedIds.map((cachedId) => (
            <li key={cachedId} data-testid={`backbone.cached.${cachedId}`}>
              <span>{backboneName(t, cachedId)}</span>
              <span className="backbone-cache-size" data-bytes={cachedBytes[cachedId] ?? 0}>
                {t('backbone.cache.size', { size: formatMegabytes(cachedBytes[cachedId] ?? 0, i18n.language) })}
              </span>
              <button
                type="button"
                className="button"
                aria-label={t('backbone.cache.removeLabel', { name: backboneName(t, cachedId) })}
                onClick={() => actions.removeCachedBackbone(cachedId)}
                disabled={running}
              >
                {t('backbone.cache.remove')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
