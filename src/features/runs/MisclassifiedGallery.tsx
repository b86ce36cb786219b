import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExampleThumbnail } from '../../worker/protocol/runs';
import { useEngineActions } from '../engineActions';

/** At most this many thumbnails are fetched and shown for one cell. */
const MAX_SHOWN = 60;

/**
 * The validation images of one confusion-matrix cell (true class `truth`, predicted `predicted`): thumbnails fetched
 * from the worker (it knows the dataset: sample sprite or stored images), object URLs revoked when they go. Focus
 * moves to its heading when it opens, so keyboard and screen-reader users land on what they asked for.
 */
export function MisclassifiedGallery({
  ids,
  truth,
  predicted,
  detail,
  onClose,
}: {
  ids: string[];
  truth: string;
  predicted: string;
  detail: string;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const actions = useEngineActions();
  const heading = useRef<HTMLHeadingElement>(null);
  const [thumbnails, setThumbnails] = useState<(ExampleThumbnail & { url: string | null })[] | null>(null);
  const key = ids.join('|');
  const wanted = useRef(ids);
  wanted.current = ids;

  useEffect(() => heading.current?.focus(), [key]);
  useEffect(() => {
    let alive = true;
    const urls: string[] = [];
    setThumbnails(null);
    void actions.fetchExampleThumbnails(wanted.current.slice(0, MAX_SHOWN)).then((answer) => {
      if (!alive) return;
      setThumbnails(
        answer.map((thumb) => {
          const url = thumb.blob ? URL.createObjectURL(thumb.blob) : null;
          if (url) urls.push(url);
          return { ...thumb, url };
        }),
      );
    });
    return () => {
      alive = false;
      urls.forEach((url) => URL.revokeObjectURL(url));
    };
    // `key` stands for the ids (a new array with the same ids must not fetch again).
  }, [actions, key]);

  return (
    <section className="misclassified" aria-labelledby="misclassified-heading" data-testid="misclassified.gallery">
      <div className="misclassified-header">
        <h4 id="misclassified-heading" ref={heading} tabIndex={-1}>
          {t('runs.misclassified.heading', { truth, predicted })}
        </h4>
        <span className="muted">{detail}</span>
        <button type="button" className="button button-small" onClick={onClose} data-testid="misclassified.close">
          {t('runs.misclassified.close')}
        </button>
      </div>
      {thumbnails === null ? (
        <p className="muted" aria-live="polite">
          {t('runs.misclassified.loading')}
        </p>
      ) : (
        <ul className="thumbnail-list">
          {thumbnails.map((thumb) => (
            <li key={thumb.id} data-testid="misclassified.item" data-id={thumb.id}>
              {thumb.url ? (
                <img
                  src={thumb.url}
                  alt={t('runs.misclassified.alt', { source: thumb.source ?? thumb.id, truth, predicted })}
                  data-testid="misclassified.image"
                />
              ) : (
                <span className="thumbnail-missing">{t('runs.misclassified.missing')}</span>
              )}
              <span className="thumbnail-caption">{thumb.source ?? thumb.id}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
