import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { patternPng, utf8, zipWithRawNames } from '../testing/badInputs';
import { planImport } from './importPlan';
import { listZip } from './zipImport';
import { decodeCp437, decodeZipNames, readRawZipNames } from './zipNames';

const GBK_ROSE = [0xc3, 0xb5, 0xb9, 0xe5]; // 玫瑰
const GBK_TULIP = [0xd3, 0xf4, 0xbd, 0xf0, 0xcf, 0xe3]; // 郁金香
const CP437_MULL = [0x4d, 0x81, 0x6c, 0x6c]; // Müll

/** The classes planImport makes of a listing, with their image counts. */
function classesOf(zip: Uint8Array) {
  const listing = listZip(zip, 'photos.zip');
  const plan = planImport(listing.files.map((f) => ({ path: f.path, size: f.bytes.length })));
  return { classes: plan.classes.map((c) => [c.name, c.files.length]), listing };
}

const named = (folder: readonly number[], file: string, seed: number) =>
  [[...folder, ...utf8(`/${file}`)], patternPng(seed)] as const;

describe('zip entry names (issue 13, item 3)', () => {
  it('UTF-8 names without the flag (Info-ZIP zip, macOS Finder) are read as UTF-8, not Latin-1', () => {
    const zip = zipWithRawNames([
      named(utf8('猫'), '1.png', 1),
      named(utf8('猫'), '2.png', 2),
      named(utf8('été'.normalize('NFD')), '1.png', 3), // Finder writes NFD
      named(utf8('玫瑰'), '1.png', 4),
    ]);
    expect(readRawZipNames(zip)!.every((n) => !n.utf8)).toBe(true);
    const { classes, listing } = classesOf(zip);
    expect(classes).toEqual([
      ['été', 1],
      ['猫', 2],
      ['玫瑰', 1],
    ]);
    expect(listing.warnings).toEqual([]);
    expect(listing.files.map((f) => f.path)).toContain('猫/1.png');
  });

  it('names that are not UTF-8 fall back to CP437, the standard’s default, with a warning', () => {
    const { classes, listing } = classesOf(
      zipWithRawNames([named(CP437_MULL, 'a.png', 1), named(utf8('ok'), 'b.png', 2)]),
    );
    expect(classes).toEqual([
      ['Müll', 1],
      ['ok', 1],
    ]);
    expect(listing.warnings).toEqual([
      "photos.zip: its file names are not marked as UTF-8 and are not valid UTF-8; they were read as CP437 (the zip standard's default): check that the class names look right",
    ]);
  });

  it('GBK names (Chinese Windows) made of CJK characters are read as GBK, with a warning', () => {
    const { classes, listing } = classesOf(
      zipWithRawNames([named(GBK_ROSE, '1.png', 1), named(GBK_TULIP, '1.png', 2)]),
    );
    expect(classes).toEqual([
      ['玫瑰', 1],
      ['郁金香', 1],
    ]);
    expect(listing.warnings[0]).toMatch(/read as GBK \(Chinese Windows\)/);
  });

  it('names with the UTF-8 flag stay as fflate decoded them; ASCII is ASCII', () => {
    const zip = zipSync({ '狗/1.png': patternPng(1), 'cats/2.png': patternPng(2) });
    const raw = readRawZipNames(zip)!;
    expect(raw.map((n) => n.utf8)).toEqual([true, false]);
    expect(decodeZipNames(raw)).toEqual({ names: ['狗/1.png', 'cats/2.png'], guessed: null });
  });

  it('decodes CP437’s upper half (never a control character); an unreadable directory gives null', () => {
    expect(decodeCp437(new Uint8Array([0x80, 0x81, 0xe1, 0xff]))).toBe('Çüß\u00a0');
    expect(readRawZipNames(new Uint8Array([1, 2, 3]))).toBeNull();
  });
});
