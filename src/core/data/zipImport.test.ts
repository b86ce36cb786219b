import { describe, expect, it } from 'vitest';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { listZip } from './zipImport';
import { planImport } from './importPlan';
import { withLimits } from './limits';
import { formatImportReason } from './importReasons';
import { lockedZip } from '../testing/lockedZip';
import type { ImportProblem } from './importPlan';

/** Problems with their reasons in English, as the command line prints them. */
const english = (problems: ImportProblem[]) =>
  problems.map((p) => ({ file: p.file, reason: formatImportReason(p.reason) }));

const png = (tag: number) => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, tag, 1, 2, 3]);

/** Rewrites the name of central-directory + local entries (same length), to forge names zipSync refuses. */
function renameEntry(zip: Uint8Array, from: string, to: string): Uint8Array {
  const out = zip.slice();
  const a = strToU8(from);
  const b = strToU8(to);
  expect(b.length).toBe(a.length);
  for (let i = 0; i + a.length <= out.length; i += 1) {
    if (a.every((v, j) => out[i + j] === v)) out.set(b, i);
  }
  return out;
}

describe('listZip', () => {
  it('returns the image entries with their bytes, and folders, in order', () => {
    const zip = zipSync({
      'pets/': new Uint8Array(0),
      'pets/cats/a.png': png(1),
      'pets/dogs/b.png': png(2),
      'pets/empty/': new Uint8Array(0),
    });
    const listing = listZip(zip, 'pets.zip');
    expect(english(listing.problems)).toEqual([]);
    expect(listing.folders).toEqual(['pets/', 'pets/empty/']);
    expect(listing.files.map((f) => f.path)).toEqual(['pets/cats/a.png', 'pets/dogs/b.png']);
    expect(listing.files[1].bytes).toEqual(png(2));
    // …and the plan built from it sees the empty class.
    const plan = planImport([
      ...listing.files.map((f) => ({ path: f.path, size: f.bytes.length })),
      ...listing.folders.map((path) => ({ path, size: 0 })),
    ]);
    expect(plan.classes.map((c) => [c.name, c.files.length])).toEqual([
      ['cats', 1],
      ['dogs', 1],
      ['empty', 0],
    ]);
  });

  it('skips __MACOSX and dotfiles silently, reports non-images naming the zip and the entry', () => {
    const zip = zipSync({
      '__MACOSX/cats/._a.png': png(0),
      'cats/.DS_Store': png(0),
      'cats/a.png': png(1),
      'cats/notes.txt': strToU8('hi'),
    });
    const listing = listZip(zip, 'x.zip');
    expect(listing.files.map((f) => f.path)).toEqual(['cats/a.png']);
    expect(english(listing.problems)).toEqual([
      {
        file: 'x.zip › cats/notes.txt',
        reason: 'is not an image (.txt): only JPEG, PNG, GIF, WebP, BMP and AVIF files are imported',
      },
    ]);
  });

  it('refuses a zip inside a zip', () => {
    const inner = zipSync({ 'a.png': png(1) });
    const listing = listZip(zipSync({ 'cats/more.zip': inner, 'cats/b.png': png(2) }), 'outer.zip');
    expect(listing.files.map((f) => f.path)).toEqual(['cats/b.png']);
    expect(english(listing.problems)).toEqual([
      { file: 'outer.zip › cats/more.zip', reason: 'a zip inside a zip: unzip it first' },
    ]);
  });

  it('refuses ../ and absolute entries (zip slip) before inflating them', () => {
    const zip = renameEntry(
      zipSync({ 'xx/evil.png': png(1), 'abs/evil.png': png(2), 'ok/fine.png': png(3) }),
      'xx/evil.png',
      '../evil.png',
    );
    const forged = renameEntry(zip, 'abs/evil.png', '/bs/evil.png');
    const listing = listZip(forged, 'slip.zip');
    expect(listing.files.map((f) => f.path)).toEqual(['ok/fine.png']);
    expect(listing.problems.map((p) => p.file)).toEqual(['slip.zip › ../evil.png', 'slip.zip › /bs/evil.png']);
    expect(formatImportReason(listing.problems[0].reason)).toContain('zip slip');
  });

  it('rejects a zip bomb (200 MB of zeros) from the central directory alone, without inflating', () => {
    const zeros = new Uint8Array(200 * 1024 * 1024);
    const bomb = zipSync({ 'cats/zeros.png': zeros, 'cats/a.png': png(1) }, { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    // Damage the bomb's compressed data: had listZip inflated it, it would report a corrupt entry, not a bomb.
    const damaged = bomb.slice();
    for (let i = 200; i < Math.min(damaged.length - 200, 5000); i += 1) damaged[i] ^= 0x5a;
    const listing = listZip(damaged, 'bomb.zip');
    expect(listing.files).toEqual([]);
    expect(listing.problems).toHaveLength(1);
    expect(listing.problems[0].file).toBe('bomb.zip');
    expect(formatImportReason(listing.problems[0].reason)).toMatch(
      /^looks like a zip bomb: cats\/zeros\.png would expand \d+× \(.* → 200 MB\); nothing was imported$/,
    );
  });

  it('rejects a zip whose images unpack past the total limit, and one with too many entries', () => {
    const files: Zippable = {};
    for (let i = 0; i < 30; i += 1) files[`c/${i}.png`] = png(i);
    const zip = zipSync(files, { level: 0 });
    expect(english(listZip(zip, 'big.zip', withLimits({ maxTotalBytes: 100 })).problems)[0].reason).toBe(
      'unpacks to 360 bytes of images, over the limit of 100 bytes: split it into smaller zips',
    );
    expect(english(listZip(zip, 'many.zip', withLimits({ maxZipEntries: 20 })).problems)).toEqual([
      { file: 'many.zip', reason: 'has more than 20 entries, over the limit: split it into smaller zips' },
    ]);
  });

  it('skips an entry over the per-image limit without inflating it', () => {
    const listing = listZip(
      zipSync({ 'c/big.png': new Uint8Array(5000).fill(9), 'c/a.png': png(1) }),
      'z.zip',
      withLimits({ maxBytesPerImage: 1000 }),
    );
    expect(listing.files.map((f) => f.path)).toEqual(['c/a.png']);
    expect(english(listing.problems)).toEqual([
      { file: 'z.zip › c/big.png', reason: 'is 4.9 KB, over the limit of 1000 bytes per image' },
    ]);
  });

  it('says so when the bytes are not a zip, or a truncated one', () => {
    const notZip = listZip(strToU8('hello'), 'fake.zip');
    expect(english(notZip.problems)[0]).toEqual({
      file: 'fake.zip',
      reason: expect.stringContaining('is not a valid zip archive'),
    });
    const zip = zipSync({ 'c/a.png': png(1) });
    expect(listZip(zip.subarray(0, zip.length - 10), 'cut.zip').problems[0].reason).toEqual({ code: 'zipInvalid' });
  });

  it('issue 13, item 7: twelve corrupt entries are each skipped; the good images are kept, not the whole zip refused', () => {
    const entries: Zippable = {};
    for (let i = 0; i < 12; i++) entries[`c/bad-${i}.png`] = new Uint8Array(3000).fill(i + 1);
    entries['c/good.png'] = png(2);
    entries['d/good.png'] = png(3);
    const broken = zipSync(entries, { level: 6 }).slice();
    for (let at = 0; at + 30 < broken.length; at++) {
      if (broken[at] !== 0x50 || broken[at + 1] !== 0x4b || broken[at + 2] !== 3 || broken[at + 3] !== 4) continue;
      const nameLength = broken[at + 26] | (broken[at + 27] << 8);
      const name = new TextDecoder().decode(broken.subarray(at + 30, at + 30 + nameLength));
      const start = at + 30 + nameLength + (broken[at + 28] | (broken[at + 29] << 8));
      if (name.includes('bad')) broken.fill(0xff, start, start + 8);
    }
    const listing = listZip(broken, 'many-bad.zip');
    expect(listing.files.map((f) => f.path)).toEqual(['c/good.png', 'd/good.png']);
    expect(listing.problems).toHaveLength(12);
    expect(new Set(listing.problems.map((p) => p.reason.code))).toEqual(new Set(['corruptEntry']));
  });

  it('issue 13, item 7: bzip2, LZMA and password-protected entries are named as such, not called corrupt', () => {
    const zip = lockedZip(
      { 'c/bz.png': png(1), 'c/lz.png': png(2), 'c/secret.png': png(3), 'c/ok.png': png(4) },
      { 'c/bz.png': { method: 12 }, 'c/lz.png': { method: 14 }, 'c/secret.png': { encrypted: true } },
    );
    const listing = listZip(zip, 'locked.zip');
    expect(listing.files.map((f) => f.path)).toEqual(['c/ok.png']);
    expect(listing.problems).toEqual([
      { file: 'locked.zip › c/bz.png', reason: { code: 'compression', method: 'bzip2' } },
      { file: 'locked.zip › c/lz.png', reason: { code: 'compression', method: 'LZMA' } },
      { file: 'locked.zip › c/secret.png', reason: { code: 'encrypted' } },
    ]);
  });

  it('skips an entry that cannot be inflated and keeps the rest', () => {
    const zip = zipSync({ 'c/a.png': new Uint8Array(3000).fill(1), 'c/b.png': png(2) }, { level: 6 });
    // Corrupt the deflate stream of the first entry (its data starts after the 30-byte local header + name).
    const broken = zip.slice();
    const start = 30 + 'c/a.png'.length;
    broken.fill(0xff, start, start + 8);
    const listing = listZip(broken, 'broken.zip');
    expect(listing.files.map((f) => f.path)).toEqual(['c/b.png']);
    expect(english(listing.problems)).toEqual([
      { file: 'broken.zip › c/a.png', reason: 'is corrupt inside the zip (it could not be unpacked): skipped' },
    ]);
  });
});
