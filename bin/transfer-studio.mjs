#!/usr/bin/env node
// Launcher for the `transfer-studio` command: registers tsx's ESM loader so the TypeScript sources run as they
// are (no build step after `npm install`), then hands over to src/cli/main.ts.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../src/cli/main.ts', import.meta.url).href);
