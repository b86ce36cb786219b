import { useTranslation } from 'react-i18next';
import { formatPercent } from '../../ui/format';
import type { LabActions } from './actions';
import { AttributeTable } from './AttributeTable';
import { LabProgressBar } from './LabProgressBar';
import { useZeroShot } from './useZeroShot';
import { ZeroShotChart } from './ZeroShotChart';
import { ZeroShotExamples } from './ZeroShotExamples';

/**
 * Zero-shot through attributes on the digits (issue 15): what it is and what it cannot do, the run, the accuracy on
 * 5–9 with its interval read against chance, the editable table, and decisions on real images.
 */
export function ZeroShotSection({ actions }: { actions: LabActions }) {
  const { t } = useTranslation();
  const demo = useZeroShot(actions);
  const { view } = demo;
  const accuracy = view?.evaluation.accuracy;
  return (
    <section className="lab-section" aria-labelledby="zeroshot-heading" data-testid="zeroshot">
      <h3 id="zeroshot-heading">{t('fewshotLab.zeroshot.heading')}</h3>
      <p>{t('fewshotLab.zeroshot.explain')}</p>
      <p className="muted">{t('fewshotLab.zeroshot.limits')}</p>
      {view ? null : (
        <button
          type="button"
          className="button button-primary"
          onClick={() => void demo.run()}
          disabled={demo.status === 'running'}
          data-testid="zeroshot.run"
        >
          {t(demo.status === 'running' ? 'fewshotLab.zeroshot.running' : 'fewshotLab.zeroshot.run')}
        </button>
      )}
      <LabProgressBar progress={demo.progress} testId="zeroshot.progress" />
      {demo.error ? (
        <p className="warning" role="alert">
          {t('fewshotLab.zeroshot.failed', { message: demo.error })}
        </p>
      ) : null}
      {view && accuracy ? (
        <>
          <p
            className="lab-headline"
            data-testid="zeroshot.accuracy"
            data-mean={accuracy.mean}
            data-low={accuracy.ci95?.[0]}
            data-high={accuracy.ci95?.[1]}
            data-versus-chance={view.evaluation.versusChance}
          >
            {t('fewshotLab.zeroshot.accuracy', {
              value: formatPercent(accuracy.mean),
              n: accuracy.n,
              low: formatPercent(accuracy.ci95?.[0] ?? accuracy.mean),
              high: formatPercent(accuracy.ci95?.[1] ?? accuracy.mean),
              chance: formatPercent(view.evaluation.chance, 0),
            })}{' '}
            <strong>{t(`fewshotLab.zeroshot.reading.${view.evaluation.versusChance}`)}</strong>
          </p>
          {view.edited ? (
            <p className="warning" data-testid="zeroshot.edited">
              {t('fewshotLab.zeroshot.edited')}{' '}
              <button type="button" className="button" onClick={demo.reset} data-testid="zeroshot.reset">
                {t('fewshotLab.zeroshot.reset')}
              </button>
            </p>
          ) : null}
          {view.identical.map(([a, b]) => (
            <p className="warning" key={`${a}-${b}`} role="alert">
              {t('fewshotLab.zeroshot.identical', { a: view.table.classes[a], b: view.table.classes[b] })}
            </p>
          ))}
          <p className="muted">
            {t('fewshotLab.zeroshot.setup', { cut: view.cut, train: view.trainImages, test: view.testImages })}
          </p>
          <div className="lab-zeroshot">
            <ZeroShotChart view={view} />
            <div className="lab-table-wrap">
              <AttributeTable view={view} onToggle={demo.toggle} />
            </div>
          </div>
          <h4>{t('fewshotLab.zeroshot.examples.heading')}</h4>
          <ZeroShotExamples view={view} />
        </>
      ) : null}
    </section>
  );
}
