/**
 * Why a file was not imported, as a code with parameters instead of an English sentence, so the studio can say it
 * in the user's language (src/app/i18n) and the command line in English through `formatImportReason`, from the
 * one English template per code below (issue 13, item 14).
 *
 * A reason never holds the file name: problems carry the file separately ("photos.zip › cats/1.jpg").
 * Parameters are raw values (bytes, pixels); `importReasonParams` turns them into the strings both languages
 * interpolate. Free text from elsewhere (a browser's error message) is cut to MAX_DETAIL_CHARS.
 */
import { formatBytes, formatCount } from './limits';

/** Each code's parameters; the typechecker keeps IMPORT_REASON_EN and every translation complete. */
interface ReasonParams {
  unsafePath: object;
  zipSlip: object;
  listedTwice: object;
  listedTwiceInZip: object;
  /** `ext` without the dot. */
  notImage: { ext: string };
  noExtension: object;
  heic: object;
  svg: object;
  tiff: object;
  html: object;
  text: object;
  pdf: object;
  video: object;
  zipArchive: object;
  unknownFormat: object;
  emptyFile: object;
  tooLarge: { bytes: number; limitBytes: number };
  notInClassFolder: object;
  zipTooManyEntries: { limit: number };
  zipInvalid: object;
  zipBomb: { entry: string; ratio: number; compressedBytes: number; bytes: number };
  zipInZip: object;
  archiveInZip: object;
  encrypted: object;
  /** `method`: its name ("bzip2", "LZMA") or its number in the zip standard. */
  compression: { method: string };
  zipTooBig: { bytes: number; limitBytes: number };
  corruptEntry: object;
  zipCorrupt: object;
  readFailed: { detail: string };
  folderReadFailed: { detail: string };
  /** `format`: "PNG", "JPEG", … */
  headerUnreadable: { format: string };
  pngNoData: object;
  pngTruncated: object;
  jpegBroken: object;
  jpegTruncated: object;
  gifBroken: object;
  gifTruncated: object;
  webpTruncated: object;
  bmpTruncated: object;
  zeroSize: { format: string; width: number; height: number };
  tooManyPixels: { width: number; height: number; megapixels: number; limitMegapixels: number };
  decodeFailed: { format: string; detail: string };
  /** A failure no code describes (a storage error, a bug): its message as it came. */
  other: { message: string };
}

export type ImportReasonCode = keyof ReasonParams;
export type ImportReason = { [C in ImportReasonCode]: { code: C } & ReasonParams[C] }[ImportReasonCode];

/** English, one template per code, `{{name}}` filled by importReasonParams; also the studio's English texts. */
export const IMPORT_REASON_EN = {
  unsafePath: 'has an unsafe path (absolute or with ".."): skipped',
  zipSlip: 'has an unsafe path (absolute or with ".."), a "zip slip": skipped',
  listedTwice: 'is listed twice: imported once',
  listedTwiceInZip: 'is listed twice in the zip: imported once',
  notImage: 'is not an image (.{{ext}}): only JPEG, PNG, GIF, WebP, BMP and AVIF files are imported',
  noExtension: 'is not an image (no file extension): only JPEG, PNG, GIF, WebP, BMP and AVIF files are imported',
  heic: 'HEIC is not supported by browsers: convert to JPEG',
  svg: 'SVG is not supported: export it as PNG',
  tiff: 'TIFF is not supported by browsers: convert to PNG or JPEG',
  html: 'is a web page (HTML), not an image: save the image itself',
  text: 'is a text file, not an image',
  pdf: 'is a PDF document, not an image: export its pages as PNG',
  video: 'is a video, not an image: export frames as JPEG or PNG',
  zipArchive: 'is a zip archive, not an image: drop the zip on its own to import the images inside',
  unknownFormat: 'is not a recognised image (JPEG, PNG, GIF, WebP, BMP or AVIF expected)',
  emptyFile: 'is an empty file (0 bytes)',
  tooLarge: 'is {{bytes}}, over the limit of {{limitBytes}} per image',
  notInClassFolder: 'is not inside a class folder: put it in a folder named after its class, or drop it onto a class',
  zipTooManyEntries: 'has more than {{limit}} entries, over the limit: split it into smaller zips',
  zipInvalid: 'is not a valid zip archive (it may be truncated or corrupt): re-create or re-download it',
  zipBomb:
    'looks like a zip bomb: {{entry}} would expand {{ratio}}× ({{compressedBytes}} → {{bytes}}); nothing was imported',
  zipInZip: 'a zip inside a zip: unzip it first',
  archiveInZip: 'an archive inside a zip: unpack it first',
  encrypted: 'is password-protected: unzip it with its password, then import the images',
  compression:
    'uses an unsupported compression method ({{method}}): re-create the zip with standard (Deflate) compression',
  zipTooBig: 'unpacks to {{bytes}} of images, over the limit of {{limitBytes}}: split it into smaller zips',
  corruptEntry: 'is corrupt inside the zip (it could not be unpacked): skipped',
  zipCorrupt: 'is corrupt: too many of its entries could not be unpacked; re-create or re-download it',
  readFailed: 'could not be read ({{detail}})',
  folderReadFailed: 'folder could not be read ({{detail}})',
  headerUnreadable: 'is corrupt: its {{format}} header is unreadable',
  pngNoData: 'is corrupt: the PNG has no image data (IDAT)',
  pngTruncated: 'is truncated or corrupt: the PNG ends before its end marker (IEND); re-download or re-export it',
  jpegBroken: 'is corrupt: the JPEG structure is broken',
  jpegTruncated: 'is truncated or corrupt: the JPEG ends before its end marker (EOI); re-download or re-save it',
  gifBroken: 'is corrupt: the GIF structure is broken before its first frame',
  gifTruncated: 'is truncated or corrupt: the GIF ends inside its first frame',
  webpTruncated: 'is truncated: the WebP file is shorter than its header says',
  bmpTruncated: 'is truncated: the BMP file is shorter than its header says',
  zeroSize: 'is corrupt: its {{format}} header gives a size of {{width}}×{{height}} pixels',
  tooManyPixels:
    'header claims {{width}}×{{height}} = {{megapixels}} megapixels, over the limit of {{limitMegapixels}} megapixels: scale it down first',
  decodeFailed:
    'could not be decoded as {{format}} ({{detail}}): it may be corrupt or use a variant this browser does not support',
  other: '{{message}}',
} as const satisfies Record<ImportReasonCode, string>;

/** Free text echoed in a reason (a browser's error message, an extension) is cut to this many characters. */
export const MAX_DETAIL_CHARS = 200;

/** `text` cut to `max` characters with "…" (a 50 MB string is never echoed whole). */
export function truncateEcho(text: string, max = MAX_DETAIL_CHARS): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const BYTE_PARAMS = new Set(['bytes', 'limitBytes', 'compressedBytes', 'existingBytes']);
const COUNT_PARAMS = new Set(['limit', 'count', 'existing', 'skipped']);

/** The strings a template interpolates: sizes as "25 MB", counts as "10,000", free text truncated. */
export function importReasonParams(reason: { readonly code: string }): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(reason)) {
    if (key === 'code') continue;
    if (typeof value === 'number') {
      params[key] = BYTE_PARAMS.has(key)
        ? formatBytes(value)
        : COUNT_PARAMS.has(key)
          ? formatCount(value)
          : String(value);
    } else params[key] = truncateEcho(String(value));
  }
  return params;
}

/** Fills `{{name}}` placeholders; unknown names stay as written. */
export function fillTemplate(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => params[name] ?? whole);
}

/** The reason in English, for the command line and for errors thrown to non-UI callers. */
export function formatImportReason(reason: ImportReason): string {
  return fillTemplate(IMPORT_REASON_EN[reason.code], importReasonParams(reason));
}

/** `{ code: 'other' }` for a failure no code describes, its message truncated. */
export function otherReason(error: unknown): ImportReason {
  const message = error instanceof Error && error.message ? error.message : String(error);
  return { code: 'other', message: truncateEcho(message) };
}
