/**
 * "Check a report" in the person's language: every finding of the shared evidence checker has words
 * in every catalogue, with its numbers and names, and none of it is the checker's English.
 */
import { describe, expect, it } from 'vitest';
import { issueText, type EvidenceIssue } from '../../shared/evidence.js';
import { wordEvidenceIssue } from '../../renderer/components/evidenceWords.js';
import { translateIn } from '../../renderer/i18n/translate.js';
import type { Language } from '../../shared/locales.js';

const tIn = (language: Language) => (id: Parameters<typeof translateIn>[1], values?: Parameters<typeof translateIn>[2]) => translateIn(language, id, values);

const ALL: EvidenceIssue[] = [
  { code: 'content-unreadable' },
  { code: 'content-names-other', type: 'checkin' },
  { code: 'content-changed' },
  { code: 'no-content' },
  { code: 'extra-fields', type: 'entry', fields: ['mood', 'colour'] },
  { code: 'field-missing', name: 'title' },
  { code: 'field-changed', name: 'body' },
  { code: 'twice' },
  { code: 'after-head', seq: 12, head: 9 },
  { code: 'commitment-changed' },
  { code: 'proof-broken' },
  { code: 'hash-mismatch' },
  { code: 'head-tree' },
  { code: 'included-count', said: 3, carried: 2 },
  { code: 'counts-add-up' },
  { code: 'receipt-unknown', receipt: 'ABCD-EF01' },
  { code: 'receipt-head' },
  { code: 'receipt-inconsistent' },
];

describe('evidence findings in the person’s language', () => {
  it('words every finding in every language, never raw keys or placeholders', () => {
    for (const language of ['en', 'es', 'de', 'ar'] as const) {
      for (const issue of ALL) expect(wordEvidenceIssue(tIn(language), issue)).not.toMatch(/data\.check|\{|\}/);
    }
  });

  it('says the same in English as the standalone verifier', () => {
    for (const issue of ALL.filter((i) => i.code !== 'extra-fields')) expect(wordEvidenceIssue(tIn('en'), issue)).toBe(issueText(issue));
  });

  it('carries the field name and counts into German, not the English sentence', () => {
    const changed = wordEvidenceIssue(tIn('de'), { code: 'field-changed', name: 'body' });
    expect(changed).toContain('„body“');
    expect(changed).not.toBe(issueText({ code: 'field-changed', name: 'body' }));
    expect(wordEvidenceIssue(tIn('de'), { code: 'included-count', said: 1, carried: 0 })).toContain('1 Eintrag');
  });
});
