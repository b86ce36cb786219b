// ESLint (flat config). Two jobs: ordinary correctness (eslint, typescript-eslint and the React hook rules) and
// the ARCHITECTURE: which room of the tree may import which (eslint-plugin-boundaries, on resolved paths, so
// multi-line imports and re-exports count) and which packages each room may use (no-restricted-imports).
// The rooms and their arrows (the README's layout; each room may also import the rooms its arrows reach):
//
//   app ─► features ─► store ─► worker/protocol ─► core ─► core/math     features ─► ui ─► (core types)
//   app ─► worker (runtime) ─► worker/protocol, core                     cli ─► node ─► core
//   A feature reaches another feature only through its index.ts, and the worker protocol only as types.
//   testing (test helpers), tests, bench, scripts may import any room; product code never imports them.
//
// A stray arrow fails `npm test` with the file and line. src/lint.test.ts proves the boundaries catch what the
// old regex test missed; src/architecture.test.ts keeps only what a linter cannot say.
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { defineConfig } from 'eslint/config';

const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx', '**/*.spec.ts'];

/** Node's built-in modules, bare and `node:`-prefixed, for the browser-only and pure rooms. */
const NODE_BUILTINS = {
  group: ['node:*', 'fs', 'fs/*', 'path', 'os', 'url', 'child_process', 'worker_threads', 'crypto', 'module', 'http'],
  message: 'Node built-ins belong in src/node (or src/cli, tests, scripts, bench).',
};
const REACT = {
  group: [
    'react',
    'react/*',
    'react-dom',
    'react-dom/*',
    'react-i18next',
    'i18next',
    'recharts',
    'zustand',
    'zustand/*',
  ],
  message: 'React, i18n, charts and the store belong to the UI rooms (features, ui, store, app).',
};
const TFJS = {
  group: ['@tensorflow/*'],
  message: 'TensorFlow.js runs in the worker and core; UI code talks to it through the worker protocol.',
};
const BROWSER_STORAGE = {
  group: ['idb', 'comlink'],
  message: 'IndexedDB and worker plumbing belong in src/worker.',
};

// ── Rooms (eslint-plugin-boundaries elements). First match wins, so nested rooms come before their parents. ──
const place = (type, pattern, extra = {}) => ({ type, pattern, partialMatch: false, ...extra });
const ELEMENTS = [
  place('core-math', 'src/core/math'),
  // Test helpers: src/testing (and, until it moves there, src/core/testing).
  place('testing', 'src/testing'),
  place('testing', 'src/core/testing'),
  place('core', 'src/core'),
  place('worker-protocol', 'src/worker/protocol'),
  place('worker', 'src/worker'),
  place('store', 'src/store'),
  place('feature', 'src/features/*', { capture: ['feature'] }),
  // Files directly in src/features (the actions context, strategy labels), shared by every feature.
  place('features-shared', 'src/features'),
  place('ui', 'src/ui'),
  place('app', 'src/app'),
  place('node', 'src/node'),
  place('cli', 'src/cli'),
  place('bench', 'bench'),
  place('e2e', 'e2e'),
  place('scripts', 'scripts'),
  place('tooling', 'bin'),
];

/** Selects dependencies on the given rooms; `typesOnly`: only `import type` / `export type` ones. */
const rooms = (...types) => ({ to: { element: { types } } });
const typesOnly = (...types) => ({ to: { element: { types } }, dependency: { kind: 'type' } });

/**
 * The policies of one room: it may import `allow` and nothing else (a later matching policy overrides an
 * earlier one, so the disallow-all first carries the room's message into every violation).
 */
const room = (type, allow, why) => [
  {
    from: { element: { type } },
    disallow: rooms('*'),
    message: `${why} [{{ from.element.type }} → {{ to.element.type }}]`,
  },
  { from: { element: { type } }, allow },
];

const POLICIES = [
  ...room('core-math', rooms('core-math'), 'core/math is pure numbers and imports only math'),
  ...room('core', rooms('core', 'core-math'), 'core is framework-free and imports only core'),
  ...room(
    'worker-protocol',
    rooms('worker-protocol', 'core', 'core-math'),
    'A worker protocol names messages over core types and imports no worker runtime',
  ),
  ...room(
    'worker',
    rooms('worker', 'worker-protocol', 'core', 'core-math'),
    'The worker runs core and knows nothing of the store, features, ui, app, node or cli',
  ),
  ...room(
    'store',
    rooms('store', 'worker-protocol', 'core', 'core-math'),
    'The store holds plain data (worker protocol, core types): no worker runtime, no UI',
  ),
  // A feature's own folder is one room, so imports inside it are always allowed; another feature is reached
  // only through its public index.ts.
  ...room(
    'feature',
    [
      { to: { element: { type: 'feature', fileInternalPath: 'index.{ts,tsx}' } } },
      rooms('features-shared', 'ui', 'store', 'core', 'core-math'),
      typesOnly('worker-protocol'),
    ],
    "A feature imports its own folder, other features' index.ts, src/features/*.ts, ui, store and core (the worker protocol: types only)",
  ),
  ...room(
    'features-shared',
    [rooms('features-shared', 'ui', 'store', 'core', 'core-math'), typesOnly('feature', 'worker-protocol')],
    'Shared feature code imports ui, store and core, and features and the worker protocol as types only',
  ),
  ...room(
    'ui',
    [rooms('ui'), typesOnly('core', 'core-math')],
    'ui is presentational: it imports ui and core types only',
  ),
  ...room(
    'app',
    rooms('app', 'feature', 'features-shared', 'ui', 'store', 'worker', 'worker-protocol', 'core', 'core-math'),
    'The app wires the browser rooms and never imports node, cli or test helpers',
  ),
  ...room(
    'node',
    rooms('node', 'core', 'core-math'),
    'src/node adapts core to Node and imports no browser room or cli',
  ),
  ...room(
    'cli',
    rooms('cli', 'node', 'core', 'core-math'),
    'The command line is core + src/node: no React, store or worker',
  ),
  // Test helpers, tests, benchmarks, scripts and tooling may reach into any room…
  { from: { element: { types: ['testing', 'bench', 'scripts', 'tooling'] } }, allow: rooms('*') },
  { from: { file: { categories: 'test' } }, allow: rooms('*') },
  // …but nothing under src/core (its tests included) names src/node or src/cli: core tests reach the Node
  // adapters through src/testing (src/testing/node.ts)…
  {
    from: { element: { types: ['core', 'core-math'] } },
    disallow: rooms('node', 'cli'),
    message: 'Nothing under src/core imports src/node or src/cli; core tests reach Node adapters through src/testing',
  },
  // …except the browser journeys (specs included), which drive the built app from outside…
  ...room(
    'e2e',
    [rooms('e2e', 'testing'), typesOnly('core', 'core-math')],
    'e2e drives the built app: test helpers and core types only',
  ),
  // …and only the command line's own files, tests and launcher (bin/) import src/cli.
  {
    from: { element: { types: { noneOf: ['cli', 'tooling'] } } },
    disallow: rooms('cli'),
    message: 'Only src/cli imports src/cli; shared code belongs in src/node or src/testing',
  },
];

export default defineConfig(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'test-results/**',
      'playwright-report/**',
      'bench/results/**',
      'docs/results/**',
      'public/**',
      '.ci/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.browser, ...globals.node } },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // `import type` for what is only a type: the rooms' "types only" arrows are read from it.
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // The two classic hook rules. The React Compiler rules of the plugin's `recommended` set (refs, purity,
  // set-state-in-effect, …) judge code for a compiler the studio does not use; they flag idioms that are
  // correct without it (latest-value refs, resetting state when a prop changes).
  {
    files: ['src/{features,ui,store,app}/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },

  // ── Room boundaries ──
  {
    files: ['src/**/*.{ts,tsx}', 'bench/**/*.{ts,mjs}', 'e2e/**/*.ts', 'scripts/**/*.{ts,mjs}', 'bin/**'],
    // Repository-level tests directly in src (architecture, security, lint) belong to no room.
    ignores: ['src/*.test.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': ELEMENTS,
      'boundaries/files': [{ category: 'test', pattern: ['**/*.test.{ts,tsx}', '**/*.spec.ts'] }],
      'boundaries/dependency-nodes': ['import', 'export', 'dynamic-import'],
      'boundaries/legacy-templates': false,
      // Root files outside the rooms (vite, playwright and CSP configs, package.json); importing them is allowed.
      'boundaries/ignore': ['*.config.{ts,js}', 'package.json'],
      'import/resolver': { typescript: { project: 'tsconfig.json' }, node: true },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          message: 'No policy lets {{ from.element.type }} import {{ to.element.type }}',
          policies: POLICIES,
        },
      ],
      // Every file belongs to a room, and every local import resolves to one: a new folder must be placed here.
      'boundaries/no-unknown-files': 'error',
      'boundaries/no-unknown-dependencies': 'error',
    },
  },

  // ── Packages per room ──
  {
    files: ['src/core/**/*.ts'],
    ignores: TEST_FILES,
    // (DOM and Node globals such as `document` fail tsconfig.core.json's typecheck, which has neither.)
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\.|@tensorflow/|zod$|fflate$|@stdlib/)',
              message:
                'core is framework-free: it imports TensorFlow.js, zod, fflate, stdlib statistics and core only.',
            },
          ],
        },
      ],
      'no-console': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Randomness is passed in: createRng(seed) from core/math/rng.' },
      ],
    },
  },
  {
    files: ['src/core/math/**/*.ts'],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\./|@stdlib/)',
              message: 'core/math is pure numbers: it imports only its siblings and stdlib statistics.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/features/**/*.{ts,tsx}', 'src/ui/**/*.{ts,tsx}', 'src/store/**/*.ts', 'src/app/**/*.{ts,tsx}'],
    ignores: TEST_FILES,
    rules: { 'no-restricted-imports': ['error', { patterns: [TFJS, NODE_BUILTINS] }] },
  },
  {
    files: ['src/worker/**/*.ts'],
    ignores: TEST_FILES,
    rules: { 'no-restricted-imports': ['error', { patterns: [NODE_BUILTINS, REACT] }] },
  },
  {
    files: ['src/cli/**/*.ts', 'src/node/**/*.ts'],
    ignores: TEST_FILES,
    rules: { 'no-restricted-imports': ['error', { patterns: [REACT, BROWSER_STORAGE] }] },
  },
);
