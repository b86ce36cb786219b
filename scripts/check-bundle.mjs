#!/usr/bin/env node
// `npm run check:bundle [dist]`: lists eval-style code (eval(…), Function(…), new Function(…)) in the BUILT
// JavaScript, our code and our dependencies', and fails on any occurrence not explained below. Our own sources
// have none (src/architecture.test.ts); the Content-Security-Policy (csp.config.ts) would refuse any that ran, and
// e2e/privacy.spec.ts checks a whole session reports no violation. Node built-ins only.
import fs from 'node:fs';
import path from 'node:path';

/** Known occurrences in dependencies, and why each is harmless in the studio. */
const KNOWN = [
  {
    pattern: /try\{return Function\(``\),!0\}catch\{return!1\}/g,
    why: 'zod 4: probe for whether it may compile parsers; skipped because src/core/zod.ts sets jitless',
  },
  {
    pattern: /compile\(\)\{let \w+=Function,/g,
    why: 'zod 4: the parser compiler itself; never called in jitless mode (src/core/zod.ts)',
  },
  {
    pattern: /self:Function\(`return this`\)\(\)/g,
    why: 'decimal.js-light (via recharts): global-object fallback used only where `self` does not exist (not in browsers)',
  },
  {
    pattern: /importScripts:function\(\w+\)\{\(0,eval\)\(fs\.readFileSync\(/g,
    why: "tfjs-backend-wasm's Emscripten thread glue: its Node.js branch (worker_threads + fs); never taken in a browser",
  },
];
const SUSPECT = /(?<![\w$.])(?:new\s+)?(?:eval|Function)\s*\(|\(0,\s*eval\)/g;

const dist = path.resolve(process.argv[2] ?? 'dist');
const files = fs.readdirSync(path.join(dist, 'assets')).filter((f) => f.endsWith('.js'));
let unknown = 0;
for (const file of files) {
  let code = fs.readFileSync(path.join(dist, 'assets', file), 'utf8');
  for (const { pattern, why } of KNOWN) {
    const n = code.match(pattern)?.length ?? 0;
    if (n > 0) process.stdout.write(`${file}: ${n} × known: ${why}\n`);
    code = code.replace(pattern, '');
  }
  for (const match of code.matchAll(SUSPECT)) {
    unknown += 1;
    const at = match.index ?? 0;
    process.stdout.write(`${file}: UNEXPLAINED eval-style code: …${code.slice(Math.max(0, at - 80), at + 80)}…\n`);
  }
}
process.stdout.write(
  unknown === 0
    ? `No unexplained eval-style code in ${files.length} bundles.\n`
    : `${unknown} unexplained occurrence(s).\n`,
);
process.exit(unknown === 0 ? 0 : 1);
