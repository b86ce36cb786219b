/**
 * Datasets as named classes of examples. Plain data only: no tensors, no DOM.
 * Decoding from bytes happens in a platform adapter (browser: createImageBitmap; Node: jpeg-js/pngjs),
 * which hands core a DecodedImage.
 */
import { formatImportReason, type ImportReason } from './importReasons';

/** Decoded pixels, RGB interleaved, row-major: data.length === width * height * 3. */
export interface DecodedImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** One labelled example. `source` names where it came from (a file path or "mnist:7:123") for messages. */
export interface LabeledImage {
  id: string;
  label: number;
  source: string;
  image: DecodedImage;
  /** Frames of one webcam burst (one hold of "Hold to record") share an id; splits keep them on one side. */
  burst?: string;
}

export interface Dataset {
  name: string;
  classNames: string[];
  examples: LabeledImage[];
}

/** Turns encoded bytes into pixels. Throws DatasetError naming `fileName` and the reason on bad input. */
export interface ImageDecoder {
  decode(bytes: Uint8Array, fileName: string): Promise<DecodedImage>;
}

/**
 * A user-facing problem with input data. `file` is the offending file or folder, when there is one; `reason` is
 * the same problem as a code the studio translates (importReasons.ts), when it is one of those.
 */
export class DatasetError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly reason?: ImportReason,
  ) {
    super(file ? `${file}: ${message}` : message);
    this.name = 'DatasetError';
  }

  /** The error for `reason` about `file`, its message in English. */
  static because(reason: ImportReason, file?: string): DatasetError {
    return new DatasetError(formatImportReason(reason), file, reason);
  }
}
