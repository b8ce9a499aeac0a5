/** Error codes every reply may carry. User-facing messages say what happened and what to do next. */
export const ERROR_CODES = [
  'VALIDATION', // the input does not match the call's schema
  'UNKNOWN_CALL',
  'LOCKED', // the journal is locked; unlock first
  'NO_JOURNAL', // there is no journal in the data folder yet
  'ALREADY_EXISTS', // a journal (or a unique thing) already exists
  'WRONG_SECRET', // wrong passphrase or recovery key
  'WEAK_PASSPHRASE',
  'THROTTLED', // too many failed attempts; wait
  'NOT_FOUND',
  'CONFLICT',
  'CORRUPT', // a file is damaged or not Fulcrum's
  'FOREIGN', // the vault and the database belong to different journals
  'TOO_NEW', // written by a newer Fulcrum; refused untouched
  'DISK_FULL',
  'IO',
  'IMPORT_INVALID',
  'CANCELLED',
  'INTERNAL',
  'ACCESS_DENIED', // browser mode: missing or wrong access token, or a foreign Host/Origin (HTTP 401/403)
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorShape {
  code: ErrorCode;
  message: string;
  /** Optional machine-readable detail (e.g. which field, how long to wait). Never journal content. */
  detail?: Record<string, unknown>;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };

/** Thrown inside core; dispatch turns it into `{ ok: false, error }`. */
export class FulcrumError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'FulcrumError';
  }
}
