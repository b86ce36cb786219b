#!/usr/bin/env node
// `npm test`: everything a fresh machine needs, the linter and the formatter check, both test runners, then ONE
// plain last line `N passed, N failed` totalling them (ESLint and Prettier count as one check each). Exits
// non-zero on any failure, a runner crash, or when no test ran.
// Node built-ins only (it runs before dependencies are installed).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDependencies, findFreePort, npx, run, say } from './lib/setup.mjs';
import { formatTotals, totalTestResults } from './lib/testTotals.mjs';

const CHROMIUM = '/usr/bin/chromium';
const PREFERRED_E2E_PORT = 4174;

/** Playwright cannot download browsers here; the e2e tests use Debian's Chromium (playwright.config.ts). */
async function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return;
  if (process.platform !== 'linux' || process.getuid?.() !== 0) {
    say(`Warning: ${CHROMIUM} is missing; install it (Debian: apt-get install -y chromium) or the browser tests fail.`);
    return;
  }
  say('Installing Chromium (apt-get install -y chromium)…');
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  if ((await run('apt-get', ['update'], { env })) !== 0) say('Warning: apt-get update failed.');
  if ((await run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { env })) !== 0) {
    say('Warning: installing Chromium failed; the browser tests will fail.');
  }
}

const SYSTEM_PYTHON = '/usr/bin/python3';

/** Whether Debian's Python (not a pyenv `python3` on the PATH) imports torch. */
async function systemPythonHasTorch() {
  if (!fs.existsSync(SYSTEM_PYTHON)) return false;
  return (await run(SYSTEM_PYTHON, ['-c', 'import torch'], { stdio: 'ignore' })) === 0;
}

/**
 * The PyTorch export's parity test (src/node/torchExport.test.ts) runs the converted backbone with Debian's
 * python3-torch (no PyPI here): installed like Chromium, from Debian's packages, when missing.
 */
async function ensurePyTorch() {
  if (await systemPythonHasTorch()) return;
  if (process.platform !== 'linux' || process.getuid?.() !== 0) {
    say(
      `Warning: ${SYSTEM_PYTHON} has no torch; install it (Debian: apt-get install -y python3-torch) or the PyTorch export test fails.`,
    );
    return;
  }
  say('Installing PyTorch for /usr/bin/python3 (apt-get install -y python3-torch python3-torchvision)…');
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  if ((await run('apt-get', ['update'], { env })) !== 0) say('Warning: apt-get update failed.');
  const packages = ['python3-torch', 'python3-torchvision'];
  if ((await run('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { env })) !== 0) {
    say('Warning: installing python3-torch failed; the PyTorch export test will fail.');
  }
}

/**
 * Runs a whole-tree check (a linter, the formatter) as one counted test: it passes when the tool exits 0.
 * Its own output (file:line of every problem) is printed as it runs.
 */
async function runCheck(label, args) {
  say(`${label}…`);
  const code = await npx(args);
  return { label, ok: code === 0, code };
}

/** Adds the checks to the runners' totals: one passed or one failed each, a failure named in the problems. */
function withChecks(totals, checks) {
  const failedChecks = checks.filter((c) => !c.ok);
  return {
    ...totals,
    passed: totals.passed + checks.length - failedChecks.length,
    failed: totals.failed + failedChecks.length,
    problems: [
      ...failedChecks.map((c) => `${c.label} failed (exit ${c.code}); its output is above`),
      ...totals.problems,
    ],
    ok: totals.ok && failedChecks.length === 0,
  };
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

async function main() {
  await ensureDependencies();
  await ensureChromium();
  await ensurePyTorch();

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'transfer-studio-test-'));
  const vitestJson = path.join(tmp, 'vitest.json');
  const playwrightJson = path.join(tmp, 'playwright.json');
  // A private build directory, so a concurrent `npm start` or test run in the same tree cannot swap files under us.
  const distDir = path.join(tmp, 'dist');

  // The checks and the build are single-threaded: two lanes at once on the two cores (~35 s instead of ~65 s).
  // The build is for the browser tests, which run after the unit tests.
  say('Checks, and the studio built for the browser tests (vite build) beside them…');
  const [[lint, buildCode], others] = await Promise.all([
    (async () => [
      await runCheck('Lint (eslint: correctness and the architecture boundaries)', ['eslint', '.', '--max-warnings=0']),
      await npx(['vite', 'build', '--outDir', distDir, '--emptyOutDir', '--logLevel', 'warn']),
    ])(),
    (async () => [
      await runCheck('Format (prettier --check)', ['prettier', '--check', '.']),
      await runCheck('Types (tsc: the app and tests)', ['tsc', '-p', 'tsconfig.json', '--noEmit']),
      await runCheck('Types (tsc: core without DOM or Node types)', ['tsc', '-p', 'tsconfig.core.json', '--noEmit']),
    ])(),
  ]);
  const checks = [lint, ...others];

  say('Unit tests (vitest)…');
  const vitestExitCode = await npx([
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${vitestJson}`,
  ]);

  let playwrightExitCode = 1;
  if (buildCode === 0) {
    const port = await findFreePort(PREFERRED_E2E_PORT);
    say(`Browser tests (playwright, Chromium, port ${port})…`);
    playwrightExitCode = await npx(['playwright', 'test', '--reporter=list,json'], {
      env: {
        E2E_PORT: String(port),
        E2E_DIST_DIR: distDir,
        PLAYWRIGHT_JSON_OUTPUT_FILE: playwrightJson,
        PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson,
      },
    });
  } else {
    say(`The build failed (exit ${buildCode}); browser tests not run.`);
  }

  const runnerTotals = totalTestResults({
    vitest: readJson(vitestJson),
    playwright:
      buildCode === 0
        ? readJson(playwrightJson)
        : { stats: {}, errors: [{ message: `vite build failed (exit ${buildCode})` }] },
    vitestExitCode,
    playwrightExitCode,
  });
  const totals = withChecks(runnerTotals, checks);
  fs.rmSync(tmp, { recursive: true, force: true });

  if (totals.problems.length > 0) {
    process.stdout.write(`\nProblems:\n${totals.problems.map((p) => `  - ${p}`).join('\n')}\n`);
  }
  process.stdout.write(`\n${formatTotals(totals)}\n`);
  process.exit(totals.ok ? 0 : 1);
}

main().catch((error) => {
  process.stdout.write(`\nnpm test crashed: ${error.message}\n0 passed, 1 failed\n`);
  process.exit(1);
});
