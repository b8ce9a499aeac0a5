/**
 * `npm run lint:electron` (run by `npm test` through tests/unit/electronegativity.test.ts): Doyensec's
 * Electronegativity over the Electron glue (main/app), offline, failing on any finding that is not in
 * the short list of reviewed exceptions below.
 *
 * Offline: Electronegativity fetches translations and Electron's release list with `got`. Here `got`
 * is replaced, before the tool loads, by a function that rejects at once, so no request ever leaves
 * the machine; the tool then falls back to its bundled English strings. Its CLI exits 0 even with
 * findings, so this runs it programmatically and judges the result itself.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pinnedElectron } from './desktop-toolchain.js';
import { ROOT, isEntry } from './project.js';

export interface Finding {
  id: string;
  file: string;
  line: number;
  severity: string;
  confidence: string;
  description: string;
}

/** Each exception: which check, in which file, and why it is not a problem here. */
export const EXCEPTIONS: readonly { id: string; file: string; reason: string }[] = [
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'N/A',
    reason:
      "The CSP is sent as a response header by the app:// protocol handler (main/app/protocol.ts; value in main/core/static.ts: default-src 'none', script-src 'self', …). Electronegativity only recognises CSPs set in HTML meta tags or webRequest.onHeadersReceived. tests/unit/app-main.test.ts asserts the header on app:// responses.",
  },
  {
    id: 'CUSTOM_ARGUMENTS_JS_CHECK',
    file: 'main.ts',
    reason: "The only switch is disable-features=HardwareMediaKeyHandling,MediaSessionService: it turns features off (no media-session integration with the OS) and enables nothing.",
  },
  {
    id: 'PRELOAD_JS_CHECK',
    file: 'window.ts',
    reason:
      'Reviewed: the preload (main/app/preload.ts) exposes through contextBridge only one function per contract call plus subscribe — never ipcRenderer, never the IPC event object; main validates every input with zod and checks the sender frame (main/app/ipc.ts).',
  },
];

type RunnerResult = { errors: { file: string; message: string; tolerable: boolean }[]; issues: RawIssue[] };
interface RawIssue {
  id: string;
  file: string;
  location?: { line: number };
  severity?: { name: string };
  confidence?: { name: string };
  description: string;
}

export async function scan(input: string, electronVersion: string): Promise<{ findings: Finding[]; errors: string[] }> {
  const require = createRequire(import.meta.url);
  const Module = require('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = Module._load;
  const offline = () => Promise.reject(new Error('offline: Fulcrum runs Electronegativity without network access'));
  Module._load = function (request: string, ...rest: unknown[]) {
    if (request === 'got') return Object.assign(offline, { default: offline });
    return load.call(this, request, ...rest);
  };
  // Its progress messages go to console.log; keep stdout for the result.
  const log = console.log;
  console.log = (...args: unknown[]) => console.error(...args);
  try {
    const mod = require('@doyensec/electronegativity') as { default?: unknown };
    const run = (mod.default ?? mod) as (options: Record<string, unknown>, forCli: boolean) => Promise<RunnerResult>;
    const result = await run(
      {
        input,
        isRelative: true,
        isVerbose: false,
        customScan: [],
        excludeFromScan: [],
        electronVersionOverride: electronVersion,
        parserPlugins: [],
      },
      false,
    );
    return {
      findings: result.issues.map((i) => ({
        id: i.id,
        file: i.file,
        line: i.location?.line ?? 0,
        severity: i.severity?.name ?? '?',
        confidence: i.confidence?.name ?? '?',
        description: i.description,
      })),
      errors: result.errors.filter((e) => !e.tolerable).map((e) => `${e.file}: ${e.message}`),
    };
  } finally {
    Module._load = load;
    console.log = log;
  }
}

export function unexcepted(findings: Finding[], exceptions = EXCEPTIONS): Finding[] {
  return findings.filter((f) => !exceptions.some((e) => e.id === f.id && e.file === f.file.replace(/\\/g, '/')));
}

if (isEntry(import.meta.url)) {
  const input = path.resolve(process.argv[2] ?? path.join(ROOT, 'main', 'app'));
  // The Electron the app is built with, as pinned by the desktop tooling (installed or not).
  const electronVersion = pinnedElectron();
  scan(input, electronVersion).then(
    ({ findings, errors }) => {
      const bad = unexcepted(findings);
      process.stdout.write(`${JSON.stringify({ input, findings, unexcepted: bad, errors })}\n`);
      for (const f of bad) process.stderr.write(`Electronegativity: ${f.id} in ${f.file}:${f.line} — ${f.description}\n`);
      for (const e of errors) process.stderr.write(`Electronegativity could not parse ${e}\n`);
      process.exit(bad.length || errors.length ? 1 : 0);
    },
    (e: unknown) => {
      process.stderr.write(`Electronegativity failed to run: ${(e as Error).message}\n`);
      process.exit(2);
    },
  );
}
