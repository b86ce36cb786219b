#!/usr/bin/env node
// `npm run audit:prod`: `npm audit --omit=dev` (the packages users' browsers and the CLI actually run), summarised.
// Exit 1 when a high or critical advisory affects a production dependency. When the advisory service cannot be
// reached (offline CI, a registry mirror without the audit endpoint), it says so and exits 0: an unreachable
// service is not a vulnerability, and this check is deliberately NOT part of `npm test`.
// Node built-ins only.
import { spawnSync } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['audit', '--omit=dev', '--json'], { encoding: 'utf8', timeout: 120_000 });
let report;
try {
  report = JSON.parse(result.stdout || 'null');
} catch {
  report = null;
}

const counts = report?.metadata?.vulnerabilities;
if (!counts) {
  const reason =
    report?.message ??
    report?.error?.summary ??
    (result.error?.message || result.stderr.trim().split('\n').pop() || 'no answer');
  process.stdout.write(
    `npm audit --omit=dev: the advisory service could not be reached (${reason}); no result. Run again online.\n`,
  );
  process.exit(0);
}

const total = Object.values(counts).reduce((a, b) => a + b, 0);
const levels = ['critical', 'high', 'moderate', 'low', 'info'].map((l) => `${counts[l] ?? 0} ${l}`).join(', ');
process.stdout.write(`npm audit --omit=dev: ${total} advisories in production dependencies (${levels}).\n`);
for (const [name, v] of Object.entries(report.vulnerabilities ?? {})) {
  const via = (v.via ?? []).map((x) => (typeof x === 'string' ? x : x.title)).join('; ');
  process.stdout.write(
    `  ${v.severity.padEnd(8)} ${name}${v.range ? ` ${v.range}` : ''}: ${via}${v.fixAvailable ? ' (fix available)' : ''}\n`,
  );
}
process.exit((counts.critical ?? 0) + (counts.high ?? 0) > 0 ? 1 : 0);
