import { describe, expect, it } from 'vitest';
import { copyFile, mkdir, readdir, readFile, truncate as truncateFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExperimentResult } from '../core/experiment/types';
import {
  CAFE_NFC,
  CAFE_NFD,
  animatedGif,
  corruptJpeg,
  heicPhoto,
  patternPng,
  pngClaiming,
  svgImage,
  textFile,
  truncate,
  zip,
  zipBomb,
} from '../core/testing/badInputs';
import { runCli, runInProcess, TEST_CACHE_DIR, useTempDir, type CliOutcome } from '../testing/cli';
import { main } from './program';
import { MOBILENET_V1_025_DIR } from '../testing/paths';

/**
 * The bad-input matrix (docs/guarantees.md) against the real command line, spawned as users run it: every bad
 * file or folder exits 2 with ONE `error:` message naming the file and the reason, and no stack trace; inputs
 * that are odd but fine (Unicode class names, thousands of tiny images) run to the end. Every fixture is
 * generated here. Cases already in cli.test.ts (missing folder, one class, empty class folder, truncated JPEG,
 * text renamed .jpg, model.json not JSON, a missing weights file) are not repeated.
 *
 * Dataset cases use the built-in digits-vgg backbone on the CPU backend: it loads in a moment, so the run
 * reaches the dataset quickly.
 *
 * One refusal per kind of input (a folder's bad images, a zip's bad entries, a bad model) and one run that trains
 * (--skip-bad-images) are real spawns of the command line; the other cases run the same `main`
 * in-process (src/testing/cli.ts runInProcess), which spares a Node + tsx start-up (~1.7 s) each: they differ from the
 * spawned ones only in the input.
 */
const tmp = useTempDir('transfer-studio-bad-input-');

/** Writes `files` (relative path → bytes; a path ending in '/' is an empty folder) under a new folder `name`. */
async function makeFolder(name: string, files: Record<string, Uint8Array | string>): Promise<string> {
  const dir = path.join(tmp(), name);
  for (const [rel, bytes] of Object.entries(files)) {
    const full = path.join(dir, rel);
    if (rel.endsWith('/')) {
      await mkdir(full, { recursive: true });
      continue;
    }
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, bytes);
  }
  return dir;
}

/** Two classes of `perClass` good generated PNGs each, as folder-relative paths. */
function goodImages(perClass = 3, classes = ['a', 'b'], prefix = ''): Record<string, Uint8Array> {
  return Object.fromEntries(
    classes.flatMap((c, hue) =>
      Array.from({ length: perClass }, (_, i) => [`${prefix}${c}/good-${i}.png`, patternPng(i + 1, 8, hue)]),
    ),
  );
}

const digits = [
  '--backbone',
  'digits-vgg',
  '--backend',
  'cpu',
  '--strategies',
  'feature-extraction',
  '--seeds',
  '1',
  '--epochs',
  '1',
];

async function runDataset(dataset: string, out: string, extra: string[] = []): Promise<CliOutcome> {
  return runCli(['run', '--dataset', dataset, ...digits, ...extra, '--out', path.join(tmp(), out)]);
}

/** As runDataset, in-process: for inputs whose kind (refused, or odd but fine) a spawned test already covers. */
async function runDatasetInProcess(dataset: string, out: string, extra: string[] = []): Promise<CliOutcome> {
  return runInProcess(
    main,
    ['run', '--dataset', dataset, ...digits, ...extra, '--out', path.join(tmp(), out)],
    TEST_CACHE_DIR,
  );
}

/** Exit code 2, one `error:` line, no stack trace; returns stderr. */
function expectUsageError(outcome: CliOutcome): string {
  const { code, stderr, stdout } = outcome;
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stdout).not.toMatch(/^\s+at /m);
  expect(stderr).not.toContain('internal error');
  expect(code, stderr).toBe(2);
  expect(stderr.match(/^error: /gm) ?? []).toHaveLength(1);
  return stderr;
}

/** The `  file: reason` line of the problem list for `file`. */
function problemLine(stderr: string, file: string): string {
  const line = stderr.split('\n').find((l) => l.startsWith(`  ${file}: `));
  expect(line, `no problem line for ${file} in:\n${stderr}`).toBeDefined();
  return line!.slice(file.length + 4);
}

describe('transfer-studio run: bad images are each named with the reason (exit 2)', () => {
  it('corrupt JPEG, truncated PNG, zero bytes, SVG, 30000×30000 header, animated GIF, HEIC, a zip in a class folder', async () => {
    const dir = await makeFolder('bad-images', {
      ...goodImages(3),
      'a/corrupt.jpg': corruptJpeg(),
      'a/truncated.png': truncate(patternPng(9, 32)),
      'a/empty.png': new Uint8Array(0),
      'a/drawing.svg': svgImage(),
      'a/logo.png': svgImage(),
      'b/huge.png': pngClaiming(30000, 30000),
      'b/animated.gif': animatedGif(),
      'b/IMG_0001.HEIC': heicPhoto(),
      'b/iphone.jpg': heicPhoto(),
      'b/more-photos.zip': zip({ 'c.png': patternPng(1) }),
    });
    const stderr = expectUsageError(await runDataset(dir, 'bad-images'));
    expect(stderr).toContain(`dataset ${dir}: 10 file(s) cannot be used:`);
    expect(stderr).toContain('--skip-bad-images');
    const reasons: [string, RegExp][] = [
      ['a/corrupt.jpg', /is corrupt: its JPEG header is unreadable/],
      ['a/truncated.png', /is truncated or corrupt: the PNG ends before its end marker/],
      ['a/empty.png', /is an empty file \(0 bytes\)/],
      ['a/drawing.svg', /\.svg images are not supported here: convert to JPEG or PNG/],
      ['a/logo.png', /SVG is not supported: export it as PNG/],
      ['b/huge.png', /header claims 30000×30000 = 900 megapixels, over the limit of \d+ megapixels/],
      ['b/animated.gif', /\.gif images are not supported here: convert to JPEG or PNG/],
      ['b/IMG_0001.HEIC', /\.heic images are not supported here/],
      ['b/iphone.jpg', /HEIC is not supported/],
      ['b/more-photos.zip', /is a zip archive inside a class folder: unzip it first/],
    ];
    for (const [file, reason] of reasons) expect(problemLine(stderr, path.join(dir, file))).toMatch(reason);
  });

  it('--skip-bad-images trains on the good ones and lists what it skipped', async () => {
    const dir = await makeFolder('skip-bad', {
      ...goodImages(3),
      'a/corrupt.jpg': corruptJpeg(),
      'b/empty.png': new Uint8Array(0),
    });
    const { code, stderr } = await runDataset(dir, 'skip-bad', ['--skip-bad-images']);
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('skipping 2 file(s) that cannot be used');
    const result = JSON.parse(await readFile(path.join(tmp(), 'skip-bad', 'results.json'), 'utf8')) as ExperimentResult;
    expect(result.dataset.trainCount + result.dataset.validationCount).toBe(6);
  });
});

describe('transfer-studio run: issue 13 (items 6, 8, 9)', () => {
  it('--quiet --skip-bad-images records each skipped file in results.json; nested images kept; a lone class named', async () => {
    const dir = await makeFolder('second-round', {
      ...goodImages(3, ['a']),
      'a/holiday/nested.png': patternPng(40, 8, 0),
      'a/corrupt.jpg': corruptJpeg(),
      'b/only.png': patternPng(41, 8, 1),
    });
    const { code, stderr, stdout } = await runDatasetInProcess(dir, 'second-round', ['--skip-bad-images', '--quiet']);
    expect(code, stderr).toBe(0);
    expect(stderr).toBe('');
    const result = JSON.parse(
      await readFile(path.join(tmp(), 'second-round', 'results.json'), 'utf8'),
    ) as ExperimentResult;
    expect(result.dataset.skipped).toEqual([
      { file: path.join(dir, 'a/corrupt.jpg'), reason: expect.stringMatching(/is corrupt/) as unknown as string },
    ]);
    // 3 + the nested one in "a", 1 in "b"; "b"'s only image trains, so validation does not score "b" and says so.
    expect(result.dataset.trainCount + result.dataset.validationCount).toBe(5);
    expect(result.dataset.unvalidatedClasses).toEqual(['b']);
    expect(stdout).toContain('warning: validation holds no image of "b"');
  });
});

describe('transfer-studio run --dataset x.zip: the studio’s zip rules (exit 2)', () => {
  it('a zip inside the zip and a "../x.png" entry are named as zip › entry', async () => {
    const file = path.join(tmp(), 'nested.zip');
    await writeFile(
      file,
      zip({
        ...goodImages(3, ['a', 'b'], 'pets/'),
        'pets/a/inner.zip': zip({ 'x.png': patternPng(7) }),
        '../x.png': patternPng(8),
      }),
    );
    const stderr = expectUsageError(await runDataset(file, 'nested'));
    expect(stderr).toContain(`dataset ${file}: 2 file(s) cannot be used:`);
    expect(problemLine(stderr, `${file} › pets/a/inner.zip`)).toMatch(/a zip inside a zip: unzip it first/);
    expect(problemLine(stderr, `${file} › ../x.png`)).toMatch(/unsafe path .*zip slip/);
  });

  it('a zip bomb is refused before anything is unpacked', async () => {
    const file = path.join(tmp(), 'bomb.zip');
    await writeFile(file, zipBomb(20, 'a/huge.png'));
    const stderr = expectUsageError(await runDatasetInProcess(file, 'bomb'));
    expect(stderr).toContain(
      `error: dataset: ${file}: looks like a zip bomb: a/huge.png would expand 1024× (20 KB → 20 MB); nothing was imported`,
    );
  });

  it('one class, an empty class, and a file that is not a zip', async () => {
    const one = path.join(tmp(), 'one-class.zip');
    await writeFile(one, zip(goodImages(3, ['only'])));
    expect(expectUsageError(await runDatasetInProcess(one, 'one'))).toContain(
      `${one}: needs at least 2 class folders (one folder of images per class), found 1 ("only")`,
    );

    const empty = path.join(tmp(), 'empty-class.zip');
    await writeFile(empty, zip({ ...goodImages(3), 'c/': new Uint8Array(0) }));
    expect(expectUsageError(await runDatasetInProcess(empty, 'empty'))).toContain(
      `${empty}: class folder "c" has no images`,
    );

    const notZip = path.join(tmp(), 'photos.zip');
    await writeFile(notZip, textFile());
    expect(expectUsageError(await runDatasetInProcess(notZip, 'not-zip'))).toContain(
      `${notZip}: is not a valid zip archive`,
    );
  });

  it('a good zip of class folders runs, with the same class names as the studio', async () => {
    const file = path.join(tmp(), 'good.zip');
    await writeFile(file, zip(goodImages(5, ['cats', 'dogs'], 'Downloads/pets/')));
    const { code, stderr } = await runDatasetInProcess(file, 'good-zip');
    expect(code, stderr).toBe(0);
    const result = JSON.parse(await readFile(path.join(tmp(), 'good-zip', 'results.json'), 'utf8')) as ExperimentResult;
    expect(result.dataset.classNames).toEqual(['cats', 'dogs']);
    expect(result.dataset.trainCount + result.dataset.validationCount).toBe(10);
  });
});

describe('transfer-studio run: class names and sizes', () => {
  it('Unicode class names are kept; "Café" composed and decomposed are one class, with a warning naming both', async () => {
    const dir = await makeFolder('unicode', {
      ...goodImages(3, ['猫']),
      ...goodImages(2, [CAFE_NFC]),
      ...Object.fromEntries([1, 2].map((i) => [`${CAFE_NFD}/other-${i}.png`, patternPng(i + 10, 8, 2)])),
      ...Object.fromEntries([1, 2].map((i) => [`${CAFE_NFD}/good-${i - 1}.png`, patternPng(i + 20, 8, 2)])),
    });
    const { code, stderr } = await runDatasetInProcess(dir, 'unicode');
    expect(code, stderr).toBe(0);
    expect(stderr).toContain(
      `warning: Folders named "${CAFE_NFC}" in 2 Unicode forms (composed and decomposed letters, as different systems ` +
        `write them) were merged into class "${CAFE_NFC}"`,
    );
    const result = JSON.parse(await readFile(path.join(tmp(), 'unicode', 'results.json'), 'utf8')) as ExperimentResult;
    expect(result.dataset.classNames).toEqual([CAFE_NFC, '猫']);
    // 2 + 4 images in Café (same file names in both folders are different images), 3 in 猫.
    expect(result.dataset.trainCount + result.dataset.validationCount).toBe(9);
  });

  it('3,000 tiny (8×8) images import and train', async () => {
    const dir = await makeFolder('tiny', goodImages(1500, ['x', 'y']));
    const started = performance.now();
    const { code, stderr } = await runDatasetInProcess(dir, 'tiny', ['--per-class', '20']);
    expect(code, stderr).toBe(0);
    const result = JSON.parse(await readFile(path.join(tmp(), 'tiny', 'results.json'), 'utf8')) as ExperimentResult;
    expect(result.dataset.trainCount).toBe(40);
    // patternPng repeats every 256 seeds: 1,500 files per class are 256 pictures, each copied ~6 times. Every copy
    // group stays on one side of the split, so validation takes whole groups: 300 per class, plus at most the rest of
    // the last group it takes (groups of 5 or 6: at most 5 more per class).
    expect(result.dataset.duplicates?.exactCopies).toBe(2 * (1500 - 256));
    expect(result.dataset.duplicates?.groupCount).toBe(2 * 256);
    expect(result.dataset.validationCount).toBeGreaterThanOrEqual(600);
    expect(result.dataset.validationCount).toBeLessThanOrEqual(600 + 2 * 5);
    console.log(`3,000 tiny images: CLI run in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  });

  it('more images than the studio’s limit (10,000) is refused before decoding anything', async () => {
    const dir = path.join(tmp(), 'too-many');
    for (const c of ['a', 'b']) await mkdir(path.join(dir, c), { recursive: true });
    // Empty files: the count is checked before any byte is read.
    await Promise.all(
      Array.from({ length: 10_001 }, (_, i) => writeFile(path.join(dir, i % 2 ? 'a' : 'b', `${i}.png`), '')),
    );
    const stderr = expectUsageError(await runDatasetInProcess(dir, 'too-many'));
    expect(stderr).toContain(`${dir}: holds 10001 images, more than the limit of 10000`);
  });
});

describe('transfer-studio run: bad models (exit 2, the file named)', () => {
  /** A copy of the MobileNet v1 0.25 folder that a test may damage. */
  async function copyMobileNet(name: string): Promise<string> {
    const dir = path.join(tmp(), name);
    await mkdir(dir, { recursive: true });
    for (const f of await readdir(MOBILENET_V1_025_DIR)) {
      await copyFile(path.join(MOBILENET_V1_025_DIR, f), path.join(dir, f));
    }
    return dir;
  }
  const mobilenet = (modelJson: string) => [
    '--backbone',
    'mobilenet_v1_0.25',
    '--model-url',
    modelJson,
    '--backend',
    'cpu',
    '--epochs',
    '1',
    '--seeds',
    '1',
  ];

  it('a weights file of the wrong size', async () => {
    const dir = await copyMobileNet('short-shard');
    await truncateFile(path.join(dir, 'group29-shard1of1'), 1000);
    const dataset = await makeFolder('for-short-shard', goodImages(2));
    const stderr = expectUsageError(
      await runCli([
        'run',
        '--dataset',
        dataset,
        ...mobilenet(path.join(dir, 'model.json')),
        '--out',
        path.join(tmp(), 'o1'),
      ]),
    );
    expect(stderr).toContain('group29-shard1of1');
    expect(stderr).toMatch(/holds 1000 bytes but .* needs 1028000 bytes/);
  });

  it('a graph model where a layers model is expected', async () => {
    const dir = path.join(tmp(), 'graph-model');
    await mkdir(dir, { recursive: true });
    const modelJson = path.join(dir, 'model.json');
    await writeFile(
      modelJson,
      JSON.stringify({
        format: 'graph-model',
        generatedBy: '2.15.0',
        convertedBy: 'TensorFlow.js Converter v4.22.0',
        modelTopology: { node: [{ name: 'input', op: 'Placeholder' }], library: {}, versions: {} },
        weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: [] }],
      }),
    );
    await writeFile(path.join(dir, 'group1-shard1of1.bin'), new Uint8Array(0));
    const dataset = await makeFolder('for-graph', goodImages(2));
    const stderr = expectUsageError(
      await runInProcess(
        main,
        ['run', '--dataset', dataset, ...mobilenet(modelJson), '--out', path.join(tmp(), 'o2')],
        TEST_CACHE_DIR,
      ),
    );
    expect(stderr).toContain(modelJson);
    expect(stderr).toMatch(/expected a TF\.js layers model, got a graph model \(format "graph-model"\)/);
  });
});
