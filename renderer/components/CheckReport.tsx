/**
 * "Check a report": checks a report's evidence.json with the same code as the standalone verifier
 * (shared/evidence.ts). It needs no journal and no unlock — it is reached from the unlock screen —
 * and nothing of the file is kept: it lives in this component's state until it is left.
 */
import { useId, useState, type DragEvent } from 'react';
import { checkEvidence, type EvidenceCheck } from '../../shared/evidence.js';

/** Far more than a report of a thousand entries: a bigger file is not an evidence file of Fulcrum's. */
const MAX_BYTES = 64 * 1024 * 1024;

export function CheckReportScreen(props: { onBack: () => void }) {
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
      setProblem(`${f.name} is too big to be a report’s evidence file. Choose the evidence.json from the report’s package.`);
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
        <h1>Check a report</h1>
        <p className="hint">
          Choose the <code>evidence.json</code> from a Fulcrum report’s evidence package. It is checked here, on this computer; your journal stays locked and nothing is
          kept.
        </p>
        <div className={`check-drop${over ? ' over' : ''}`} onDragOver={(e) => (e.preventDefault(), setOver(true))} onDragLeave={() => setOver(false)} onDrop={onDrop}>
          <label htmlFor={fileId}>Evidence file (or drop it here)</label>
          <input
            id={fileId}
            type="file"
            accept=".json,application/json"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void load(f);
            }}
          />
          {file && <p className="hint">Loaded: {file.name}</p>}
        </div>
        <div className="field">
          <label htmlFor={receiptId}>A receipt’s code (optional)</label>
          <input id={receiptId} type="text" autoComplete="off" spellCheck={false} value={receipt} onChange={(e) => setReceipt(e.target.value)} aria-describedby={`${receiptId}-hint`} />
          <p className="hint" id={`${receiptId}-hint`}>
            To check that the entries existed, unchanged, when a receipt was taken: type its code (like ABCD-EF01-2345-6789-ABCD) or its whole head.
          </p>
        </div>
        <div className="gate-actions">
          <button type="button" className="button" onClick={props.onBack}>
            Back to unlock
          </button>
          <button type="button" className="button primary" disabled={!file || busy} onClick={() => file && void check(file.json, receipt)}>
            {busy ? 'Checking…' : 'Check'}
          </button>
        </div>
        {problem && (
          <p role="alert" className="error">
            {problem}
          </p>
        )}
        {result && <CheckResult result={result} />}
        <p className="hint">
          A valid result shows that each shown field is exactly what was saved, each withheld field was not altered, and each entry is in the history the report names. It
          does not show when that history was made — a receipt someone else kept does — nor that the count of entries left out is right.
        </p>
      </main>
    </div>
  );
}

function CheckResult({ result }: { result: EvidenceCheck }) {
  return (
    <section className="check-result" aria-label="Result">
      <p role={result.ok ? 'status' : 'alert'} className={result.ok ? 'check-ok' : 'error'}>
        {result.summary}
      </p>
      {result.receipt && (
        <p className={result.receipt.ok ? 'check-ok' : 'error'}>
          {result.receipt.ok
            ? `At receipt ${result.receipt.code}: ${result.receipt.existed} of the entries existed as shown; ${result.receipt.after} were saved after it.`
            : `Receipt ${result.receipt.code} does not check out.`}
        </p>
      )}
      {result.entries.length > 0 && (
        <ol aria-label="Entries in the report">
          {result.entries.map((e) => (
            <li key={e.index}>
              <strong>
                Entry #{e.id}, version {e.rev}: {e.ok ? 'checks out' : 'does not check out'}
              </strong>
              {e.atReceipt && <span>{e.atReceipt === 'existed' ? ' · existed at the receipt' : ' · saved after the receipt'}</span>}
              {(e.day || e.title !== undefined) && <div className="hint">{[e.day, e.title !== undefined ? `“${e.title}”` : 'title withheld'].filter(Boolean).join(' · ')}</div>}
              {e.problems.map((p) => (
                <div key={p} className="error">
                  {p}
                </div>
              ))}
              {e.ok && e.withheld.length > 0 && <div className="hint">Withheld: {e.withheld.map((w) => `${w.name} (${w.why})`).join(', ')}</div>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
