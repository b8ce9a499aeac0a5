/**
 * "Check a report": checks a report's evidence.json with the same code as the standalone verifier
 * (shared/evidence.ts). It needs no journal and no unlock — it is reached from the unlock screen —
 * and nothing of the file is kept: it lives in this component's state until it is left.
 */
import { useId, useState, type DragEvent } from 'react';
import { checkEvidence, type EvidenceCheck } from '../../shared/evidence.js';
import { useT } from '../i18n/index.js';
import { formatDay, listFormat } from '../lib/format.js';
import { wordEvidenceIssue } from './evidenceWords.js';

/** Far more than a report of a thousand entries: a bigger file is not an evidence file of Fulcrum's. */
const MAX_BYTES = 64 * 1024 * 1024;

export function CheckReportScreen(props: { onBack: () => void }) {
  const t = useT();
  const fileId = useId();
  const receiptId = useId();
  const [file, setFile] = useState<{ name: string; json: unknown } | null>(null);
  const [receipt, setReceipt] = useState('');
  const [result, setResult] = useState<EvidenceCheck | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [over, setOver] = useState(false);

  async function check(json: unknown, head: string) {
    setBusy(true);
    try {
      setResult(await checkEvidence(json, head));
    } finally {
      setBusy(false);
    }
  }

  async function load(f: File) {
    setResult(null);
    setProblem(null);
    if (f.size > MAX_BYTES) {
      setFile(null);
      setProblem(t('data.check.tooBig', { name: f.name }));
      return;
    }
    let json: unknown = null;
    try {
      json = JSON.parse(await f.text());
    } catch {
      // Not JSON: the check says the file is not an evidence file.
    }
    setFile({ name: f.name, json });
    await check(json, receipt);
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer.files[0];
    if (f) void load(f);
  };

  return (
    <div className="gate">
      <main className="gate-card check-report">
        <h1>{t('data.unlock.checkReport')}</h1>
        <p className="hint">{t('data.check.intro')}</p>
        <div className={`check-drop${over ? ' over' : ''}`} onDragOver={(e) => (e.preventDefault(), setOver(true))} onDragLeave={() => setOver(false)} onDrop={onDrop}>
          <label htmlFor={fileId}>{t('data.check.file')}</label>
          <input
            id={fileId}
            type="file"
            accept=".json,application/json"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void load(f);
            }}
          />
          {file && <p className="hint">{t('data.check.loaded', { name: file.name })}</p>}
        </div>
        <div className="field">
          <label htmlFor={receiptId}>{t('data.check.receipt')}</label>
          <input id={receiptId} type="text" autoComplete="off" spellCheck={false} value={receipt} onChange={(e) => setReceipt(e.target.value)} aria-describedby={`${receiptId}-hint`} />
          <p className="hint" id={`${receiptId}-hint`}>
            {t('data.check.receiptHint')}
          </p>
        </div>
        <div className="gate-actions">
          <button type="button" className="button" onClick={props.onBack}>
            {t('data.check.back')}
          </button>
          <button type="button" className="button primary" disabled={!file || busy} onClick={() => file && void check(file.json, receipt)}>
            {busy ? t('data.check.checking') : t('data.check.check')}
          </button>
        </div>
        {problem && (
          <p role="alert" className="error">
            {problem}
          </p>
        )}
        {result && <CheckResult result={result} />}
        <p className="hint">{t('data.check.whatItShows')}</p>
      </main>
    </div>
  );
}

/**
 * The one-sentence result, worded here from what the check found (the shared checker's own summary is
 * English, for the standalone verifier). The dates stay as the evidence file writes them, so they can be
 * matched with it. What a failed check found, sentence by sentence, comes from the shared checker.
 */
function summaryOf(result: EvidenceCheck, t: ReturnType<typeof useT>): string {
  if (!result.head || !result.period || !result.counts) return t('data.check.unreadable');
  if (!result.ok) {
    const words = (issues: EvidenceCheck['issues']) => issues.map((i) => wordEvidenceIssue(t, i)).join(' ');
    const problems = [
      ...result.issues.map((i) => wordEvidenceIssue(t, i)),
      ...result.entries.filter((e) => !e.ok).map((e) => t('data.check.entryProblem', { index: e.index, id: String(e.id), rev: String(e.rev), problems: words(e.issues) })),
      ...result.checkins.filter((c) => !c.ok).map((c) => t('data.check.checkinProblem', { index: c.index, id: String(c.id), rev: String(c.rev), problems: words(c.issues) })),
    ];
    return t('data.check.notValid', { problems: problems.join(' ') });
  }
  const valid = t('data.check.valid', {
    code: result.head.code,
    seq: String(result.head.seq),
    count: result.entries.length,
    withheld: result.counts.withheld,
    from: result.period.from,
    to: result.period.to,
  });
  return result.receipt ? `${valid} ${t('data.check.validReceipt', { code: result.receipt.code, existed: result.receipt.existed, after: result.receipt.after })}` : valid;
}

function CheckResult({ result }: { result: EvidenceCheck }) {
  const t = useT();
  return (
    <section className="check-result" aria-label={t('data.check.result')}>
      <p role={result.ok ? 'status' : 'alert'} className={result.ok ? 'check-ok' : 'error'}>
        {summaryOf(result, t)}
      </p>
      {result.receipt && (
        <p className={result.receipt.ok ? 'check-ok' : 'error'}>
          {result.receipt.ok
            ? t('data.check.atReceipt', { code: result.receipt.code, existed: result.receipt.existed, after: result.receipt.after })
            : t('data.check.receiptFails', { code: result.receipt.code })}
        </p>
      )}
      {result.entries.length > 0 && (
        <ol aria-label={t('data.check.entries')}>
          {result.entries.map((e) => (
            <li key={e.index}>
              <strong>
                {e.ok ? t('data.check.entryOk', { id: String(e.id), rev: String(e.rev) }) : t('data.check.entryBad', { id: String(e.id), rev: String(e.rev) })}
              </strong>
              {e.atReceipt && <span>{e.atReceipt === 'existed' ? t('data.check.existed') : t('data.check.after')}</span>}
              {(e.day || e.title !== undefined) && (
                <div className="hint">{[e.day ? formatDay(e.day) : '', e.title !== undefined ? t('data.check.title', { title: e.title }) : t('data.check.titleWithheld')].filter(Boolean).join(' · ')}</div>
              )}
              {e.issues.map((issue, i) => (
                <div key={i} className="error">
                  {wordEvidenceIssue(t, issue)}
                </div>
              ))}
              {e.ok && e.withheld.length > 0 && (
                <div className="hint">{t('data.check.withheld', { fields: listFormat(e.withheld.map((w) => t('data.verify.withheldField', { name: w.name, why: w.why }))) })}</div>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
