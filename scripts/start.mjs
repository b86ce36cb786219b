#!/usr/bin/env node
// `npm start`: install dependencies if needed, build the studio, serve it locally. Node built-ins only.
// Works offline once dependencies are installed (the built-in digits model and samples ship in the build).
import { ensureDependencies, findFreePort, npx, say, waitForPort } from './lib/setup.mjs';

const PREFERRED_PORT = 4173;

async function main() {
  await ensureDependencies();

  say('Building Transfer Studio (vite build)…');
  const buildCode = await npx(['vite', 'build']);
  if (buildCode !== 0) throw new Error(`the build failed (exit ${buildCode})`);

  const port = await findFreePort(PREFERRED_PORT);
  say(`Starting the local server on port ${port}…`);
  // vite preview serves dist/ with the cross-origin isolation headers set in vite.config.ts.
  const server = npx(['vite', 'preview', '--port', String(port), '--strictPort']);

  waitForPort(port, 'localhost', 60_000).then(
    () => {
      const url = `http://localhost:${port}/`;
      const line = '─'.repeat(url.length + 34);
      process.stdout.write(
        `\n${line}\n  Transfer Studio is running at  ${url}\n  Open it in a browser. Ctrl+C stops the server.\n${line}\n\n`,
      );
    },
    (error) => say(`Warning: ${error.message}; see the server output above.`),
  );

  const code = await server;
  process.exit(code);
}

// Ctrl+C reaches the server too (same process group); exit quietly once it has stopped.
process.on('SIGINT', () => {});

main().catch((error) => {
  process.stderr.write(`\nnpm start failed: ${error.message}\n`);
  process.exit(1);
});
