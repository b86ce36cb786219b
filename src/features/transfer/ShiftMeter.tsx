import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudioStore } from '../../store';
import { useEngineActions } from '../engineActions';
import { SourcePicker, sourceChoiceOf } from './SourcePicker';

/**
 * The domain-shift meter: the current dataset against the built-in handwritten digits or a stored dataset, in the
 * selected backbone's features. A bar for the proxy A-distance (0–2), the level in words, and the three distances
 * with what each reads.
 */
export function ShiftMeter() {
  const { t } = useTranslation();
  const actions = useEngineActions();
  const shift = useStudioStore((s) => s.transfer.shift);
  const [source, setSource] = useState('sample');
  const running = shift?.status === 'running';
  const result = shift?.status === 'done' ? shift.result : null;
  const pad = result?.shift.proxyADistance;
  const fmt = (x: number, digits: number) => x.toFixed(digits);
  return (
    <section className="shift-meter" aria-labelledby="shift-heading">
      <h3 id="shift-heading">{t('transfer.shift.heading')}</h3>
      <p className="intro">{t('transfer.shift.intro')}</p>
      <div className="transfer-controls">
        <SourcePicker
          label={t('transfer.shift.source')}
          builtInLabel={t('transfer.shift.builtIn')}
          value={source}
          onChange={setSource}
          testId="transfer.shift.source"
        />
        <button
          type="button"
          disabled={running}
          data-testid="transfer.shift.measure"
          onClick={() => actions.measureShift(sourceChoiceOf(source))}
        >
          {running ? t('transfer.shift.measuring') : t('transfer.shift.measure')}
        </button>
      </div>
      {shift?.status === 'failed' ? (
        <p className="error" role="alert">
          {t('transfer.failed', { message: shift.error })}
        </p>
      ) : null}
      {result && pad ? (
        <div className="shift-result" data-testid="transfer.shift.result">
          <p className={`shift-level shift-${result.shift.level}`} data-testid="transfer.shift.level">
            <strong>{t(`transfer.shift.levels.${result.shift.level}`)}</strong>
          </p>
          <div
            className="shift-bar"
            role="meter"
            aria-valuemin={0}
            aria-valuemax={2}
            aria-valuenow={Math.max(0, pad.mean)}
            aria-label={t('transfer.shift.pad')}
          >
            <span style={{ width: `${Math.max(0, Math.min(1, pad.mean / 2)) * 100}%` }} />
          </div>
          <p className="muted">
            {t('transfer.shift.summary', {
              source: result.sourceName,
              target: result.targetName,
              sourceCount: result.shift.sourceCount,
              targetCount: result.shift.targetCount,
              cut: result.cut,
            })}
          </p>
          <dl className="shift-numbers">
            <dt>
              <abbr title={t('transfer.shift.mmdTip')}>{t('transfer.shift.mmd')}</abbr>
            </dt>
            <dd>
              {t('transfer.shift.mmdValue', {
                value: fmt(result.shift.mmd.mmd2, 4),
                p: fmt(result.shift.mmd.pValue, 3),
              })}
            </dd>
            <dt>
              <abbr title={t('transfer.shift.coralTip')}>{t('transfer.shift.coral')}</abbr>
            </dt>
            <dd>{result.shift.coral.toPrecision(3)}</dd>
            <dt>
              <abbr title={t('transfer.shift.padTip')}>{t('transfer.shift.pad')}</abbr>
            </dt>
            <dd data-testid="transfer.shift.pad">
              {t('transfer.shift.padValue', {
                value: fmt(pad.mean, 2),
                low: pad.ci95 ? fmt(pad.ci95[0], 2) : '—',
                high: pad.ci95 ? fmt(pad.ci95[1], 2) : '—',
              })}
            </dd>
          </dl>
          <p className="muted">
            {t('transfer.shift.levelNote')} {t('transfer.shift.seconds', { seconds: fmt(result.meterSeconds, 2) })}
          </p>
        </div>
      ) : null}
    </section>
  );
}
