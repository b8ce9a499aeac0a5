import type { Handlers, ServiceContext } from './types.js';
import { vaultHandlers } from './vault.js';
import { peopleHandlers } from './people.js';
import { tagHandlers } from './tags.js';
import { entryHandlers } from './entries.js';
import { checkInHandlers } from './checkins.js';
import { draftHandlers } from './drafts.js';
import { insightHandlers, insightIndexAfterUnlock } from './insights.js';
import { settingsHandlers } from './settings.js';
import { strengthHandlers } from './strengths.js';
import { reminderHandlers } from './reminders.js';
import { safetyHandlers, sessionHandlers, uiHandlers } from './safety.js';
import { abandonImportsAfterUnlock, autoBackupAfterUnlock, portabilityHandlers, removeOldKeyLeftovers } from './portability.js';
import { allReportHandlers } from './report.js';
import { checkHistoryAfterUnlock, historyHandlers, ledgerHandlers } from './history.js';
import { attachmentByteHandlers, attachmentHandlers } from './attachments.js';
import { writingHandlers } from './writing.js';
import { Session, type SessionOptions } from '../session.js';

/**
 * Housekeeping that runs after every successful unlock, in order. Each step handles its own errors.
 * Expired trash is not purged here but in idle time (`purgeExpiredInIdle`), so no unlock waits for it.
 */
export const AFTER_UNLOCK: readonly ((ctx: ServiceContext) => void)[] = [(ctx) => ctx.reminders.sync(), (ctx) => ctx.safety.afterOpen(), removeOldKeyLeftovers, abandonImportsAfterUnlock, autoBackupAfterUnlock, checkHistoryAfterUnlock, insightIndexAfterUnlock];

export const handlers: Handlers = {
  ...vaultHandlers,
  'vault.unlock': async (input, ctx) => {
    const result = await vaultHandlers['vault.unlock'](input, ctx);
    for (const step of AFTER_UNLOCK) step(ctx);
    // Attempts sealed while locked were brought in by the safety step: the person sees them now.
    return { ...result, failedAttempts: ctx.safety.failedAttempts() };
  },
  'vault.create': async (input, ctx) => {
    const result = await vaultHandlers['vault.create'](input, ctx);
    ctx.safety.afterOpen();
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
  ...attachmentHandlers,
  ...attachmentByteHandlers,
  ...uiHandlers,
  ...writingHandlers,
};

export type ServiceOptions = SessionOptions;

/** Builds the whole back end for one data folder: a Session (vault, ports, services, dispatcher). */
export function createService(opts: ServiceOptions): Session {
  return new Session(opts);
}
export type Service = Session;

export { createDispatcher, toApiError, type Dispatch } from './dispatch.js';
export type { Handlers, ServiceContext, Handler, HandlersFor } from './types.js';
export { Session, type SessionOptions, type SessionResources } from '../session.js';
/** Which native build of SQLite to load (Electron's own): process-wide, set once before any session. */
export { setNativeBinding } from '../db/open.js';
