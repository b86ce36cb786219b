/**
 * zod, configured for the studio: import `z` from here, not from 'zod' (src/security.test.ts checks).
 *
 * `jitless`: zod 4 compiles object parsers with `new Function` when it may, and probes whether it may by calling
 * `Function("")` — eval-style code that the studio's Content-Security-Policy forbids (csp.config.ts) and that a
 * strict CSP reports as a violation even though zod catches the error. The interpreted parser is plenty fast for
 * configs, manifests and workspace files, and it behaves the same in the page, the workers and the CLI.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
