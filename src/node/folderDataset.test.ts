import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readFolderDataset } from './folderDataset';
import { nodeDecoder } from './decode';
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
    await expectError(readFolderDataset(one, nodeDecoder), one, /at least 2 class folders.*found 1$/);
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
