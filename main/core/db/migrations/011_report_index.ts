import type { Migration } from '../migrate.js';

/**
 * The report's reads over a period without touching the entries' rows: which entries are flagged
 * "raise with my therapist" (oldest first) and the first page's counts (entries, days, flagged,
 * safety concerns, mean intensity). In the table these flags sit after the entry's text, so reading
 * them walks every long entry's overflow pages — at 100k entries a one-year report spent most of its
 * time there. The index holds them beside the day, covering both reads.
 */
export const migration011: Migration = {
  version: 11,
  name: 'report index',
  up: `
    CREATE INDEX entries_live_report ON entries (day, raise_with_therapist, safety_flag, intensity, occurred_at)
      WHERE deleted_at IS NULL;
  `,
};
