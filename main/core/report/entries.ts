/** Which entries a report includes, and the entries themselves: the SQL is in db/analytics/report.ts. */
export { loadEntries, selectedEntryIds, type Selection } from '../db/analytics/report.js';
