/**
 * Proof in browser mode: a unique phrase is typed through the real UI into everything a
 * person writes — then every file the journey could have touched is scanned for it, in UTF-8 and
 * UTF-16: the data folder, the host's temporary folder and Chromium's own profile and temporary folder
 * (a dedicated --user-data-dir). While unlocked only the database files are scanned (the page is open;
 * its memory is not our subject); after lock, after `kill -9` of the host, and after the browser closes,
 * everything is. At the same time, every request the page makes must go to the loopback host, and
 * the host (run with a guard module loaded by `node --import`) must attempt no outbound connection.
 *
 * The report question is never stored (only the report file would hold it, and saving one is the
 * person's explicit, warned choice); it is typed and previewed, so the page and the browser hold it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { encodings, snapshotDir } from '../helpers/files.js';
import { CHROMIUM_ARGS } from '../../playwright.config.js';
import { apiOf } from './api.js';
import { ROOT, expect, launcherOf, test } from './fixtures.js';
import { CheckIns } from './pages/checkins.js';
import { Fulcrum } from './pages/index.js';
import { ReportBuilder } from './pages/report.js';

const PASSPHRASE = 'copper meadow umbrella ninety drift';
/** Unique per run, so nothing left over from an earlier run can be mistaken for a leak or hide one. */
const ROOT_WORD = `Quokkavelvet${Math.floor(Math.random() * 1e6)
  .toString()
  .padStart(6, '0')}`;
const canary = (where: string) => `${ROOT_WORD} ${where} Zephyrcanary`;

function executablePath(): string {
  if (process.env.FULCRUM_CHROMIUM) return process.env.FULCRUM_CHROMIUM;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const name of ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome']) {
      const p = path.join(dir, name);
      if (fs.existsSync(p)) return p;
    }
  }
  throw new Error('No Chromium found: install Debian chromium or set FULCRUM_CHROMIUM.');
}

/** Files under `dir` holding the phrase (or just its unique first word) in any encoding we know. */
function leaks(dir: string, word = ROOT_WORD): string[] {
  if (!fs.existsSync(dir)) return [];
  const hits: string[] = [];
  for (const [name, bytes] of snapshotDir(dir)) {
    if (encodings(word).some((enc) => bytes.includes(enc))) hits.push(name);
  }
  return hits;
}

const isDatabaseFile = (name: string) => /^journal\.db(-wal|-shm)?$/.test(name);

interface Host {
  port: number;
  newLaunchUrl(): Promise<string>;
  child: ChildProcess;
  exited: Promise<number | null>;
}

/** `npm run web` in a child process with a dedicated TMPDIR and the network guard loaded. */
async function spawnGuardedHost(dataDir: string, tmpDir: string, guardLog: string): Promise<Host> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--import', path.join(ROOT, 'tests', 'e2e', 'security-net-guard.mjs'), path.join(ROOT, 'main', 'cli', 'web.ts'), '--data-dir', dataDir, '--insecure-test-kdf'],
    {
      cwd: ROOT,
      env: { ...process.env, FULCRUM_ALLOW_INSECURE_TEST_KDF: '1', TMPDIR: tmpDir, TMP: tmpDir, TEMP: tmpDir, FULCRUM_NET_GUARD_LOG: guardLog },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    void exited.then((code) => reject(new Error(`the web host exited (${code}) before printing its URL: ${err}`)));
  });
  return { ...(await launcherOf(line.replace(/^Fulcrum browser mode: /, ''))), child, exited };
}

async function unlocked(page: Page, url: string): Promise<Fulcrum> {
  const app = new Fulcrum(page);
  await page.goto(url);
  await app.gate.unlock(PASSPHRASE);
  await expect(app.shell.heading('Timeline')).toBeVisible();
  return app;
}

test.describe.configure({ timeout: 180_000 });

test('the canary typed everywhere is found nowhere on disk, and nothing leaves the machine', async () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'fulcrum-canary-'));
  const dataDir = path.join(base, 'data');
  const hostTmp = path.join(base, 'host-tmp');
  const profile = path.join(base, 'chromium-profile');
  const chromeTmp = path.join(base, 'chromium-tmp');
  const guardLog = path.join(base, 'net-guard.log');
  for (const d of [dataDir, hostTmp, profile, chromeTmp]) fs.mkdirSync(d, { recursive: true });
  // Every place scanned after lock; the database files alone while unlocked.
  const everywhere = () => ({ data: leaks(dataDir), hostTmp: leaks(hostTmp), profile: leaks(profile), chromeTmp: leaks(chromeTmp) });
  const nowhere = { data: [], hostTmp: [], profile: [], chromeTmp: [] };

  let host = await spawnGuardedHost(dataDir, hostTmp, guardLog);
  const requests: string[] = [];
  let context: BrowserContext | null = null;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: executablePath(),
      args: CHROMIUM_ARGS,
      env: { ...process.env, TMPDIR: chromeTmp, TMP: chromeTmp, TEMP: chromeTmp },
      headless: true,
    });
    context.on('request', (r) => requests.push(r.url()));
    /**
     * Waits until Chromium has saved its session state after this moment: a tab opened and closed
     * makes it schedule a save, and the newest file under Sessions/ says when one has been written.
     */
    const sessionSaved = async () => {
      const since = Date.now();
      const sessions = path.join(profile, 'Default', 'Sessions');
      const newest = () => (fs.existsSync(sessions) ? Math.max(0, ...fs.readdirSync(sessions).map((f) => fs.statSync(path.join(sessions, f)).mtimeMs)) : 0);
      const blank = await context!.newPage();
      await blank.close();
      await expect.poll(newest, { timeout: 30_000 }).toBeGreaterThan(since);
    };
    const page = context.pages()[0] ?? (await context.newPage());
    const app = new Fulcrum(page);

    // ---- create the journal through the UI
    await page.goto(await host.newLaunchUrl());
    await app.gate.startCreating();
    await app.gate.createJournal(PASSPHRASE);
    await app.gate.confirmRecoveryKeySaved();
    await expect(app.shell.heading('Timeline')).toBeVisible();

    // ---- a person, a custom pattern, an entry, a draft, a search, a check-in note, a report question
    await app.shell.goTo('People');
    await app.people.add({ name: canary('person'), notes: canary('person notes') });
    await app.shell.goTo('Patterns');
    await app.patterns.add({ name: canary('tag'), kind: 'Imbalance', category: 'Other' });
    await app.shell.goTo('Timeline');
    await app.shell.newEntry();
    await app.editor.fill({ title: canary('entry title'), body: canary('entry body'), people: [canary('person')], patterns: [canary('tag')], outcome: canary('outcome') });
    await app.editor.save();
    await app.shell.newEntry();
    await app.editor.fill({ body: canary('draft body') });
    await expect(app.editor.draftSaved).toBeVisible({ timeout: 10_000 });
    await app.shell.goTo('Timeline');
    await app.timeline.searchFor(canary('search'));
    // The search has been run by the host (so the phrase went through it) once its answer shows.
    await expect(page.getByRole('heading', { name: 'No entries match' })).toBeVisible();
    await app.timeline.searchFor(ROOT_WORD);
    await expect(app.timeline.entry(canary('entry title'))).toBeVisible();
    const checkIns = new CheckIns(page);
    await checkIns.open();
    const form = await checkIns.start(canary('person'));
    await form.answer('I felt heard', 3);
    await form.note.fill(canary('check-in note'));
    await form.save.click();
    await expect(checkIns.heading).toBeVisible();
    const report = new ReportBuilder(page);
    await report.open();
    await report.questions.fill(canary('report question'));
    const preview = await report.openPreview();
    await expect(preview.document).toContainText(canary('report question'));

    // The journal really holds every phrase (so the scans below look for something that is there).
    const call = apiOf(host);
    expect((await call('people.list', {})).map((p) => p.name)).toContain(canary('person'));
    expect((await call('tags.list', {})).map((t) => t.label)).toContain(canary('tag'));
    expect((await call('drafts.list', {})).map((d) => d.content).join()).toContain(canary('draft body'));
    expect((await call('checkins.list', {}))[0]?.note).toBe(canary('check-in note'));

    // ---- while unlocked: the database files are ciphertext (every write above was on disk when its
    // reply came — synchronous = FULL — so there is nothing to wait for)
    const dbFiles = [...snapshotDir(dataDir).keys()].filter(isDatabaseFile);
    expect(dbFiles).toContain('journal.db');
    expect(leaks(dataDir).filter(isDatabaseFile)).toEqual([]);

    // ---- after lock: nothing anywhere
    await app.shell.lock();
    await sessionSaved(); // Chromium has written its session state since the lock
    expect(everywhere()).toEqual(nowhere);

    // ---- kill -9 of the host while unlocked, mid-journey
    const again = await unlocked(page, await host.newLaunchUrl());
    await again.shell.newEntry();
    await again.editor.fill({ title: canary('killed title'), body: canary('killed body') });
    await expect(again.editor.draftSaved).toBeVisible({ timeout: 10_000 });
    host.child.kill('SIGKILL');
    expect(await host.exited).toBeNull();
    await sessionSaved();
    expect(everywhere()).toEqual(nowhere);

    // A new host on the same folder still opens it, and the draft typed before the kill is there.
    host = await spawnGuardedHost(dataDir, hostTmp, guardLog);
    const restarted = apiOf(host);
    await restarted('vault.unlock', { passphrase: PASSPHRASE });
    expect((await restarted('drafts.list', {})).map((d) => d.content).join()).toContain(canary('killed body'));
    await restarted('vault.lock', {});

    // ---- the browser closed cleanly: its profile is complete on disk — and still holds nothing
    await page.goto(await host.newLaunchUrl());
    await expect(new Fulcrum(page).gate.unlockHeading).toBeVisible();
    await context.close();
    context = null;
    expect(everywhere()).toEqual(nowhere);
    // The profile was really written and scanned: it remembers visiting the host, and it has the
    // session-restore files where typed text once turned up (before every field opted out).
    expect(leaks(profile, `127.0.0.1:${host.port}`).length).toBeGreaterThan(0);
    expect([...snapshotDir(profile).keys()].some((f) => f.includes(`Sessions${path.sep}`))).toBe(true);
    // Nor did the passphrase end up anywhere (password saving, autofill, temp files).
    for (const dir of [dataDir, hostTmp, profile, chromeTmp]) expect(leaks(dir, PASSPHRASE), dir).toEqual([]);

    // ---- zero network: the page asked only its loopback host; the host tried nothing outside
    const foreign = requests.filter((u) => !/^http:\/\/127\.0\.0\.1:\d+\//.test(u));
    expect(foreign).toEqual([]);
    expect(requests.length).toBeGreaterThan(20);
    expect(fs.existsSync(guardLog) ? fs.readFileSync(guardLog, 'utf8') : '').toBe('');
  } finally {
    await context?.close().catch(() => undefined);
    host.child.kill('SIGKILL');
    await host.exited;
    // FULCRUM_KEEP_CANARY_DIRS=1 keeps the folders for a look after a failure.
    if (process.env.FULCRUM_KEEP_CANARY_DIRS) console.log(`canary folders kept in ${base}`);
    else fs.rmSync(base, { recursive: true, force: true });
  }
});

test('the scanner finds a planted phrase in UTF-8 and UTF-16, deep in a folder (so the test can fail)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fulcrum-canary-self-'));
  try {
    fs.mkdirSync(path.join(dir, 'Default', 'Session Storage'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'Default', 'Session Storage', '000003.log'), Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(canary('x'), 'utf16le')]));
    fs.writeFileSync(path.join(dir, 'Current Tabs'), `prefix ${canary('y')} suffix`);
    fs.writeFileSync(path.join(dir, 'clean'), 'nothing here');
    expect(leaks(dir).sort()).toEqual(['Current Tabs', path.join('Default', 'Session Storage', '000003.log')]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the network guard records and refuses an outbound connection (so the zero-network check can fail)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fulcrum-guard-self-'));
  const log = path.join(dir, 'guard.log');
  const script = `
    const net = require('node:net');
    const dns = require('node:dns');
    dns.lookup('example.com', () => {});
    const s = net.connect(443, '93.184.216.34');
    s.on('error', (e) => { console.log(e.code); });
    const local = require('node:http').createServer((q, r) => r.end('ok')).listen(0, '127.0.0.1', () => {
      require('node:http').get('http://127.0.0.1:' + local.address().port + '/', (r) => { console.log('loopback ' + r.statusCode); local.close(); });
    });`;
  const child = spawn(process.execPath, ['--import', path.join(ROOT, 'tests', 'e2e', 'security-net-guard.mjs'), '-e', script], {
    env: { ...process.env, FULCRUM_NET_GUARD_LOG: log },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  // 'close', not 'exit': stdout is drained by then.
  await new Promise((r) => child.on('close', r));
  try {
    const attempts = fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { what: string; detail: string });
    expect(attempts.map((a) => a.what).sort()).toEqual(['connect', 'dns.lookup']);
    expect(out).toContain('ENETUNREACH');
    expect(out).toContain('loopback 200');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
