/**
 * Webcam frames → stored images, in the worker. A frame arrives TRANSFERRED (an ImageBitmap, or ImageData whose
 * buffer moved); it is fitted to ≤ limits.decodeMaxSide, stored as a JPEG (quality 0.9: ~30 KB instead of
 * ~600 KB of RGB for a 512 × 384 frame; training decodes that JPEG, so what is stored is exactly what is
 * trained on), and given a thumbnail. Frames are queued and written in batches, one transaction each, so a
 * 15 frames/s hold does not cost 15 transactions per second.
 */
import { DEFAULT_LIMITS, type ImportLimits } from '../../core/data/limits';
import { fitWithin, makeThumbnail } from './browserDecode';
import { newImageId } from '../workspace/records';
import type { ImageRecord } from '../workspace/schema';

/** Encodes one frame; closes an ImageBitmap frame. */
export async function frameToRecord(
  frame: ImageBitmap | ImageData,
  datasetId: string,
  classIndex: number,
  source: string,
  limits: ImportLimits = DEFAULT_LIMITS,
): Promise<ImageRecord> {
  try {
    const size = fitWithin(frame.width, frame.height, limits.decodeMaxSide);
    const canvas = new OffscreenCanvas(size.width, size.height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('This browser cannot draw on an OffscreenCanvas (2D context unavailable)');
    if (frame instanceof ImageData) {
      if (size.width === frame.width && size.height === frame.height) ctx.putImageData(frame, 0, 0);
      else {
        const bitmap = await createImageBitmap(frame);
        ctx.drawImage(bitmap, 0, 0, size.width, size.height);
        bitmap.close();
      }
    } else {
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(frame, 0, 0, size.width, size.height);
    }
    const [jpeg, thumbnail] = await Promise.all([
      canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 }),
      makeThumbnail(canvas, limits.thumbnailSide),
    ]);
    return {
      id: newImageId(),
      datasetId,
      classIndex,
      source,
      width: size.width,
      height: size.height,
      pixels: { kind: 'encoded', mime: 'image/jpeg', data: await jpeg.arrayBuffer() },
      thumbnail,
    };
  } finally {
    if (!(frame instanceof ImageData)) frame.close();
  }
}

/**
 * Frames waiting to be written: `add` queues one and schedules a write after `delayMs` (or at once when
 * `maxQueued` are waiting); `flush` writes now. Writes are serialised; `write` gets one dataset's frames and
 * reports its own failures (a rejection is swallowed here so that later writes still happen).
 */
export function createFrameQueue(
  write: (datasetId: string, images: ImageRecord[]) => Promise<void>,
  options: { delayMs?: number; maxQueued?: number } = {},
) {
  const delayMs = options.delayMs ?? 250;
  const maxQueued = options.maxQueued ?? 16;
  let queued: ImageRecord[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let chain: Promise<void> = Promise.resolve();

  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = null;
    const batch = queued;
    queued = [];
    if (batch.length > 0) {
      const byDataset = new Map<string, ImageRecord[]>();
      for (const r of batch) byDataset.set(r.datasetId, [...(byDataset.get(r.datasetId) ?? []), r]);
      chain = chain.then(async () => {
        for (const [datasetId, images] of byDataset) await write(datasetId, images).catch(() => undefined);
      });
    }
    return chain;
  };
  return {
    add(record: ImageRecord): void {
      queued.push(record);
      if (queued.length >= maxQueued) void flush();
      else if (!timer) timer = setTimeout(() => void flush(), delayMs);
    },
    flush,
  };
}
