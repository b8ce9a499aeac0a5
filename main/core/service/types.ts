import type { z } from 'zod';
import type { ByteCalls, ByteChannel, CallDef, Channel, ParsedInputOf, ResultOf } from '../../../shared/api.js';
import type { Session } from '../session.js';

/** What every handler gets besides its validated input: the journal's session. */
export type ServiceContext = Pick<Session, 'vault' | 'ports' | 'reminders' | 'safety' | 'files' | 'imports' | 'backups' | 'insightWarmup' | 'historyChecks'> & {
  /**
   * For a long job holding the call queue (an import's commit): gives its turn up for a moment, so
   * the calls queued meanwhile run, and resolves when it is the job's turn again (dispatch.ts).
   */
  turn?: () => Promise<void>;
};

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
