/**
 * Strengths: what each person — and the user themself (person NULL) — brings to the relationship
 * (the seed's "celebrate each other's strengths"). The handlers; the SQL is in db/repos/strengths.ts.
 */
import { createStrength, deleteStrength, listStrengths, updateStrength } from '../db/repos/strengths.js';
import type { HandlersFor } from './types.js';

export { createStrength, deleteStrength, getStrength, listStrengths, updateStrength } from '../db/repos/strengths.js';

export const strengthHandlers: HandlersFor<'strengths'> = {
  'strengths.list': ({ personId }, { vault }) => listStrengths(vault.database(), personId),
  'strengths.create': (input, { vault, ports }) => createStrength(vault.database(), input, ports.now()),
  'strengths.update': ({ id, text }, { vault, ports }) => updateStrength(vault.database(), id, text, ports.now()),
  'strengths.delete': ({ id }, { vault }) => {
    deleteStrength(vault.database(), id);
    return null;
  },
};
