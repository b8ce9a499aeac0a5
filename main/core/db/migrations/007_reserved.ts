import type { Migration } from '../migrate.js';

/** Version 7 is the attachments migration, developed alongside; this placeholder keeps the numbering whole until it lands. */
export const migration007: Migration = {
  version: 7,
  name: 'reserved',
  up: '',
};
