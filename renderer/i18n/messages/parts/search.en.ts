/** English messages of one area (search); the reference for the other languages' search.*.ts. */
export const searchEn = {
  // A text search counts its matches no further than a cap: past it, the count says so.
  'search.matchesMore': '{count, plural, one {More than # entry matches} other {More than # entries match}}',
} as const satisfies Record<string, string>;
