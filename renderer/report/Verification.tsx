/**
 * The report's verification: the printed appendix (the stated head, how many entries of the period are
 * not included, and each included entry's revision hash and inclusion proof) and the "Evidence
 * package" action (the report, evidence.json and the standalone verifier in one zip).
 */
import { useState } from 'react';
import { shortCodeOf, type Evidence } from '../../shared/evidence.js';
import type { ReportConfigParsed, ReportModel } from '../../shared/report.js';
import { call } from '../api.js';
import { ConfirmDialog } from '../components/Dialog.js';
import { useToast } from '../lib/session.js';
import { base64ToBytes, downloadBlob } from './files.js';
import { localToday } from './format.js';

/** `compact`: a report of page one alone gets one line in small print (no entries, so no proofs). */
export function VerificationAppendix({ evidence, problem, compact = false }: { evidence: Evidence | null; problem: string | null; compact?: boolean }) {
  if (compact) {
    return (
      <section className="rp-verify-line" aria-label="Verification">
        <p>
          {evidence
            ? `Verification: made from the journal’s history at head ${evidence.head.hash} (code ${shortCodeOf(evidence.head.hash)}); ${evidence.counts.inPeriod} entries in the period, none included.`
            : problem
              ? `This report carries no proofs: ${problem}`
              : 'Putting the proofs together…'}
        </p>
      </section>
    );
  }
  if (!evidence) {
    return (
      <section className="rp-section rp-verify" aria-labelledby="rp-verify">
        <h3 id="rp-verify">Verification</h3>
        <p>{problem ? `This report carries no proofs: ${problem}` : 'Putting the proofs together…'}</p>
      </section>
    );
  }
  const { head, counts } = evidence;
  return (
    <section className="rp-section rp-verify" aria-labelledby="rp-verify">
      <h3 id="rp-verify">Verification</h3>
      <p>
        Every entry below is in the journal’s history whose head is <span className="rp-hash">{head.hash}</span> (code {shortCodeOf(head.hash)}, revision {head.seq}). Of the{' '}
        {counts.inPeriod} entries in {evidence.period.from} to {evidence.period.to}, this report includes {counts.included} and leaves out {counts.withheld}.
      </p>
      <p className="rp-muted">
        To check it, open verify-report.html from the evidence package (or Fulcrum’s “Check a report”) and choose its evidence.json: shown fields, withheld ones and these
        proofs are checked there, offline.
      </p>
      <ol className="rp-proofs">
        {evidence.entries.map((e) => {
          const withheld = Object.entries(e.fields ?? {})
            .filter(([, f]) => 'withheld' in f)
            .map(([name, f]) => `${name} (${'withheld' in f ? f.withheld : ''})`);
          return (
            <li key={e.seq}>
              Entry #{e.id}, version {e.rev}, revision {e.seq}: <span className="rp-hash">{e.hash}</span>
              {withheld.length > 0 && <span className="rp-muted"> · withheld: {withheld.join(', ')}</span>}
              <div className="rp-hash rp-proof">proof: {e.proof.join(' ') || '(none: the only revision)'}</div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

export function EvidencePackageButton(props: { model: ReportModel; config: ReportConfigParsed; browser: boolean; html: () => string | null }) {
  const toast = useToast();
  const [confirm, setConfirm] = useState(false);
  const save = async () => {
    const html = props.html();
    if (!html) return;
    const input = { config: props.config, today: localToday(), html, pageSize: props.model.pageSize, from: props.model.range.from, to: props.model.range.to, generatedOn: props.model.generatedOn };
    if (props.browser) {
      const f = await call('report.evidencePackage', input);
      downloadBlob(base64ToBytes(f.base64), f.filename, f.mimeType);
      toast.show(`${f.filename} is downloading. It is not encrypted — keep it somewhere private.`);
    } else {
      const r = await call('report.saveEvidencePackage', input);
      if (r.saved) toast.show('The evidence package is saved. It is not encrypted — keep it somewhere private.');
    }
  };
  return (
    <>
      <button type="button" className="button" onClick={() => setConfirm(true)}>
        Evidence package
      </button>
      {confirm && (
        <ConfirmDialog
          title="The evidence package will not be encrypted"
          message={
            <>
              <p>
                It holds the report {props.browser ? 'as a web page' : 'as a PDF'}, the disclosed entries with the proofs that they are in your journal’s history
                (evidence.json), and a checker anyone can open in a browser, offline. Anyone who can open the zip can read everything in it.
              </p>
              <p>What the report withholds or pseudonymises stays out of it: only a commitment to it goes in.</p>
            </>
          }
          confirmLabel={props.browser ? 'Download the evidence package (not encrypted)' : 'Save the evidence package (not encrypted)'}
          onConfirm={save}
          onClose={() => setConfirm(false)}
        />
      )}
    </>
  );
}
