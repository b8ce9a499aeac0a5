import type { HandlersFor } from './types.js';
import { createTag, listTags, mergeTags, updateTag } from '../db/repos/index.js';

export const tagHandlers: HandlersFor<'tags'> = {
  'tags.list': ({ includeArchived }, { vault }) => listTags(vault.database(), { includeArchived }),
  'tags.create': (input, { vault, ports }) => createTag(vault.database(), input, ports.now()),
  'tags.update': ({ id, patch }, { vault, ports }) => updateTag(vault.database(), id, patch, ports.now()),
  'tags.merge': ({ from, into }, { vault, ports }) => mergeTags(vault.database(), from, into, ports.now()),
};
