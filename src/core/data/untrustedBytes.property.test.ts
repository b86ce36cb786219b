import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { animatedGif, corruptJpeg, heicPhoto, patternPng, pngClaiming, zip } from '../testing/badInputs';
import { checkImageBytes, sniffFormat } from './imageHeader';
import { isJunkPath, isUnsafePath, nonImageReason } from './importPlan';
import { withLimits } from './limits';
import { listZip } from './zipImport';
import { formatImportReason } from './importReasons';

/**
 * Every byte a user drops is untrusted. listZip, sniffFormat and checkImageBytes are the first code to read them,
 * so they must NEVER throw, whatever the bytes: random data, or a valid file with bytes flipped or cut off
 * (docs/guarantees.md). Their answers keep their contracts too: listZip returns only safe, image-named entries,
 * and every refusal names its file and a reason.
 */
const VALID_ZIP = zip({
  'pets/cats/1.png': patternPng(1),
  'pets/cats/2.png': patternPng(2),
  'pets/dogs/1.png': patternPng(3, 8, 1),
  'pets/dogs/notes.txt': new Uint8Array([104, 105]),
  'pets/inner.zip': zip({ 'x.png': patternPng(4) }),
});
const SAMPLES = [VALID_ZIP, patternPng(5, 16), pngClaiming(30000, 30000), corruptJpeg(), animatedGif(), heicPhoto()];

/** A valid sample with some bytes overwritten and maybe cut short. */
const mutatedArb = fc
  .record({
    sample: fc.constantFrom(...SAMPLES),
    edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 12 }),
    keep: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ sample, edits, keep }) => {
    const bytes = sample.slice(0, Math.max(0, Math.round(sample.length * keep)) || sample.length);
    for (const [at, value] of edits) if (bytes.length > 0) bytes[at % bytes.length] = value;
    return bytes;
  });

/** Random bytes, sometimes starting with a zip or image signature so the parsers go deeper. */
const randomArb = fc
  .tuple(
    fc.constantFrom(
      [],
      [0x50, 0x4b, 0x03, 0x04],
      [0x50, 0x4b, 0x05, 0x06],
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      [0xff, 0xd8, 0xff],
      [0x47, 0x49, 0x46, 0x38, 0x39, 0x61],
    ),
    fc.uint8Array({ maxLength: 400 }),
  )
  .map(([head, tail]) => Uint8Array.from([...head, ...tail]));

const bytesArb = fc.oneof(randomArb, mutatedArb);
const limits = withLimits({ maxZipEntries: 50 });

describe('untrusted bytes (properties)', () => {
  it('listZip never throws; it returns only safe image entries, and every problem names a file and a reason', () => {
    fc.assert(
      fc.property(bytesArb, (bytes) => {
        const listing = listZip(bytes, 'drop.zip', limits);
        for (const f of listing.files) {
          expect(isUnsafePath(f.path)).toBe(false);
          expect(isJunkPath(f.path)).toBe(false);
          expect(nonImageReason(f.path)).toBeNull();
          expect(f.bytes).toBeInstanceOf(Uint8Array);
        }
        for (const p of listing.problems) {
          expect(p.file.startsWith('drop.zip')).toBe(true);
          expect(formatImportReason(p.reason).length).toBeGreaterThan(0);
        }
        // A whole-zip refusal imports nothing.
        if (listing.problems.some((p) => p.file === 'drop.zip')) expect(listing.files).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('the unmodified valid zip lists its images, and refuses the text file and the inner zip by name', () => {
    const listing = listZip(VALID_ZIP, 'drop.zip');
    expect(listing.files.map((f) => f.path)).toEqual(['pets/cats/1.png', 'pets/cats/2.png', 'pets/dogs/1.png']);
    expect(listing.problems.map((p) => p.file)).toEqual([
      'drop.zip › pets/dogs/notes.txt',
      'drop.zip › pets/inner.zip',
    ]);
  });

  it('sniffFormat and checkImageBytes never throw; a refusal names the file; an acceptance has a sane size', () => {
    fc.assert(
      fc.property(bytesArb, (bytes) => {
        sniffFormat(bytes);
        const check = checkImageBytes(bytes, 'photo.jpg');
        if (check.ok) {
          expect(check.width).toBeGreaterThan(0);
          expect(check.height).toBeGreaterThan(0);
          expect((check.width * check.height) / 1e6).toBeLessThanOrEqual(100);
          expect(check.orientation).toBeGreaterThanOrEqual(1);
          expect(check.orientation).toBeLessThanOrEqual(8);
        } else {
          expect(check.error.message.startsWith('photo.jpg: ')).toBe(true);
          expect(check.error.message.length).toBeGreaterThan('photo.jpg: '.length);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
