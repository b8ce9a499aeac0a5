/**
 * "Your data" → Export: the journal (or part of it) as Markdown, CSV or JSON, with pseudonyms — after
 * saying that the file will not be encrypted. Desktop: a native save dialog; browser mode: a download.
 */
import { useState } from 'react';
import { EXPORT_FORMATS, type ExportFormat } from '../../shared/portability.js';
import { call } from '../api.js';
import { useT, type MessageId } from '../i18n/index.js';
import { useJournalData, useToast } from '../lib/session.js';
import { FORMAT_NAMES } from '../report/files.js';
import { downloadByLink } from '../transport/download.js';
import { PlaintextConfirm } from '../report/PlaintextConfirm.js';

const FORMAT_HINTS: Record<ExportFormat, MessageId> = {
  markdown: 'data.export.markdown',
  csv: 'data.export.csv',
  json: 'data.export.json',
};

export function ExportSection({ browser }: { browser: boolean }) {
  const { people } = useJournalData();
  const toast = useToast();
  const t = useT();
  const [format, setFormat] = useState<ExportFormat>('markdown');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [personIds, setPersonIds] = useState<number[]>([]);
  const [includeText, setIncludeText] = useState(true);
  const [pseudonyms, setPseudonyms] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState(false);
  // JSON and Markdown leave as one ZIP archive with the entries' attached files, unless unticked.
  const [withFiles, setWithFiles] = useState(true);
  const zip = withFiles && format !== 'csv';
  const badRange = !!from && !!to && from > to;

  async function run() {
    const clean = Object.fromEntries(Object.entries(pseudonyms).filter(([, v]) => v.trim() !== ''));
    const request = {
      format,
      scope: { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(personIds.length ? { personIds } : {}), includeText, pseudonyms: clean },
    };
    if (zip) {
      const zipRequest = { ...request, format };
      if (browser) {
        await downloadByLink({ call: 'export.downloadZip', input: zipRequest });
        toast.show(t('install.download.export'));
      } else {
        const r = await call('export.saveZip', zipRequest);
        if (r.saved) toast.show(t('data.export.zipSaved', { count: r.counts.entries, files: r.counts.files }));
      }
    } else if (browser) {
      await downloadByLink({ call: 'export.download', input: request });
      toast.show(t('install.download.export'));
    } else {
      const r = await call('export.save', request);
      if (r.saved) toast.show(t('data.export.saved', { count: r.counts.entries }));
    }
  }

  return (
    <section className="data-section" aria-labelledby="data-export">
      <h2 id="data-export">{t('data.export.title')}</h2>
      <p className="hint">{t('data.export.intro')}</p>
      <fieldset>
        <legend>{t('data.export.format')}</legend>
        <div className="options-column">
          {EXPORT_FORMATS.map((f) => (
            <label key={f} className="check">
              <input type="radio" name="export-format" checked={format === f} onChange={() => setFormat(f)} />
              {t(FORMAT_HINTS[f])}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="row">
        <label className="field inline-field">
          <span>{t('data.export.from')}</span>
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="field inline-field">
          <span>{t('data.export.to')}</span>
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </div>
      {people.length > 0 && (
        <table className="people-table">
          <caption className="visually-hidden">{t('data.export.peopleCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('data.export.only')}</th>
              <th scope="col">{t('data.export.person')}</th>
              <th scope="col">{t('data.export.pseudonym')}</th>
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.id}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('data.export.onlyWith', { name: p.name })}
                    checked={personIds.includes(p.id)}
                    onChange={(e) => setPersonIds((ids) => (e.target.checked ? [...ids, p.id] : ids.filter((x) => x !== p.id)))}
                  />
                </td>
                <td>{p.name}</td>
                <td>
                  <input
                    type="text"
                    aria-label={t('data.export.pseudonymFor', { name: p.name })}
                    placeholder={t('data.export.theirName')}
                    maxLength={120}
                    value={pseudonyms[String(p.id)] ?? ''}
                    onChange={(e) => setPseudonyms((ps) => ({ ...ps, [String(p.id)]: e.target.value }))}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <label className="check">
        <input type="checkbox" checked={includeText} onChange={(e) => setIncludeText(e.target.checked)} />
        {t('data.export.includeText')}
      </label>
      {format !== 'csv' && (
        <label className="check">
          <input type="checkbox" checked={withFiles} onChange={(e) => setWithFiles(e.target.checked)} />
          {t('data.export.withFiles', { format: FORMAT_NAMES[format] })}
        </label>
      )}
      {badRange && <p className="problem">{t('data.export.badRange')}</p>}
      <div className="row">
        <button type="button" className="button primary" disabled={badRange} onClick={() => setConfirming(true)}>
          {zip
            ? t(browser ? 'data.export.downloadZip' : 'data.export.exportZip', { format: FORMAT_NAMES[format] })
            : browser
              ? t('data.export.download', { format: FORMAT_NAMES[format] })
              : t('data.export.export', { format: FORMAT_NAMES[format] })}
        </button>
      </div>
      {confirming && (
        <PlaintextConfirm
          format={format}
          how={browser ? 'download' : 'save'}
          onClose={() => setConfirming(false)}
          onConfirm={run}
        />
      )}
    </section>
  );
}
