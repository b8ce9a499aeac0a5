import { migration001 } from './001_initial.js';
import { migration002 } from './002_fts_secure_delete.js';
import { migration003 } from './003_settings_strengths_sessions.js';
import { migration004 } from './004_insight_rollups.js';
import { migration005 } from './005_fts_merge_when_idle.js';
import { migration006 } from './006_revision_history.js';
import { migration007 } from './007_attachments.js';
import { migration008 } from './008_search.js';
import { migration009 } from './009_revision_digests.js';
import { migration010 } from './010_writing_templates.js';
import { migration011 } from './011_report_index.js';
import { migration012 } from './012_ledger_tree.js';
import { migration013 } from './013_import_batches.js';
import { migration014 } from './014_hidden_checkins.js';
import type { Migration } from '../migrate.js';

/** Every migration, in order. Append only: a released migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010, migration011, migration012, migration013, migration014];
