import type { Handlers, ServiceContext } from './types.js';
import { vaultHandlers } from './vault.js';
import { peopleHandlers } from './people.js';
import { tagHandlers } from './tags.js';
import { entryHandlers, purgeExpiredOnUnlock } from './entries.js';
import { checkInHandlers } from './checkins.js';
import { draftHandlers } from './drafts.js';
import { createDispatcher } from './dispatch.js';
import { Vault, type VaultOptions } from '../vault/index.js';
import { defaultPorts, type Ports } from '../ports.js';

/** Housekeeping that runs after every successful unlock, in order. Each step handles its own errors. */
export const AFTER_UNLOCK: readonly ((ctx: ServiceContext) => void)[] = [purgeExpiredOnUnlock];

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
};

export interface ServiceOptions extends VaultOptions {
  ports?: Partial<Ports>;
}

/** Builds the whole back end for one data folder: the vault, the ports and the dispatcher. */
export function createService(opts: ServiceOptions) {
  const ports = { ...defaultPorts(), ...opts.ports };
  const vault = new Vault({ ...opts, now: opts.now ?? ports.now });
  const ctx: ServiceContext = { vault, ports };
  return { vault, ports, ctx, dispatch: createDispatcher(handlers, ctx) };
}
export type Service = ReturnType<typeof createService>;

export { createDispatcher, toApiError, type Dispatch } from './dispatch.js';
export type { Handlers, ServiceContext, Handler, HandlersFor } from './types.js';
