/** English messages of one area (reportx: the short report's rows and the long print); the reference for reportx.*.ts. */
export const reportxEn = {
  // ---- the builder
  'reportx.fullText.all': 'Full text for every entry, however many (otherwise the first {full} in full and the rest one line each)',
  'reportx.estimate.paperRows': '({paper}; {full, plural, one {# entry} other {# entries}} in full, {rows, plural, one {# more} other {# more}} as one line each).',
  'reportx.estimate.rows': 'After the first {full, plural, one {# entry} other {# entries}}, {rows, plural, one {# entry is} other {# entries are}} printed as one line each: date, people, patterns and first words.',
  'reportx.estimate.allFull': 'Full text for all {entries} entries (about {pages, plural, one {# page} other {# pages}})',
  'reportx.estimate.isAll': 'All {entries} entries are printed in full: a long print.',
  'reportx.estimate.short': 'Only the first {full} in full',
  // ---- the document
  'reportx.doc.rowsNote': 'The first {full} of these {total} entries are printed in full above; the other {rows, plural, one {# entry is} other {# entries are}} one line each (date, people, patterns and first words). To print every entry in full, choose “Full text for every entry” in the report builder.',
  'reportx.doc.rowsLabel': '{rows, plural, one {# entry} other {# entries}}, one line each',
  // ---- the verification appendix
  'reportx.verify.rowsNote': 'The {rows, plural, one {# entry} other {# entries}} printed as one line each, with the code of the revision shown (the first 20 characters of its hash). Their full hashes and inclusion proofs, like every entry’s, are in the evidence package (evidence.json).',
  'reportx.verify.row': 'Entry #{id}, revision {seq}:',
  // ---- the preview
  'reportx.print.drawing': 'Drawing the entries: {drawn} of {total}…',
  'reportx.print.waiting': 'Preparing the report for printing…',
  'reportx.print.printing': 'Printing… A long report takes a while.',
  'reportx.print.progress': 'Entries drawn',
  'reportx.charts.when': 'in this period',
} as const satisfies Record<string, string>;
