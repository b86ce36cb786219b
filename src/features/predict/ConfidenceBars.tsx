import { useTranslation } from 'react-i18next';
import { answerWithThreshold } from '../../core/metrics/openSet';
import { formatPercent } from '../../ui/format';

/**
 * Per-class confidence as a table: the class, a bar (decorative) and the percentage as text, so the numbers are
 * read out and can be copied; the most likely class is marked. Rows carry `data-probability` for tests. With a
 * `threshold` (0 = none) a top confidence below it reads "None of these" (core/metrics/openSet.ts).
 */
export function ConfidenceBars({
  labels,
  probabilities,
  title,
  testId,
  threshold = 0,
}: {
  labels: string[];
  probabilities: number[];
  title: string;
  testId: string;
  threshold?: number;
}) {
  const { t } = useTranslation();
  const answer = answerWithThreshold(probabilities, threshold);
  const top = answer.top;
  return (
    <div className="confidence" data-testid={testId}>
      <p className="confidence-title">
        <strong>{title}</strong>
        <br />
        <span data-testid={`${testId}.top`} data-none={answer.none}>
          {answer.none
            ? t('predict.result.none', { label: labels[top] ?? '—', confidence: formatPercent(answer.confidence) })
            : t('predict.result.top', { label: labels[top] ?? '—' })}
        </span>
      </p>
      <table className="confidence-table">
        <caption className="visually-hidden">{t('predict.result.caption')}</caption>
        <thead className="visually-hidden">
          <tr>
            <th scope="col">{t('predict.result.class')}</th>
            <th scope="col">{t('predict.result.confidence')}</th>
          </tr>
        </thead>
        <tbody>
          {labels.map((label, i) => {
            const p = probabilities[i] ?? 0;
            return (
              <tr
                key={`${i}-${label}`}
                className={i === top && !answer.none ? 'confidence-top' : undefined}
                data-testid={`${testId}.row`}
                data-probability={p}
              >
                <th scope="row">{label}</th>
                <td>
                  <span className="confidence-track" aria-hidden="true">
                    <span className="confidence-fill" style={{ width: `${Math.max(0, Math.min(1, p)) * 100}%` }} />
                  </span>
                  <span className="confidence-value">{formatPercent(p)}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
