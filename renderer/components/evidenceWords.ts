/**
 * What an evidence check found wrong, in the person's language: the shared checker names each
 * finding by a code with its numbers and names (its English words are the standalone verifier's).
 */
import type { EvidenceIssue } from '../../shared/evidence.js';
import type { MessageId, MessageValues } from '../i18n/index.js';
import { listFormat } from '../lib/format.js';

type T = (id: MessageId, values?: MessageValues) => string;

/** Every code's message, spelt out so the catalogue test sees each key in use. */
const KEY: Record<EvidenceIssue['code'], MessageId> = {
  'content-unreadable': 'data.check.issue.content-unreadable',
  'content-names-other': 'data.check.issue.content-names-other',
  'content-changed': 'data.check.issue.content-changed',
  'no-content': 'data.check.issue.no-content',
  'extra-fields': 'data.check.issue.extra-fields',
  'field-missing': 'data.check.issue.field-missing',
  'field-changed': 'data.check.issue.field-changed',
  twice: 'data.check.issue.twice',
  'after-head': 'data.check.issue.after-head',
  'commitment-changed': 'data.check.issue.commitment-changed',
  'proof-broken': 'data.check.issue.proof-broken',
  'hash-mismatch': 'data.check.issue.hash-mismatch',
  'head-tree': 'data.check.issue.head-tree',
  'included-count': 'data.check.issue.included-count',
  'counts-add-up': 'data.check.issue.counts-add-up',
  'receipt-unknown': 'data.check.issue.receipt-unknown',
  'receipt-head': 'data.check.issue.receipt-head',
  'receipt-inconsistent': 'data.check.issue.receipt-inconsistent',
};

export function wordEvidenceIssue(t: T, issue: EvidenceIssue): string {
  switch (issue.code) {
    case 'content-names-other':
      return t(KEY[issue.code], { type: issue.type });
    case 'extra-fields':
      return t(KEY[issue.code], { type: issue.type, fields: listFormat(issue.fields) });
    case 'field-missing':
    case 'field-changed':
      return t(KEY[issue.code], { name: issue.name });
    case 'after-head':
      return t(KEY[issue.code], { seq: String(issue.seq), head: String(issue.head) });
    case 'included-count':
      return t(KEY[issue.code], { said: issue.said, carried: issue.carried });
    case 'receipt-unknown':
      return t(KEY[issue.code], { receipt: issue.receipt });
    default:
      return t(KEY[issue.code]);
  }
}
