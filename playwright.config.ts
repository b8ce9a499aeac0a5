import { spawnSync } from 'node:child_process';
import { defineConfig } from '@playwright/test';

/**
 * Two projects: `e2e` drives browser mode in Debian's Chromium (Playwright ships no browser here);
 * `electron` drives the real desktop app through Playwright's _electron and skips, saying why, where
 * no Electron binary exists. Screenshots of failures land in test-results/.
 */
export function chromiumPath(): string | undefined {
  if (process.env.FULCRUM_CHROMIUM) return process.env.FULCRUM_CHROMIUM;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome']) {
    const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return undefined;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: true,
  reporter: [['list']],
  use: {
    screenshot: 'only-on-failure',
    // A click on something that never appears fails in seconds, not at the test's timeout.
    actionTimeout: 15_000,
    trace: 'off',
  },
  projects: [
    {
      name: 'e2e',
      testDir: 'tests/e2e',
      use: {
        browserName: 'chromium',
        // Transitions off (the app honours prefers-reduced-motion): a contrast check or a screenshot
        // taken right after a theme switch must see the colours as they end, not halfway there.
        reducedMotion: 'reduce',
        // English unless a test asks for another language (tests/e2e/languages.spec.ts): Fulcrum
        // follows the browser's language, and the other journeys read English labels.
        locale: 'en-US',
        launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
      },
    },
    {
      name: 'electron',
      testDir: 'tests/electron',
      timeout: 180_000,
    },
  ],
});
