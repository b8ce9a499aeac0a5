/**
 * Archives in browser mode: a Day One export archive imported through "Your data" brings its photo,
 * then the journal leaves as a JSON export with its files — one ZIP download, after the plaintext
 * warning — whose manifest matches the files and whose photo has lost its location.
 */
import AxeBuilder from '@axe-core/playwright';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import type { ZipManifest } from '../../shared/portability.js';
import { apiOf } from './api.js';
import { expect, ROOT, test } from './fixtures.js';
import { Gate } from './pages/gate.js';
import { DataPage } from './pages/data.js';

const PASSPHRASE = 'amber signal cobble winter pocket';
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

test.use({ viewport: { width: 1280, height: 900 }, colorScheme: 'light', timezoneId: 'Europe/Berlin', locale: 'en-GB' });

test('imports a Day One archive with its photo, then downloads the journal as a ZIP with the photo stripped of its location', async ({ page, host }) => {
  const call = apiOf(host);
  await call('vault.create', { passphrase: PASSPHRASE });
  await call('vault.lock', {});
  await page.goto(host.url);
  await new Gate(page).unlock(PASSPHRASE);
  const data = new DataPage(page);
  await data.open();

  const archive = fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'attachments', 'dayone-with-photos.zip'));
  await data.chooseImportFile({ name: 'Day One.zip', mimeType: 'application/zip', buffer: archive });
  await expect(data.importSection).toContainText('Attached files');
  await expect(data.importSection).toContainText('1 (');
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await data.importSection.getByRole('button', { name: 'Import 1 entry' }).click();
  await expect(data.importSection.getByRole('status')).toContainText('1 attached file came with them');

  await data.exportSection.getByRole('radio', { name: /^JSON/ }).check();
  await expect(data.exportSection.getByRole('checkbox', { name: /With the attached files/ })).toBeChecked();
  await data.exportSection.getByRole('button', { name: 'Download JSON with files (ZIP)…' }).click();
  await expect(data.plaintextDialog).toHaveAccessibleName('This JSON file will not be encrypted');
  const downloading = page.waitForEvent('download');
  await data.plaintextDialog.getByRole('button', { name: 'Download JSON (not encrypted)' }).click();
  const d = await downloading;
  expect(d.suggestedFilename()).toMatch(/^fulcrum-export-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = unzipSync(fs.readFileSync((await d.path())!));
  const manifest = JSON.parse(Buffer.from(files['manifest.json']!).toString('utf8')) as ZipManifest;
  expect(manifest.files).toHaveLength(1);
  const photo = files[manifest.files[0]!.path]!;
  expect(sha(photo)).toBe(manifest.files[0]!.sha256);
  expect(manifest.files[0]!.metadataRemoved).toBe(true);
  expect(Buffer.from(photo).includes(Buffer.from('FixtureCam'))).toBe(false);
  const entries = JSON.parse(Buffer.from(files['fulcrum-export.json']!).toString('utf8')) as { journal: { entries: { title: string }[] } };
  expect(entries.journal.entries.map((e) => e.title)).toEqual(['The message']);
});
