import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readFolderDataset } from './folderDataset';
import { nodeDecoder } from './decode';
import { withLimits } from '../core/data/limits';
import { DatasetError } from '../core/data/types';
import { pngClaiming, SVG_TEXT } from '../testing/files';
import { SHARED_DATASETS } from '../testing/paths';

describe('readFolderDataset on the shared datasets', () => {
  it('reads flowers: 5 sorted classes × 40 images, labels by class', async () => {
    const { dataset, problems } = await readFolderDataset(path.join(SHARED_DATASETS, 'flowers'), nodeDecoder);
    expect(problems).toEqual([]);
    expect(dataset.name).toBe('flowers');
    expect(dataset.classNames).toEqual(['daisy', 'dandelion', 'rose', 'sunflower', 'tulip']);
    expect(dataset.examples.length).toBe(200);
    for (let c = 0; c < 5; c++) expect(dataset.examples.filter((e) => e.label === c).length).toBe(40);
    const first = dataset.examples[0];
    expect(first.id.startsWith('daisy/')).toBe(true);
    expect(first.source).toBe(path.join(SHARED_DATASETS, 'flowers', first.id));
    expect(first.image.width).toBe(227);
  });

  it('reads omniglot (20 classes of 1-bit PNGs) and the digits', async () => {
    const omniglot = await readFolderDataset(path.join(SHARED_DATASETS, 'omniglot'), nodeDecoder);
    expect(omniglot.problems).toEqual([]);
    expect(omniglot.dataset.classNames.length).toBe(20);
    expect(omniglot.dataset.examples.length).toBe(400);
    const digits = await readFolderDataset(path.join(SHARED_DATASETS, 'digits-mnist'), nodeDecoder);
    expect(digits.dataset.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(digits.dataset.examples.length).toBe(300);
  });
});

describe('readFolderDataset on bad folders', () => {
  let root: string;
  const good = path.join(SHARED_DATASETS, 'digits-mnist', '0', 'zero_10.png');
  const put = (rel: string, content?: string | Buffer) => {
    const full = path.join(root, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    if (content === undefined) copyFileSync(good, full);
    else writeFileSync(full, content);
    return full;
  };

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'folder-dataset-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const expectError = async (promise: Promise<unknown>, file: string, reason: RegExp) => {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).file).toBe(file);
    expect((error as Error).message).toMatch(reason);
  };

  it('missing folder, a file instead of a folder', async () => {
    const missing = path.join(root, 'nope');
    await expectError(readFolderDataset(missing, nodeDecoder), missing, /folder not found/);
    const file = put('plain/file.png');
    await expectError(readFolderDataset(file, nodeDecoder), file, /is not a folder/);
  });

  it('fewer than 2 class folders, with a hint when images sit directly inside', async () => {
    put('one/cats/a.png');
    const one = path.join(root, 'one');
    await expectError(readFolderDataset(one, nodeDecoder), one, /at least 2 class folders.*found 1 \("cats"\)$/);
    put('flat/a.png');
    put('flat/b.png');
    const flat = path.join(root, 'flat');
    await expectError(readFolderDataset(flat, nodeDecoder), flat, /found 0 \(it holds 2 images directly/);
  });

  it('an empty class folder is named', async () => {
    put('empty/cats/a.png');
    put('empty/dogs/readme.txt', 'no images yet');
    put('empty/dogs/.hidden.png');
    await expectError(
      readFolderDataset(path.join(root, 'empty'), nodeDecoder),
      path.join(root, 'empty', 'dogs'),
      /"dogs" has no JPEG or PNG images/,
    );
  });

  it('maxImages is checked before decoding', async () => {
    put('many/a/1.png');
    put('many/a/2.png');
    put('many/b/1.png');
    const dir = path.join(root, 'many');
    await expectError(readFolderDataset(dir, nodeDecoder, { maxImages: 2 }), dir, /3 images, more than the limit of 2/);
    expect((await readFolderDataset(dir, nodeDecoder, { maxImages: 3 })).dataset.examples.length).toBe(3);
  });

  it('bad images become problems with file and reason; good ones are kept; hidden files skipped', async () => {
    put('mixed/a/good.png');
    put('mixed/a/._good.png', 'AppleDouble junk');
    put('mixed/.git/HEAD', 'ref');
    put('mixed/__MACOSX/a/x.png', 'junk');
    const empty = put('mixed/a/empty.jpg', '');
    const text = put('mixed/a/notes.jpg', 'hello, not a picture');
    const svg = put('mixed/b/logo.png', SVG_TEXT);
    const huge = put('mixed/b/huge.png', pngClaiming(30000, 30000));
    const gif = put('mixed/b/anim.gif', 'GIF89a');
    put('mixed/b/good.PNG');
    const truncated = put('mixed/b/cut.png', readFileSync(good).subarray(0, 100));
    const { dataset, problems } = await readFolderDataset(path.join(root, 'mixed'), nodeDecoder);
    expect(dataset.classNames).toEqual(['a', 'b']);
    expect(dataset.examples.map((e) => e.id)).toEqual(['a/good.png', 'b/good.PNG']);
    const reasons = Object.fromEntries(problems.map((p) => [p.file, p.reason]));
    expect(Object.keys(reasons).sort()).toEqual([empty, text, svg, huge, gif, truncated].sort());
    expect(reasons[empty]).toMatch(/^is an empty file/);
    expect(reasons[text]).toMatch(/text file/);
    expect(reasons[svg]).toMatch(/SVG/);
    expect(reasons[huge]).toMatch(/over the limit of 100 megapixels/);
    expect(reasons[gif]).toMatch(/\.gif images are not supported/);
    expect(reasons[truncated]).toMatch(/truncated/);
  });
});

describe('readFolderDataset: issue 13 (the studio’s import rules, stat before read)', () => {
  let root: string;
  const good = path.join(SHARED_DATASETS, 'digits-mnist', '0', 'zero_10.png');
  const put = (rel: string, content?: string | Buffer) => {
    const full = path.join(root, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    if (content === undefined) copyFileSync(good, full);
    else writeFileSync(full, content);
    return full;
  };

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'folder-dataset-13-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('item 6: images in subfolders of a class are kept in that class, with a warning', async () => {
    for (const rel of ['a/1.png', 'a/2.png', 'a/x/3.png', 'a/x/y/4.png', 'b/only-nested/1.png', 'b/only-nested/2.png'])
      put(`nested/${rel}`);
    const { dataset, problems, warnings } = await readFolderDataset(path.join(root, 'nested'), nodeDecoder);
    expect(problems).toEqual([]);
    expect(dataset.classNames).toEqual(['a', 'b']);
    expect(dataset.examples.map((e) => [e.id, e.label])).toEqual([
      ['a/1.png', 0],
      ['a/2.png', 0],
      ['a/x/3.png', 0],
      ['a/x/y/4.png', 0],
      ['b/only-nested/1.png', 1],
      ['b/only-nested/2.png', 1],
    ]);
    expect(warnings).toContain('Class "a" has images in subfolders: they were all put in class "a"');
    expect(warnings).toContain('Class "b" has images in subfolders: they were all put in class "b"');
  });

  it('item 9: a class with one image is warned about', async () => {
    for (const rel of ['a/1.png', 'a/2.png', 'a/3.png', 'a/4.png', 'a/5.png', 'b/1.png']) put(`single/${rel}`);
    const { warnings } = await readFolderDataset(path.join(root, 'single'), nodeDecoder);
    expect(warnings).toEqual(['Class "b" has only 1 image: at least 5 per class are advised']);
  });

  it('item 10: a FIFO, a link to /dev/zero, a looping link and an oversized file are problems, never read', async () => {
    put('special/a/1.png');
    put('special/b/1.png');
    const fifo = path.join(root, 'special/a/pipe.jpg');
    execFileSync('mkfifo', [fifo]);
    const zero = path.join(root, 'special/b/zero.jpg');
    symlinkSync('/dev/zero', zero);
    const loop = path.join(root, 'special/b/loop.png');
    symlinkSync(loop, loop);
    const big = put('special/b/big.png', Buffer.alloc(2048, 1));
    const { dataset, problems } = await readFolderDataset(path.join(root, 'special'), nodeDecoder, {
      limits: withLimits({ maxBytesPerImage: 1024 }),
    });
    expect(dataset.examples.map((e) => e.id)).toEqual(['a/1.png', 'b/1.png']);
    expect(Object.fromEntries(problems.map((p) => [p.file, p.reason]))).toEqual({
      [fifo]: 'is not a regular file (a named pipe): skipped',
      [zero]: 'is not a regular file (a device): skipped',
      [loop]: 'cannot be read (a link that points back to itself)',
      [big]: 'is 2 KB, over the limit of 1 KB per image',
    });
  });

  it('item 13: natural class order and the studio’s name for a merged class; 501 classes refused before decoding', async () => {
    for (const rel of ['class10/1.png', 'class2/1.png', 'Rose/1.png', 'rose/2.png']) put(`order/${rel}`);
    const { dataset, warnings } = await readFolderDataset(path.join(root, 'order'), nodeDecoder);
    expect(dataset.classNames).toEqual(['class2', 'class10', 'Rose']);
    expect(warnings).toContain(
      'Folders "Rose", "rose" were merged into class "Rose" (names are compared ignoring case and Unicode form)',
    );
    // Empty files: nothing is decoded before the class count is checked.
    for (let i = 0; i < 501; i++) put(`many-classes/c${i}/1.png`, '');
    const dir = path.join(root, 'many-classes');
    await expect(readFolderDataset(dir, nodeDecoder)).rejects.toThrow(
      `${dir}: 501 classes is over the limit of 500: is each folder really a class?`,
    );
  });
});
