/**
 * The evidence package: one zip with the report as printed (PDF on the desktop, the print view's HTML
 * in browser mode), evidence.json (the disclosed entries with their proofs, shared/evidence.ts), the
 * standalone verifier (verify-report.html: one self-contained file, no network) and a short note on
 * what is in it. Included attachments go in `attachments/` with their SHA-256 listed in the evidence.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Evidence } from '../../../shared/evidence.js';
import { VERIFIER_HTML } from './verifier-html.generated.js';

export interface PackageAttachment {
  name: string;
  bytes: Uint8Array;
}

export interface PackageInput {
  evidence: Evidence;
  /** The report as printed: a PDF, or (browser mode) the print view's self-contained HTML. */
  report: { kind: 'pdf'; bytes: Uint8Array } | { kind: 'html'; html: string };
  /** The bytes of the attachments listed in `evidence.attachments` (same names). */
  attachments?: PackageAttachment[];
}

const README = (e: Evidence) => `Fulcrum evidence package
========================

report.pdf or .html  The report as it was printed.
evidence.json        What the report discloses, with the proofs that it is in the journal's history.
verify-report.html   Opens in any current web browser, offline. Choose evidence.json in it to check
                     the report; type a receipt's code to check against that receipt.

Period: ${e.period.from} to ${e.period.to}
Entries included: ${e.counts.included}; entries in the period not included: ${e.counts.withheld}
Head: ${e.head.hash} (position ${e.head.seq})

The files are not encrypted: anyone who can open them can read them.
`;

/** The zip's bytes (deterministic for the same input: fixed file times). */
export function evidencePackage(input: PackageInput): Uint8Array {
  const mtime = new Date(input.evidence.generatedAt);
  const files: Zippable = {
    'README.txt': strToU8(README(input.evidence)),
    [input.report.kind === 'pdf' ? 'report.pdf' : 'report.html']: input.report.kind === 'pdf' ? input.report.bytes : strToU8(input.report.html),
    'evidence.json': strToU8(JSON.stringify(input.evidence, null, 2) + '\n'),
    'verify-report.html': strToU8(VERIFIER_HTML),
  };
  for (const a of input.attachments ?? []) files[`attachments/${a.name}`] = a.bytes;
  return zipSync(files, { level: 6, mtime });
}
