/**
 * The report's printed verification appendix: the stated head, how many entries of the period are
 * not included, and each included entry's revision hash and inclusion proof.
 */
import { shortCodeOf, type PrintedProofs } from '../../shared/evidence.js';
import { useT } from '../i18n/index.js';
import { formatDay, listFormat } from '../lib/format.js';

/**
 * `compact`: a report of page one alone gets one line in small print (no entries, so no proofs).
 * Entries printed whole are listed with their revision's hash and inclusion proof; those printed as
 * one-line rows by their revision's code only, many to a line — their hashes and proofs are in the
 * evidence package — so a year of rows does not print a hundred pages of hexadecimal.
 */
export function VerificationAppendix({ evidence, problem, compact = false }: { evidence: PrintedProofs | null; problem: string | null; compact?: boolean }) {
  const t = useT();
  if (compact) {
    return (
      <section className="rp-verify-line" aria-label={t('data.verify.title')}>
        <p>
          {evidence
            ? t('data.verify.compact', { head: evidence.head.hash, code: shortCodeOf(evidence.head.hash), count: evidence.counts.inPeriod })
            : problem
              ? t('data.verify.noProofs', { problem })
              : t('data.verify.building')}
        </p>
      </section>
    );
  }
  if (!evidence) {
    return (
      <section className="rp-section rp-verify" aria-labelledby="rp-verify">
        <h3 id="rp-verify">{t('data.verify.title')}</h3>
        <p>{problem ? t('data.verify.noProofs', { problem }) : t('data.verify.building')}</p>
      </section>
    );
  }
  const { head, counts } = evidence;
  const firstRow = evidence.entries.findIndex((e) => e.proof === null);
  const rowsFrom = firstRow < 0 ? null : firstRow;
  return (
    <section className="rp-section rp-verify" aria-labelledby="rp-verify">
      <h3 id="rp-verify">{t('data.verify.title')}</h3>
      <p>
        {t('data.verify.headBefore')}
        <span className="rp-hash">{head.hash}</span>
        {t('data.verify.headAfter', { code: shortCodeOf(head.hash), seq: String(head.seq) })}{' '}
        {t('data.verify.counts', {
          inPeriod: counts.inPeriod,
          from: formatDay(evidence.period.from),
          to: formatDay(evidence.period.to),
          included: counts.included,
          withheld: counts.withheld,
        })}
      </p>
      <p className="rp-muted">{t('data.verify.howToCheck')}</p>
      <ol className="rp-proofs">
        {(rowsFrom === null ? evidence.entries : evidence.entries.slice(0, rowsFrom)).map((e) => {
          const withheld = e.withheld.map(({ name, why }) => t('data.verify.withheldField', { name, why }));
          return (
            <li key={e.seq}>
              {t('data.verify.entry', { id: String(e.id), rev: String(e.rev), seq: String(e.seq) })} <span className="rp-hash">{e.hash}</span>
              {withheld.length > 0 && <span className="rp-muted">{t('data.verify.withheld', { fields: listFormat(withheld) })}</span>}
              <div className="rp-hash rp-proof">{e.proof && e.proof.length > 0 ? t('data.verify.proof', { proof: e.proof.join(' ') }) : t('data.verify.noProof')}</div>
            </li>
          );
        })}
      </ol>
      {rowsFrom !== null && evidence.entries.length > rowsFrom && (
        <>
          <p className="rp-muted">{t('reportx.verify.rowsNote', { rows: evidence.entries.length - rowsFrom })}</p>
          <ol className="rp-proof-rows" start={rowsFrom + 1}>
            {evidence.entries.slice(rowsFrom).map((e) => (
              <li key={e.seq}>
                {t('reportx.verify.row', { id: String(e.id), seq: String(e.seq) })} <span className="rp-hash">{shortCodeOf(e.hash)}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
