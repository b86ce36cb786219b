import { describe, expect, it } from 'vitest';
import { formatImportNotice, IMPORT_NOTICE_EN, type ImportNotice, type ImportNoticeCode } from './importNotices';
import { planImport } from './importPlan';
import { withLimits } from './limits';

/** One notice per code; the mapped type makes the typechecker refuse a code left out. */
const SAMPLE_NOTICES: { [C in ImportNoticeCode]: Extract<ImportNotice, { code: C }> } = {
  merged: { code: 'merged', names: '"Rose", "rose"', name: 'Rose' },
  unicodeForms: { code: 'unicodeForms', name: 'Café', count: 2 },
  flattened: { code: 'flattened', name: 'cats' },
  emptyClass: { code: 'emptyClass', name: 'dogs' },
  fewImagesOne: { code: 'fewImagesOne', name: 'dogs', advised: 5 },
  fewImages: { code: 'fewImages', name: 'dogs', count: 3, advised: 5 },
  noClass: { code: 'noClass', min: 2 },
  fewClasses: { code: 'fewClasses', count: 1, names: '"cats"', min: 2 },
  fewClassesUnnamed: { code: 'fewClassesUnnamed', count: 1, min: 2 },
  zipNamesGbk: { code: 'zipNamesGbk', zip: 'a.zip' },
  zipNamesCp437: { code: 'zipNamesCp437', zip: 'a.zip' },
  animated: { code: 'animated', file: 'a.gif', format: 'GIF' },
  tooManyImages: { code: 'tooManyImages', count: 10_007, limit: 10_000 },
  tooManyImagesWith: { code: 'tooManyImagesWith', count: 10_007, existing: 6, limit: 10_000 },
  tooManyBytes: { code: 'tooManyBytes', bytes: 3 * 1024 ** 3, limitBytes: 2 * 1024 ** 3 },
  tooManyBytesWith: {
    code: 'tooManyBytesWith',
    bytes: 3 * 1024 ** 3,
    existingBytes: 1024 ** 3,
    limitBytes: 2 * 1024 ** 3,
  },
  tooManyClasses: { code: 'tooManyClasses', count: 501, limit: 500 },
  alreadyStored: { code: 'alreadyStored', skipped: 1_200, count: 4_000 },
};

describe('import notices (issue 13, item 14)', () => {
  it('every code has an English sentence its parameters fill', () => {
    expect(Object.keys(SAMPLE_NOTICES).sort()).toEqual(Object.keys(IMPORT_NOTICE_EN).sort());
    for (const notice of Object.values(SAMPLE_NOTICES))
      expect({ code: notice.code, text: formatImportNotice(notice) }).toEqual({
        code: notice.code,
        text: expect.not.stringContaining('{{'),
      });
  });

  it('the plan says the same English sentences as before, from its codes', () => {
    const plan = planImport(
      [{ path: 'a/1.jpg', size: 10 }, ...Array.from({ length: 3 }, (_, i) => ({ path: `b/${i}.jpg`, size: 10 }))],
      withLimits({ maxImages: 3 }),
      { existingImageCount: 6 },
    );
    expect(plan.notices.map((n) => n.code)).toEqual(['fewImagesOne', 'fewImages']);
    expect(plan.warnings).toEqual([
      'Class "a" has only 1 image: at least 5 per class are advised',
      'Class "b" has only 3 images: at least 5 per class are advised',
    ]);
    expect(plan.blockedBy).toEqual({ code: 'tooManyImagesWith', count: 10, existing: 6, limit: 3 });
    expect(plan.blocked).toBe(
      '10 images (with the 6 already in the dataset) is over the limit of 3 per dataset: import fewer images or remove some first',
    );
    expect(formatImportNotice(SAMPLE_NOTICES.tooManyImagesWith)).toContain('10,007 images (with the 6 already');
  });
});
