/**
 * Datasets as named classes of examples. Plain data only: no tensors, no DOM.
 * Decoding from bytes happens in a platform adapter (browser: createImageBitmap; Node: jpeg-js/pngjs),
 * which hands core a DecodedImage.
 */

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

/** A user-facing problem with input data. `file` is the offending file or folder, when there is one. */
export class DatasetError extends Error {
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(file ? `${file}: ${message}` : message);
    this.name = 'DatasetError';
  }
}
