/**
 * The renderer's only way to main: a typed `call(channel, input)` over `window.fulcrum`
 * (shared/api.ts). It returns the value or throws an ApiError; a LOCKED reply anywhere also tells
 * the app shell, which then drops all state and shows the unlock screen.
 */
import type { AppEvent, Channel, FulcrumBridge, InputOf, ResultOf } from '../shared/api.js';
import type { ErrorCode, Reply } from '../shared/errors.js';

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Commands the Electron menu may send (Ctrl/Cmd+N, F, L); the renderer's own shortcuts use them too. */
export type AppCommand = Extract<AppEvent, { type: 'command' }>['command'];

export function bridge(): FulcrumBridge {
  const b = (window as unknown as { fulcrum?: FulcrumBridge }).fulcrum;
  if (!b) throw new ApiError('INTERNAL', 'Fulcrum could not connect to its back end. Close this window and start Fulcrum again.');
  return b;
}

export function hasBridge(): boolean {
  return Boolean((window as unknown as { fulcrum?: FulcrumBridge }).fulcrum);
}

export function transport(): 'electron' | 'browser' {
  return bridge().transport;
}

const lockedListeners = new Set<() => void>();
/** Called whenever any call answers LOCKED (the journal was locked behind the page's back). */
export function onLockedReply(listener: () => void): () => void {
  lockedListeners.add(listener);
  return () => lockedListeners.delete(listener);
}

export async function call<C extends Channel>(channel: C, input: InputOf<C>): Promise<ResultOf<C>> {
  const fn = bridge()[channel] as unknown as (input: InputOf<C>) => Promise<Reply<ResultOf<C>>>;
  let reply: Reply<ResultOf<C>>;
  try {
    reply = await fn(input);
  } catch {
    throw new ApiError('IO', 'Fulcrum could not reach its back end. Check that Fulcrum is still running, then try again.');
  }
  if (reply.ok) return reply.value;
  const { code, message, detail } = reply.error;
  if (code === 'LOCKED') for (const l of [...lockedListeners]) l();
  throw new ApiError(code, message, detail);
}

/** A message to show for anything thrown by `call` (or by our own code). */
export function messageOf(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  return 'Something went wrong. Try again; if it keeps happening, lock and unlock Fulcrum.';
}

export function subscribe(listener: (event: AppEvent) => void): () => void {
  return bridge().subscribe(listener);
}

/** Like `call`, for the bridge's own methods (attachment bytes): the value, or an ApiError. */
export async function unwrap<T>(send: () => Promise<Reply<T>>): Promise<T> {
  let reply: Reply<T>;
  try {
    reply = await send();
  } catch {
    throw new ApiError('IO', 'Fulcrum could not reach its back end. Check that Fulcrum is still running, then try again.');
  }
  if (reply.ok) return reply.value;
  const { code, message, detail } = reply.error;
  if (code === 'LOCKED') for (const l of [...lockedListeners]) l();
  throw new ApiError(code, message, detail);
}
