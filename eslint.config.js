// Lint, including the layering rules (docs/architecture.md): an import that crosses a
// layer the wrong way fails `npm run lint`, which `npm test` runs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const electronModules = ['electron', 'electron-store', 'electron/*'];
// What only the core's worker thread loads: the hosts' own threads never open the journal or hold its key.
const coreThread = ['**/core/db/**', '**/core/service/**', '**/core/vault/**', '**/core/analytics/**', '**/core/portability/**', '**/core/report/**', '**/core/safety/**', '**/core/reminders/**', '**/core/session*', '**/core/worker/serve*', '**/core/worker/entry*'];
const restrict = (patterns, message, more = []) => ({
  'no-restricted-imports': ['error', { patterns: [...patterns.map((group) => ({ group: [group], message })), ...more] }],
});
const coreMay = [...electronModules, '**/main/app/**', '**/main/web/**', '**/renderer/**', 'react', 'react-dom'];
const coreMessage = 'main/core is plain Node: never electron, electron-store, the app or web hosts, or the renderer (docs/architecture.md).';

// SQL has one owner, main/core/db: elsewhere nothing prepares, executes or pragmas SQL, and nothing
// imports the raw statement helpers. Other modules call the functions of db (repos, analytics, checks).
const sqlMessage = 'SQL lives only under main/core/db: call a function of db (repos, analytics, checks) instead (docs/architecture.md).';
const noSqlHelpers = [{ group: ['**/db/repos/sql.js', '**/db/analytics/sql.js', 'better-sqlite3-multiple-ciphers'], message: sqlMessage }];
const noSqlCalls = {
  'no-restricted-syntax': [
    'error',
    { selector: "CallExpression[callee.property.name='prepare']", message: sqlMessage },
    { selector: "CallExpression[callee.property.name='pragma']", message: sqlMessage },
    { selector: "CallExpression[callee.property.name='exec'][arguments.0.type=/^(Literal|TemplateLiteral)$/]", message: sqlMessage },
  ],
};

export default tseslint.config(
  // main/desktop: the desktop tooling's own package (its node_modules once installed) and Electron's
  // type definitions, copied unchanged from the pinned electron package.
  { ignores: ['node_modules/', 'main/desktop/', 'dist/', 'build/', 'release/', '.cache/', 'test-results/', 'playwright-report/', 'bench-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['shared/**'],
    rules: restrict(['**/main/**', '**/renderer/**', ...electronModules, 'node:*', 'react', 'react-dom'], 'shared/ is pure TypeScript: it imports nothing of main, renderer, Node or Electron.'),
  },
  {
    files: ['main/core/**'],
    rules: restrict(coreMay, coreMessage),
  },
  {
    files: ['main/core/**'],
    ignores: ['main/core/db/**'],
    rules: { ...restrict(coreMay, coreMessage, noSqlHelpers), ...noSqlCalls },
  },
  {
    files: ['main/web/**', 'main/app/**', 'main/cli/**'],
    rules: noSqlCalls,
  },
  {
    files: ['main/web/**'],
    rules: restrict([...electronModules, '**/main/app/**', '**/renderer/**', ...coreThread], 'main/web (browser mode) runs without Electron, and reaches the journal only through the core thread (main/core/worker/client.ts).'),
  },
  {
    // The Electron main process reaches the journal only through the core thread: never the database layer or the Session.
    files: ['main/app/**'],
    rules: restrict(['**/main/web/**', '**/renderer/**', ...coreThread], 'main/app is Electron glue over main/core; it reaches the journal only through the core thread (main/core/worker/client.ts).'),
  },
  {
    // The stand-alone journal reader proves that docs/journal-format.md is enough: it may use only Node,
    // @node-rs/argon2 and better-sqlite3-multiple-ciphers, never Fulcrum's own code.
    files: ['docs/reader/**'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!node:|@node-rs/argon2$|better-sqlite3-multiple-ciphers$)',
              message: 'The journal reader is written from docs/journal-format.md alone: it imports only node:*, @node-rs/argon2 and better-sqlite3-multiple-ciphers, nothing of Fulcrum.',
            },
          ],
        },
      ],
    },
  },
  {
    // The Rules of Hooks: hooks called unconditionally, and effects that list what they read. Both
    // are errors, since lint runs with --max-warnings 0. (The plugin's React Compiler checks are not
    // on yet: the renderer does not target the compiler.)
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['renderer/**'],
    rules: restrict(['**/main/**', ...electronModules, 'node:*', 'better-sqlite3-multiple-ciphers'], 'The renderer is sandboxed: it talks to main only through window.fulcrum (shared/api.ts).'),
  },
);
