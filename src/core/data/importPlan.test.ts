import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isJunkPath, isUnsafePath, nonImageReason, planImport, type ImportEntry } from './importPlan';
import { withLimits } from './limits';
import { formatImportReason } from './importReasons';

const files = (...paths: string[]): ImportEntry[] => paths.map((path) => ({ path, size: 1000 }));
const summary = (
  entries: ImportEntry[],
  ...rest: Parameters<typeof planImport> extends [unknown, ...infer R] ? R : never
) => {
  const plan = planImport(entries, ...rest);
  return { ...plan, byClass: Object.fromEntries(plan.classes.map((c) => [c.name, c.files.map((f) => f.path)])) };
};

describe('planImport: folder structure', () => {
  it('makes one class per top folder', () => {
    const plan = summary(
      files(
        'cats/1.jpg',
        'dogs/1.png',
        'cats/2.jpeg',
        'dogs/2.webp',
        'cats/3.gif',
        'dogs/3.bmp',
        'cats/4.jpg',
        'dogs/4.jpg',
        'cats/5.jpg',
        'dogs/5.jpg',
      ),
    );
    expect(plan.byClass).toEqual({
      cats: ['cats/1.jpg', 'cats/2.jpeg', 'cats/3.gif', 'cats/4.jpg', 'cats/5.jpg'],
      dogs: ['dogs/1.png', 'dogs/2.webp', 'dogs/3.bmp', 'dogs/4.jpg', 'dogs/5.jpg'],
    });
    expect(plan.problems).toEqual([]);
    expect(plan.warnings).toEqual([]);
    expect(plan.blocked).toBeNull();
    expect(plan.imageCount).toBe(10);
    expect(plan.totalBytes).toBe(10_000);
  });

  it('strips a single root folder (repeatedly), and Windows separators', () => {
    const plan = summary(files('Downloads/pets/cats/a.jpg', 'Downloads\\pets\\dogs\\b.jpg', 'Downloads/pets/'));
    expect(plan.byClass).toEqual({ cats: ['Downloads/pets/cats/a.jpg'], dogs: ['Downloads\\pets\\dogs\\b.jpg'] });
  });

  it('keeps a folder with one class as that class, with a "needs 2 classes" warning (not an error)', () => {
    const plan = summary(files('cats/a.jpg', 'cats/b.jpg', 'cats/c.jpg', 'cats/d.jpg', 'cats/e.jpg'));
    expect(plan.byClass).toEqual({ cats: ['cats/a.jpg', 'cats/b.jpg', 'cats/c.jpg', 'cats/d.jpg', 'cats/e.jpg'] });
    expect(plan.blocked).toBeNull();
    expect(plan.warnings).toEqual(['Only 1 class ("cats") so far: training needs at least 2; add a folder per class']);
  });

  it('reports an empty class (folder entry, or a folder holding only non-images)', () => {
    const plan = summary([...files('data/cats/a.jpg', 'data/notes/readme.txt'), { path: 'data/empty/', size: 0 }]);
    expect(plan.byClass).toEqual({ cats: ['data/cats/a.jpg'], empty: [], notes: [] });
    expect(plan.warnings).toContain('Class "empty" has no images: add some before training');
    expect(plan.warnings).toContain('Class "notes" has no images: add some before training');
    expect(plan.problems).toEqual([
      {
        file: 'data/notes/readme.txt',
        reason: { code: 'notImage', ext: 'txt' },
      },
    ]);
  });

  it('flattens subfolders into their class, with a warning', () => {
    const plan = summary(files('cats/siamese/a.jpg', 'cats/b.jpg', 'dogs/c.jpg'));
    expect(plan.byClass.cats).toEqual(['cats/b.jpg', 'cats/siamese/a.jpg']);
    expect(plan.warnings).toContain('Class "cats" has images in subfolders: they were all put in class "cats"');
  });

  it('puts loose images into the class they were dropped onto, or reports them', () => {
    const onto = summary(files('a.jpg', 'b.png'), withLimits(), {
      existingClassNames: ['Cats', 'Dogs'],
      targetClass: 'cats',
    });
    expect(onto.classes).toEqual([{ name: 'Cats', existingIndex: 0, files: files('a.jpg', 'b.png') }]);
    expect(onto.warnings).toEqual([]);
    const nowhere = summary(files('a.jpg', 'dogs/b.jpg'));
    expect(nowhere.problems).toEqual([
      {
        file: 'a.jpg',
        reason: { code: 'notInClassFolder' },
      },
    ]);
  });
});

describe('planImport: names', () => {
  it('merges duplicate names (case, Unicode form) and normalises to NFC', () => {
    const nfd = 'Cafe\u0301'; // "Café" decomposed
    const nfc = 'Caf\u00e9';
    const plan = summary(
      files(`${nfd}/1.jpg`, `${nfc}/2.jpg`, 'cats/1.jpg', 'Cats/2.jpg', ' cats /3.jpg', '猫/1.jpg', '🐶/1.jpg'),
    );
    expect(plan.classes.map((c) => c.name)).toEqual(
      [nfc, 'cats', '猫', '🐶'].sort((a, b) =>
        new Intl.Collator('en', { numeric: true, sensitivity: 'base' }).compare(a, b),
      ),
    );
    expect(plan.byClass[nfc]).toEqual([`${nfd}/1.jpg`, `${nfc}/2.jpg`]);
    expect(plan.byClass.cats).toHaveLength(3);
    expect(plan.warnings).toContain(
      'Folders "Cats", "cats" were merged into class "cats" (names are compared ignoring case and Unicode form)',
    );
    // Issue 13, item 13: a merge of the two Unicode forms alone is said too (it was silent).
    expect(plan.warnings).toContain(
      `Folders named "${nfc}" in 2 Unicode forms (composed and decomposed letters, as different systems write them) ` +
        `were merged into class "${nfc}"`,
    );
    expect(plan.classes.every((c) => c.name === c.name.normalize('NFC'))).toBe(true);
  });

  it('merges into existing classes and counts them for the 2-class rule', () => {
    const plan = summary(files('CATS/a.jpg'), withLimits(), { existingClassNames: ['cats', 'dogs'] });
    expect(plan.classes).toEqual([{ name: 'cats', existingIndex: 0, files: files('CATS/a.jpg') }]);
    expect(plan.warnings).toEqual([]);
  });

  it('sorts class names naturally', () => {
    const plan = planImport(files('class10/a.jpg', 'class2/a.jpg', 'class1/a.jpg'));
    expect(plan.classes.map((c) => c.name)).toEqual(['class1', 'class2', 'class10']);
  });
});

describe('planImport: problems and limits', () => {
  it('reports non-images, HEIC, SVG, zips, empty files, duplicates and unsafe paths; ignores system files', () => {
    const plan = planImport([
      ...files(
        'a/1.jpg',
        'a/clip.mp4',
        'a/IMG_1.HEIC',
        'a/logo.svg',
        'a/more.zip',
        'a/noext',
        'b/1.jpg',
        'b\\1.jpg',
        '../x.jpg',
      ),
      { path: 'b/zero.png', size: 0 },
      ...files('.DS_Store', 'a/.DS_Store', '__MACOSX/a/._1.jpg', 'b/Thumbs.db', '.git/config'),
    ]);
    expect(Object.fromEntries(plan.problems.map((p) => [p.file, formatImportReason(p.reason)]))).toEqual({
      'a/clip.mp4': 'is not an image (.mp4): only JPEG, PNG, GIF, WebP, BMP and AVIF files are imported',
      'a/IMG_1.HEIC': 'HEIC is not supported by browsers: convert to JPEG',
      'a/logo.svg': 'SVG is not supported: export it as PNG',
      'a/more.zip': 'is a zip archive, not an image: drop the zip on its own to import the images inside',
      'a/noext': 'is not an image (no file extension): only JPEG, PNG, GIF, WebP, BMP and AVIF files are imported',
      'b\\1.jpg': 'is listed twice: imported once',
      '../x.jpg': 'has an unsafe path (absolute or with ".."): skipped',
      'b/zero.png': 'is an empty file (0 bytes)',
    });
    expect(plan.ignored).toEqual(['.DS_Store', 'a/.DS_Store', '__MACOSX/a/._1.jpg', 'b/Thumbs.db', '.git/config']);
    expect(plan.imageCount).toBe(2);
  });

  it('reports an image over the per-image byte limit', () => {
    const plan = planImport([{ path: 'a/big.jpg', size: 30 * 1024 * 1024 }, ...files('a/ok.jpg')]);
    expect(plan.problems).toEqual([
      { file: 'a/big.jpg', reason: { code: 'tooLarge', bytes: 30 * 1024 * 1024, limitBytes: 25 * 1024 * 1024 } },
    ]);
    expect(formatImportReason(plan.problems[0].reason)).toBe('is 30 MB, over the limit of 25 MB per image');
  });

  it('blocks an import over the image count, counting images already there', () => {
    const entries = Array.from({ length: 12_000 }, (_, i) => ({ path: `class${i % 7}/img${i}.jpg`, size: 2000 }));
    const plan = planImport(entries);
    expect(plan.blocked).toBe(
      '12,000 images is over the limit of 10,000 per dataset: import fewer images or remove some first',
    );
    const fits = planImport(entries.slice(0, 9_000), withLimits(), { existingImageCount: 1_500 });
    expect(fits.blocked).toBe(
      '10,500 images (with the 1,500 already in the dataset) is over the limit of 10,000 per dataset: import fewer images or remove some first',
    );
  });

  it('blocks an import over the total size and over the class count', () => {
    expect(planImport(files('a/1.jpg', 'b/2.jpg'), withLimits({ maxTotalBytes: 1500 })).blocked).toBe(
      '2 KB of images is over the limit of 1.5 KB per dataset: import fewer or smaller images',
    );
    expect(planImport(files('a/1.jpg', 'b/2.jpg', 'c/3.jpg'), withLimits({ maxClasses: 2 })).blocked).toContain(
      '3 classes',
    );
  });

  it('plans thousands of tiny images', () => {
    const entries = Array.from({ length: 9_000 }, (_, i) => ({ path: `root/class${i % 30}/img${i}.png`, size: 120 }));
    const plan = planImport(entries);
    expect(plan.classes).toHaveLength(30);
    expect(plan.imageCount).toBe(9_000);
    expect(plan.blocked).toBeNull();
    expect(plan.classes[0].name).toBe('class0');
  });

  it('recognises unsafe and junk paths', () => {
    expect(['/etc/passwd', 'C:\\x.jpg', 'a/../b.jpg', '..\\b.jpg'].every(isUnsafePath)).toBe(true);
    expect(isUnsafePath('a/b..c.jpg')).toBe(false);
    expect(isJunkPath('a/.hidden/b.jpg')).toBe(true);
    expect(isJunkPath('a/b.jpg')).toBe(false);
    expect(nonImageReason('A.JPG')).toBeNull();
  });
});

describe('planImport: properties', () => {
  const segment = fc.oneof(
    fc.constantFrom(
      'cats',
      'Cats',
      'dogs',
      '猫',
      'Cafe\u0301',
      'Caf\u00e9',
      '..',
      '.',
      '',
      ' ',
      '.hidden',
      '__MACOSX',
      'C:',
    ),
    fc.string({ maxLength: 6 }),
  );
  const fileName = fc
    .tuple(fc.string({ maxLength: 5 }), fc.constantFrom('.jpg', '.PNG', '.txt', '.heic', '', '.zip', '/'))
    .map(([base, ext]) => base + ext);
  const entry = fc.record({
    path: fc
      .tuple(fc.array(segment, { maxLength: 4 }), fileName, fc.constantFrom('/', '\\'))
      .map(([dirs, name, sep]) => [...dirs, name].join(sep)),
    size: fc.oneof(fc.nat(40 * 1024 * 1024), fc.constant(0), fc.double()),
  });
  const options = fc.record(
    { existingClassNames: fc.array(segment, { maxLength: 3 }), targetClass: segment },
    { requiredKeys: [] },
  );

  it('never throws, and every non-folder entry lands in exactly one place', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 40 }), options, (entries, opts) => {
        const plan = planImport(entries, withLimits({ maxImages: 15 }), opts);
        const placed = new Map<ImportEntry, number>();
        const count = (e: ImportEntry) => placed.set(e, (placed.get(e) ?? 0) + 1);
        plan.classes.forEach((c) => c.files.forEach(count));
        const problemFiles = plan.problems.map((p) => p.file);
        const keyed = [...problemFiles, ...plan.ignored];
        for (const e of entries) {
          if (/[\\/]$/.test(e.path)) continue;
          const inClasses = placed.get(e) ?? 0;
          expect(inClasses).toBeLessThanOrEqual(1);
          if (inClasses === 0) expect(keyed).toContain(e.path);
        }
        const accepted = plan.classes.reduce((n, c) => n + c.files.length, 0);
        expect(accepted).toBe(plan.imageCount);
        expect(new Set(plan.classes.map((c) => c.name.toLowerCase().normalize('NFC').trim())).size).toBe(
          plan.classes.length,
        );
        expect(accepted + plan.problems.length + plan.ignored.length).toBe(
          entries.filter((e) => !/[\\/]$/.test(e.path)).length,
        );
      }),
      { numRuns: 300 },
    );
  });
});
