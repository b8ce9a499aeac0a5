import type { HandlersFor } from './types.js';
import type { SafetyService } from '../safety/index.js';
import type { ServiceContext } from './types.js';

/** Safety calls: auto-lock activity, quick exit, preferences, the access log, delete journal. */
const safety = (ctx: ServiceContext): SafetyService => ctx.safety;

export const sessionHandlers: HandlersFor<'session'> = {
  'session.activity': (_input, ctx) => {
    safety(ctx).activity();
    return null;
  },
  'session.quickExit': (_input, ctx) => {
    safety(ctx).quickExit();
    return null;
  },
};

export const safetyHandlers: HandlersFor<'safety'> = {
  'safety.preferences': (_input, ctx) => safety(ctx).preferences(),
  'safety.setPreferences': (patch, ctx) => safety(ctx).setPreferences(patch),
  'safety.failedAttempts': (_input, ctx) => safety(ctx).failedAttempts(),
  'safety.acknowledgeFailedAttempts': ({ upTo }, ctx) => {
    safety(ctx).acknowledge(upTo);
    return null;
  },
  'safety.deleteJournal': (_input, ctx) => {
    safety(ctx).deleteJournal();
    return null;
  },
};

export const uiHandlers: HandlersFor<'ui'> = {
  'ui.language': (_input, ctx) => safety(ctx).language(),
  'ui.setLanguage': ({ language }, ctx) => safety(ctx).setLanguage(language),
};
