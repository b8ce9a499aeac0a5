/**
 * The renderer's only way to main: a typed `call(channel, input)` over `window.fulcrum`
 * (shared/api.ts). It returns the value or throws an ApiError; a LOCKED reply anywhere also tells
 * the app shell, which then drops all state and shows the unlock screen.
 */
import type { AppEvent, Channel, FulcrumBridge, InputOf, ResultOf } from '../shared/api.js';
import type { ErrorCode, ErrorReason, Reply } from '../shared/errors.js';
import { currentLanguage, translate, type MessageId } from './i18n/translate.js';

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
  const b = (globalThis as unknown as { fulcrum?: FulcrumBridge }).fulcrum;
  if (!b) throw new ApiError('INTERNAL', 'Fulcrum could not connect to its back end. Close this window and start Fulcrum again.');
  return b;
}

export function hasBridge(): boolean {
  return Boolean((globalThis as unknown as { fulcrum?: FulcrumBridge }).fulcrum);
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

const answeredListeners = new Set<(channel: Channel) => void>();
/** Called after every call that succeeded, with its channel (the query cache drops what a write changed). */
export function onCallAnswered(listener: (channel: Channel) => void): () => void {
  answeredListeners.add(listener);
  return () => answeredListeners.delete(listener);
}

export async function call<C extends Channel>(channel: C, input: InputOf<C>): Promise<ResultOf<C>> {
  const fn = bridge()[channel] as unknown as (input: InputOf<C>) => Promise<Reply<ResultOf<C>>>;
  let reply: Reply<ResultOf<C>>;
  try {
    reply = await fn(input);
  } catch {
    throw new ApiError('IO', 'Fulcrum could not reach its back end. Check that Fulcrum is still running, then try again.', { reason: 'noBackEnd' });
  }
  if (reply.ok) {
    for (const l of [...answeredListeners]) l(channel);
    return reply.value;
  }
  const { code, message, detail } = reply.error;
  if (code === 'LOCKED') for (const l of [...lockedListeners]) l();
  throw new ApiError(code, message, detail);
}

const CODE_MESSAGES: Record<ErrorCode, MessageId> = {
  VALIDATION: 'error.VALIDATION',
  UNKNOWN_CALL: 'error.UNKNOWN_CALL',
  LOCKED: 'error.LOCKED',
  NO_JOURNAL: 'error.NO_JOURNAL',
  ALREADY_EXISTS: 'error.ALREADY_EXISTS',
  WRONG_SECRET: 'error.WRONG_SECRET',
  WEAK_PASSPHRASE: 'error.WEAK_PASSPHRASE',
  THROTTLED: 'error.THROTTLED',
  NOT_FOUND: 'error.NOT_FOUND',
  CONFLICT: 'error.CONFLICT',
  CORRUPT: 'error.CORRUPT',
  FOREIGN: 'error.FOREIGN',
  TOO_NEW: 'error.TOO_NEW',
  DISK_FULL: 'error.DISK_FULL',
  IO: 'error.IO',
  IMPORT_INVALID: 'error.IMPORT_INVALID',
  CANCELLED: 'error.CANCELLED',
  INTERNAL: 'error.INTERNAL',
  ACCESS_DENIED: 'error.ACCESS_DENIED',
};

/** Reasons from core (shared/errors.ts), a weak passphrase's reason, and this side's own. */
const REASON_MESSAGES: Record<ErrorReason | 'tooShort' | 'guessable' | 'noBackEnd', MessageId> = {
  vaultMissing: 'error.reason.vaultMissing',
  dbMissing: 'error.reason.dbMissing',
  vaultDamaged: 'error.reason.vaultDamaged',
  notVault: 'error.reason.notVault',
  recoveryTypo: 'error.reason.recoveryTypo',
  recoveryFormat: 'error.reason.recoveryFormat',
  currentWrong: 'error.reason.currentWrong',
  samePassphrase: 'error.reason.samePassphrase',
  recoveryGroup: 'error.reason.recoveryGroup',
  reopenFailed: 'error.reason.reopenFailed',
  entryInTrash: 'error.reason.entryInTrash',
  tooManyBuckets: 'error.reason.tooManyBuckets',
  rangeReversed: 'error.reason.rangeReversed',
  searchFailed: 'error.reason.searchFailed',
  attachmentEmpty: 'error.reason.attachmentEmpty',
  attachmentTooLarge: 'error.reason.attachmentTooLarge',
  attachmentHeic: 'error.reason.attachmentHeic',
  attachmentType: 'error.reason.attachmentType',
  attachmentMismatch: 'error.reason.attachmentMismatch',
  attachmentOwnerFiles: 'error.reason.attachmentOwnerFiles',
  attachmentOwnerBytes: 'error.reason.attachmentOwnerBytes',
  tooShort: 'error.reason.tooShort',
  guessable: 'error.reason.guessable',
  noBackEnd: 'error.noBackEnd',
};
const isReason = (r: unknown): r is keyof typeof REASON_MESSAGES => typeof r === 'string' && Object.hasOwn(REASON_MESSAGES, r);

const numberIn = (detail: Record<string, unknown> | undefined, key: string): number => {
  const v = detail?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
};

const wordIn = (detail: Record<string, unknown> | undefined, key: string): string => {
  const v = detail?.[key];
  return typeof v === 'string' ? v.slice(0, 40) : '';
};

/**
 * Words an error from its code, reason and numbers, in the interface's language. Core's own message
 * (English, for logs and tests) never reaches the screen.
 */
export function wordError(code: ErrorCode, detail?: Record<string, unknown>): string {
  const values = {
    seconds: Math.max(1, Math.ceil(numberIn(detail, 'retryAfterMs') / 1000)),
    group: numberIn(detail, 'group'),
    bars: numberIn(detail, 'bars'),
    minLength: numberIn(detail, 'minLength'),
    // An attachment refused: the limit, the kind of owner, and what its name and content say.
    megabytes: numberIn(detail, 'megabytes'),
    files: numberIn(detail, 'files'),
    owner: wordIn(detail, 'owner'),
    extension: wordIn(detail, 'extension'),
    content: wordIn(detail, 'content'),
  };
  const reason = detail?.reason;
  return translate(isReason(reason) ? REASON_MESSAGES[reason] : CODE_MESSAGES[code], values);
}

/** Codes whose sentence depends on where they were raised (which record, which line of a file). */
const SITE_SPECIFIC: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['VALIDATION', 'NOT_FOUND', 'CONFLICT', 'CORRUPT', 'IO', 'IMPORT_INVALID', 'ALREADY_EXISTS']);

/**
 * A message to show for anything thrown by `call` (or by our own code), in the interface's language,
 * worded from the code, reason and numbers. One exception, in English only: a site-specific error
 * whose reason is not coded yet keeps core's own sentence (written for people, and more specific —
 * which line of an import is broken); every other language gets the code's words.
 */
export function messageOf(e: unknown): string {
  if (!(e instanceof ApiError)) return translate('error.unknown');
  if (currentLanguage() === 'en' && SITE_SPECIFIC.has(e.code) && !isReason(e.detail?.reason) && e.message) return e.message;
  return wordError(e.code, e.detail);
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
