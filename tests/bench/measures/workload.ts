/**
 * Mixed read-write workload: a seeded sequence of what a person does in a session — timeline pages,
 * scrolling, opening entries, searching, filtering, the insights page, writing and editing entries,
 * draft autosaves, check-ins, trash and restore — through the real handlers, run op by op on the
 * encrypted journal and its plain copy alternately (same ops, same data, same ids on both sides).
 */
import { addDays } from '../../../shared/insights.js';
import type { Cursor, Entry, SearchPage } from '../../../shared/schemas.js';
import { closeQuietly, openEncrypted, openPlain, workCopy, type BenchJournal } from '../journals.js';
import { createRng } from '../../generator/index.js';
import { summarise, timeIt } from '../stats.js';
import { dispatcherOn, journalClock, type SizeResult } from './common.js';
import { searchQueries } from './search.js';

type Call = ReturnType<typeof dispatcherOn>['call'];
interface Side {
  call: Call;
  cursor: Cursor | null;
  created: number[];
}
type Op = { kind: 'read' | 'write'; name: string; run: (s: Side) => Promise<unknown> };

const SAMPLE_BODY =
  'We talked about the budget again after dinner. I said I want us to look at the account together, ' +
  'and this time they listened and asked what I thought before deciding. It felt calmer than last month. ';

/** A body of about `n` characters (the length of what people write varies a lot). */
const bodyOf = (n: number) => SAMPLE_BODY.repeat(Math.ceil(n / SAMPLE_BODY.length)).slice(0, n);

export function entryInput(j: BenchJournal, i: number, body: number) {
  const tags = j.meta.tagIds;
  return {
    occurredAt: j.meta.now - (i % 48) * 3_600_000,
    timeZone: j.meta.timeZone,
    title: `Evening talk ${i}`,
    body: bodyOf(body),
    personIds: [j.meta.personIds[i % j.meta.personIds.length]!],
    tagIds: [tags[i % tags.length]!, tags[(i * 7 + 3) % tags.length]!, tags[(i * 13 + 5) % tags.length]!],
    domains: ['finances', 'decisions'],
    balance: (i % 7) - 3,
    heard: 1 + (i % 5),
    respected: 1 + ((i + 2) % 5),
  };
}

function operations(j: BenchJournal, count: number): Op[] {
  const rng = createRng(j.meta.seed ^ 0x5eed);
  const queries = searchQueries(j);
  const maxId = j.meta.entries;
  const today = j.meta.lastDay;
  const kinds: [string, number][] = [
    ['timeline', 10], ['scroll', 20], ['open', 15], ['search', 10], ['filter', 8], ['insights', 4],
    ['create', 10], ['update', 6], ['draft', 12], ['checkin', 3], ['trash', 2],
  ];
  const ops: Op[] = [];
  for (let i = 0; i < count; i++) {
    const kind = rng.weighted(kinds);
    const n = i;
    const id = rng.int(1, maxId);
    const q = rng.pick(queries);
    const person = rng.pick(j.meta.personIds);
    const tag = rng.pick(j.meta.tagIds);
    const body = rng.int(100, 1500);
    const week = addDays(today, -7 * rng.int(0, 20));
    const pick = rng.next();
    switch (kind) {
      case 'timeline':
        ops.push({ kind: 'read', name: kind, run: (s) => s.call('entries.search', { limit: 50 }) });
        break;
      case 'scroll':
        ops.push({
          kind: 'read',
          name: kind,
          run: async (s) => {
            const page = await s.call<SearchPage>('entries.search', { cursor: s.cursor, limit: 50 });
            s.cursor = page.nextCursor;
          },
        });
        break;
      case 'open':
        ops.push({ kind: 'read', name: kind, run: (s) => s.call('entries.get', { id }).catch(() => null) });
        break;
      case 'search':
        ops.push({ kind: 'read', name: kind, run: (s) => s.call('entries.search', { filter: { text: q }, limit: 50 }) });
        break;
      case 'filter':
        ops.push({
          kind: 'read',
          name: kind,
          run: (s) => s.call('entries.search', { filter: pick < 0.5 ? { personIds: [person] } : { tagIds: [tag] }, limit: 50 }),
        });
        break;
      case 'insights':
        ops.push({ kind: 'read', name: kind, run: (s) => s.call('insights.overview', { from: addDays(today, -89), to: today, today }) });
        break;
      case 'create':
        ops.push({
          kind: 'write',
          name: kind,
          run: async (s) => s.created.push((await s.call<Entry>('entries.create', entryInput(j, n, body))).id),
        });
        break;
      case 'update':
        ops.push({
          kind: 'write',
          name: kind,
          run: async (s) => {
            if (s.created.length === 0) return s.created.push((await s.call<Entry>('entries.create', entryInput(j, n, body))).id);
            const target = s.created[Math.floor(pick * s.created.length)]!;
            return s.call('entries.update', { id: target, patch: { title: `Edited ${n}`, body: bodyOf(body), tagIds: [tag] } });
          },
        });
        break;
      case 'draft':
        ops.push({ kind: 'write', name: kind, run: (s) => s.call('drafts.save', { key: 'new', content: JSON.stringify({ title: `Draft ${n}`, body: bodyOf(body) }) }) });
        break;
      case 'checkin':
        ops.push({ kind: 'write', name: kind, run: (s) => s.call('checkins.save', { personId: person, week, heard: 3, respected: 4, fairShare: 2, note: 'synthetic' }) });
        break;
      case 'trash':
        ops.push({
          kind: 'write',
          name: kind,
          run: async (s) => {
            if (s.created.length === 0) return;
            const target = s.created.at(-1)!;
            await s.call('entries.delete', { id: target });
            await s.call('entries.restore', { id: target });
          },
        });
        break;
    }
  }
  return ops;
}

export async function measureWorkload(j: BenchJournal, count: number): Promise<SizeResult> {
  const copy = workCopy(j, 'workload');
  const enc = openEncrypted(copy.dbFile, j.key);
  const plain = openPlain(copy.plainFile);
  try {
    const clock = journalClock(j.meta.now);
    const a: Side = { call: dispatcherOn(enc, clock).call, cursor: null, created: [] };
    const b: Side = { call: dispatcherOn(plain, clock).call, cursor: null, created: [] };
    const ops = operations(j, count);
    // A short warm-up of reads on both sides (statement caches, the OS file cache).
    for (const op of ops.filter((o) => o.kind === 'read').slice(0, 10)) {
      await op.run({ ...a, cursor: null });
      await op.run({ ...b, cursor: null });
    }
    const ta: number[] = [];
    const tb: number[] = [];
    const byKind: Record<Op['kind'], [number, number]> = { read: [0, 0], write: [0, 0] };
    const byName: Record<string, { n: number; encryptedMs: number; plainMs: number }> = {};
    for (const op of ops) {
      const x = await timeIt(() => op.run(a));
      const y = await timeIt(() => op.run(b));
      ta.push(x);
      tb.push(y);
      byKind[op.kind][0] += x;
      byKind[op.kind][1] += y;
      const named = (byName[op.name] ??= { n: 0, encryptedMs: 0, plainMs: 0 });
      named.n++;
      named.encryptedMs += x;
      named.plainMs += y;
    }
    const value = summarise(ta);
    const baseline = summarise(tb);
    return {
      value,
      baseline,
      ratio: value.total / baseline.total,
      extra: {
        ops: count,
        ratioBasis: 'total time of the whole sequence',
        readRatio: byKind.read[0] / byKind.read[1],
        writeRatio: byKind.write[0] / byKind.write[1],
        writes: ops.filter((o) => o.kind === 'write').length,
        byOperation: byName,
      },
    };
  } finally {
    closeQuietly(enc);
    closeQuietly(plain);
  }
}
