import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseWebArgs } from '../../main/cli/web-args.js';
import { defaultJournalDir } from '../../main/core/paths.js';
import { PASSPHRASE, tempDir } from '../helpers/files.js';
import { sessionFor } from '../helpers/http.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

function startCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  // Node with tsx's loader (not the tsx launcher, whose child would outlive a SIGKILL of the launcher).
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'main', 'cli', 'web.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, FULCRUM_ALLOW_INSECURE_TEST_KDF: undefined, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const firstLine = async () => {
    const end = Date.now() + 60_000;
    while (!stdout.includes('\n')) {
      if (child.exitCode !== null) throw new Error(`exited early: ${stderr}`);
      if (Date.now() > end) throw new Error('no URL line');
      await new Promise((r) => setTimeout(r, 50));
    }
    return stdout.split('\n')[0]!;
  };
  return { child, exited, firstLine, out: () => stdout, err: () => stderr };
}

describe('npm run web (the CLI)', () => {
  it('defaults to the same per-user folder the desktop app uses, in a journal subfolder', () => {
    expect(parseWebArgs([]).dataDir).toBe(defaultJournalDir());
    expect(defaultJournalDir({ platform: 'linux', env: {}, home: '/home/a' })).toBe('/home/a/.config/Fulcrum/journal');
    expect(defaultJournalDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '/x/cfg' }, home: '/home/a' })).toBe('/x/cfg/Fulcrum/journal');
    expect(defaultJournalDir({ platform: 'darwin', env: {}, home: '/Users/a' })).toBe('/Users/a/Library/Application Support/Fulcrum/journal');
    expect(defaultJournalDir({ platform: 'win32', env: { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, home: 'C:\\Users\\a' })).toBe(
      'C:\\Users\\a\\AppData\\Roaming\\Fulcrum\\journal',
    );
  });

  it('refuses the test-only KDF unless the environment allows it', () => {
    expect(() => parseWebArgs(['--insecure-test-kdf'], {})).toThrow(/FULCRUM_ALLOW_INSECURE_TEST_KDF=1/);
    expect(parseWebArgs(['--insecure-test-kdf'], { FULCRUM_ALLOW_INSECURE_TEST_KDF: '1' }).insecureTestKdf).toBe(true);
    expect(() => parseWebArgs(['--port', 'abc'])).toThrow(/--port/);
    expect(() => parseWebArgs(['--bogus'])).toThrow();
  });

  it('prints exactly one line, serves the journal, and locks it on SIGTERM', async () => {
    const dataDir = tempDir('fulcrum-cli-');
    const cli = startCli(['--data-dir', dataDir, '--insecure-test-kdf'], { FULCRUM_ALLOW_INSECURE_TEST_KDF: '1' });
    const line = await cli.firstLine();
    expect(line).toMatch(/^Fulcrum browser mode: http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}$/);
    expect(cli.err()).toMatch(/WARNING: --insecure-test-kdf/);

    const url = new URL(line.slice('Fulcrum browser mode: '.length));
    // The printed link is single-use: trade it for a session key, as the page does.
    const token = await sessionFor(Number(url.port), url.href);
    const call = (name: string, body: unknown) =>
      fetch(new URL(`/api/${name}`, url), {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }).then((r) => r.json() as Promise<{ ok: boolean }>);
    expect(await call('vault.create', { passphrase: PASSPHRASE })).toMatchObject({ ok: true });
    expect(await call('people.create', { name: 'Test Person', kind: 'other', color: '#336699' })).toMatchObject({ ok: true });

    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    expect(cli.out().trimEnd().split('\n')).toHaveLength(1);
    // Locked = checkpointed and closed: the write-ahead log is empty or gone.
    const wal = path.join(dataDir, 'journal.db-wal');
    expect(!fs.existsSync(wal) || fs.statSync(wal).size === 0).toBe(true);
    // Nothing but the journal's own files.
    expect(fs.readdirSync(dataDir).sort()).toEqual(expect.arrayContaining(['journal.db', 'vault.json']));
  });

  it('refuses a non-loopback --host at start, saying why', async () => {
    const cli = startCli(['--data-dir', tempDir(), '--host', '0.0.0.0']);
    expect(await cli.exited).toBe(1);
    expect(cli.out()).toBe('');
    expect(cli.err()).toMatch(/Refusing to listen on "0\.0\.0\.0".*loopback/);
  });

  it('refuses --insecure-test-kdf without the environment flag', async () => {
    const cli = startCli(['--data-dir', tempDir(), '--insecure-test-kdf']);
    expect(await cli.exited).toBe(2);
    expect(cli.err()).toMatch(/automated tests only/);
  });
});
