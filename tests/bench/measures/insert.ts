/**
 * Durable insert of one entry with tags (`entries.create`, synchronous = FULL: on disk when it
 * returns), next to a bare fsync of a small file in the same folder. Baseline: a JSON-file store —
 * how many small Electron journals keep their data — that rewrites its whole file per write the safe
 * way (temp file, fsync, rename, fsync the folder), holding the same entries.
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../../main/core/fsutil.js';
import type { DB } from '../../../main/core/db/index.js';
import { closeQuietly, openEncrypted, openPlain, workCopy, type BenchJournal } from '../journals.js';
import { summarise, timeIt, timeSync } from '../stats.js';
import { dispatcherOn, journalClock, type SizeResult } from './common.js';
import { entryInput } from './workload.js';

/** Every entry with its links, as a JSON store would keep them. */
function loadAll(db: DB): unknown[] {
  return db
    .prepare(
      `SELECT e.*,
         (SELECT json_group_array(person_id) FROM entry_people WHERE entry_id = e.id) AS personIds,
         (SELECT json_group_array(tag_id) FROM entry_tags WHERE entry_id = e.id) AS tagIds,
         (SELECT json_group_array(domain) FROM entry_domains WHERE entry_id = e.id) AS domains
       FROM entries e ORDER BY e.id`,
    )
    .all()
    .map((r) => {
      const row = r as Record<string, unknown>;
      return { ...row, personIds: JSON.parse(row.personIds as string), tagIds: JSON.parse(row.tagIds as string), domains: JSON.parse(row.domains as string) };
    });
}

class JsonFileStore {
  constructor(
    private readonly file: string,
    private readonly entries: unknown[],
  ) {}
  insert(entry: unknown): void {
    this.entries.push(entry);
    writeFileAtomic(this.file, JSON.stringify({ version: 1, entries: this.entries }));
  }
}

/** A bare fsync: rewrite 4 KiB of a small file and flush it. */
function fsyncProbe(fd: number, block: Buffer): number {
  return timeSync(() => {
    fs.writeSync(fd, block, 0, block.length, 0);
    fs.fsyncSync(fd);
  });
}

export async function measureInsert(j: BenchJournal, samples: number, jsonSamples: number): Promise<{ insert: SizeResult; fsync: SizeResult }> {
  const copy = workCopy(j, 'insert');
  const enc = openEncrypted(copy.dbFile, j.key);
  const probeFile = path.join(path.dirname(copy.dbFile), 'fsync-probe');
  const fd = fs.openSync(probeFile, 'w+', 0o600);
  const block = Buffer.alloc(4096, 0x2a);
  try {
    const { call } = dispatcherOn(enc, journalClock(j.meta.now));
    for (let i = 0; i < 5; i++) {
      await call('entries.create', entryInput(j, i, 600));
      fsyncProbe(fd, block);
    }
    const ins: number[] = [];
    const syncs: number[] = [];
    for (let i = 0; i < samples; i++) {
      ins.push(await timeIt(() => call('entries.create', entryInput(j, i, 600))));
      syncs.push(fsyncProbe(fd, block));
    }
    closeQuietly(enc);

    // The JSON store, filled with the same journal (not timed), then one write per insert.
    const plain = openPlain(copy.plainFile);
    const entries = loadAll(plain);
    closeQuietly(plain);
    const store = new JsonFileStore(path.join(path.dirname(copy.dbFile), 'journal.json'), entries);
    const json: number[] = [];
    store.insert(entryInput(j, 0, 600));
    for (let i = 0; i < jsonSamples; i++) json.push(timeSync(() => store.insert({ id: entries.length + 1, ...entryInput(j, i, 600) })));
    const jsonBytes = fs.statSync(path.join(path.dirname(copy.dbFile), 'journal.json')).size;

    const value = summarise(ins);
    const fsyncs = summarise(syncs);
    const baseline = summarise(json);
    return {
      insert: {
        value,
        baseline,
        ratio: value.p50 / baseline.p50,
        extra: { aboveFsyncP95: value.p95 - fsyncs.p95, fsync: fsyncs, jsonFileMB: jsonBytes / 1e6, jsonSlowerBy: baseline.p50 / value.p50 },
      },
      fsync: { value: fsyncs },
    };
  } finally {
    closeQuietly(enc);
    fs.closeSync(fd);
  }
}
