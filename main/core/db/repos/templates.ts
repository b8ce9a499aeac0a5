/**
 * Saved report settings ("templates"): a name and a `ReportConfig`, validated with the same zod schema
 * on the way in and on the way out (a template written by an older version that no longer parses is
 * left out of the list, and said so in the log without its content).
 */
import { FulcrumError } from '../../../../shared/errors.js';
import { ReportConfig, templateSettings, type ReportConfigParsed, type ReportTemplate } from '../../../../shared/report.js';
import type { DB } from '../index.js';
import { all, get, run, value } from './sql.js';

interface Row {
  id: number;
  name: string;
  config: string;
  created_at: number;
  updated_at: number;
}

function toTemplate(r: Row): ReportTemplate | null {
  let raw: unknown;
  try {
    raw = JSON.parse(r.config);
  } catch {
    return null;
  }
  const parsed = ReportConfig.safeParse(raw);
  return parsed.success ? { id: r.id, name: r.name, config: parsed.data, createdAt: r.created_at, updatedAt: r.updated_at } : null;
}

const COLUMNS = 'id, name, config, created_at, updated_at';
const notFound = () => new FulcrumError('NOT_FOUND', 'That template is no longer there (it may have been deleted). Reload and try again.');

/** By name. `onUnreadable` hears of a template that no longer parses (by id only). */
export function listTemplates(db: DB, onUnreadable: (id: number) => void = () => {}): ReportTemplate[] {
  const out: ReportTemplate[] = [];
  for (const r of all<Row>(db, `SELECT ${COLUMNS} FROM report_templates ORDER BY name COLLATE NOCASE, id`)) {
    const t = toTemplate(r);
    if (t) out.push(t);
    else onUnreadable(r.id);
  }
  return out;
}

/**
 * Saves report settings under a name: `id` updates that template; without one, a template with the
 * same name (ignoring case) is replaced, else a new one is made. Questions and hand-picked entries
 * are not kept (they belong to one report).
 */
export function saveTemplate(db: DB, input: { id?: number | undefined; name: string; config: ReportConfigParsed }, now: number): ReportTemplate {
  const config = JSON.stringify(templateSettings(input.config));
  const id = db.transaction(() => {
    const target = input.id ?? value<number>(db, 'SELECT id FROM report_templates WHERE name = ? COLLATE NOCASE ORDER BY id LIMIT 1', input.name);
    if (target !== undefined) {
      const changed = run(db, 'UPDATE report_templates SET name = ?, config = ?, updated_at = ? WHERE id = ?', input.name, config, now, target).changes;
      if (!changed) throw notFound();
      return target;
    }
    return Number(run(db, 'INSERT INTO report_templates (name, config, created_at, updated_at) VALUES (?, ?, ?, ?)', input.name, config, now, now).lastInsertRowid);
  })();
  const t = toTemplate(get<Row>(db, `SELECT ${COLUMNS} FROM report_templates WHERE id = ?`, id)!);
  if (!t) throw new FulcrumError('INTERNAL', 'The template could not be read back. Try saving it again.');
  return t;
}

export function deleteTemplate(db: DB, id: number): void {
  const changed = db.transaction(() => run(db, 'DELETE FROM report_templates WHERE id = ?', id).changes)();
  if (!changed) throw notFound();
}
