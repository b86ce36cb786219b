// Totals of the two test runners' JSON reports. Pure (no I/O) so it is unit-tested in testTotals.test.ts.

/**
 * Counts from Vitest's `--reporter=json` report (Jest-compatible). A test file that fails without any failing
 * test (an import error, a crash in a hook) counts as one failure, so it cannot vanish from the totals.
 * `report` is the parsed JSON, or null when the runner wrote none.
 */
export function countVitest(report) {
  if (!report || typeof report !== 'object')
    return { passed: 0, failed: 0, skipped: 0, problems: ['vitest wrote no JSON report (crashed?)'] };
  const problems = [];
  const files = Array.isArray(report.testResults) ? report.testResults : [];
  let brokenFiles = 0;
  for (const file of files) {
    const assertions = Array.isArray(file.assertionResults) ? file.assertionResults : [];
    const anyFailed = assertions.some((a) => a.status === 'failed');
    if (file.status === 'failed' && !anyFailed) {
      brokenFiles++;
      problems.push(`vitest: ${file.name ?? 'a test file'} failed outside its tests: ${firstLine(file.message)}`);
    }
  }
  return {
    passed: number(report.numPassedTests),
    failed: number(report.numFailedTests) + brokenFiles,
    skipped: number(report.numPendingTests) + number(report.numTodoTests),
    problems,
  };
}

/**
 * Counts from Playwright's JSON reporter. Flaky tests (passed on a retry) count as passed; errors outside tests
 * (the web server did not start, a config error) count as one failure each.
 */
export function countPlaywright(report) {
  if (!report || typeof report !== 'object')
    return { passed: 0, failed: 0, skipped: 0, problems: ['playwright wrote no JSON report (crashed?)'] };
  const stats = report.stats ?? {};
  const errors = Array.isArray(report.errors) ? report.errors : [];
  return {
    passed: number(stats.expected) + number(stats.flaky),
    failed: number(stats.unexpected) + errors.length,
    skipped: number(stats.skipped),
    problems: errors.map((e) => `playwright: ${firstLine(e.message)}`),
  };
}

/**
 * Totals both runners. `ok` is false on any failure, on a missing report, on a runner that exited non-zero
 * without a counted failure (a crash), and when no test ran at all.
 * @param {{ vitest: unknown, playwright: unknown, vitestExitCode?: number, playwrightExitCode?: number }} input
 */
export function totalTestResults({ vitest, playwright, vitestExitCode = 0, playwrightExitCode = 0 }) {
  const v = countVitest(vitest);
  const p = countPlaywright(playwright);
  const problems = [...v.problems, ...p.problems];
  if (vitestExitCode !== 0 && v.failed === 0)
    problems.push(`vitest exited with code ${vitestExitCode} without a failed test`);
  if (playwrightExitCode !== 0 && p.failed === 0)
    problems.push(`playwright exited with code ${playwrightExitCode} without a failed test`);
  const passed = v.passed + p.passed;
  const failed = v.failed + p.failed;
  if (passed + failed === 0) problems.push('no tests ran');
  return { passed, failed, skipped: v.skipped + p.skipped, problems, ok: failed === 0 && problems.length === 0 };
}

/** The one plain last line `npm test` prints. */
export function formatTotals(totals) {
  return `${totals.passed} passed, ${totals.failed} failed`;
}

function number(x) {
  return typeof x === 'number' && Number.isFinite(x) ? x : 0;
}

function firstLine(text) {
  return String(text ?? 'no message')
    .trim()
    .split('\n')[0]
    .slice(0, 300);
}
