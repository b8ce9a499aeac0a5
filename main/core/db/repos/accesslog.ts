/**
 * The access log's rows: the private key kept in `meta` (inside the encrypted journal) and the failed
 * unlock attempts brought in from access.log (`unlock_failures`). The sealing and opening is in
 * main/core/safety/accesslog.ts.
 */
import type { DB } from '../open.js';
import { column, run, stmt, value } from './sql.js';

/** The meta key under which the access log's private key (a JWK) is kept. */
export const ACCESS_LOG_META_KEY = 'access_log_key';

export function readAccessLogKey(db: DB): string | undefined {
  return value<string>(db, 'SELECT value FROM meta WHERE key = ?', ACCESS_LOG_META_KEY);
}

export function writeAccessLogKey(db: DB, privateJwk: string): void {
  db.transaction(() => {
    run(db, 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', ACCESS_LOG_META_KEY, privateJwk);
  })();
}

/** Keeps each attempt once (a crash between the insert and deleting access.log does not count it twice). Returns how many were new. */
export function insertUnlockFailures(db: DB, times: readonly number[], now: number): number {
  let imported = 0;
  db.transaction(() => {
    const insert = stmt(db, 'INSERT INTO unlock_failures (at, recorded_at) SELECT @at, @now WHERE NOT EXISTS (SELECT 1 FROM unlock_failures WHERE at = @at)');
    for (const at of times) imported += insert.run({ at, now }).changes;
  })();
  return imported;
}

/** Failed attempts not yet acknowledged, oldest first. */
export function unacknowledgedAttempts(db: DB): number[] {
  return column<number>(db, 'SELECT at FROM unlock_failures WHERE acknowledged_at IS NULL ORDER BY at');
}

/** The person has seen the attempts up to `upTo`; acknowledged ones older than a year are forgotten. */
export function acknowledgeAttempts(db: DB, upTo: number, now: number): void {
  db.transaction(() => {
    run(db, 'UPDATE unlock_failures SET acknowledged_at = ? WHERE acknowledged_at IS NULL AND at <= ?', now, upTo);
    run(db, 'DELETE FROM unlock_failures WHERE acknowledged_at IS NOT NULL AND at < ?', now - 365 * 86_400_000);
  })();
}
