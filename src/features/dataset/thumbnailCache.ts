/**
 * Thumbnail Blobs of stored images, by image id, outside the store (Blobs are not plain data). The app wiring
 * fills it from `dataset.images` events before the store shows the ids, and prunes it when images go.
 * Blobs read from IndexedDB are handles to data on disk: holding thousands costs little. Object URLs are made
 * only for visible cells (useThumbnailUrl) and revoked when the cell goes.
 */
import { useLayoutEffect, useState } from 'react';

export interface Thumbnail {
  blob: Blob | null;
  /** Where the image came from ("daisy/1.jpg", "webcam 12:03:11.250"): its label. */
  source: string;
}

const thumbnails = new Map<string, Thumbnail>();
/** Object URLs alive right now (made by useThumbnailUrl and not yet revoked): bounded by the visible cells. */
let liveUrls = 0;

export const thumbnailCache = {
  put(id: string, thumbnail: Thumbnail): void {
    thumbnails.set(id, thumbnail);
  },
  get(id: string): Thumbnail | undefined {
    return thumbnails.get(id);
  },
  delete(ids: Iterable<string>): void {
    for (const id of ids) thumbnails.delete(id);
  },
  /** Drops every entry whose id is not in `keep`. */
  retain(keep: ReadonlySet<string>): void {
    for (const id of thumbnails.keys()) if (!keep.has(id)) thumbnails.delete(id);
  },
  get size(): number {
    return thumbnails.size;
  },
  get liveUrls(): number {
    return liveUrls;
  },
};

/**
 * An object URL for image `id`'s thumbnail while the calling component is mounted; revoked on unmount. Made in a
 * layout effect, so a cell scrolled into view shows its image in the same frame.
 */
export function useThumbnailUrl(id: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useLayoutEffect(() => {
    const blob = thumbnails.get(id)?.blob;
    if (!blob) {
      setUrl(null);
      return;
    }
    const objectUrl = URL.createObjectURL(blob);
    liveUrls += 1;
    setUrl(objectUrl);
    return () => {
      URL.revokeObjectURL(objectUrl);
      liveUrls -= 1;
    };
  }, [id]);
  return url;
}
