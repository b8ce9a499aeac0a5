/**
 * One journal's session: everything that lives for one data folder in one host — the vault (and with
 * it the key and the open connection, which owns its statement cache and insight index), the ports,
 * reminders, safety (auto-lock, quick exit, the access log), the files picked in dialogs, the pending
 * import, the automatic backup's timer and the backup throttle, and the idle upkeep. Nothing of this
 * is kept anywhere else: core has no module-level state, so two sessions in one process never meet.
 *
 * Lifecycle: created locked. Unlocking opens the connection and starts reminders, auto-lock and the
 * automatic backup's timer. Locking (by any path: a call, auto-lock, quick exit, deleting the journal)
 * closes the connection, zeroes the key, and stops every timer and job of the open journal: the vault
 * reports the lock (`onLocked`) and the session releases the rest. `close()` also releases what
 * outlives a lock (picked files, power-event listeners); the session cannot be used afterwards.
 * `resources()` counts what is still held, so a test can check that nothing leaks.
 */
import { createDispatcher, type Dispatch } from './service/dispatch.js';
import { AFTER_UNLOCK, handlers } from './service/index.js';
import { purgeExpiredInIdle } from './service/entries.js';
import { BackupJobs } from './service/portability.js';
import { InsightWarmup } from './service/insights.js';
import { HistoryChecks } from './service/history.js';
import { IdleUpkeep, type IdleCheckpointOptions } from './db/idle.js';
import { PendingImports, PickedFiles } from './portability/index.js';
import { ReminderService, type ReminderOptions } from './reminders/index.js';
import { SafetyService, recordFailedAttempt, type SafetyOptions } from './safety/index.js';
import { Vault, type VaultOptions } from './vault/index.js';
import { defaultPorts, type Ports } from './ports.js';

export interface SessionOptions extends Omit<VaultOptions, 'onLocked'> {
  ports?: Partial<Ports>;
  safety?: SafetyOptions;
  reminders?: ReminderOptions;
  idle?: IdleCheckpointOptions;
  /** Timers for idle upkeep (tests fire them by hand); the same as `idle.timers`. */
  idleTimers?: IdleCheckpointOptions['timers'];
}

/** What a session still holds (see `Session.resources`). All zero once closed. */
export interface SessionResources {
  /** Open database connections: the journal's, plus read snapshots held by backups. */
  connections: number;
  /** Timers set: reminders, auto-lock, the idle upkeep, the automatic backup, the start of the insight index's build. */
  timers: { reminders: number; autoLock: number; idle: number; autoBackup: number; insightIndex: number };
  /** Work kept for later: a pending import, the in-memory insight index and ledger tree, picked-file tokens. */
  jobs: { pendingImport: number; historyChecks: number; insightIndex: number; ledgerNodes: number; pickedFiles: number };
  /** The data key is in memory. */
  key: boolean;
}

export class Session {
  readonly vault: Vault;
  readonly ports: Ports;
  /** Runs reminders while unlocked: starts after unlock (AFTER_UNLOCK) or a settings change, stops on lock. */
  readonly reminders: ReminderService;
  /** Auto-lock, quick exit and the access log; it locks through the dispatcher, behind queued writes. */
  readonly safety: SafetyService;
  readonly files = new PickedFiles();
  readonly imports = new PendingImports();
  readonly backups = new BackupJobs();
  /** The insight index's build, started a moment after each unlock (service/insights.ts). */
  readonly insightWarmup = new InsightWarmup();
  readonly historyChecks = new HistoryChecks();
  /** WAL checkpoints and full-text merges run once calls have been quiet for a moment, not inside somebody's save. */
  readonly idle: IdleUpkeep;
  /** The one entry point of this session: `dispatch(channel, raw) → Reply`. */
  readonly dispatch: Dispatch;
  private closing: Promise<void> | null = null;

  constructor(opts: SessionOptions) {
    const ports: Ports = { ...defaultPorts(), ...opts.ports };
    this.ports = ports;
    this.vault = new Vault({
      ...opts,
      now: opts.now ?? ports.now,
      onFailedAttempt: opts.onFailedAttempt ?? recordFailedAttempt(opts.dataDir),
      onLocked: () => this.released(),
    });
    this.reminders = new ReminderService(this, opts.reminders);
    this.safety = new SafetyService(this, opts.safety);
    // Purging expired trash, index merges and WAL checkpoints run once calls have been quiet for a
    // moment, not inside somebody's unlock or save.
    this.idle = new IdleUpkeep(this.vault, {
      onError: (code) => ports.log('warn', `idle checkpoint failed (${code}); retried after the next call`),
      upkeep: purgeExpiredInIdle(this),
      ...(opts.idleTimers ? { timers: opts.idleTimers } : {}),
      ...opts.idle,
    });
    this.dispatch = this.safety.attach(this.idle.wrap(createDispatcher(handlers, this)));
  }

  /** Housekeeping after an unlock, in order (each step handles its own errors). */
  afterUnlock(): void {
    for (const step of AFTER_UNLOCK) step(this);
  }

  /** The journal has locked: stop everything that ran for it. Never throws (the lock has happened). */
  private released(): void {
    this.reminders.stop();
    this.safety.autoLock.stop();
    this.backups.cancel();
    this.insightWarmup.cancel();
    this.historyChecks.stop();
    this.idle.cancel();
    this.imports.clear();
  }

  /**
   * Locks (through the dispatcher, so a write already queued finishes first) and releases everything,
   * the listeners and picked files that outlive a lock included. Safe to call twice.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.safety.dispose();
      try {
        await this.dispatch('vault.lock', {});
      } finally {
        this.closeNow();
      }
    })();
    return this.closing;
  }

  /**
   * Locks at once and releases everything, without waiting for queued calls (a host that is quitting
   * and cannot wait: Electron's will-quit). Safe to call twice.
   */
  closeNow(): void {
    this.closing ??= Promise.resolve();
    this.safety.dispose();
    try {
      this.vault.lock();
    } finally {
      this.released();
      this.reminders.dispose();
      this.files.clear();
    }
  }

  get closed(): boolean {
    return this.closing !== null;
  }

  resources(): SessionResources {
    const db = this.vault.unlocked ? this.vault.database() : null;
    return {
      connections: (db?.open ? 1 : 0) + (db?.snapshots.size ?? 0),
      timers: {
        reminders: this.reminders.watching ? 1 : 0,
        autoLock: this.safety.autoLock.timers,
        idle: this.idle.armed ? 1 : 0,
        autoBackup: this.backups.scheduled ? 1 : 0,
        insightIndex: this.insightWarmup.scheduled ? 1 : 0,
      },
      jobs: {
        pendingImport: this.imports.current ? 1 : 0,
        historyChecks: this.historyChecks.running,
        insightIndex: db?.insightIndex ? 1 : 0,
        ledgerNodes: db?.ledgerNodes ? 1 : 0,
        pickedFiles: this.files.size,
      },
      key: this.vault.holdsKey,
    };
  }
}

export function createSession(opts: SessionOptions): Session {
  return new Session(opts);
}
