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

/**
 * Finer reasons inside a code, for the renderer to word (`detail.reason`). Core's `message` is for logs
 * and tests only: the screen words every error from its code, its reason and its numbers, in the
 * person's language. A reason not listed here is worded by its code alone.
 */
export const ERROR_REASONS = [
  'vaultMissing', // the key file (vault.json) is gone but the database is there
  'dbMissing', // the database file is gone
  'vaultDamaged', // the key file is not readable JSON or not in its shape
  'notVault', // the key file is someone else's file
  'recoveryTypo', // a recovery key with one wrong character (its checksum fails)
  'recoveryFormat', // not shaped like a recovery key
  'currentWrong', // the current passphrase (when changing it) is not right
  'samePassphrase', // the new passphrase is the old one
  'recoveryGroup', // the typed group of the recovery key does not match
  'reopenFailed', // a new passphrase is saved but the journal could not be reopened
  'entryInTrash', // an entry in the trash cannot be changed
  'tooManyBuckets', // an insights range with too many bars
  'rangeReversed', // a range that starts after it ends
  'searchFailed', // the search text could not be searched
  'attachmentEmpty', // an attached file with no bytes
  'attachmentTooLarge', // one file past the limit (`megabytes`)
  'attachmentHeic', // a HEIC/HEIF photo (no maintained decoder)
  'attachmentType', // a kind of file Fulcrum does not keep
  'attachmentMismatch', // the name's `extension` says one type, the `content` another
  'attachmentOwnerFiles', // one more file than an entry or check-in (`owner`) may have (`files`)
  'attachmentOwnerBytes', // the files of one entry or check-in (`owner`) past `megabytes` in all
] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];

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
