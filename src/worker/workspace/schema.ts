/**
 * The persisted workspace: record types of the IndexedDB stores (db.ts) and of the exported archive
 * (archive.ts), with zod schemas that validate them at both boundaries (writes and imports).
 *
 * Binary fields are ArrayBuffers (structured-clone safe everywhere; Safari has had bugs storing Blobs), except
 * the thumbnail, a Blob so the UI can `URL.createObjectURL` it without a copy. Times are ms since the epoch.
 * Everything else is plain JSON, so a run's config/result or a model's metadata round-trips exactly.
 */
import { RUN_STATUSES, type RunStatus } from '../protocol/runs';
import { z } from '../../core/zod';
import type { DecodedImage } from '../../core/data/types';
import type { ImportMarker } from '../../core/data/importMarker';

/** Version of the IndexedDB schema AND of the export manifest. Bump with a new entry in MIGRATIONS. */
export const WORKSPACE_SCHEMA_VERSION = 1;

export type JsonValue = z.infer<ReturnType<typeof z.json>>;

export interface DatasetRecord {
  id: string;
  name: string;
  /** Class i of the images is classNames[i]. */
  classNames: string[];
  createdAt: number;
  /** Set while an import into it runs (core/data/importMarker.ts); left set by a reload in the middle of one. */
  importing?: ImportMarker;
}

/**
 * An image's pixels, stored compactly (see `choosePixelPayload`):
 * - 'rgb': the decoded ≤ 512-px RGB, `data.byteLength === width * height * 3`;
 * - 'encoded': the original file's bytes (decoded again, by the same browser, when loaded).
 */
export type PixelPayload =
  | { kind: 'rgb'; width: number; height: number; data: ArrayBuffer }
  | { kind: 'encoded'; mime: string; data: ArrayBuffer };

export interface ImageRecord {
  id: string;
  datasetId: string;
  classIndex: number;
  /** Where it came from, for messages: "cats/001.jpg", "webcam 12:03:11". */
  source: string;
  /** Size of the stored (decoded, ≤ 512 px) image. */
  width: number;
  height: number;
  pixels: PixelPayload;
  thumbnail: Blob | null;
  /** core/data/duplicates.ts `pixelHash` of the decoded pixels, for skipping re-imports; absent in older records. */
  pixelHash?: string;
}

/** 'failed' is a run that stopped on an error (its message in `error`). */

export interface RunRecord {
  id: string;
  datasetId: string | null;
  /** The ExperimentConfig as JSON (validated by core's parseExperimentConfig when used). */
  config: JsonValue;
  status: RunStatus;
  /** ExperimentResult (or partial progress) as JSON; null until there is one. */
  result: JsonValue | null;
  error?: string;
  startedAt: number;
  updatedAt: number;
  /** The results file it was read from (a run made elsewhere and dropped into the studio); absent otherwise. */
  importedFrom?: string;
}

/** A trained model as tfjs `ModelArtifacts`, with `weightData` as ONE ArrayBuffer
 * (concatenate tfjs' ArrayBuffer[] form with tf.io.concatenateArrayBuffers before saving). */
export interface ModelArtifactsRecord {
  modelTopology: JsonValue | null;
  weightSpecs: JsonValue;
  weightData: ArrayBuffer;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  trainingConfig?: JsonValue;
  userDefinedMetadata?: JsonValue;
}

export interface ModelRecord {
  id: string;
  name: string;
  /** e.g. 'head' (a head on a named backbone) or 'model' (a whole fine-tuned network). */
  kind: string;
  /** Labels, backbone id, input size, run id…: whatever the exporter needs, as JSON. */
  metadata: JsonValue;
  artifacts: ModelArtifactsRecord;
  createdAt: number;
}

export interface SettingRecord {
  key: string;
  value: JsonValue;
}

/** Everything in the workspace, in key order per store. */
export interface WorkspaceSnapshot {
  datasets: DatasetRecord[];
  images: ImageRecord[];
  runs: RunRecord[];
  models: ModelRecord[];
  settings: SettingRecord[];
}

// ---- zod: the same shapes, checked at the boundaries ----
const id = z.string().min(1);
const time = z.number().finite();
const size = z.number().int().positive();
const json = z.json();
const arrayBuffer = z.custom<ArrayBuffer>((v) => v instanceof ArrayBuffer, 'expected binary data (ArrayBuffer)');
const blob = z.custom<Blob>((v) => typeof Blob !== 'undefined' && v instanceof Blob, 'expected a Blob');

const count = z.number().int().nonnegative();
const importMarkerSchema = z.object({
  importId: z.string(),
  files: count,
  plannedPerClass: z.array(count),
  countsBefore: z.array(count),
  classesBefore: count,
  createdDataset: z.boolean(),
  firstImageId: z.string(),
  lastImageId: z.string(),
  startedAt: time,
});

export const datasetRecordSchema = z.object({
  id,
  name: z.string(),
  classNames: z.array(z.string()),
  createdAt: time,
  importing: importMarkerSchema.optional(),
});

export const pixelPayloadSchema = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('rgb'), width: size, height: size, data: arrayBuffer })
    .refine((p) => p.data.byteLength === p.width * p.height * 3, 'rgb data must be width × height × 3 bytes'),
  z.object({ kind: z.literal('encoded'), mime: z.string().min(1), data: arrayBuffer }),
]);

export const imageRecordSchema = z.object({
  id,
  datasetId: id,
  classIndex: z.number().int().nonnegative(),
  source: z.string(),
  width: size,
  height: size,
  pixels: pixelPayloadSchema,
  thumbnail: blob.nullable(),
  pixelHash: z.string().optional(),
});

export const runRecordSchema = z.object({
  id,
  datasetId: id.nullable(),
  config: json,
  status: z.enum(RUN_STATUSES),
  result: json.nullable(),
  error: z.string().optional(),
  startedAt: time,
  updatedAt: time,
  importedFrom: z.string().optional(),
});

const artifactsFields = {
  modelTopology: json.nullable(),
  weightSpecs: json,
  format: z.string().optional(),
  generatedBy: z.string().optional(),
  convertedBy: z.string().nullable().optional(),
  trainingConfig: json.optional(),
  userDefinedMetadata: json.optional(),
};

export const modelRecordSchema = z.object({
  id,
  name: z.string(),
  kind: z.string(),
  metadata: json,
  artifacts: z.object({ ...artifactsFields, weightData: arrayBuffer }),
  createdAt: time,
});

export const settingRecordSchema = z.object({ key: id, value: json });

/** The export manifest: the records with binary fields replaced by file names inside the zip. */
const fileRef = z.string().regex(/^(images|thumbnails|models)\/\d+\.bin$/);
export const manifestSchema = z.object({
  format: z.literal('transfer-studio-workspace'),
  schemaVersion: z.literal(WORKSPACE_SCHEMA_VERSION),
  exportedAt: z.string(),
  datasets: z.array(datasetRecordSchema),
  images: z.array(
    imageRecordSchema.extend({
      pixels: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('rgb'), width: size, height: size, file: fileRef }),
        z.object({ kind: z.literal('encoded'), mime: z.string().min(1), file: fileRef }),
      ]),
      thumbnail: z.object({ type: z.string(), file: fileRef }).nullable(),
    }),
  ),
  runs: z.array(runRecordSchema),
  models: z.array(modelRecordSchema.extend({ artifacts: z.object({ ...artifactsFields, weightData: fileRef }) })),
  settings: z.array(settingRecordSchema),
});
export type WorkspaceManifest = z.infer<typeof manifestSchema>;

/**
 * Decision "raw RGB or encoded bytes", by size: keep the original file when it is no bigger than the
 * decoded ≤ 512-px RGB (small JPEGs/PNGs: typically 5–20× smaller), else the RGB (a 12-MP photo's 4 MB
 * JPEG vs 0.6 MB of RGB). Either way the stored form is at most the RGB size, and reloading gives the same
 * pixels (the same browser decodes the same bytes the same way).
 */
export function choosePixelPayload(original: Uint8Array, mime: string, decoded: DecodedImage): PixelPayload {
  const copy = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer as ArrayBuffer;
  if (original.byteLength <= decoded.data.byteLength) return { kind: 'encoded', mime, data: copy(original) };
  return { kind: 'rgb', width: decoded.width, height: decoded.height, data: copy(decoded.data) };
}
