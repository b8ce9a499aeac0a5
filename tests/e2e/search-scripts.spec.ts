/**
 * Search in a script written without spaces: a word inside a Japanese sentence is found from the
 * timeline's search box, one character included, and the match is highlighted in the excerpt.
 */
import { apiOf } from './api.js';
import { expect, openApp, test } from './fixtures.js';
import { Fulcrum } from './pages/index.js';

const PASSPHRASE = 'copper meadow umbrella ninety drift';

test('finds a word inside Japanese text and highlights it', async ({ page, host }) => {
  const call = apiOf(host);
  await call('vault.create', { passphrase: PASSPHRASE });
  const at = Date.now() - 3_600_000;
  await call('entries.create', { occurredAt: at, timeZone: 'UTC', title: '家計', body: '今日はお金の話をした。予算は決まらなかった。' });
  await call('entries.create', { occurredAt: at - 60_000, timeZone: 'UTC', title: '散歩', body: '公園を散歩した。静かな午後だった。' });
  await call('vault.lock', {});

  const app = new Fulcrum(page);
  await openApp(page, host);
  await app.gate.unlock(PASSPHRASE);
  const { timeline } = app;
  await expect(timeline.entries).toHaveCount(2);

  await timeline.searchFor('お金');
  await timeline.expectEntries(['家計']);
  await expect(timeline.highlights('家計')).toHaveText(['お金']);

  await timeline.searchFor('金');
  await timeline.expectEntries(['家計']);
  await timeline.searchFor('静か');
  await timeline.expectEntries(['散歩']);
  await expect(timeline.highlights('散歩')).toHaveText(['静か']);
});
