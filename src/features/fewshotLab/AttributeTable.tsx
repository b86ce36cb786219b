import { useTranslation } from 'react-i18next';
import type { ZeroShotView } from '../../core/fewshot/zeroShotView';
import { formatPercent, formatPercentInterval } from '../../ui/format';
import { attributeName } from './attributeName';

/**
 * The attribute table: the seen digits' rows (what the classifiers learned from) read-only, the unseen digits'
 * rows as checkboxes the user can tick, each unseen row with its recognition rate; below, per attribute, how often
 * it was read correctly and its mean weight in the decisions (core zeroShot.ts).
 */
export function AttributeTable({
  view,
  onToggle,
}: {
  view: ZeroShotView;
  onToggle: (digit: number, attribute: number) => void;
}) {
  const { t } = useTranslation();
  const { table, evaluation } = view;
  const names = table.attributes.map((a) => attributeName(t, a));
  const accuracyOf = (c: number) => evaluation.perClass.find((p) => p.index === c)?.accuracy;
  return (
    <table className="lab-table" data-testid="zeroshot.table">
      <caption>{t('fewshotLab.zeroshot.table.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('fewshotLab.zeroshot.table.digit')}</th>
          {names.map((name) => (
            <th scope="col" key={name}>
              {name}
            </th>
          ))}
          <th scope="col">{t('fewshotLab.zeroshot.table.accuracy')}</th>
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row, c) => {
          const unseen = view.unseen.includes(c);
          if (!unseen && !view.seen.includes(c)) return null;
          const accuracy = accuracyOf(c);
          const digit = table.classes[c];
          return (
            <tr key={c} className={unseen ? 'lab-unseen' : 'lab-seen'} data-testid="zeroshot.row" data-digit={digit}>
              <th scope="row">
                {digit} <span className="muted">({t(`fewshotLab.zeroshot.table.${unseen ? 'unseen' : 'seen'}`)})</span>
              </th>
              {row.map((value, m) => (
                <td key={m}>
                  {unseen ? (
                    <input
                      type="checkbox"
                      checked={value === 1}
                      onChange={() => onToggle(c, m)}
                      aria-label={t('fewshotLab.zeroshot.table.cell', { digit, attribute: names[m] })}
                      data-testid={`zeroshot.cell.${digit}.${m}`}
                    />
                  ) : (
                    <span>{value === 1 ? '✓' : '–'}</span>
                  )}
                </td>
              ))}
              <td data-testid={unseen ? `zeroshot.accuracy.${digit}` : undefined} data-accuracy={accuracy?.mean}>
                {accuracy ? formatPercentInterval(accuracy, 0) : ''}
              </td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('fewshotLab.zeroshot.table.attributeAccuracy')}</th>
          {evaluation.attributeAccuracy.map((a, m) => (
            <td key={m}>{formatPercent(a.mean, 0)}</td>
          ))}
          <td />
        </tr>
        <tr>
          <th scope="row">{t('fewshotLab.zeroshot.table.contribution')}</th>
          {evaluation.meanContributions.map((w, m) => (
            <td key={m} data-testid="zeroshot.contribution">
              {w.toFixed(2)}
            </td>
          ))}
          <td />
        </tr>
      </tfoot>
    </table>
  );
}
