import { beforeAll, describe, expect, it } from 'vitest';
import { HIGHLIGHT_END, HIGHLIGHT_START, type Entry, type SearchPage } from '../../shared/schemas.js';
import { MIGRATIONS, migrate, openDatabase } from '../../main/core/db/index.js';
import { textQuery } from '../../main/core/db/repos/index.js';
import { createRng, type Rng } from '../generator/prng.js';
import { LEXICONS } from '../generator/words.js';
import { createdService } from '../helpers/journal.js';

type J = Awaited<ReturnType<typeof createdService>>;
const T0 = Date.UTC(2025, 5, 1);

const ja = LEXICONS.ja;
const JA_WORDS = [...ja.common, ...Object.values(ja.topics).flat()];
const ZH_WORDS = ['今天', '我们', '吵架', '钱', '预算', '他说', '没有', '听我', '边界', '尊重', '家务', '朋友', '电话', '晚饭', '道歉', '沉默'];
const TH_WORDS = ['วันนี้', 'เรา', 'ทะเลาะ', 'เงิน', 'งบประมาณ', 'เขา', 'พูด', 'ไม่', 'ฟัง', 'ขอบเขต', 'เคารพ', 'งานบ้าน', 'เพื่อน'];
const LATIN = ['Tokyo', 'money', '2024', 'OK', 'Sam'];

/** A sentence in one of the unspaced scripts, now and then with a Latin word or a number in it. */
function sentence(rng: Rng): string {
  const words = rng.pick([JA_WORDS, ZH_WORDS, TH_WORDS]);
  const out: string[] = [];
  for (let i = rng.int(3, 14); i > 0; i--) out.push(rng.chance(0.08) ? ` ${rng.pick(LATIN)} ` : rng.pick(words));
  return out.join('') + rng.pick(['。', '！', ' ', '']);
}

const body = (rng: Rng) => Array.from({ length: rng.int(1, 5) }, () => sentence(rng)).join(rng.chance(0.5) ? '\n' : '');

/** The substring scan the index must agree with: entries whose title or body contains every query word. */
function scan(entries: Iterable<{ id: number; title: string; body: string }>, words: readonly string[]): number[] {
  const hits: number[] = [];
  for (const e of entries) {
    const title = e.title.normalize('NFC').toLowerCase();
    const text = e.body.normalize('NFC').toLowerCase();
    if (words.every((w) => title.includes(w.toLowerCase()) || text.includes(w.toLowerCase()))) hits.push(e.id);
  }
  return hits.sort((a, b) => a - b);
}

async function searchAll(j: J, text: string): Promise<SearchPage['items']> {
  const items: SearchPage['items'] = [];
  let cursor: SearchPage['nextCursor'] = null;
  do {
    const page: SearchPage = await j.call<SearchPage>('entries.search', { filter: { text }, cursor, limit: 500 });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
const ids = (items: SearchPage['items']) => items.map((e) => e.id).sort((a, b) => a - b);

/** A substring of 1–4 characters of one of the entries' unspaced runs. */
function pickSubstring(rng: Rng, texts: readonly string[]): string {
  for (;;) {
    const runs = rng.pick(texts).match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}ー]+/gu) ?? [];
    if (runs.length === 0) continue;
    const chars = Array.from(rng.pick(runs));
    const len = Math.min(chars.length, rng.int(1, 4));
    const at = rng.int(0, chars.length - len);
    return chars.slice(at, at + len).join('');
  }
}

describe('search in scripts without spaces', () => {
  let j: J;
  const live = new Map<number, Entry>();
  const rng = createRng(20261207);

  beforeAll(async () => {
    j = await createdService();
    for (let i = 0; i < 160; i++) {
      const e = await j.call<Entry>('entries.create', { occurredAt: T0 + i * 3_600_000, timeZone: 'UTC', title: rng.chance(0.3) ? sentence(rng) : '', body: body(rng) });
      live.set(e.id, e);
    }
  }, 60_000);

  it('finds exactly what a substring scan finds, for one- to four-character words and words that are nowhere', async () => {
    const texts = [...live.values()].flatMap((e) => [e.title, e.body]);
    const queries = [
      ...Array.from({ length: 60 }, () => pickSubstring(rng, texts)),
      // Real words, some of which straddle two generated words, and characters that appear nowhere.
      'お金', '金', '予算', '話した', '今天', '钱', 'เงิน', 'ขอบเขต', 'ー', '鬱', 'ฃ', '猫舌',
    ];
    let nonEmpty = 0;
    for (const q of queries) {
      const expected = scan(live.values(), [q]);
      if (expected.length > 0) nonEmpty++;
      expect(ids(await searchAll(j, q)), q).toEqual(expected);
    }
    expect(nonEmpty).toBeGreaterThan(50);
  });

  it('ANDs unspaced words with each other and with words of spaced scripts', async () => {
    const texts = [...live.values()].flatMap((e) => [e.title, e.body]);
    for (let i = 0; i < 20; i++) {
      const a = pickSubstring(rng, texts);
      const b = pickSubstring(rng, texts);
      expect(ids(await searchAll(j, `${a} ${b}`)), `${a} ${b}`).toEqual(scan(live.values(), [a, b]));
    }
    // "Tokyo" is a whole word in the main index; the unspaced word goes to the per-character one.
    const withLatin = [...live.values()].find((e) => /Tokyo/u.test(e.body) && /[\p{Script=Han}]/u.test(e.body))!;
    const han = withLatin.body.match(/\p{Script=Han}/u)![0];
    const found = ids(await searchAll(j, `tokyo ${han}`));
    expect(found).toContain(withLatin.id);
    expect(found).toEqual(scan(live.values(), ['Tokyo', han]).filter((id) => found.includes(id)));
  });

  it('follows edits and deletions, and highlights the match in the excerpt', async () => {
    const [first, second] = [...live.values()];
    const edited = await j.call<Entry>('entries.update', { id: first!.id, patch: { body: '昨日は猫舌の話をした。' } });
    live.set(edited.id, edited);
    await j.call('entries.delete', { id: second!.id });
    live.delete(second!.id);
    const hits = await searchAll(j, '猫舌');
    expect(ids(hits)).toEqual([first!.id]);
    expect(hits[0]!.excerpt).toBe(`昨日は${HIGHLIGHT_START}猫舌${HIGHLIGHT_END}の話をした。`);
    // The count of a first page leaves out what is in the trash, for both indexes.
    for (const q of ['Tokyo', pickSubstring(rng, [second!.body]), `Tokyo ${pickSubstring(rng, [second!.body])}`]) {
      const words = q.split(' ');
      const page = await j.call<SearchPage>('entries.search', { filter: { text: q }, limit: 1 });
      expect(page.total, q).toBe(scan(live.values(), words).length);
    }
    // The old text is no longer found; the trashed entry is found only in the trash.
    for (const q of [pickSubstring(rng, [first!.body]), pickSubstring(rng, [second!.body])]) {
      expect(ids(await searchAll(j, q)), q).toEqual(scan(live.values(), [q]));
    }
  });

  it('splits a word into its unspaced part and the rest', () => {
    expect(textQuery('お金')).toEqual({ match: null, unspaced: '"お 金"', runs: ['お金'] });
    expect(textQuery('2024年 budget')).toEqual({ match: '"2024" "budget"*', unspaced: '"年"', runs: ['年'] });
    expect(textQuery('rent')).toEqual({ match: '"rent"*', unspaced: null, runs: [] });
    expect(textQuery('、。')).toBeNull();
  });

  it('indexes the entries a journal already had when it is upgraded', async () => {
    const k = await createdService();
    try {
      const made: Entry[] = [];
      for (let i = 0; i < 30; i++) made.push(await k.call<Entry>('entries.create', { occurredAt: T0 + i * 60_000, timeZone: 'UTC', title: '', body: body(rng) }));
      // Back to the journal as version 7 wrote it: no per-character index.
      const key = k.service.vault.withDataKey((x) => Buffer.from(x));
      const file = `${k.dataDir}/journal.db`;
      k.service.vault.lock();
      const db = openDatabase(file, key);
      db.exec('DROP TABLE entries_unspaced; DROP TRIGGER entries_unspaced_ad; DROP TRIGGER entries_unspaced_au; PRAGMA user_version = 7;');
      // Only the upgrade to version 8 runs again: later migrations' tables are still there.
      expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 8))).toEqual({ from: 7, to: 8 });
      const q = pickSubstring(rng, made.map((e) => e.body));
      const hits = (db.prepare('SELECT rowid FROM entries_unspaced WHERE entries_unspaced MATCH ? ORDER BY rowid').pluck().all(textQuery(q)!.unspaced) as number[]);
      expect(hits, q).toEqual(scan(made, [q]));
      db.close();
      key.fill(0);
    } finally {
      k.service.vault.lock();
    }
  });
});
