import {
  EXPORT_FORMAT_NAME,
  EXPORT_VERSION,
  type FulcrumExportFile,
} from '../../../../shared/portability.js';
import type { ExportData, ExportEntryRow } from './collect.js';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

/** The versioned JSON export (shared/portability.ts `FulcrumExport`); `data` is already prepared. */
export function toJsonExport(data: ExportData, meta: { journalId: string; now: number; pseudonymised: boolean }): FulcrumExportFile {
  const s = data.scope;
  return {
    format: EXPORT_FORMAT_NAME,
    version: EXPORT_VERSION,
    exportedAt: iso(meta.now),
    origin: { journalId: meta.journalId },
    scope: {
      from: s.from ?? null,
      to: s.to ?? null,
      personIds: s.personIds?.length ? s.personIds : null,
      includeText: s.includeText,
      pseudonymised: meta.pseudonymised,
    },
    journal: {
      people: data.people.map((p) => ({
        id: p.id,
        name: p.name,
        kind: p.kind,
        color: p.color,
        notes: p.notes,
        archivedAt: isoOrNull(p.archivedAt),
        createdAt: iso(p.createdAt),
      })),
      tags: data.tags.map((t) => ({
        id: t.id,
        slug: t.slug,
        label: t.label,
        polarity: t.polarity,
        category: t.category,
        color: t.color,
        builtin: t.builtin,
        archivedAt: isoOrNull(t.archivedAt),
      })),
      entries: data.entries.map(jsonEntry),
      checkins: data.checkins.map((c) => ({
        id: c.id,
        personId: c.personId,
        week: c.week,
        heard: c.heard,
        respected: c.respected,
        involved: c.involved,
        fairShare: c.fairShare,
        boundaries: c.boundaries,
        safe: c.safe,
        note: c.note,
        forTherapist: c.forTherapist,
        createdAt: iso(c.createdAt),
        updatedAt: iso(c.updatedAt),
      })),
      strengths: data.strengths.map((s) => ({
        id: s.id,
        personId: s.personId,
        text: s.text,
        createdAt: iso(s.createdAt),
        updatedAt: iso(s.updatedAt),
      })),
      sessions: data.sessions.map((s) => ({ id: s.id, day: s.day, note: s.note, createdAt: iso(s.createdAt) })),
    },
  };
}

/** One entry as the JSON export writes it. */
export function jsonEntry(e: ExportEntryRow): FulcrumExportFile['journal']['entries'][number] {
  return {
    id: e.id,
    occurredAt: iso(e.occurredAt),
    timeZone: e.timeZone,
    day: e.day,
    title: e.title,
    body: e.body,
    people: e.personIds,
    tags: e.tagIds,
    domains: e.domains,
    powerSources: e.powerSources,
    balance: e.balance,
    intensity: e.intensity,
    heard: e.heard,
    respected: e.respected,
    valued: e.valued,
    involved: e.involved,
    outcome: e.outcome,
    raiseWithTherapist: e.raiseWithTherapist,
    safetyConcern: e.safetyConcern,
    source: e.source,
    sourceRef: e.sourceRef,
    createdAt: iso(e.createdAt),
    updatedAt: iso(e.updatedAt),
  };
}
