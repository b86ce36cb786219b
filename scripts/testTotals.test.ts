import { describe, expect, it } from 'vitest';
import { countPlaywright, countVitest, formatTotals, totalTestResults } from './lib/testTotals.mjs';

const vitestReport = (over: Record<string, unknown> = {}) => ({
  numPassedTests: 7,
  numFailedTests: 1,
  numPendingTests: 2,
  numTodoTests: 0,
  testResults: [
    {
      name: '/repo/src/a.test.ts',
      status: 'failed',
      message: '',
      assertionResults: [{ status: 'passed' }, { status: 'failed' }],
    },
    { name: '/repo/src/b.test.ts', status: 'passed', message: '', assertionResults: [{ status: 'passed' }] },
  ],
  ...over,
});

const playwrightReport = (stats: Record<string, number>, errors: { message: string }[] = []) => ({
  stats: { expected: 0, unexpected: 0, flaky: 0, skipped: 0, ...stats },
  errors,
  suites: [],
});

describe('countVitest', () => {
  it('reads passed, failed and skipped', () => {
    expect(countVitest(vitestReport())).toEqual({ passed: 7, failed: 1, skipped: 2, problems: [] });
  });

  it('counts a file that failed outside its tests (import error) as one failure', () => {
    const report = vitestReport({
      numFailedTests: 0,
      testResults: [
        {
          name: '/repo/src/c.test.ts',
          status: 'failed',
          message: 'Error: Cannot find module x\n  at …',
          assertionResults: [],
        },
      ],
    });
    const counts = countVitest(report);
    expect(counts.failed).toBe(1);
    expect(counts.problems[0]).toContain('c.test.ts');
    expect(counts.problems[0]).toContain('Cannot find module x');
    expect(counts.problems[0]).not.toContain('at …');
  });

  it('reports a missing report as a problem', () => {
    expect(countVitest(null).problems).toHaveLength(1);
  });
});

describe('countPlaywright', () => {
  it('counts flaky as passed and unexpected as failed', () => {
    expect(countPlaywright(playwrightReport({ expected: 3, flaky: 1, unexpected: 2, skipped: 1 }))).toEqual({
      passed: 4,
      failed: 2,
      skipped: 1,
      problems: [],
    });
  });

  it('counts global errors (web server did not start) as failures', () => {
    const counts = countPlaywright(playwrightReport({}, [{ message: 'Error: Timed out waiting for webServer\nmore' }]));
    expect(counts.failed).toBe(1);
    expect(counts.problems).toEqual(['playwright: Error: Timed out waiting for webServer']);
  });
});

describe('totalTestResults', () => {
  it('adds both runners and is ok when all pass', () => {
    const totals = totalTestResults({
      vitest: vitestReport({ numFailedTests: 0, testResults: [] }),
      playwright: playwrightReport({ expected: 2 }),
    });
    expect(totals).toMatchObject({ passed: 9, failed: 0, ok: true, problems: [] });
    expect(formatTotals(totals)).toBe('9 passed, 0 failed');
  });

  it('is not ok when any test failed', () => {
    const totals = totalTestResults({
      vitest: vitestReport(),
      playwright: playwrightReport({ expected: 2 }),
      vitestExitCode: 1,
    });
    expect(totals.ok).toBe(false);
    expect(formatTotals(totals)).toBe('9 passed, 1 failed');
    expect(totals.problems).toEqual([]);
  });

  it('is not ok when a runner crashed without a report', () => {
    const totals = totalTestResults({
      vitest: vitestReport({ numFailedTests: 0, testResults: [] }),
      playwright: null,
      playwrightExitCode: 1,
    });
    expect(totals.ok).toBe(false);
    expect(totals.problems.some((p) => p.includes('playwright wrote no JSON report'))).toBe(true);
  });

  it('is not ok when a runner exited non-zero although its report shows no failure', () => {
    const totals = totalTestResults({
      vitest: vitestReport({ numFailedTests: 0, testResults: [] }),
      playwright: playwrightReport({ expected: 1 }),
      playwrightExitCode: 1,
    });
    expect(totals.ok).toBe(false);
    expect(totals.failed).toBe(0);
  });

  it('is not ok when no test ran', () => {
    const totals = totalTestResults({
      vitest: vitestReport({ numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, testResults: [] }),
      playwright: playwrightReport({}),
    });
    expect(totals.ok).toBe(false);
    expect(totals.problems).toContain('no tests ran');
    expect(formatTotals(totals)).toBe('0 passed, 0 failed');
  });
});
