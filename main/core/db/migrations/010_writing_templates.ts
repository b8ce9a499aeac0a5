import type { Migration } from '../migrate.js';

/**
 * The writer's own entry templates (guided writing): a name and a body of headings or prompts that
 * fills the editor, in the order the writer chose (`position`, from 0). Built-in templates are not
 * stored: they are worded in the interface's language when shown.
 */
export const migration010: Migration = {
  version: 10,
  name: 'writing templates',
  up: `
    CREATE TABLE writing_templates (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      body TEXT NOT NULL,
      position INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX writing_templates_position ON writing_templates (position, id);
  `,
};
