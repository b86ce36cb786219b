export interface RunnerCounts {
  passed: number;
  failed: number;
  skipped: number;
  problems: string[];
}
export interface TestTotals extends RunnerCounts {
  ok: boolean;
}
export function countVitest(report: unknown): RunnerCounts;
export function countPlaywright(report: unknown): RunnerCounts;
export function totalTestResults(input: {
  vitest: unknown;
  playwright: unknown;
  vitestExitCode?: number;
  playwrightExitCode?: number;
}): TestTotals;
export function formatTotals(totals: { passed: number; failed: number }): string;
