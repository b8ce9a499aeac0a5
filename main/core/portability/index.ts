/**
 * Portability: exports (Markdown, CSV, JSON), encrypted backups (manual `.fulcrum`
 * files and automatic rotating ones in the data folder) and imports (Fulcrum JSON, Day One JSON,
 * Daylio CSV, any CSV with a column mapping). The handlers in service/portability.ts are thin: the
 * logic is here, and tests drive it both directly and through dispatch.
 */
export * from './export/index.js';
export * from './backup/index.js';
export * from './backup/auto.js';
export * from './import/index.js';
export { PickedFiles, pickFile, pickedPath, readLimited, decodeBase64, noDialogs } from './files.js';
