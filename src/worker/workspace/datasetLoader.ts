/**
 * A stored dataset → a core Dataset for runExperiment (DatasetSource kind 'workspace'). Runs in the worker.
 * Images stored as 'rgb' are used as they are; 'encoded' ones are decoded again by the same browser decoder
 * (and limits) that imported them, so the pixels are those the import saw. Examples keep the stored (= added)
 * order; label = classIndex; webcam frames carry their burst (core/data/webcamBurst.ts) for the split.
 */
import {
  DatasetError,
  type Dataset,
  type DecodedImage,
  type ImageDecoder,
  type LabeledImage,
} from '../../core/data/types';
import type { Preprocessing } from '../../core/backbones/types';
import { fitImage } from '../../core/data/fitImages';
import { burstOfSource } from '../../core/data/webcamBurst';
import type { WorkspaceDb } from './db';
import type { ImageRecord, PixelPayload } from './schema';

export interface LoadOptions {
  decoder: ImageDecoder;
  signal?: AbortSignal;
  /** Called with (images done, total) now and then. */
  onProgress?: (done: number, total: number) => void;
  concurrency?: number;
  /** Crop and resize each image for this preprocessing and size as it is read (core/data/fitImages.ts). */
  fit?: ImageFit;
}

/** The input a run's images are fitted to: its backbone's preprocessing at its input size. */
export interface ImageFit {
  preprocessing: Preprocessing;
  size: number;
}

async function toPixels(payload: PixelPayload, source: string, decoder: ImageDecoder): Promise<DecodedImage> {
  if (payload.kind === 'rgb')
    return { width: payload.width, height: payload.height, data: new Uint8Array(payload.data) };
  return decoder.decode(new Uint8Array(payload.data), source);
}

export async function loadWorkspaceDataset(ws: WorkspaceDb, datasetId: string, options: LoadOptions): Promise<Dataset> {
  const record = await ws.getDataset(datasetId);
  if (!record)
    throw new DatasetError('the dataset chosen for this run no longer exists in this browser: pick another one');
  const stored: Pick<ImageRecord, 'id' | 'classIndex' | 'source' | 'pixels'>[] = [];
  await ws.forEachImage(datasetId, ({ id, classIndex, source, pixels }) =>
    stored.push({ id, classIndex, source, pixels }),
  );
  stored.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const examples = new Array<LabeledImage>(stored.length);
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < stored.length) {
      options.signal?.throwIfAborted();
      const i = next;
      next += 1;
      const { id, classIndex, source, pixels } = stored[i];
      const image = await toPixels(pixels, source, options.decoder);
      const fit = options.fit;
      const burst = burstOfSource(source);
      examples[i] = {
        id,
        label: classIndex,
        source,
        image: fit ? fitImage(image, fit.preprocessing, fit.size) : image,
        ...(burst === undefined ? {} : { burst }),
      };
      done += 1;
      if (done % 16 === 0) options.onProgress?.(done, stored.length);
    }
  };
  options.onProgress?.(0, stored.length);
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, lane));
  options.onProgress?.(stored.length, stored.length);
  return { name: record.name, classNames: [...record.classNames], examples };
}

/**
 * The last decoded dataset, kept between runs (the next run of the same data and input size starts at once),
 * dropped when it changes. One dataset at most: decoded pixels of thousands of images are hundreds of MB.
 */
export class DatasetCache {
  private readonly entries = new Map<string, { datasetId: string; dataset: Promise<Dataset> }>();

  /** @param workspace opens (or returns) the database; @param decoder decodes stored image bytes. */
  constructor(
    private readonly workspace: () => Promise<WorkspaceDb>,
    private readonly decoder: LoadOptions['decoder'],
  ) {}

  /**
   * A stored dataset as a core Dataset for runExperiment (decoded once, kept until it changes). With `fit`, images
   * are held cropped and resized for that run (core/data/fitImages.ts), cached per fit.
   */
  load(
    datasetId: string,
    signal?: AbortSignal,
    onProgress?: (done: number, total: number) => void,
    fit?: ImageFit,
  ): Promise<Dataset> {
    const { decoder } = this;
    return this.get(
      datasetId,
      async () => loadWorkspaceDataset(await this.workspace(), datasetId, { decoder, signal, onProgress, fit }),
      fit ? JSON.stringify(fit) : '',
    );
  }

  /** `variant` tells apart loads of the same dataset that differ (e.g. the size images are fitted to). */
  get(datasetId: string, load: () => Promise<Dataset>, variant = ''): Promise<Dataset> {
    const key = `${datasetId}\u0000${variant}`;
    let entry = this.entries.get(key);
    if (!entry) {
      this.entries.clear();
      entry = { datasetId, dataset: load() };
      this.entries.set(key, entry);
      entry.dataset.catch(() => this.entries.delete(key));
    }
    return entry.dataset;
  }

  invalidate(datasetId?: string): void {
    for (const [key, entry] of this.entries) {
      if (datasetId === undefined || entry.datasetId === datasetId) this.entries.delete(key);
    }
  }
}
