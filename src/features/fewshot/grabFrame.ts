/**
 * Frames for the instant classifier, grabbed on the page: scaled down here so that only about the model's input
 * crosses to the engine (a 640×480 frame for a 160-px session is 213×160, 1/9 of the pixels to copy, transfer and
 * draw), with the same scaling for captures and live frames so their embeddings stay comparable.
 */

/** `source` scaled so its shorter side is `side` px (never enlarged); a new ImageBitmap the caller owns. */
export function scaledFrame(source: HTMLVideoElement | ImageBitmap, side: number): Promise<ImageBitmap> {
  const [width, height] =
    source instanceof ImageBitmap ? [source.width, source.height] : [source.videoWidth, source.videoHeight];
  const scale = Math.min(1, side / Math.min(width, height));
  if (scale === 1) return createImageBitmap(source);
  return createImageBitmap(source, {
    resizeWidth: Math.max(1, Math.round(width * scale)),
    resizeHeight: Math.max(1, Math.round(height * scale)),
    resizeQuality: 'medium',
  });
}

/** Longer side of a capture kept for saving as a dataset (the import's 512-px limit). */
export const KEPT_MAX_SIDE = 512;

/** The video's current frame fitted within KEPT_MAX_SIDE (never enlarged). */
export function keptFrame(video: HTMLVideoElement): Promise<ImageBitmap> {
  const scale = Math.min(1, KEPT_MAX_SIDE / Math.max(video.videoWidth, video.videoHeight));
  if (scale === 1) return createImageBitmap(video);
  return createImageBitmap(video, {
    resizeWidth: Math.round(video.videoWidth * scale),
    resizeHeight: Math.round(video.videoHeight * scale),
    resizeQuality: 'high',
  });
}
