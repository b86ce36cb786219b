// The machine a result was measured on, and how busy it was (a shared machine's load average explains noise).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { CHROMIUM } from './browser.mjs';

function chromiumVersion() {
  try {
    return execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function cpuModel() {
  const fromOs = os.cpus()[0]?.model?.trim();
  if (fromOs && fromOs !== 'unknown') return fromOs;
  try {
    return /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function describeMachine() {
  const tfjs = JSON.parse(
    readFileSync(new URL('../../node_modules/@tensorflow/tfjs/package.json', import.meta.url), 'utf8'),
  ).version;
  return {
    cpuModel: cpuModel(),
    cores: typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length,
    memoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium: chromiumVersion(),
    tfjs,
    gpu: 'none (WebGL and WebGPU run on SwiftShader, in software on the CPU)',
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}
