/**
 * "Your data" → Export: the journal (or part of it) as Markdown, CSV or JSON, with pseudonyms — after
 * saying that the file will not be encrypted. Desktop: a native save dialog; browser mode: a download.
 */
import { useState } from 'react';
import { EXPORT_FORMATS, type ExportFormat } from '../../shared/portability.js';
import { call } from '../api.js';
import { useJournalData, useToast } from '../lib/session.js';
import { downloadBlob, FORMAT_NAMES } from '../report/files.js';
import { PlaintextConfirm } from '../report/PlaintextConfirm.js';

const FORMAT_HINTS: Record<ExportFormat, string> = {
  markdown: 'Markdown — for reading, in any text editor',
  csv: 'CSV — a spreadsheet, one row per entry',
  json: 'JSON — everything, to import into Fulcrum again',
};

export function ExportSection({ browser }: { browser: boolean }) {
  const { people } = useJournalData();
  const toast = useToast();
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
        const f = await call('export.buildZip', zipRequest);
        downloadBlob(Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0)), f.filename, f.mimeType);
        toast.show(`${f.filename} is downloading (${f.counts.entries} entries, ${f.counts.files} files). It is not encrypted.`);
      } else {
        const r = await call('export.saveZip', zipRequest);
        if (r.saved) toast.show(`Export saved (${r.counts.entries} entries, ${r.counts.files} files). It is not encrypted — keep it somewhere private.`);
      }
    } else if (browser) {
      const f = await call('export.build', request);
      downloadBlob(f.content, f.filename, f.mimeType);
      toast.show(`${f.filename} is downloading (${f.counts.entries} entries). It is not encrypted.`);
    } else {
      const r = await call('export.save', request);
      if (r.saved) toast.show(`Export saved (${r.counts.entries} entries). It is not encrypted — keep it somewhere private.`);
    }
  }

  return (
    <section className="data-section" aria-labelledby="data-export">
      <h2 id="data-export">Export</h2>
      <p className="hint">A copy of your entries as a plain file. For your therapist, the Report page makes a shorter, readable report.</p>
      <fieldset>
        <legend>Format</legend>
        <div className="options-column">
          {EXPORT_FORMATS.map((f) => (
            <label key={f} className="check">
              <input type="radio" name="export-format" checked={format === f} onChange={() => setFormat(f)} />
              {FORMAT_HINTS[f]}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="row">
        <label className="field inline-field">
          <span>From (optional)</span>
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="field inline-field">
          <span>To (optional)</span>
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </div>
      {people.length > 0 && (
        <table className="people-table">
          <caption className="visually-hidden">People and pseudonyms in the export</caption>
          <thead>
            <tr>
              <th scope="col">Only</th>
              <th scope="col">Person</th>
              <th scope="col">Pseudonym in the file</th>
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.id}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Only entries with ${p.name}`}
                    checked={personIds.includes(p.id)}
                    onChange={(e) => setPersonIds((ids) => (e.target.checked ? [...ids, p.id] : ids.filter((x) => x !== p.id)))}
                  />
                </td>
                <td>{p.name}</td>
                <td>
                  <input
                    type="text"
                    aria-label={`Pseudonym for ${p.name} in the export`}
                    placeholder="Their name"
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
        Include titles, entry text, outcomes and notes (untick for dates, people, patterns and scores only)
      </label>
      {format !== 'csv' && (
        <label className="check">
          <input type="checkbox" checked={withFiles} onChange={(e) => setWithFiles(e.target.checked)} />
          With the attached files (one ZIP archive: the {FORMAT_NAMES[format]} file, the photos, voice notes and documents without their location, and a list of their hashes)
        </label>
      )}
      {badRange && <p className="problem">The start date is after the end date. Choose the dates again.</p>}
      <div className="row">
        <button type="button" className="button primary" disabled={badRange} onClick={() => setConfirming(true)}>
          {browser ? 'Download' : 'Export'} {FORMAT_NAMES[format]}
          {zip ? ' with files (ZIP)' : ''}…
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
