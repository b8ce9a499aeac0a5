import type { Handlers, ServiceContext } from './types.js';
import { vaultHandlers } from './vault.js';
import { peopleHandlers } from './people.js';
import { tagHandlers } from './tags.js';
import { entryHandlers, purgeExpiredOnUnlock } from './entries.js';
import { checkInHandlers } from './checkins.js';
import { draftHandlers } from './drafts.js';
import { insightHandlers } from './insights.js';
import { settingsHandlers } from './settings.js';
import { strengthHandlers } from './strengths.js';
import { reminderHandlers } from './reminders.js';
import { safetyHandlers, sessionHandlers, uiHandlers } from './safety.js';
import { autoBackupAfterUnlock, portabilityHandlers, removeOldKeyLeftovers } from './portability.js';
import { allReportHandlers } from './report.js';
import { checkHistoryAfterUnlock, historyHandlers, ledgerHandlers } from './history.js';
import { ReminderService, remindersFor } from '../reminders/index.js';
import { SafetyService, recordFailedAttempt, safetyFor, type SafetyOptions } from '../safety/index.js';
import { createDispatcher } from './dispatch.js';
import { withIdleCheckpoints } from '../db/idle.js';
import { Vault, type VaultOptions } from '../vault/index.js';
import { defaultPorts, type Ports } from '../ports.js';

/** Housekeeping that runs after every successful unlock, in order. Each step handles its own errors. */
export const AFTER_UNLOCK: readonly ((ctx: ServiceContext) => void)[] = [purgeExpiredOnUnlock, (ctx) => remindersFor(ctx)?.sync(), (ctx) => safetyFor(ctx)?.afterOpen(), removeOldKeyLeftovers, autoBackupAfterUnlock, checkHistoryAfterUnlock];

export const handlers: Handlers = {
  ...vaultHandlers,
  'vault.unlock': async (input, ctx) => {
    const result = await vaultHandlers['vault.unlock'](input, ctx);
    for (const step of AFTER_UNLOCK) step(ctx);
    // Attempts sealed while locked were brought in by the safety step: the person sees them now.
    return { ...result, failedAttempts: safetyFor(ctx)?.failedAttempts() ?? [] };
  },
  'vault.create': async (input, ctx) => {
    const result = await vaultHandlers['vault.create'](input, ctx);
    safetyFor(ctx)?.afterOpen();
    return result;
  },
  // The rotation itself deleted the backups made with the old data key (they open with the old
  // passphrase); a fresh one under the new key is made a moment after the reply.
  'vault.changePassphrase': async (input, ctx) => {
    const result = await vaultHandlers['vault.changePassphrase'](input, ctx);
    autoBackupAfterUnlock(ctx);
    return result;
  },
  'vault.newRecoveryKey': async (input, ctx) => {
    const result = await vaultHandlers['vault.newRecoveryKey'](input, ctx);
    autoBackupAfterUnlock(ctx);
    return result;
  },
  ...peopleHandlers,
  ...tagHandlers,
  ...entryHandlers,
  ...checkInHandlers,
  ...draftHandlers,
  ...insightHandlers,
  ...settingsHandlers,
  ...strengthHandlers,
  ...reminderHandlers,
  ...sessionHandlers,
  ...safetyHandlers,
  ...portabilityHandlers,
  ...allReportHandlers,
  ...historyHandlers,
  ...ledgerHandlers,
  ...uiHandlers,
};

export interface ServiceOptions extends VaultOptions {
  ports?: Partial<Ports>;
  safety?: SafetyOptions;
}

/** Builds the whole back end for one data folder: the vault, the ports and the dispatcher. */
export function createService(opts: ServiceOptions) {
  const ports = { ...defaultPorts(), ...opts.ports };
  const vault = new Vault({ ...opts, now: opts.now ?? ports.now, onFailedAttempt: opts.onFailedAttempt ?? recordFailedAttempt(opts.dataDir) });
  const ctx: ServiceContext = { vault, ports };
  // Runs reminders while unlocked: starts after unlock (AFTER_UNLOCK) or a settings change, stops on lock.
  const reminders = new ReminderService(ctx);
  // Auto-lock, quick exit and the access log; it locks through the dispatcher, behind queued writes.
  const safety = new SafetyService(ctx, opts.safety);
  // WAL checkpoints run once calls have been quiet for a moment, not inside somebody's save.
  const dispatch = withIdleCheckpoints(createDispatcher(handlers, ctx), vault, {
    onError: (code) => ports.log('warn', `idle checkpoint failed (${code}); retried after the next call`),
  });
  return { vault, ports, ctx, reminders, safety, dispatch: safety.attach(dispatch) };
}
export type Service = ReturnType<typeof createService>;

export { createDispatcher, toApiError, type Dispatch } from './dispatch.js';
export type { Handlers, ServiceContext, Handler, HandlersFor } from './types.js';
