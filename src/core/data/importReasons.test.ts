import { describe, expect, it } from 'vitest';
import {
  formatImportReason,
  IMPORT_REASON_EN,
  importReasonParams,
  MAX_DETAIL_CHARS,
  otherReason,
  type ImportReason,
  type ImportReasonCode,
} from './importReasons';

/** One reason per code; the mapped type makes the typechecker refuse a code left out. */
const SAMPLE_REASONS: { [C in ImportReasonCode]: Extract<ImportReason, { code: C }> } = {
  unsafePath: { code: 'unsafePath' },
  zipSlip: { code: 'zipSlip' },
  listedTwice: { code: 'listedTwice' },
  listedTwiceInZip: { code: 'listedTwiceInZip' },
  notImage: { code: 'notImage', ext: 'txt' },
  noExtension: { code: 'noExtension' },
  heic: { code: 'heic' },
  svg: { code: 'svg' },
  tiff: { code: 'tiff' },
  html: { code: 'html' },
  text: { code: 'text' },
  pdf: { code: 'pdf' },
  video: { code: 'video' },
  zipArchive: { code: 'zipArchive' },
  unknownFormat: { code: 'unknownFormat' },
  emptyFile: { code: 'emptyFile' },
  tooLarge: { code: 'tooLarge', bytes: 30 * 1024 * 1024, limitBytes: 25 * 1024 * 1024 },
  notInClassFolder: { code: 'notInClassFolder' },
  zipTooManyEntries: { code: 'zipTooManyEntries', limit: 20_000 },
  zipInvalid: { code: 'zipInvalid' },
  zipBomb: { code: 'zipBomb', entry: 'c/zeros.png', ratio: 1000, compressedBytes: 200 * 1024, bytes: 200 * 1024 ** 2 },
  zipInZip: { code: 'zipInZip' },
  archiveInZip: { code: 'archiveInZip' },
  encrypted: { code: 'encrypted' },
  compression: { code: 'compression', method: 'bzip2' },
  zipTooBig: { code: 'zipTooBig', bytes: 3 * 1024 ** 3, limitBytes: 2 * 1024 ** 3 },
  corruptEntry: { code: 'corruptEntry' },
  zipCorrupt: { code: 'zipCorrupt' },
  readFailed: { code: 'readFailed', detail: 'NotReadableError' },
  folderReadFailed: { code: 'folderReadFailed', detail: 'NotReadableError' },
  headerUnreadable: { code: 'headerUnreadable', format: 'PNG' },
  pngNoData: { code: 'pngNoData' },
  pngTruncated: { code: 'pngTruncated' },
  jpegBroken: { code: 'jpegBroken' },
  jpegTruncated: { code: 'jpegTruncated' },
  gifBroken: { code: 'gifBroken' },
  gifTruncated: { code: 'gifTruncated' },
  webpTruncated: { code: 'webpTruncated' },
  bmpTruncated: { code: 'bmpTruncated' },
  zeroSize: { code: 'zeroSize', format: 'GIF', width: 0, height: 7 },
  tooManyPixels: { code: 'tooManyPixels', width: 10000, height: 10000, megapixels: 100, limitMegapixels: 50 },
  decodeFailed: { code: 'decodeFailed', format: 'PNG', detail: 'EncodingError' },
  other: { code: 'other', message: 'the disk is full' },
};

describe('import reasons (issue 13, item 14)', () => {
  it('every code has an English sentence whose placeholders its parameters fill', () => {
    expect(Object.keys(SAMPLE_REASONS).sort()).toEqual(Object.keys(IMPORT_REASON_EN).sort());
    for (const reason of Object.values(SAMPLE_REASONS)) {
      const text = formatImportReason(reason);
      expect({ code: reason.code, text }).toEqual({ code: reason.code, text: expect.not.stringContaining('{{') });
      expect(text.length).toBeGreaterThan(0);
    }
  });

  it('says sizes and limits the way the command line always did', () => {
    expect(formatImportReason(SAMPLE_REASONS.tooLarge)).toBe('is 30 MB, over the limit of 25 MB per image');
    expect(formatImportReason(SAMPLE_REASONS.zipTooManyEntries)).toBe(
      'has more than 20,000 entries, over the limit: split it into smaller zips',
    );
    expect(formatImportReason(SAMPLE_REASONS.compression)).toContain('(bzip2)');
  });

  it('never echoes a long free text whole (issue 13, item 11)', () => {
    const huge = 'x'.repeat(5_000_000);
    const text = formatImportReason({ code: 'readFailed', detail: huge });
    expect(text.length).toBeLessThan(MAX_DETAIL_CHARS + 40);
    expect(importReasonParams(otherReason(new Error(huge))).message).toHaveLength(MAX_DETAIL_CHARS);
  });
});
