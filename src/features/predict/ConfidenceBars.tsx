import { useTranslation } from 'react-i18next';
import { formatPercent } from '../../ui/format';

/**
 * Per-class confidence as a table: the class, a bar (decorative) and the percentage as text, so the numbers are
 * read out and can be copied; the most likely class is marked. Rows carry `data-probability` for tests.
 */
export function ConfidenceBars({
  labels,
  probabilities,
  title,
  testId,
}: {
  labels: string[];
  probabilities: number[];
  title: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const top = probabilities.indexOf(Math.max(...probabilities));
  return (
    <div className="confidence" data-testid={testId}>
      <p className="confidence-title">
        <strong>{title}</strong>
        <br />
        <span data-testid={`${testId}.top`}>{t('predict.result.top', { label: labels[top] ?? '—' })}</span>
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
                className={i === top ? 'confidence-top' : undefined}
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
