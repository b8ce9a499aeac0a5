import type { z } from 'zod';
import type { ByteCalls, ByteChannel, CallDef, Channel, ParsedInputOf, ResultOf } from '../../../shared/api.js';
import type { Vault } from '../vault/index.js';
import type { Ports } from '../ports.js';

/** What every handler gets besides its validated input. */
export interface ServiceContext {
  readonly vault: Vault;
  readonly ports: Ports;
}

export type Handler<C extends Channel> = (
  input: ParsedInputOf<C>,
  ctx: ServiceContext,
) => ResultOf<C> | Promise<ResultOf<C>>;

/** Handlers of the calls that carry bytes (shared/api.ts `byteCalls`). */
export type ByteHandlers = {
  [C in ByteChannel]: (
    input: z.output<ByteCalls[C]['input']>,
    ctx: ServiceContext,
  ) => Promise<ByteCalls[C] extends CallDef<z.ZodType, infer R> ? R : never>;
};

export type Handlers = { [C in Channel]: Handler<C> } & ByteHandlers;
/** A module's share of the handlers, e.g. `{ 'people.list': …, 'people.create': … }`. */
export type HandlersFor<Prefix extends string> = { [C in Channel as C extends `${Prefix}.${string}` ? C : never]: Handler<C> };
