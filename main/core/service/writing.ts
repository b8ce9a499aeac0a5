/** Guided writing: the writer's own entry templates and the prompt-of-the-day preference. SQL in db/repos/writing.ts. */
import {
  createWritingTemplate,
  deleteWritingTemplate,
  listWritingTemplates,
  readWritingPreferences,
  reorderWritingTemplates,
  updateWritingPreferences,
  updateWritingTemplate,
} from '../db/repos/writing.js';
import type { HandlersFor } from './types.js';

export const writingHandlers: HandlersFor<'writing'> = {
  'writing.list': (_input, { vault }) => listWritingTemplates(vault.database()),
  'writing.create': (input, { vault, ports }) => createWritingTemplate(vault.database(), input, ports.now()),
  'writing.update': (input, { vault, ports }) => updateWritingTemplate(vault.database(), input, ports.now()),
  'writing.delete': ({ id }, { vault }) => {
    deleteWritingTemplate(vault.database(), id);
    return null;
  },
  'writing.reorder': ({ ids }, { vault, ports }) => reorderWritingTemplates(vault.database(), ids, ports.now()),
  'writing.preferences': (_input, { vault }) => readWritingPreferences(vault.database()),
  'writing.setPreferences': (patch, { vault }) => updateWritingPreferences(vault.database(), patch),
};
