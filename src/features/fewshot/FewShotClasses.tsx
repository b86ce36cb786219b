import { useTranslation } from 'react-i18next';
import type { FewShotClass } from './useFewShotSession';

/** The classes: a name field, the capture button (one press = one frame), the count, the latest capture, forget. */
export function FewShotClasses({
  classes,
  names,
  canCapture,
  onCapture,
  onForget,
  onRename,
  onAdd,
}: {
  classes: FewShotClass[];
  /** Display names (defaults filled in), in class order. */
  names: string[];
  canCapture: boolean;
  onCapture(classIndex: number): void;
  onForget(classIndex: number): void;
  onRename(classIndex: number, name: string): void;
  onAdd(): void;
}) {
  const { t } = useTranslation();
  return (
    <section className="fewshot-classes" aria-labelledby="fewshot-classes-heading">
      <h3 id="fewshot-classes-heading">{t('fewshot.classes.heading')}</h3>
      <ol>
        {classes.map((c, i) => (
          <li key={i} className="fewshot-class" data-testid="fewshot.class" data-count={c.count}>
            <input
              type="text"
              value={c.name}
              placeholder={t('fewshot.classes.defaultName', { n: i + 1 })}
              aria-label={t('fewshot.classes.name', { n: i + 1 })}
              onChange={(e) => onRename(i, e.target.value)}
              maxLength={40}
            />
            <button
              type="button"
              className="button button-primary"
              disabled={!canCapture}
              onClick={() => onCapture(i)}
              data-testid={`fewshot.capture.${i}`}
            >
              {t('fewshot.classes.capture', { name: names[i] })}
            </button>
            <span className="fewshot-count" data-testid={`fewshot.count.${i}`}>
              {t('fewshot.classes.count', { count: c.count })}
            </span>
            {c.thumbnail ? (
              <img
                className="fewshot-thumbnail"
                src={c.thumbnail}
                alt={t('fewshot.classes.thumbnail', { name: names[i] })}
                width={40}
                height={40}
              />
            ) : null}
            {c.count > 0 ? (
              <button
                type="button"
                className="button button-small"
                onClick={() => onForget(i)}
                aria-label={t('fewshot.classes.forgetLabel', { name: names[i] })}
              >
                {t('fewshot.classes.forget')}
              </button>
            ) : null}
          </li>
        ))}
      </ol>
      <button type="button" className="button" onClick={onAdd} data-testid="fewshot.addClass">
        {t('fewshot.classes.add')}
      </button>
    </section>
  );
}
