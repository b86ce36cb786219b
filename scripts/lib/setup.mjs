// Shared by scripts/start.mjs and scripts/test.mjs. Node built-ins only: this runs before dependencies exist.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const isWindows = process.platform === 'win32';

/** Prints a line prefixed so the scripts' own messages stand out from the tools' output. */
export function say(message) {
  process.stdout.write(`\n▶ ${message}\n`);
}

/**
 * Runs a command with inherited stdio (or `stdio` given) and resolves with its exit code (never rejects on a
 * non-zero exit; rejects only when the command cannot be started). A signal death counts as exit code 1.
 */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: repoRoot,
      stdio: 'inherit',
      shell: isWindows,
      ...options,
      env: { ...process.env, ...options.env },
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** `npx` resolved for the platform; `--no-install` so a missing tool fails fast instead of reaching a registry. */
export function npx(args, options) {
  return run(isWindows ? 'npx.cmd' : 'npx', ['--no-install', ...args], options);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * True when dependencies must be (re)installed: node_modules is missing, or it does not hold what package-lock.json
 * lists. npm records what it installed in node_modules/.package-lock.json; every locked package must be there at
 * the locked version (optional platform packages, such as another system's esbuild binary, may be missing).
 * Contents, not time stamps: a fresh checkout or git worktree has a newer lock file than an install that matches
 * it, and reinstalling then would replace a node_modules shared between worktrees.
 */
export function dependenciesAreStale() {
  const installed = readJson(path.join(repoRoot, 'node_modules', '.package-lock.json'));
  if (!installed?.packages) return true;
  const lock = readJson(path.join(repoRoot, 'package-lock.json'));
  if (!lock?.packages) return false;
  return Object.entries(lock.packages).some(([key, entry]) => {
    if (key === '' || entry.link) return false;
    const present = installed.packages[key];
    return present ? present.version !== entry.version : !entry.optional;
  });
}

/**
 * Installs dependencies when needed: `npm ci` with a lock file, `npm install` without. Works offline once
 * installed because nothing runs when node_modules is current. If an install fails but an older node_modules is
 * still there, carries on with a warning (e.g. offline after a lock-file change); otherwise throws.
 */
export async function ensureDependencies() {
  if (!dependenciesAreStale()) return;
  // A git worktree that borrows another checkout's node_modules through a link must not reinstall it
  // (`npm ci` would empty the shared folder under the other checkout's feet): say so and carry on.
  if (fs.lstatSync(path.join(repoRoot, 'node_modules'), { throwIfNoEntry: false })?.isSymbolicLink()) {
    say('node_modules is a link to another checkout: not reinstalling; run npm install there if packages changed.');
    return;
  }
  const hasLock = fs.existsSync(path.join(repoRoot, 'package-lock.json'));
  const npm = isWindows ? 'npm.cmd' : 'npm';
  say(hasLock ? 'Installing dependencies (npm ci)…' : 'Installing dependencies (npm install)…');
  const code = await run(npm, [hasLock ? 'ci' : 'install', '--no-audit', '--no-fund']);
  if (code === 0) return;
  if (fs.existsSync(path.join(repoRoot, 'node_modules', 'vite'))) {
    say(`Warning: the install failed (exit ${code}); carrying on with the dependencies already installed.`);
    return;
  }
  throw new Error(`installing dependencies failed (exit ${code}); check the network or the npm registry and retry`);
}

/** True when nothing accepts connections on `port` (checked on all interfaces, IPv6 and IPv4). */
export function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.once('listening', () => server.close(() => resolve(true)));
    server.listen(port);
  });
}

/** The first free port at or after `preferred`. */
export async function findFreePort(preferred, attempts = 50) {
  for (let port = preferred; port < preferred + attempts; port++) {
    if (await portIsFree(port)) return port;
  }
  throw new Error(`no free port in ${preferred}..${preferred + attempts - 1}`);
}

/** Resolves once something accepts TCP connections on host:port, or rejects after `timeoutMs`. */
export function waitForPort(port, host, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, host);
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing answered on ${host}:${port}`));
        else setTimeout(attempt, 200);
      });
    };
    attempt();
  });
}
