import { useTranslation } from 'react-i18next';
import { ScrollRegion } from './ScrollRegion';

export interface ConfusionCell {
  truth: number;
  predicted: number;
}

/**
 * A confusion matrix as a real table (rows = true class, columns = predicted class, row totals), counts as text and
 * shade: blue on the diagonal (right), red off it (wrong), darker = a larger share of the row. Off-diagonal counts
 * above zero are buttons that open those images. Cells carry `data-count` for tests.
 */
export function ConfusionMatrix({
  matrix,
  classNames,
  caption,
  selected,
  onOpen,
}: {
  matrix: number[][];
  classNames: string[];
  caption: string;
  selected: ConfusionCell | null;
  onOpen(cell: ConfusionCell): void;
}) {
  const { t } = useTranslation();
  return (
    <ScrollRegion label={t('runs.classes.confusion')}>
      <table className="confusion" data-testid="confusion.table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="confusion-corner">
              {t('runs.classes.truePredicted')}
            </th>
            {classNames.map((name) => (
              <th scope="col" key={name}>
                {name}
              </th>
            ))}
            <th scope="col">{t('runs.classes.total')}</th>
          </tr>
        </thead>
        <tbody>
          {matrix.map((row, truth) => {
            const total = row.reduce((a, b) => a + b, 0);
            return (
              <tr key={truth}>
                <th scope="row">{classNames[truth]}</th>
                {row.map((count, predicted) => {
                  const share = total > 0 ? count / total : 0;
                  const right = truth === predicted;
                  const isSelected = selected?.truth === truth && selected.predicted === predicted;
                  return (
                    <td
                      key={predicted}
                      className={`confusion-cell ${right ? 'confusion-right' : 'confusion-wrong'}${isSelected ? ' confusion-selected' : ''}`}
                      style={{ ['--share' as string]: count > 0 ? Math.max(0.08, share) : 0 }}
                      data-testid={`confusion.cell.${truth}.${predicted}`}
                      data-count={count}
                    >
                      {!right && count > 0 ? (
                        <button
                          type="button"
                          className="confusion-open"
                          aria-label={t('runs.classes.cellOpen', {
                            count,
                            truth: classNames[truth],
                            predicted: classNames[predicted],
                          })}
                          aria-expanded={isSelected}
                          onClick={() => onOpen({ truth, predicted })}
                        >
                          {count}
                        </button>
                      ) : (
                        count
                      )}
                    </td>
                  );
                })}
                <td className="confusion-total">{total}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
