import { ESLint } from 'eslint';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The linter is the architecture's enforcement (eslint.config.js); these cases prove it bites. Each lints a
 * snippet as if it were a file in a given room (ESLint's lintText with a file path: nothing is written to the
 * tree) and expects the named rule to fail it — including the multi-line import the old regex test missed.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot });
});

/** The rule ids ESLint reports for `code` placed at `file` (relative to the repository root). */
async function rulesBroken(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
  const fatal = result.messages.filter((m) => m.fatal);
  expect(fatal.map((m) => m.message)).toEqual([]);
  return result.messages.map((m) => m.ruleId ?? 'unknown');
}

describe('the linter enforces the rooms', () => {
  it('accepts a well-behaved core file (no false alarm)', async () => {
    const code =
      "import * as tf from '@tensorflow/tfjs';\nimport { createRng } from '../math/rng';\n\nexport const probe = [tf, createRng];\n";
    expect(await rulesBroken('src/core/train/lintProbe.ts', code)).toEqual([]);
  });

  it('fails core importing the store, written over several lines', async () => {
    const code =
      "import {\n  useStudioStore,\n  selectExperimentConfig,\n} from '../store';\n\nexport const probe = [useStudioStore, selectExperimentConfig];\n";
    expect(await rulesBroken('src/core/lintProbe.ts', code)).toContain('boundaries/dependencies');
  });

  it('fails a multi-line re-export from the store in core', async () => {
    const code = "export {\n  useStudioStore,\n} from '../../store';\n";
    expect(await rulesBroken('src/core/train/lintProbe.ts', code)).toContain('boundaries/dependencies');
  });

  it('fails Math.random and console in core, but not in core tests', async () => {
    const code = 'export function probe(): number {\n  console.log("x");\n  return Math.random();\n}\n';
    const broken = await rulesBroken('src/core/train/lintProbe.ts', code);
    expect(broken).toContain('no-restricted-properties');
    expect(broken).toContain('no-console');
    expect(await rulesBroken('src/core/train/lintProbe.test.ts', code)).toEqual([]);
  });

  it('fails React and Node built-ins in core', async () => {
    const code =
      "import { useState } from 'react';\nimport fs from 'node:fs';\n\nexport const probe = [useState, fs];\n";
    const broken = await rulesBroken('src/core/lintProbe.ts', code);
    expect(broken.filter((r) => r === 'no-restricted-imports')).toHaveLength(2);
  });

  it('fails core/math importing anything outside math, TensorFlow.js included', async () => {
    const code =
      "import * as tf from '@tensorflow/tfjs';\nimport type { ExperimentConfig } from '../experiment/types';\n\nexport type Probe = [typeof tf, ExperimentConfig];\n";
    const broken = await rulesBroken('src/core/math/lintProbe.ts', code);
    expect(broken).toContain('no-restricted-imports');
    expect(broken).toContain('boundaries/dependencies');
  });

  it('fails ui importing the store, and the command line importing the store', async () => {
    const code = "import { useStudioStore } from '../store';\n\nexport const probe = useStudioStore;\n";
    expect(await rulesBroken('src/ui/lintProbe.ts', code)).toContain('boundaries/dependencies');
    expect(await rulesBroken('src/cli/lintProbe.ts', code)).toContain('boundaries/dependencies');
  });

  it('fails TensorFlow.js in a feature', async () => {
    const code = "import * as tf from '@tensorflow/tfjs';\n\nexport const probe = tf;\n";
    expect(await rulesBroken('src/features/runs/lintProbe.ts', code)).toContain('no-restricted-imports');
  });

  it("fails a feature reaching into another feature's files; its index.ts is the way in", async () => {
    const internal = "import { backboneName } from '../backbone/backboneName';\n\nexport const probe = backboneName;\n";
    const viaIndex = "import { backboneName } from '../backbone';\n\nexport const probe = backboneName;\n";
    expect(await rulesBroken('src/features/runs/lintProbe.ts', internal)).toContain('boundaries/dependencies');
    expect(await rulesBroken('src/features/runs/lintProbe.ts', viaIndex)).toEqual([]);
  });

  it('fails a core test importing the command line (shared helpers live in src/node and src/testing)', async () => {
    const code = "import * as cli from '../../cli/main';\n\nexport const probe = cli;\n";
    expect(await rulesBroken('src/core/train/lintProbe.test.ts', code)).toContain('boundaries/dependencies');
  });

  it('fails a core test importing a Node adapter directly (src/testing/node.ts is the way in)', async () => {
    const direct = "import { nodeDecoder } from '../../node/decode';\n\nexport const probe = nodeDecoder;\n";
    const viaTesting = "import { nodeDecoder } from '../../testing/node';\n\nexport const probe = nodeDecoder;\n";
    expect(await rulesBroken('src/core/train/lintProbe.test.ts', direct)).toContain('boundaries/dependencies');
    expect(await rulesBroken('src/core/train/lintProbe.test.ts', viaTesting)).toEqual([]);
  });

  it('fails a file in a folder that is no room (a new folder must be placed in eslint.config.js)', async () => {
    expect(await rulesBroken('src/misc/lintProbe.ts', 'export const probe = 1;\n')).toContain(
      'boundaries/no-unknown-files',
    );
  });

  it('fails an import that resolves to nothing in a room (a broken or misplaced path)', async () => {
    const code = "import { probe } from '../nowhere/lintProbe';\n\nexport const again = probe;\n";
    expect(await rulesBroken('src/core/train/lintProbe.ts', code)).toContain('boundaries/no-unknown-dependencies');
  });
});
