import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SCORE_NAMES, type ScoreName } from '../../core/transferability/scores';
import { useStudioStore } from '../../store';
import { datasetKeyOf } from '../../store/transferSlice';
import { useEngineActions } from '../engineActions';
import { AdaptationPanel } from './AdaptationPanel';
import { AgreementTable } from './AgreementTable';
import { ScoreTable } from './ScoreTable';
import { ShiftMeter } from './ShiftMeter';
import './transfer.css';

/** Candidates scored by the studio: the selected backbone and the built-in ones, 3 cuts each. */
const CANDIDATES_SHOWN = 6;

/**
 * "How well will it transfer?" in the Backbone step: estimate (scores only) or estimate and check (a classifier
 * trained at every candidate), the candidates' table with the predicted and measured ranks, how well each score
 * agreed, the domain-shift meter, and the domain-adaptation preset.
 */
export function TransferPanel() {
  const { t } = useTranslation();
  const actions = useEngineActions();
  const score = useStudioStore((s) => s.transfer.score);
  const currentKey = useStudioStore((s) => datasetKeyOf(s.dataset));
  const [rankBy, setRankBy] = useState<ScoreName>('logme');
  const busy = score?.status === 'running' || score?.status === 'measuring';
  const candidates = score?.candidates ?? [];
  const seconds = score ? Object.values(score.embeddingSeconds).reduce((a, b) => a + b, 0) : 0;
  return (
    <section className="transfer-panel" aria-labelledby="transfer-heading" data-testid="transfer.panel">
      <h3 id="transfer-heading">{t('transfer.heading')}</h3>
      <p className="intro">{t('transfer.intro')}</p>
      <div className="transfer-controls">
        <button
          type="button"
          disabled={busy}
          onClick={() => actions.estimateTransfer(false)}
          data-testid="transfer.estimate"
        >
          {t('transfer.estimate')}
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => actions.estimateTransfer(true)}
          data-testid="transfer.check"
        >
          {t('transfer.check', { count: candidates.length || CANDIDATES_SHOWN })}
        </button>
        {busy ? (
          <button type="button" onClick={() => actions.cancelTransfer()}>
            {t('transfer.cancel')}
          </button>
        ) : null}
        <label>
          {t('transfer.rankBy')}{' '}
          <select value={rankBy} onChange={(e) => setRankBy(e.target.value as ScoreName)} data-testid="transfer.rankBy">
            {SCORE_NAMES.map((name) => (
              <option key={name} value={name}>
                {t(`transfer.scores.${name}.name`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {score?.progress ? (
        <p className="muted" role="status" data-testid="transfer.progress">
          {t(`transfer.progress.${score.progress.stage}`, {
            detail: score.progress.detail,
            done: score.progress.stage === 'measuring' ? score.progress.done + 1 : score.progress.done,
            total: score.progress.total,
            percent: Math.round((score.progress.done / Math.max(1, score.progress.total)) * 100),
          })}
        </p>
      ) : null}
      {score?.status === 'cancelled' ? <p className="muted">{t('transfer.cancelled')}</p> : null}
      {score?.status === 'failed' ? (
        <p className="error" role="alert">
          {t('transfer.failed', { message: score.error })}
        </p>
      ) : null}
      {candidates.length > 0 && score ? (
        <>
          {score.datasetKey !== currentKey ? (
            <p className="notice" data-testid="transfer.stale">
              {t('transfer.stale', { dataset: score.datasetName })}
            </p>
          ) : null}
          <p className="muted" data-testid="transfer.summary">
            {t('transfer.summary', {
              images: score.scoredImages,
              dataset: score.datasetName,
              seconds: seconds.toFixed(1),
              scoreSeconds: score.scoreSeconds.toFixed(2),
            })}
          </p>
          <ScoreTable candidates={candidates} rankBy={rankBy} measuring={score.status === 'measuring'} />
          {score.agreement ? <AgreementTable agreement={score.agreement} candidates={candidates.length} /> : null}
        </>
      ) : null}
      <ShiftMeter />
      <AdaptationPanel />
    </section>
  );
}
