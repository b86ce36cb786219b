import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { thumbnailCache, useThumbnailUrl } from './thumbnailCache';
import { useWindowedRows } from './useWindowedRows';

/** Cell side and gap in CSS pixels (dataset.css uses the same numbers). */
const CELL = 64;
const GAP = 6;
const ROW = CELL + GAP;
/** Rows shown before the grid scrolls. */
const VISIBLE_ROWS = 3;

/**
 * The thumbnails of one class, virtualised: only the rows in view (plus two either side) are in the DOM, so a
 * class of thousands of images scrolls smoothly; each visible cell holds an object URL, revoked when it
 * scrolls away. The scroll area is focusable (keyboard scrolling); every cell has a labelled delete button.
 */
export function ThumbnailGrid({
  ids,
  className,
  onDelete,
  disabled,
}: {
  ids: readonly string[];
  className: string;
  onDelete(id: string): void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  // Rows depend on the columns, which depend on the measured width: window over the most rows there can be
  // (one column) and clamp to the real count below.
  const { ref, start, end, width } = useWindowedRows(ids.length, ROW);
  const columns = Math.max(1, Math.floor((width - 8 + GAP) / ROW) || 4);
  const rows = Math.ceil(ids.length / columns);
  const first = start * columns;
  const last = Math.min(ids.length, Math.min(end, rows) * columns);
  const height = Math.min(rows, VISIBLE_ROWS) * ROW + 8;
  // Centre the columns in the width (4 px padding each side), so a narrow screen has no lopsided gap.
  const inset = width > 0 ? Math.max(0, Math.floor((width - 8 - (columns * ROW - GAP)) / 2)) : 0;

  if (ids.length === 0) return <p className="muted thumb-empty">{t('dataset.classes.empty')}</p>;
  return (
    <div
      ref={ref}
      className="thumb-scroller"
      style={{ height }}
      tabIndex={0}
      role="region"
      aria-label={t('dataset.classes.gridLabel', { name: className, count: ids.length })}
    >
      <ul className="thumb-grid" style={{ height: rows * ROW }}>
        {ids.slice(first, last).map((id, i) => {
          const index = first + i;
          return (
            <Thumb
              key={id}
              id={id}
              x={(index % columns) * ROW + inset}
              y={Math.floor(index / columns) * ROW}
              position={index + 1}
              total={ids.length}
              onDelete={onDelete}
              disabled={disabled}
            />
          );
        })}
      </ul>
    </div>
  );
}

const Thumb = memo(function Thumb(props: {
  id: string;
  x: number;
  y: number;
  position: number;
  total: number;
  onDelete(id: string): void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const url = useThumbnailUrl(props.id);
  const source = thumbnailCache.get(props.id)?.source ?? props.id;
  return (
    <li
      className="thumb"
      style={{ transform: `translate(${props.x}px, ${props.y}px)` }}
      aria-posinset={props.position}
      aria-setsize={props.total}
      title={source}
    >
      {url ? (
        <img src={url} alt={source} width={CELL} height={CELL} decoding="async" draggable={false} />
      ) : (
        <span className="thumb-missing" role="img" aria-label={source} />
      )}
      <button
        type="button"
        className="thumb-delete"
        onClick={() => props.onDelete(props.id)}
        disabled={props.disabled}
        aria-label={t('dataset.classes.deleteImage', { name: source })}
      >
        ×
      </button>
    </li>
  );
});
