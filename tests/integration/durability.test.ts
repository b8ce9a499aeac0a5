import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PASSPHRASE, tempDir, testVault } from '../helpers/files.js';

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'durability-child.ts');
const KILLS = 30;

/** An acknowledged write: the entry's id, and the number its title and body were made from. */
interface Acked {
  id: number;
  i: number;
}

/** Runs the writer, kills it with SIGKILL after `delayMs` of writing, returns the acknowledged entries. */
function writeThenKill(dataDir: string, startAt: number, delayMs: number): Promise<Acked[]> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, dataDir, PASSPHRASE, String(startAt)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: Acked[] = [];
    let buffer = '';
    let stderr = '';
    proc.stderr.on('data', (d) => (stderr += d));
    proc.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (line === 'READY') setTimeout(() => proc.kill('SIGKILL'), delayMs);
        const m = /^ACK (\d+) (\d+)$/.exec(line);
        if (m) acked.push({ id: Number(m[1]), i: Number(m[2]) });
      }
    });
    proc.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`writer exited by itself: ${stderr}`));
    });
  });
}

describe('durability', () => {
  it(`loses no acknowledged entry when the writer is killed -9 at random moments (${KILLS} times)`, async () => {
    const dataDir = tempDir();
    const v = testVault(dataDir);
    await v.create(PASSPHRASE);
    v.lock();

    // A seeded sequence of kill delays, so a failure can be replayed.
    let seed = 20261125;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const allAcked: Acked[] = [];
    for (let round = 0; round < KILLS; round++) {
      const acked = await writeThenKill(dataDir, round * 100_000, Math.floor(random() * 250));
      allAcked.push(...acked);
    }
    expect(allAcked.length).toBeGreaterThan(KILLS); // the writer did get work done between kills

    await v.unlock({ passphrase: PASSPHRASE });
    const db = v.database();
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const present = new Set(db.prepare('SELECT id FROM entries').pluck().all() as number[]);
    const missing = allAcked.filter(({ id }) => !present.has(id));
    expect(missing).toEqual([]);
    // Each acknowledged entry holds what was written, not merely a row with its id.
    const read = db.prepare('SELECT title, body FROM entries WHERE id = ?');
    const wrong = allAcked.filter(({ id, i }) => {
      const row = read.get(id) as { title: string; body: string };
      return row.title !== `durable ${i}` || row.body !== `entry number ${i} `.repeat(1 + (i % 40));
    });
    expect(wrong).toEqual([]);
    // The full-text index agrees with the table (the check throws on any mismatch) and finds them all.
    expect(() => db.prepare("INSERT INTO entries_fts (entries_fts) VALUES ('integrity-check')").run()).not.toThrow();
    const found = new Set(db.prepare("SELECT rowid FROM entries_fts WHERE entries_fts MATCH 'durable'").pluck().all() as number[]);
    expect(allAcked.filter(({ id }) => !found.has(id))).toEqual([]);
    v.lock();
  }, 240_000);
});
