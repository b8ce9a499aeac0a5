import type { Channel, ParsedInputOf, ResultOf } from '../../../shared/api.js';
import type { Session } from '../session.js';

/** What every handler gets besides its validated input: the journal's session. */
export type ServiceContext = Pick<Session, 'vault' | 'ports' | 'reminders' | 'safety' | 'files' | 'imports' | 'backups'>;

export type Handler<C extends Channel> = (
  input: ParsedInputOf<C>,
  ctx: ServiceContext,
) => ResultOf<C> | Promise<ResultOf<C>>;

export type Handlers = { [C in Channel]: Handler<C> };
/** A module's share of the handlers, e.g. `{ 'people.list': …, 'people.create': … }`. */
export type HandlersFor<Prefix extends string> = { [C in Channel as C extends `${Prefix}.${string}` ? C : never]: Handler<C> };
