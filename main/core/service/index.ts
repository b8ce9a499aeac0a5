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
import { ReminderService, remindersFor } from '../reminders/index.js';
import { createDispatcher } from './dispatch.js';
import { Vault, type VaultOptions } from '../vault/index.js';
import { defaultPorts, type Ports } from '../ports.js';

/** Housekeeping that runs after every successful unlock, in order. Each step handles its own errors. */
export const AFTER_UNLOCK: readonly ((ctx: ServiceContext) => void)[] = [purgeExpiredOnUnlock, (ctx) => remindersFor(ctx)?.sync()];

export const handlers: Handlers = {
  ...vaultHandlers,
  'vault.unlock': async (input, ctx) => {
    const result = await vaultHandlers['vault.unlock'](input, ctx);
    for (const step of AFTER_UNLOCK) step(ctx);
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
};

export interface ServiceOptions extends VaultOptions {
  ports?: Partial<Ports>;
}

/** Builds the whole back end for one data folder: the vault, the ports and the dispatcher. */
export function createService(opts: ServiceOptions) {
  const ports = { ...defaultPorts(), ...opts.ports };
  const vault = new Vault({ ...opts, now: opts.now ?? ports.now });
  const ctx: ServiceContext = { vault, ports };
  // Runs reminders while unlocked: starts after unlock (AFTER_UNLOCK) or a settings change, stops on lock.
  const reminders = new ReminderService(ctx);
  return { vault, ports, ctx, reminders, dispatch: createDispatcher(handlers, ctx) };
}
export type Service = ReturnType<typeof createService>;

export { createDispatcher, toApiError, type Dispatch } from './dispatch.js';
export type { Handlers, ServiceContext, Handler, HandlersFor } from './types.js';
