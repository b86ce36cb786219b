import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useStudioStore } from '../../store';
import { encodeShareLink, type HideName, type ShareState } from './shareLink';
import './classroom.css';

/** What the link may hide, offered as checkboxes (the full list is in shareLink.ts). */
const OFFERED: HideName[] = ['dataset', 'backbone', 'strategy', 'predict', 'strategies', 'depth', 'seeds', 'epochs'];

/**
 * "Share this experiment": the link of the current setup (every field that defines the experiment, the language),
 * what it hides, present view; Copy link. A setup on the user's own images says the link cannot carry them.
 */
export function ShareControls({ onPresent }: { onPresent(): void }) {
  const { t } = useTranslation();
  const [hide, setHide] = useState<HideName[]>([]);
  const [present, setPresent] = useState(false);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const share = useStudioStore(
    useShallow((s): Omit<ShareState, 'hide' | 'present'> => ({
      dataset: s.dataset.kind === 'workspace' ? 'own' : 'digits',
      backbone: s.backbone.id,
      freezeDepth: s.backbone.freezeDepth,
      strategies: s.strategy.strategies,
      seeds: s.strategy.seeds,
      epochs: s.strategy.epochs,
      batchSize: s.strategy.batchSize,
      learningRate: s.strategy.learningRate,
      imageSize: s.strategy.imageSize,
      validationFraction: s.strategy.validationFraction,
      augment: s.strategy.augment,
      language: s.settings.language,
    })),
  );
  const link = encodeShareLink({ ...share, hide, present }, window.location.href);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <details className="share-controls" data-testid="share.controls">
      <summary>{t('classroom.share.open')}</summary>
      <fieldset>
        <legend>{t('classroom.share.hide')}</legend>
        {OFFERED.map((name) => (
          <label key={name}>
            <input
              type="checkbox"
              checked={hide.includes(name)}
              data-testid={`share.hide.${name}`}
              onChange={(e) => {
                // Read now: React clears currentTarget before a state updater runs.
                const checked = e.currentTarget.checked;
                setHide((h) => (checked ? [...h, name] : h.filter((n) => n !== name)));
              }}
            />
            {t(`classroom.share.names.${name}`)}
          </label>
        ))}
        <label>
          <input type="checkbox" checked={present} onChange={(e) => setPresent(e.currentTarget.checked)} />
          {t('classroom.share.presentLink')}
        </label>
      </fieldset>
      {share.dataset === 'own' ? <p className="note-warn">{t('classroom.share.ownData')}</p> : null}
      <label className="share-link">
        <span>{t('classroom.share.link')}</span>
        <input type="text" readOnly value={link} data-testid="share.link" onFocus={(e) => e.currentTarget.select()} />
      </label>
      <div className="share-actions">
        <button type="button" className="button button-primary" onClick={() => void copy()}>
          {t('classroom.share.copy')}
        </button>
        <button type="button" className="button" onClick={onPresent} data-testid="share.present">
          {t('classroom.share.present')}
        </button>
        <span role="status" data-testid="share.copied">
          {copied === 'yes' ? t('classroom.share.copied') : copied === 'failed' ? t('classroom.share.copyFailed') : ''}
        </span>
      </div>
    </details>
  );
}
