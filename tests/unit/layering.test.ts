/**
 * The layering rules of eslint.config.js, on code that breaks them: SQL only under main/core/db
 * (no prepare / pragma / exec of SQL text, no raw statement helpers elsewhere), and the Electron main
 * process never importing the database layer. Linted as if the files stood where named.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: ROOT });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).map((m) => `${m.ruleId}:${m.line}`);
}

const SQL_OUTSIDE_DB = [
  "import { all } from '../db/repos/sql.js';",
  "import { prepared } from '../db/analytics/sql.js';",
  "import type { DB } from '../db/index.js';",
  "export const a = (db: DB) => db.prepare('SELECT 1').get();",
  "export const b = (db: DB) => db.pragma('quick_check');",
  "export const c = (db: DB) => db.exec('BEGIN');",
  'export const d = (s: string) => /x/.exec(s);',
  'export const e = [all, prepared];',
  '',
].join('\n');

describe('layering', () => {
  it('refuses SQL outside main/core/db, and leaves a regular expression alone', async () => {
    expect(await problems('main/core/report/probe.ts', SQL_OUTSIDE_DB)).toEqual([
      'no-restricted-imports:1',
      'no-restricted-imports:2',
      'no-restricted-syntax:4',
      'no-restricted-syntax:5',
      'no-restricted-syntax:6',
    ]);
  });

  it('allows the same code inside main/core/db', async () => {
    const inside = SQL_OUTSIDE_DB.replaceAll("'../db/", "'../");
    expect(await problems('main/core/db/probe.ts', inside)).toEqual([]);
  });

  it('keeps both hosts (the Electron main process, browser mode) away from the database layer and the Session', async () => {
    const code = "import { openDatabase } from '../core/db/open.js';\nexport const x = openDatabase;\n";
    expect(await problems('main/app/probe.ts', code)).toEqual(['no-restricted-imports:1']);
    expect(await problems('main/web/probe.ts', code)).toEqual(['no-restricted-imports:1']);
    const session = "import { Session } from '../core/session.js';\nexport const x = Session;\n";
    expect(await problems('main/app/probe.ts', session)).toEqual(['no-restricted-imports:1']);
    // The worker's client is how they reach the journal.
    const client = "import { startCore } from '../core/worker/client.js';\nexport const x = startCore;\n";
    expect(await problems('main/app/probe.ts', client)).toEqual([]);
  });
});
