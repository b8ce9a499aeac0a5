import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AttachmentBytes, AttachmentMeta } from '../../shared/attachments.js';
import type { Reply } from '../../shared/errors.js';
import { ATTACH_STEPS, type AttachStep } from '../../main/core/attachments/steps.js';
import { PASSPHRASE, createdService, encodings, filesContaining, testService } from '../helpers/journal.js';
import { decryptedPages } from '../helpers/plaintext.js';
import { CANARIES, canaryFiles } from './attachments-canary-files.js';

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'attachments-crash-child.ts');
const PHRASES = Object.values(CANARIES);

/** Files under the OS temp folder written since `since` (other programs' files are left out by time). */
function recentTempFilesContaining(since: number, phrase: string): string[] {
  const hits: string[] = [];
  const walk = (d: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      try {
        if (e.isDirectory() && depth < 6) walk(p, depth + 1);
        else if (e.isFile()) {
          const st = fs.statSync(p);
          if (st.mtimeMs >= since && st.size < 300 * 1024 * 1024) {
            const b = fs.readFileSync(p);
            if (encodings(phrase).some((enc) => b.includes(enc))) hits.push(p);
          }
        }
      } catch {
        // Gone while walking (another test's temp file): nothing to scan.
      }
    }
  };
  walk(os.tmpdir(), 0);
  return hits;
}

function noCanaryOnDisk(dataDir: string, since: number): void {
  for (const phrase of PHRASES) {
    expect(filesContaining(dataDir, phrase), `${phrase} in the data folder`).toEqual([]);
    expect(recentTempFilesContaining(since, phrase), `${phrase} in the temp folder`).toEqual([]);
  }
}

function attachThenCrash(dataDir: string, step: AttachStep | 'none'): Promise<{ signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, dataDir, PASSPHRASE, step], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d) => (stdout += d));
    proc.stderr.on('data', (d) => (stderr += d));
    proc.on('exit', (_code, signal) => resolve({ signal, stdout, stderr }));
  });
}

describe('attachments leave no plaintext anywhere (canary)', () => {
  it('absent from every file while unlocked and after lock; present again through the API after unlock', async () => {
    const since = Date.now() - 1000;
    const { service, dataDir, call } = await createdService();
    const e = await call<{ id: number }>('entries.create', { occurredAt: Date.UTC(2025, 4, 1), timeZone: 'UTC' });
    const files = canaryFiles();
    const metas: AttachmentMeta[] = [];
    for (const f of files) {
      const r = (await service.dispatch('attachments.upload', { data: f.data, name: f.name, options: { owner: { kind: 'entry', id: e.id } } })) as Reply<AttachmentMeta>;
      if (!r.ok) throw new Error(r.error.message);
      metas.push(r.value);
      await service.dispatch('attachments.bytes', { id: r.value.id, variant: 'shared' });
    }
    noCanaryOnDisk(dataDir, since);
    await call('vault.lock');
    noCanaryOnDisk(dataDir, since);

    await call('vault.unlock', { passphrase: PASSPHRASE });
    for (const [i, m] of metas.entries()) {
      const r = (await service.dispatch('attachments.bytes', { id: m.id, variant: 'original' })) as Reply<AttachmentBytes>;
      expect(r.ok && Buffer.from(r.value.data).equals(files[i]!.data)).toBe(true);
    }
    // The scan looked for something real: the decrypted pages hold every canary.
    const pages = decryptedPages(service.vault);
    for (const phrase of PHRASES) expect(pages.includes(Buffer.from(phrase)), phrase).toBe(true);
    service.vault.lock();
  });

  it.each([...ATTACH_STEPS])('a kill -9 at "%s" leaves no plaintext and no half attachment', async (step) => {
    const since = Date.now() - 1000;
    const { service, dataDir } = await createdService();
    service.vault.lock();
    const run = await attachThenCrash(dataDir, step);
    expect(run.signal, run.stderr).toBe('SIGKILL');
    noCanaryOnDisk(dataDir, since);

    const after = testService(dataDir);
    expect((await after.dispatch('vault.unlock', { passphrase: PASSPHRASE })).ok).toBe(true);
    const db = after.vault.database();
    // The first attach was one transaction: it is wholly absent (no row, no chunk).
    expect(db.prepare('SELECT count(*) FROM attachments').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM attachment_chunks').pluck().get()).toBe(0);
    expect((await after.dispatch('ledger.verify', {})).ok).toBe(true);
    // And attaching again works.
    const f = canaryFiles()[0]!;
    const again = (await after.dispatch('attachments.upload', { data: f.data, name: f.name, options: {} })) as Reply<AttachmentMeta>;
    expect(again.ok).toBe(true);
    after.vault.lock();
  });

  it('the same run without a crash stores all three', async () => {
    const { service, dataDir } = await createdService();
    service.vault.lock();
    const run = await attachThenCrash(dataDir, 'none');
    expect(run.stdout, run.stderr).toContain('DONE');
    const after = testService(dataDir);
    await after.dispatch('vault.unlock', { passphrase: PASSPHRASE });
    expect(after.vault.database().prepare('SELECT count(*) FROM attachments').pluck().get()).toBe(3);
    after.vault.lock();
  });
});
