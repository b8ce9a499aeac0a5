/**
 * Verifiable reports in a real browser: a pseudonymised, partly redacted report's evidence checks
 * out in the standalone verifier (opened from disk, with the network off: every request but the file
 * itself is refused, and none is made), against the head and against a receipt; one changed
 * character, one removed entry or a swapped proof fails there, saying which entry. The app's "Check a
 * report" screen does the same while the journal is locked. Axe finds nothing serious on either.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import type { Evidence } from '../../shared/evidence.js';
import { apiOf, type ApiCall } from './api.js';
import { expect, ROOT, test } from './fixtures.js';
import { Fulcrum, Gate } from './pages/index.js';
import { ReportBuilder } from './pages/report.js';
import { checkEvidence } from '../../shared/evidence.js';
import { ReportChecker } from './pages/verifier.js';

const PASSPHRASE = 'copper meadow lantern otter nine';
const DAY = Date.UTC(2025, 2, 3, 18);

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
}

/** A journal with three flagged entries naming Sam, a receipt after the first, and the report's package unpacked into a folder. */
async function packageOf(call: ApiCall) {
  await call('vault.create', { passphrase: PASSPHRASE });
  const sam = await call('people.create', { name: 'Sam', kind: 'romantic', color: '#336699' });
  const entry = (d: number, title: string, body: string) =>
    call('entries.create', { occurredAt: DAY + d * 86_400_000, timeZone: 'UTC', title, body, personIds: [sam.id], raiseWithTherapist: true });
  await entry(0, 'The budget talk', 'Sam decided alone again.');
  const receipt = await call('ledger.takeReceipt', {});
  await entry(1, 'Dinner', 'A calm evening.');
  await entry(2, 'Car keys', 'The keys were hidden.');
  await call('entries.create', { occurredAt: DAY, timeZone: 'UTC', title: 'Not shared', body: 'private' });
  const config = { range: { kind: 'dates' as const, from: '2025-03-01', to: '2025-03-31' }, pseudonyms: { [String(sam.id)]: 'P.' }, entries: { select: 'flagged' as const, detail: 'full' as const } };
  const pkg = await call('report.evidencePackage', { config, html: '<!doctype html><p>report</p>', pageSize: 'a4', from: '2025-03-01', to: '2025-03-31', generatedOn: '2025-04-01' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fulcrum-evidence-'));
  const files = unzipSync(Buffer.from(pkg.base64, 'base64'));
  for (const [name, bytes] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), bytes);
  const evidence = JSON.parse(strFromU8(files['evidence.json']!)) as Evidence;
  // Tampered copies, as someone might hand them over.
  const variant = (name: string, change: (e: Evidence) => void) => {
    const copy = structuredClone(evidence);
    change(copy);
    fs.writeFileSync(path.join(dir, name), JSON.stringify(copy));
    return path.join(dir, name);
  };
  const typo = variant('typo.json', (e) => {
    const f = e.entries[1]!.fields!.body as { value: string };
    f.value = f.value.replace('calm', 'caln');
  });
  const removed = variant('removed.json', (e) => void e.entries.splice(2, 1));
  const swapped = variant('swapped.json', (e) => {
    [e.entries[0]!.proof, e.entries[1]!.proof] = [e.entries[1]!.proof, e.entries[0]!.proof];
  });
  return { dir, evidence, receipt, json: path.join(dir, 'evidence.json'), typo, removed, swapped };
}

test('the standalone verifier, offline: a pseudonymised report is valid, against its head and a receipt; a change of any kind fails, saying where', async ({ browser, host }) => {
  const p = await packageOf(apiOf(host));
  expect(fs.readdirSync(p.dir)).toEqual(expect.arrayContaining(['verify-report.html', 'evidence.json', 'report.html', 'README.txt']));
  // The pseudonymised text went in as a commitment only: the real name is nowhere in the package.
  expect(fs.readFileSync(p.json, 'utf8')).not.toContain('Sam decided');

  const context = await browser.newContext({ offline: true });
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  await context.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
  const page = await context.newPage();
  try {
    await page.goto(pathToFileURL(path.join(p.dir, 'verify-report.html')).href);
    const checker = new ReportChecker(page);
    await checker.load(p.json);
    await expect(checker.valid).toHaveText(/^Valid against head [0-9A-F-]{24} \(position \d+\): 3 entries, 1 withheld in the period 2025-03-01 to 2025-03-31\.$/);
    await expect(checker.entries).toHaveCount(3);
    await expect(checker.entries.first()).toContainText('Withheld, committed: body (pseudonymised)');
    expect(await seriousViolations(page)).toEqual([]);
    // The README's picture of it (rewritten only with FULCRUM_UPDATE_SCREENSHOTS=1, as the other screenshots).
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: process.env.FULCRUM_UPDATE_SCREENSHOTS === '1' ? path.join(ROOT, 'tests', 'e2e', 'screenshots', 'verifier.png') : test.info().outputPath('verifier.png') });

    await checker.checkAgainst(p.receipt.code);
    await expect(checker.valid).toContainText(`At receipt ${p.receipt.code}: 1 existed unchanged, 2 saved after it.`);
    await checker.checkAgainst('');

    await checker.load(p.typo);
    await expect(checker.invalid).toHaveText(/^Not valid: entry 2 \(#\d+, version 1\): Its field “body” was changed: it does not match its commitment\.$/);
    await checker.load(p.removed);
    await expect(checker.invalid).toContainText('The report says it includes 3 entries but carries 2.');
    await checker.load(p.swapped);
    await expect(checker.invalid).toContainText('entry 1 (#');
    await expect(checker.invalid).toContainText('entry 2 (#');
    await expect(checker.invalid).toContainText('Its proof does not lead to the stated head');
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
  } finally {
    await context.close();
  }
});

test('"Check a report" works while the journal is locked, with the same check', async ({ page, host }) => {
  const call = apiOf(host);
  const p = await packageOf(call);
  await call('vault.lock', {});
  await page.goto(host.url);
  const gate = new Gate(page);
  await expect(gate.unlockHeading).toBeVisible();
  await page.getByRole('button', { name: 'Check a report' }).click();
  await expect(page.getByRole('heading', { name: 'Check a report', level: 1 })).toBeVisible();
  const checker = new ReportChecker(page);
  await checker.load(p.json);
  await expect(checker.valid).toContainText('3 entries, 1 withheld in the period 2025-03-01 to 2025-03-31.');
  expect(await seriousViolations(page)).toEqual([]);
  await checker.load(p.swapped);
  await expect(checker.invalid).toContainText('Its proof does not lead to the stated head');
  // Still locked: nothing of the journal was opened to check it.
  expect((await call('vault.status', {})).unlocked).toBe(false);
  await page.getByRole('button', { name: 'Back to unlock' }).click();
  await expect(gate.unlockHeading).toBeVisible();
});

test('the report preview ends with its proofs, and downloads the evidence package: the report, its evidence and the verifier', async ({ page, host }) => {
  const call = apiOf(host);
  await call('vault.create', { passphrase: PASSPHRASE });
  const sam = await call('people.create', { name: 'Sam', kind: 'romantic', color: '#336699' });
  for (const [d, title] of [[0, 'The budget talk'], [1, 'Dinner']] as const) {
    await call('entries.create', { occurredAt: DAY + d * 86_400_000, timeZone: 'UTC', title, body: 'Sam was there.', personIds: [sam.id], raiseWithTherapist: true });
  }
  await call('entries.create', { occurredAt: DAY, timeZone: 'UTC', title: 'Not shared', body: 'private' });
  await page.goto(host.url);
  await new Fulcrum(page).timeline.open('Dinner');
  const builder = new ReportBuilder(page);
  await builder.open();
  await builder.chooseDates('2025-03-01', '2025-03-31');
  await builder.entries('Only entries flagged “raise with my therapist”');
  const preview = await builder.openPreview();
  const head = (await call('ledger.status', {})).head!;
  await expect(preview.verification).toContainText(head.hash);
  await expect(preview.verification).toContainText('this report includes 2 and leaves out 1');
  await expect(preview.verification.getByRole('listitem')).toHaveCount(2);
  expect(await seriousViolations(page)).toEqual([]);

  const downloading = page.waitForEvent('download');
  await preview.evidencePackage();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^fulcrum-evidence-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = unzipSync(fs.readFileSync(await download.path()));
  expect(Object.keys(files).sort()).toEqual(['README.txt', 'evidence.json', 'report.html', 'verify-report.html']);
  // The printed report in the package carries the same proofs as its evidence.
  const evidence = JSON.parse(strFromU8(files['evidence.json']!)) as Evidence;
  expect(strFromU8(files['report.html']!)).toContain(evidence.entries[0]!.proof[0]!);
  const check = await checkEvidence(evidence);
  expect(check.summary).toMatch(/: 2 entries, 1 withheld in the period 2025-03-01 to 2025-03-31\.$/);
});
