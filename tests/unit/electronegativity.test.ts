import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXCEPTIONS } from '../../main/cli/electronegativity.js';
import { tempDir } from '../helpers/files.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const run = (input?: string) => {
  const r = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'main/cli/electronegativity.ts'), ...(input ? [input] : [])], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const last = r.stdout.trim().split('\n').at(-1) ?? '';
  return { status: r.status, stderr: r.stderr, result: last.startsWith('{') ? (JSON.parse(last) as { findings: { id: string }[]; unexcepted: { id: string }[]; errors: string[] }) : null };
};

describe('Electronegativity (offline) over the Electron glue', () => {
  it('finds nothing in main/app beyond the reviewed exceptions', () => {
    const { status, result, stderr } = run();
    expect(result, stderr).not.toBeNull();
    expect(result!.errors).toEqual([]);
    expect(result!.unexcepted).toEqual([]);
    expect(status).toBe(0);
    // Every exception still matches something: a stale one would silently excuse a future finding.
    for (const e of EXCEPTIONS) expect(result!.findings.map((f) => f.id), e.id).toContain(e.id);
  });

  it('fails on an insecure window (so the check can fail)', () => {
    const dir = tempDir('fulcrum-eneg-');
    fs.writeFileSync(
      path.join(dir, 'main.js'),
      `const { BrowserWindow } = require('electron');
new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false } }).loadURL('http://example.com/');\n`,
    );
    const { status, result } = run(dir);
    expect(status).toBe(1);
    const ids = result!.unexcepted.map((f) => f.id);
    expect(ids).toEqual(
      expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK']),
    );
  });
});
