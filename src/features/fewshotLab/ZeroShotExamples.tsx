import { useTranslation } from 'react-i18next';
import type { ZeroShotView } from '../../core/fewshot/zeroShotView';
import { formatPercent } from '../../ui/format';
import { attributeName } from './attributeName';

/** Side of a shown digit, px (the sprite's 28-px tiles, doubled). */
const SIDE = 56;
/** The sample sprite of digits 5–9 (public/samples/digits): class row by row, examples column by column. */
const SPRITE = 'samples/digits/digits.png';
const SPRITE_COLUMNS = 100;

/**
 * The demo's decisions on a few real test images of the unseen digits, each shown from the sample sprite (example
 * id "mnist:<digit>:<index>" = its column), with the predicted digit, its posterior and the attribute that most
 * separated it from the runner-up.
 */
export function ZeroShotExamples({ view }: { view: ZeroShotView }) {
  const { t } = useTranslation();
  return (
    <ul className="lab-examples" data-testid="zeroshot.examples">
      {view.examples.map((e) => {
        const column = Number(e.id.split(':')[2]);
        const row = view.unseen.indexOf(e.truth);
        const predicted = view.table.classes[e.predicted];
        const truth = view.table.classes[e.truth];
        const p = e.posterior[view.unseen.indexOf(e.predicted)];
        const deciding = e.contributions.indexOf(Math.max(...e.contributions));
        const right = e.predicted === e.truth;
        return (
          <li key={e.id} data-testid="zeroshot.example" data-right={right} data-predicted={predicted}>
            <span
              className="lab-digit"
              role="img"
              aria-label={t('fewshotLab.zeroshot.examples.image', { digit: truth })}
              style={{
                width: SIDE,
                height: SIDE,
                backgroundImage: `url(${SPRITE})`,
                backgroundSize: `${SPRITE_COLUMNS * SIDE}px ${view.unseen.length * SIDE}px`,
                backgroundPosition: `-${column * SIDE}px -${row * SIDE}px`,
              }}
            />
            <span className={right ? 'lab-right' : 'lab-wrong'}>
              {t('fewshotLab.zeroshot.examples.predicted', { digit: predicted, p: formatPercent(p, 0) })} ·{' '}
              {t(`fewshotLab.zeroshot.examples.${right ? 'right' : 'wrong'}`)}
            </span>
            <span className="muted">
              {t('fewshotLab.zeroshot.examples.because', {
                attribute: attributeName(t, view.table.attributes[deciding]),
              })}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
