/**
 * Full-text search as the timeline runs it: the first page (50) of `entries.search` with snippets,
 * for 20 realistic queries (common and rare words, prefixes while typing, two and three words, names,
 * five languages, a word that is nowhere). Baseline: the naive way — a LIKE scan of title and body
 * on the plain copy, newest first, stopping at the page.
 */
import type { DB } from '../../../main/core/db/index.js';
import { SUMMARY_COLUMNS } from '../../../main/core/db/repos/index.js';
import type { SearchPage } from '../../../shared/schemas.js';
import { closeQuietly, openEncrypted, openPlain, type BenchJournal } from '../journals.js';
import { summarise, timeIt, timeSync } from '../stats.js';
import { dispatcherOn, type SizeResult } from './common.js';

/**
 * Queries a person might type: twenty whole searches (every word but the last query's is in the
 * generator's lexicons), then the first keystrokes of a search — one- and two-letter prefixes, which
 * match most of the journal — one Japanese character, and words that are nowhere.
 */
export function searchQueries(j: BenchJournal): string[] {
  const [a = 'Alex', b = 'Sam'] = j.meta.names;
  return [
    'money',
    'argument',
    'apolog', // typing: a prefix
    'budget rent',
    'boundary respected',
    'dinner',
    'chores laundry dishes',
    'threatened',
    'holiday decision',
    'Streit',
    'geld miete',
    'entschuldigung',
    'dinero',
    'discusión',
    'المال',
    'الحدود',
    'お金',
    a,
    `${b} money`,
    'xylophone',
    'a',
    'm',
    's',
    'mo',
    'de',
    'al',
    '金',
    'お',
    'qx',
    'zzyzx',
    'ฟ้า',
  ];
}

const words = (q: string) => q.split(/\s+/u).filter(Boolean);

/** The naive search: LIKE over title and body for every word, newest first, one page. */
function likePage(db: DB, q: string): number {
  const ws = words(q);
  const where = ws.map(() => "(title LIKE ? ESCAPE '\\' OR body LIKE ? ESCAPE '\\')").join(' AND ');
  const params = ws.flatMap((w) => {
    const p = `%${w.replace(/[\\%_]/g, '\\$&')}%`;
    return [p, p];
  });
  const rows = db
    .prepare(
      `SELECT ${SUMMARY_COLUMNS}, substr(body, 1, 400) AS head FROM entries
       WHERE deleted_at IS NULL AND ${where} ORDER BY occurred_at DESC, id DESC LIMIT 51`,
    )
    .all(...params);
  return rows.length;
}

export async function measureSearch(j: BenchJournal, reps: number, likeReps: number): Promise<SizeResult> {
  const queries = searchQueries(j);
  const enc = openEncrypted(j.dbFile, j.key);
  const plain = openPlain(j.plainFile);
  try {
    const e = dispatcherOn(enc, () => j.meta.now);
    const p = dispatcherOn(plain, () => j.meta.now);
    const search = (call: typeof e.call, text: string) => call<SearchPage>('entries.search', { filter: { text }, cursor: null, limit: 50 });
    const hits: Record<string, number> = {};
    for (const q of queries) {
      hits[q] = (await search(e.call, q)).items.length; // warm-up, and the hit counts for the report
      likePage(plain, q);
    }
    const perQuery: Record<string, number[]> = Object.fromEntries(queries.map((q) => [q, []]));
    const ftsEnc: number[] = [];
    const ftsPlain: number[] = [];
    const like: number[] = [];
    for (let r = 0; r < reps; r++) {
      for (const q of queries) {
        const ms = await timeIt(() => search(e.call, q));
        ftsEnc.push(ms);
        perQuery[q]!.push(ms);
        ftsPlain.push(await timeIt(() => search(p.call, q)));
      }
    }
    for (let r = 0; r < likeReps; r++) for (const q of queries) like.push(timeSync(() => likePage(plain, q)));
    const value = summarise(ftsEnc);
    const baseline = summarise(like);
    const plainFts = summarise(ftsPlain);
    return {
      value,
      baseline,
      ratio: value.p50 / baseline.p50,
      extra: {
        ftsOnPlain: plainFts,
        encryptionCostP50: value.p50 / plainFts.p50,
        firstPageHits: hits,
        slowestQueriesP50: Object.entries(perQuery)
          .map(([q, ms]) => [q, summarise(ms).p50] as const)
          .sort((x, y) => y[1] - x[1])
          .slice(0, 5),
      },
    };
  } finally {
    closeQuietly(enc);
    closeQuietly(plain);
  }
}
