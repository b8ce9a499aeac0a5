/**
 * Safety: auto-lock, quick exit, the access log and deleting the journal, for one session. The
 * Session creates it; handlers find it as `ctx.safety`.
 */
import { FulcrumError } from '../../../shared/errors.js';
import { SafetyPreferences, type SafetyPreferences as SafetyPrefs } from '../../../shared/safety.js';
import type { LanguageChoice } from '../../../shared/locales.js';
import type { Ports } from '../ports.js';
import { memoryPreferences, type PreferencesStore } from '../prefs.js';
import type { Vault, VaultFile } from '../vault/index.js';
import { acknowledgeAttempts, appendAttempt, ensureAccessLogKey, importAttempts, unacknowledgedAttempts } from './accesslog.js';
import { AutoLock, type AutoLockReason } from './autolock.js';
import { systemClock, type Clock } from './clock.js';
import { deleteJournalFiles } from './delete.js';

export { ACCESS_LOG_FILE, ACCESS_LOG_MAX_BYTES, appendAttempt, importAttempts, openAttempt, sealAttempt, generateAccessLogKey } from './accesslog.js';
export { AutoLock, GRACE_MS, type AutoLockReason } from './autolock.js';
export { systemClock, type Clock } from './clock.js';
export { deleteJournalFiles, isJournalFile } from './delete.js';

export interface SafetyContext {
  readonly vault: Vault;
  readonly ports: Ports;
}

export interface SafetyOptions {
  /** The auto-lock's clock (tests, and browser mode's test host, move it by hand). */
  clock?: Clock;
}

type Dispatch = (channel: string, raw: unknown) => Promise<unknown>;

/** Records a failed unlock while locked (the vault's onFailedAttempt hook). Never throws. */
export function recordFailedAttempt(dataDir: string) {
  return (at: number, vault: VaultFile): void => {
    appendAttempt(dataDir, vault.accessLog?.publicKey, vault.journalId, at);
  };
}

export class SafetyService {
  readonly autoLock: AutoLock;
  readonly clock: Clock;
  private readonly prefs: PreferencesStore;
  private dispatch: Dispatch | null = null;

  constructor(
    private readonly ctx: SafetyContext,
    opts: SafetyOptions = {},
  ) {
    this.clock = opts.clock ?? systemClock;
    // Without a store (tests, browser mode) preferences live in memory for this run.
    this.prefs = ctx.ports.preferences ?? memoryPreferences();
    this.autoLock = new AutoLock({
      clock: this.clock,
      isUnlocked: () => ctx.vault.unlocked,
      timeoutMs: () => this.prefs.get('lockTimeoutMinutes') * 60_000,
      lock: (reason) => this.lockFor(reason),
      emit: (event) => ctx.ports.emit(event),
      power: ctx.ports.power,
      window: ctx.ports.window,
    });
  }

  /**
   * Takes the dispatcher (locks queue behind writes already in flight) and returns the one the
   * transports use: quick exit hides the window at once, even while a long call (a passphrase change,
   * an import) holds the queue; its lock then waits its turn. Set once by createService.
   */
  attach<D extends Dispatch>(dispatch: D): D {
    this.dispatch = dispatch;
    const front = (channel: string, raw: unknown) => {
      if (channel === 'session.quickExit') this.hideWindow();
      return dispatch(channel, raw);
    };
    return front as D;
  }

  private hideWindow(): void {
    try {
      this.ctx.ports.window?.hide();
    } catch {
      this.ctx.ports.log('warn', 'quick exit: the window could not be hidden');
    }
  }

  private async lockFor(reason: AutoLockReason | 'quick-exit'): Promise<void> {
    if (!this.ctx.vault.unlocked) return;
    try {
      if (this.dispatch) await this.dispatch('vault.lock', {});
      else this.ctx.vault.lock();
    } catch {
      this.ctx.vault.lock();
    }
    this.ctx.ports.emit({ type: 'locked', reason });
  }

  // ---- preferences

  preferences(): SafetyPrefs {
    return SafetyPreferences.parse({ lockTimeoutMinutes: this.prefs.get('lockTimeoutMinutes'), quickExit: this.prefs.get('quickExit') });
  }

  setPreferences(patch: Partial<SafetyPrefs>): SafetyPrefs {
    if (patch.lockTimeoutMinutes !== undefined) this.prefs.set('lockTimeoutMinutes', patch.lockTimeoutMinutes);
    if (patch.quickExit !== undefined) this.prefs.set('quickExit', patch.quickExit);
    this.autoLock.reschedule();
    return this.preferences();
  }

  /** The interface language: a harmless preference, readable while locked like the shortcut. */
  language(): LanguageChoice {
    return this.prefs.get('language');
  }

  setLanguage(language: LanguageChoice): LanguageChoice {
    this.prefs.set('language', language);
    return this.language();
  }

  // ---- unlock and lock

  /**
   * After every unlock and after creating a journal: make sure the access-log key exists (and its public
   * half is in vault.json), bring in the attempts sealed while locked, and start the idle timer.
   */
  afterOpen(): void {
    const { vault } = this.ctx;
    if (!vault.unlocked) return;
    try {
      const db = vault.database();
      vault.setAccessLogKey(ensureAccessLogKey(db));
      const { skipped } = importAttempts(db, vault.dataDir, vault.journalId, this.ctx.ports.now());
      if (skipped > 0) this.ctx.ports.log('warn', `access log: ${skipped} unreadable line(s) skipped`);
    } catch {
      // The access log must never stand between the person and their journal.
      this.ctx.ports.log('warn', 'access log: could not be brought in at unlock');
    }
    this.autoLock.start();
  }

  activity(): void {
    this.autoLock.activity();
  }

  failedAttempts(): number[] {
    return unacknowledgedAttempts(this.ctx.vault.database());
  }

  acknowledge(upTo: number): void {
    acknowledgeAttempts(this.ctx.vault.database(), upTo, this.ctx.ports.now());
  }

  /**
   * Quick exit's lock. Runs inside the dispatcher, so a draft save sent just before it is written
   * first; the window was hidden the moment the call arrived (attach).
   */
  quickExit(): void {
    // The window was hidden already, as the call came in (attach).
    const wasUnlocked = this.ctx.vault.unlocked;
    this.autoLock.stop();
    this.ctx.vault.lock();
    if (wasUnlocked) this.ctx.ports.emit({ type: 'locked', reason: 'quick-exit' });
  }

  /** Locks, then deletes every file of the journal. The app is back at first run. */
  deleteJournal(): void {
    const { vault } = this.ctx;
    const dataDir = vault.dataDir;
    this.autoLock.stop();
    vault.lock();
    const { foreign } = deleteJournalFiles(dataDir);
    if (vault.exists()) {
      throw new FulcrumError('IO', 'Some of the journal’s files could not be deleted. Close other programs that may be using them and try again.');
    }
    if (foreign.length > 0) this.ctx.ports.log('info', `delete journal: ${foreign.length} file(s) in the folder were not Fulcrum's and were left alone`);
  }

  dispose(): void {
    this.autoLock.dispose();
  }
}
