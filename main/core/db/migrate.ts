import type { Database } from 'better-sqlite3-multiple-ciphers';
import { FulcrumError } from '../../../shared/errors.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  /** SQL, or a function for migrations that need to compute. Runs inside the migration's transaction. */
  readonly up: string | ((db: Database) => void);
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database to the newest schema. Each migration runs in its own transaction together with
 * the `user_version` bump, so a crash leaves the database at a whole version. A database from a newer
 * Fulcrum is refused before anything is written (Signal's DBVersionFromFutureError).
 */
export function migrate(db: Database, migrations: readonly Migration[]): { from: number; to: number } {
  const latest = migrations.at(-1)?.version ?? 0;
  const from = schemaVersion(db);
  if (from > latest) {
    throw new FulcrumError(
      'TOO_NEW',
      `This journal was written by a newer version of Fulcrum (format ${from}; this version reads up to ${latest}). ` +
        'It has not been changed. Update Fulcrum to open it.',
      { found: from, supported: latest },
    );
  }
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} is numbered ${m.version}, expected ${i + 1}`);
  });
  for (const m of migrations) {
    if (m.version <= from) continue;
    db.transaction(() => {
      if (typeof m.up === 'string') db.exec(m.up);
      else m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return { from, to: Math.max(from, latest) };
}
