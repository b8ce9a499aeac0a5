import type { Migration } from '../migrate.js';

/**
 * An import's check-ins written in its slices. Until now its last transaction wrote them all, so a
 * save sent then waited for every one of them (~0.3 s for 2,577 check-ins on a shared machine). They are
 * now written hidden with the other rows of the batch (`checkins.import_batch`), and they are shown by
 * the batch rather than row by row: a check-in is hidden while its batch is in `import_batches` with
 * `shown` = 0, so the last transaction shows them all by setting one flag, whatever their number.
 * The marks of a shown batch are cleared in idle moments, and the batch's row goes once none is left.
 * Journals upgraded with an import under way: its batch is not shown and has no check-ins, and the
 * next unlock abandons it as before.
 */
export const migration014: Migration = {
  version: 14,
  name: 'hidden check-ins',
  up: `
    ALTER TABLE import_batches ADD COLUMN shown INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE checkins ADD COLUMN import_batch INTEGER;
    CREATE INDEX checkins_import_batch ON checkins (import_batch) WHERE import_batch IS NOT NULL;
  `,
};
