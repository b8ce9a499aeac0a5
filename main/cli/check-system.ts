/**
 * Makes sure the few system programs the test suite drives are present: Debian's Chromium (Playwright
 * installs no browser here) and poppler-utils (pdftotext/pdftoppm read the exported PDFs). Where
 * they are missing and apt-get can run as root, it installs them; otherwise it says exactly what to
 * install and fails, rather than letting a test fail later for an unclear reason.
 */
import { execFileSync, spawnSync } from 'node:child_process';

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

export function chromiumPath(): string | null {
  if (process.env.FULCRUM_CHROMIUM) return process.env.FULCRUM_CHROMIUM;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return null;
}

const needs: { cmd: string; pkg: string; ok: () => boolean }[] = [
  { cmd: 'chromium', pkg: 'chromium', ok: () => chromiumPath() !== null },
  { cmd: 'pdftotext', pkg: 'poppler-utils', ok: () => has('pdftotext') && has('pdftoppm') },
];

const missing = needs.filter((n) => !n.ok());
if (missing.length > 0) {
  const pkgs = missing.map((m) => m.pkg);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && has('apt-get')) {
    process.stdout.write(`Installing test prerequisites with apt-get: ${pkgs.join(' ')}\n`);
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', ...pkgs], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } else {
    process.stderr.write(
      `The tests need ${pkgs.join(' and ')}, which are not installed.\n` +
        `On Debian/Ubuntu: sudo apt-get install -y ${pkgs.join(' ')}\n` +
        'Or point FULCRUM_CHROMIUM at any Chromium or Chrome binary.\n',
    );
    process.exit(1);
  }
}
