/**
 * Repositories: plain functions of an open database (no ORM, no classes). Writes run in transactions;
 * times come from the caller (the service passes `ports.now()`), so tests control the clock.
 */
export * from './people.js';
export * from './tags.js';
export * from './entries.js';
export * from './search.js';
export * from './checkins.js';
export * from './drafts.js';
export * from './revisions.js';
export { startLedgerNodes, discardLedgerNodes, usableLedgerNodes } from './ledgernodes.js';
export * from './receipts.js';
export * from './attachments.js';
export { dayIn } from './time.js';
export { existingIds } from './sql.js';
