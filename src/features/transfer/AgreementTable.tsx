import { useTranslation } from 'react-i18next';
import type { RankAgreement } from '../../core/transferability/candidates';
import { readTau } from './transferViews';

/** Each score's Kendall τ and weighted τ against the measured accuracies, with a plain reading and the caveat. */
export function AgreementTable({ agreement, candidates }: { agreement: readonly RankAgreement[]; candidates: number }) {
  const { t } = useTranslation();
  const tau = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—');
  return (
    <div className="transfer-agreement">
      <h4>{t('transfer.agreement.heading')}</h4>
      <div className="table-scroll">
        <table className="summary-table" data-testid="transfer.agreement">
          <thead>
            <tr>
              <th scope="col">{t('transfer.agreement.score')}</th>
              <th scope="col">
                <abbr title={t('transfer.agreement.kendallTip')}>{t('transfer.agreement.kendall')}</abbr>
              </th>
              <th scope="col">
                <abbr title={t('transfer.agreement.weightedTip')}>{t('transfer.agreement.weighted')}</abbr>
              </th>
              <th scope="col">{t('transfer.agreement.reading')}</th>
            </tr>
          </thead>
          <tbody>
            {agreement.map((a) => (
              <tr key={a.score}>
                <th scope="row">{t(`transfer.scores.${a.score}.name`)}</th>
                <td>{tau(a.kendall)}</td>
                <td>{tau(a.weighted)}</td>
                <td>{t(`transfer.agreement.readings.${readTau(a.weighted)}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">{t('transfer.agreement.caveat', { count: candidates })}</p>
    </div>
  );
}
