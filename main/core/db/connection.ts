import Database from 'better-sqlite3-multiple-ciphers';

export type Statement = Database.Statement<unknown[], unknown>;

/** Work tied to one connection that must stop when it closes (the in-memory insight index). */
export interface ConnectionJob {
  discard(): void;
}

/**
 * One open SQLite connection and everything that lives exactly as long as it: its prepared
 * statements, the SQL functions registered on it, the read snapshots backups hold against it, and the
 * in-memory insight index and ledger tree built from it. Owning them here (rather than in maps keyed by the handle)
 * means closing the connection drops all of it, and a new unlock starts clean.
 */
export class Connection extends Database {
  /** Prepared statements by SQL text (see repos/sql.ts `stmt`). */
  readonly statements = new Map<string, Statement>();
  /** SQL functions already registered on this handle, by name. */
  readonly functions = new Set<string>();
  /** Releases of the read snapshots held against this connection by backups in progress. */
  readonly snapshots = new Set<() => void>();
  /** The in-memory insight index of this connection, once started. */
  insightIndex: ConnectionJob | null = null;
  /** The in-memory copy of the stored ledger tree (repos/ledgernodes.ts), once started. */
  ledgerNodes: ConnectionJob | null = null;

  override close(): this {
    this.insightIndex?.discard();
    this.insightIndex = null;
    this.ledgerNodes?.discard();
    this.ledgerNodes = null;
    for (const release of [...this.snapshots]) release();
    this.snapshots.clear();
    this.statements.clear();
    this.functions.clear();
    return super.close();
  }
}
