import type { HandlersFor } from './types.js';
import { deleteCheckIn, listCheckIns, saveCheckIn } from '../db/repos/index.js';

export const checkInHandlers: HandlersFor<'checkins'> = {
  'checkins.save': (input, { vault, ports }) => saveCheckIn(vault.database(), input, ports.now()),
  'checkins.list': (filter, { vault }) => listCheckIns(vault.database(), filter),
  'checkins.delete': ({ id }, { vault, ports }) => {
    deleteCheckIn(vault.database(), id, ports.now());
    return null;
  },
};
