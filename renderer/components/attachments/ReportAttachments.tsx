/**
 * Attachments in the therapist report. In the builder the person ticks, per file, what to include
 * (only files of entries the report includes are offered), and each ticked file says that a pseudonym
 * cannot hide what is inside it. In the report, images are printed from their shared copy (location
 * and device details removed unless the person kept them) with caption, capture time and the original's
 * SHA-256, names and captions under the report's pseudonyms (core applies them); other files are
 * listed with name, type, size, times and hash. Images go into the document
 * as data: URLs drawn in memory, so the saved PDF is self-contained and nothing is written on the way.
 */
import { useEffect, useId, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AttachmentMeta } from '../../../shared/attachments.js';
import type { ReportAttachment, ReportConfigParsed, ReportModel } from '../../../shared/report.js';
import { call, messageOf } from '../../api.js';
import { useT } from '../../i18n/index.js';
import { translate } from '../../i18n/translate.js';
import { formatBytes, formatDateTime } from '../../lib/format.js';
import { screenKey } from '../../lib/queries.js';
import { entryDate } from '../../report/format.js';
import { bytesOf } from './client.js';

/** How long the settings stay unchanged before the files on offer are worked out again. */
const SETTLE_MS = 400;

type Update = (f: (c: ReportConfigParsed) => ReportConfigParsed) => void;

interface Offered {
  entry: { id: number; day: string; title: string | null };
  files: AttachmentMeta[];
}

/** "12 March 2026, 14:03", or words saying the file did not record it. */
export function capturedWords(iso: string | null): string {
  if (!iso) return translate('attachments.reportNotRecorded');
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : formatDateTime(ms);
}

const attachedWords = (iso: string) => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : formatDateTime(ms);
};

/** The builder's "Attachments" section. */
/** The files of the entries a report with these settings includes. */
async function offeredFor(scopeKey: string, today: string): Promise<Offered[]> {
  const parsed = JSON.parse(scopeKey) as Omit<ReportConfigParsed, 'attachmentIds' | 'questions'>;
  const model = await call('report.build', { config: { ...parsed, questions: '', attachmentIds: [] }, today });
  const entries = model.entries ?? [];
  const counts = entries.length ? await call('attachments.counts', { entryIds: entries.slice(0, 1000).map((e) => e.id) }) : {};
  const withFiles = entries.filter((e) => (counts[e.id]?.count ?? 0) > 0);
  const lists = await Promise.all(withFiles.map((e) => call('attachments.list', { owner: { kind: 'entry', id: e.id } })));
  return withFiles.map((e, i) => ({ entry: { id: e.id, day: e.day, title: e.title }, files: lists[i]! }));
}

export function ReportAttachmentPicker({ config, setConfig }: { config: ReportConfigParsed; setConfig: Update }) {
  const headingId = useId();
  const noteId = useId();
  const t = useT();
  // What decides which entries are in; the chosen files themselves do not.
  const { attachmentIds, questions: _q, ...scope } = config;
  const scopeKey = JSON.stringify(scope);

  // Settle first: the files on offer are worked out again once the settings stop changing. This
  // effect only waits; the query below does the asking.
  const [asked, setAsked] = useState<{ scopeKey: string; today: string } | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setAsked({ scopeKey, today: localDay() }), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [scopeKey]);
  // One key per settled settings, so an older answer never replaces a newer one; the last list
  // stays shown while the next is worked out. A change to entries or attachments (a write to the
  // report area) works it out again.
  const query = useQuery({
    queryKey: screenKey('report', 'attachmentsOffered', asked),
    queryFn: () => offeredFor(asked!.scopeKey, asked!.today),
    enabled: asked !== null,
    placeholderData: keepPreviousData,
  });
  const offered: Offered[] | null = query.data ?? null;
  const error = query.error ? messageOf(query.error) : null;

  const chosen = new Set(attachmentIds);
  const toggle = (id: number, on: boolean) =>
    setConfig((c) => ({ ...c, attachmentIds: on ? [...c.attachmentIds.filter((x) => x !== id), id] : c.attachmentIds.filter((x) => x !== id) }));

  return (
    <section className="builder-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('attachments.title')}</h2>
      <p className="hint">{t('attachments.reportHint')}</p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {!offered && !error && <p className="hint">{t('attachments.reportLooking')}</p>}
      {offered && offered.length === 0 && <p className="hint">{t('attachments.reportNone')}</p>}
      {offered && offered.length > 0 && (
        <ul className="report-attachments">
          {offered.flatMap(({ entry, files }) =>
            files.map((m) => {
              const on = chosen.has(m.id);
              return (
                <li key={m.id}>
                  <label className="check">
                    <input type="checkbox" checked={on} onChange={(e) => toggle(m.id, e.target.checked)} aria-describedby={on ? `${noteId}-${m.id}` : undefined} />
                    <span dir="auto">
                      {m.caption.trim() || m.name}{' '}
                      <span className="hint">
                        · {m.name}, {formatBytes(m.bytes)} · {entry.title ? t('attachments.reportEntryTitle', { date: entryDate(entry.day), title: entry.title }) : entryDate(entry.day)}
                      </span>
                    </span>
                  </label>
                  {on && (
                    <p id={`${noteId}-${m.id}`} className="hint">
                      {t('attachments.reportPseudonymNote')}
                      {m.keepSensitive && ` ${t('attachments.reportKeptSensitive')}`}
                    </p>
                  )}
                </li>
              );
            }),
          )}
        </ul>
      )}
    </section>
  );
}

function localDay(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** The longest side of an image as printed (about 13 cm at 300 dpi is more than a page needs). */
const PRINT_PX = 1600;

/** The shared copy drawn to a JPEG data: URL in memory (and so also without any metadata at all). */
async function printable(id: number): Promise<string | null> {
  const blob = await bytesOf(id, 'shared');
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  } catch {
    return null;
  }
  try {
    const scale = Math.min(1, PRINT_PX / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL('image/jpeg', 0.88);
  } finally {
    bitmap.close();
  }
}

interface Printed {
  meta: ReportAttachment;
  entryDay: string | null;
  image: string | null;
}

/**
 * The report's "Attached files" section, from the model core built: only chosen files of included
 * entries, their names and captions already under the report's pseudonyms. `onReady` says when every
 * image is drawn, so the PDF is not saved half-way.
 */
export function ReportAttachments({ model, onReady }: { model: ReportModel; onReady: (ready: boolean) => void }) {
  const [printed, setPrinted] = useState<Printed[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const t = useT();

  useEffect(() => {
    const chosen = model.attachments;
    if (chosen.length === 0) {
      setPrinted([]);
      onReady(true);
      return;
    }
    let live = true;
    onReady(false);
    const dayOf = new Map((model.entries ?? []).map((e) => [e.id, e.day]));
    (async () => {
      try {
        const out = await Promise.all(chosen.map(async (m) => ({ meta: m, entryDay: dayOf.get(m.entryId) ?? null, image: m.kind === 'image' ? await printable(m.id) : null })));
        if (live) {
          setPrinted(out);
          onReady(true);
        }
      } catch (e) {
        if (live) {
          setError(messageOf(e));
          onReady(false);
        }
      }
    })();
    return () => {
      live = false;
    };
  }, [model, onReady]);

  if (error)
    return (
      <p role="alert" className="error rp-screen-only">
        {t('attachments.reportFailed', { reason: error })}
      </p>
    );
  if (!printed || printed.length === 0) return null;
  return (
    <section className="rp-section rp-attachments" aria-labelledby="rp-attachments">
      <h3 id="rp-attachments">
        {t('attachments.reportHeading')} <span className="rp-muted">· {t('attachments.reportChosen', { count: printed.length })}</span>
      </h3>
      {printed.map(({ meta: m, entryDay, image }) => (
        <figure key={m.id} className="rp-attachment">
          {image && <img src={image} alt={m.caption.trim() || t('attachments.altImage', { name: m.name })} />}
          <figcaption>
            {m.caption.trim() && (
              <p className="rp-attachment-caption" dir="auto">
                {m.caption}
              </p>
            )}
            <dl>
              <dt>{t('attachments.reportFile')}</dt>
              <dd dir="auto">
                {m.name} ({m.mime}, {formatBytes(m.bytes)})
              </dd>
              {entryDay && (
                <>
                  <dt>{t('attachments.reportFromEntry')}</dt>
                  <dd>{entryDate(entryDay)}</dd>
                </>
              )}
              <dt>{t('attachments.reportCaptured')}</dt>
              <dd>{m.capturedAt ? capturedWords(m.capturedAt) : t('attachments.reportNotRecorded')}</dd>
              <dt>{t('attachments.reportAttached')}</dt>
              <dd>{attachedWords(m.attachedAt)}</dd>
              <dt>{t('attachments.reportHash')}</dt>
              <dd className="rp-hash">{m.sha256}</dd>
              {m.metadataRemoved && (
                <>
                  <dt>{t('attachments.reportSharedCopy')}</dt>
                  <dd>{t('attachments.reportStripped')}</dd>
                </>
              )}
            </dl>
          </figcaption>
        </figure>
      ))}
    </section>
  );
}
