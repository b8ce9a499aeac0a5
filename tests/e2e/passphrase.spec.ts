/**
 * Changing the passphrase and the recovery key through the UI, and the recovery key's own screen:
 * shown whole at every width, confirmed by typing back one group, shown again until confirmed. Each
 * "opens nothing" is proven through the unlock screen, the way the other person would try.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { apiOf } from './api.js';
import { expect, test, openApp } from './fixtures.js';
import { Fulcrum, SafetyPage } from './pages/index.js';

const PASSPHRASE = 'amber signal cobble winter pocket';
const NEW_PASSPHRASE = 'violet lantern seventeen quarry mosaic';
const THIRD_PASSPHRASE = 'willow harbour cinnamon seventeen kite';

async function seriousViolations(page: Page, screen: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${screen}: ${v.id} — ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

/** The key is on screen whole: inside the viewport and its box, nothing scrolled sideways. */
async function expectKeyWhollyVisible(page: Page, key: string, width: number, height: number) {
  await page.setViewportSize({ width, height });
  const { gate } = new Fulcrum(page);
  await gate.shownRecoveryKey.scrollIntoViewIfNeeded();
  expect(await gate.readShownRecoveryKey()).toBe(key);
  const box = (await gate.shownRecoveryKey.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(width);
  // Both halves lie inside the key's box (no clipped characters) and nothing scrolls sideways.
  for (const half of await gate.shownRecoveryKey.locator('span').all()) {
    const r = (await half.boundingBox())!;
    expect(r.x).toBeGreaterThanOrEqual(box.x);
    expect(r.x + r.width).toBeLessThanOrEqual(box.x + box.width + 0.5);
  }
  const overflow = {
    key: await gate.shownRecoveryKey.evaluate((el) => {
      const box = el as unknown as { scrollWidth: number; clientWidth: number };
      return box.scrollWidth - box.clientWidth;
    }),
    page: await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
  };
  expect(overflow, `at ${width}×${height}`).toEqual({ key: 0, page: 0 });
}

test('the recovery key is shown whole at every width, must be typed back, and comes back until it is', async ({ page, host }) => {
  test.setTimeout(90_000);
  const { gate } = new Fulcrum(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, host);
  await gate.startCreating();
  const key = await gate.createJournal(PASSPHRASE);
  expect(key).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
  for (const [w, h] of [
    [1280, 800],
    [900, 700],
    [600, 800],
  ] as const) {
    await expectKeyWhollyVisible(page, key, w, h);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  expect(await seriousViolations(page, 'recovery key')).toEqual([]);
  await expect(page.getByRole('button', { name: 'Copy' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();

  // The window goes away before the key was confirmed (here: the journal locks and the page reloads).
  await apiOf(host)('vault.lock', {});
  await openApp(page, host);
  await gate.unlock(PASSPHRASE);
  await expect(gate.recoveryHeading).toBeVisible();
  expect(await gate.readShownRecoveryKey()).toBe(key);

  // A wrong group is caught and changes nothing.
  const group = await gate.askedGroup();
  const wrong = key.split('-')[group % 8]!;
  await gate.recoveryGroup.fill(wrong === key.split('-')[group - 1] ? 'ZZZZ' : wrong);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(gate.error).toContainText(`not group ${group}`);
  await gate.recoveryGroup.fill('');
  await gate.confirmRecoveryKeySaved();
  await expect(page.getByRole('heading', { name: 'Timeline', level: 1 })).toBeVisible();

  // Confirmed: the next unlock goes straight in.
  const app = new Fulcrum(page);
  await app.shell.lock();
  await gate.unlock(PASSPHRASE);
  await expect(page.getByRole('heading', { name: 'Timeline', level: 1 })).toBeVisible();
});

test('changing the passphrase on the Safety page: the old passphrase and old recovery key open nothing', async ({ page, host }) => {
  test.setTimeout(120_000);
  const app = new Fulcrum(page);
  const { gate, shell } = app;
  const safety = new SafetyPage(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await openApp(page, host);
  await gate.startCreating();
  const firstKey = await gate.createJournal(PASSPHRASE);
  await gate.confirmRecoveryKeySaved();

  await safety.open();
  await safety.section.getByRole('button', { name: 'Change passphrase' }).click();
  const current = safety.section.getByRole('textbox', { name: 'Current passphrase' });
  await current.fill('not the passphrase');
  // Show/hide: the field shows what was typed, and hides it again.
  await expect(current).toHaveAttribute('type', 'password');
  await safety.section.getByRole('button', { name: 'Show current passphrase' }).click();
  await expect(current).toHaveAttribute('type', 'text');
  await safety.section.getByRole('button', { name: 'Show current passphrase' }).click();
  await expect(current).toHaveAttribute('type', 'password');
  await safety.section.getByRole('textbox', { name: 'New passphrase', exact: true }).fill(NEW_PASSPHRASE);
  await safety.section.getByRole('textbox', { name: 'Repeat new passphrase' }).fill(NEW_PASSPHRASE);
  expect(await seriousViolations(page, 'change passphrase form')).toEqual([]);
  await safety.section.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(safety.section.getByRole('alert')).toContainText('current passphrase is not right');
  await safety.section.getByRole('button', { name: 'Cancel' }).click();

  const secondKey = await safety.changePassphrase({ passphrase: PASSPHRASE }, NEW_PASSPHRASE);
  expect(secondKey).not.toBe(firstKey);
  expect(await seriousViolations(page, 'new recovery key on Safety')).toEqual([]);
  // Leaving the page before confirming does not lose the key: it is there when coming back.
  await shell.goTo('Timeline');
  await safety.open();
  await expect(safety.newKeyHeading).toBeVisible();
  expect(await gate.readShownRecoveryKey()).toBe(secondKey);
  await safety.confirmNewKey();

  await shell.lock();
  await gate.attemptUnlock(PASSPHRASE);
  await expect(gate.error).toContainText('passphrase is not right');
  // The advice after a failed attempt points to the change control.
  await expect(page.getByText(/Safety → Change passphrase/)).toBeVisible();
  await gate.attemptUnlockWithRecoveryKey(firstKey);
  await expect(gate.error).toContainText('recovery key is not right');
  await gate.unlock(NEW_PASSPHRASE);
  await gate.dismissFailedAttemptsNotice();
  await expect(shell.heading('Timeline')).toBeVisible();

  // A new recovery key on its own: the key from the change stops working, the passphrase stays.
  await safety.open();
  const thirdKey = await safety.issueNewRecoveryKey(NEW_PASSPHRASE);
  expect(thirdKey).not.toBe(secondKey);
  await safety.confirmNewKey();
  await shell.lock();
  await gate.attemptUnlockWithRecoveryKey(secondKey);
  await expect(gate.error).toContainText('recovery key is not right');
  await gate.unlock(NEW_PASSPHRASE);
  await gate.dismissFailedAttemptsNotice();
  await expect(shell.heading('Timeline')).toBeVisible();
});

test('after an unlock with the recovery key, a new passphrase is asked for before the journal opens', async ({ page, host }) => {
  test.setTimeout(120_000);
  const { gate, shell } = new Fulcrum(page);
  await page.setViewportSize({ width: 900, height: 700 });
  const call = apiOf(host);
  const { recoveryKey } = await call('vault.create', { passphrase: PASSPHRASE });
  await call('vault.lock', {});
  await openApp(page, host);

  await gate.unlockWithRecoveryKey(recoveryKey);
  await expect(shell.nav).toHaveCount(0);
  expect(await seriousViolations(page, 'new passphrase after recovery')).toEqual([]);
  // A reload does not skip the step: the journal is still open, the new passphrase still comes first
  // (the recovery key is asked for again, since the page no longer holds it).
  await openApp(page, host);
  await expect(gate.newPassphraseHeading).toBeVisible();
  await expect(shell.nav).toHaveCount(0);
  await page.getByRole('textbox', { name: 'Your recovery key' }).fill(recoveryKey);
  const newKey = await gate.chooseNewPassphrase(THIRD_PASSPHRASE);
  expect(newKey).not.toBe(recoveryKey);
  await gate.confirmRecoveryKeySaved();
  await expect(shell.heading('Timeline')).toBeVisible();

  await shell.lock();
  await gate.attemptUnlock(PASSPHRASE);
  await expect(gate.error).toContainText('passphrase is not right');
  await gate.attemptUnlockWithRecoveryKey(recoveryKey);
  await expect(gate.error).toContainText('recovery key is not right');
  await gate.unlock(THIRD_PASSPHRASE);
  await gate.dismissFailedAttemptsNotice();
  await expect(shell.heading('Timeline')).toBeVisible();
});
