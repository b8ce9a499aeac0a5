import type { HandlersFor } from './types.js';
import { discardDraft, getDraft, listDrafts, saveDraft } from '../db/repos/index.js';

export const draftHandlers: HandlersFor<'drafts'> = {
  'drafts.get': ({ key }, { vault }) => getDraft(vault.database(), key),
  'drafts.list': (_input, { vault }) => listDrafts(vault.database()),
  'drafts.save': (input, { vault, ports }) => saveDraft(vault.database(), input, ports.now()),
  'drafts.discard': ({ key }, { vault }) => {
    discardDraft(vault.database(), key);
    return null;
  },
};
