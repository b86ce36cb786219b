import { describe, expect, it } from 'vitest';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { patternPng } from '../core/testing/badInputs';
import { runCli, runInProcess, TEST_CACHE_DIR, useTempDir } from '../testing/cli';
import { main } from './program';
import { DIGITS_VGG_JSON } from '../testing/paths';

/**
 * Issue 13, item 2: a poisoned backbone (NaN or ±Inf weights, a blank weights file, a model.json without weights)
 * used to load, train, exit 0 and, with scratch beside it, print "negative transfer YES". Each is now refused
 * before training with exit 2 and the weight named. The built-in digits-vgg is copied and damaged by the test.
 * The first case spawns the command line as users run it; the others differ only in the damage, so they run the
 * same `main` in-process (src/testing/cli.ts runInProcess), without a Node + tsx start-up each.
 */
const tmp = useTempDir('transfer-studio-poisoned-');
const DIGITS_DIR = path.dirname(DIGITS_VGG_JSON);

async function damagedCopy(
  name: string,
  damage: (weights: Float32Array, modelJson: { weightsManifest?: unknown }) => void,
) {
  const dir = path.join(tmp(), name);
  await mkdir(dir, { recursive: true });
  const bytes = new Uint8Array(await readFile(path.join(DIGITS_DIR, 'weights.bin')));
  const modelJson = JSON.parse(await readFile(DIGITS_VGG_JSON, 'utf8'));
  damage(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4), modelJson);
  await writeFile(path.join(dir, 'weights.bin'), bytes);
  await writeFile(path.join(dir, 'model.json'), JSON.stringify(modelJson));
  await copyFile(path.join(DIGITS_DIR, 'source.json'), path.join(dir, 'source.json'));
  return path.join(dir, 'model.json');
}

async function dataset(): Promise<string> {
  const dir = path.join(tmp(), 'data');
  for (const [hue, c] of ['a', 'b'].entries()) {
    await mkdir(path.join(dir, c), { recursive: true });
    for (let i = 0; i < 4; i++) await writeFile(path.join(dir, c, `${i}.png`), patternPng(i + 1, 8, hue));
  }
  return dir;
}

async function runWith(modelJson: string, out: string, how: 'spawned' | 'in-process' = 'in-process') {
  const run =
    how === 'spawned' ? (args: string[]) => runCli(args) : (args: string[]) => runInProcess(main, args, TEST_CACHE_DIR);
  return run([
    'run',
    '--dataset',
    await dataset(),
    '--backbone',
    'digits-vgg',
    '--model-url',
    modelJson,
    '--backend',
    'cpu',
    '--strategies',
    'scratch,feature-extraction',
    '--seeds',
    '1',
    '--epochs',
    '1',
    '--out',
    path.join(tmp(), out),
  ]);
}

describe('transfer-studio run: a poisoned backbone is refused (exit 2, the weight named)', () => {
  it('NaN and ±Infinity weights', async () => {
    const modelJson = await damagedCopy('nan', (w) => {
      w[5] = NaN;
      w[9] = -Infinity;
    });
    const { code, stdout, stderr } = await runWith(modelJson, 'o-nan', 'spawned');
    expect(code, stderr).toBe(2);
    expect(stderr).toMatch(/^error: model .*weight "block1_conv1\/kernel" holds 2 NaN or infinite value\(s\)/m);
    expect(stdout).not.toMatch(/negative transfer/i);
  });

  it('a blank weights file (all zeros)', async () => {
    const modelJson = await damagedCopy('zeros', (w) => w.fill(0));
    const { code, stderr } = await runWith(modelJson, 'o-zero');
    expect(code, stderr).toBe(2);
    expect(stderr).toMatch(/weight "block1_conv1\/kernel" is all zeros/);
  });

  it('a model.json without weightsManifest (the studio refused it; the CLI trained it unpretrained)', async () => {
    const modelJson = await damagedCopy('no-manifest', (_w, json) => delete json.weightsManifest);
    const { code, stderr } = await runWith(modelJson, 'o-none');
    expect(code, stderr).toBe(2);
    expect(stderr).toMatch(/has no weights \("weightsManifest" is missing or empty/);
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});
