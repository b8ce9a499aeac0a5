/**
 * How many pages a report will print to, estimated from its model before anything is printed — so
 * the builder can say "about 239 pages" and offer summaries, instead of a year of entries in full
 * arriving silently as a stack of paper.
 *
 * A small layout model of the print stylesheet (renderer/report/report.css): the page's writable
 * area (paper minus the PDF margins), the height of each block the document is made of (heading,
 * figure, table row, entry) from its font size, line height and the number of wrapped lines its text
 * takes, and the rule that a figure, a table row or an entry is not split across pages. Blocks are
 * laid onto pages one after another, the way the printer does. Text width is approximated by an
 * average character width, so the result is an estimate; the e2e suite compares it with real PDFs.
 */
import { FIRST_PAGE_LISTED, pageOneListed, printAreaMm, type EntryDetail, type ReportEntry, type ReportModel } from '../../../shared/report.js';

const PT = 0.3528; // mm per point
const PX = 0.2646; // mm per CSS pixel
/** The report's line height (report.css: 1.45; headings 1.25). */
const LINE = 1.45;
const HEADING_LINE = 1.25;
/** Average width of a character of running text in Liberation Sans, in em (spaces and punctuation included). */
const CHAR_EM = 0.5;
/**
 * The charts are the app's (renderer/charts) drawn for print at a fixed width: their drawings' heights
 * in CSS pixels, as the charts set them (the areas chart grows with its rows).
 */
const CHART_PX = { patterns: 280, balance: 260, scores: 240 } as const;
const areasPx = (rows: number) => Math.max(120, rows * 52 + 40);

const lineMm = (pt: number, lh = LINE) => pt * PT * lh;
/** Lines `chars` characters of monospace (0.6 em each, broken anywhere) take at `pt` over `widthMm`. */
const monoLines = (chars: number, pt: number, widthMm: number) => Math.ceil(chars / Math.max(10, Math.floor(widthMm / (pt * PT * 0.6))));

/** Lines a text takes at `pt` over `widthMm`: every paragraph at least one line, long words wrapping. */
export function wrappedLines(text: string, pt: number, widthMm: number): number {
  const perLine = Math.max(10, Math.floor(widthMm / (pt * PT * CHAR_EM)));
  // Greedy word wrap in one pass over the characters (a year of entries is megabytes of text): a word
  // that does not fit starts the next line; a word longer than a line breaks anywhere.
  let lines = 1;
  let used = 0;
  let word = 0;
  const place = () => {
    if (word === 0) return;
    if (used > 0 && used + 1 + word <= perLine) used += 1 + word;
    else {
      if (used > 0) lines += 1;
      while (word > perLine) {
        word -= perLine;
        lines += 1;
      }
      used = word;
    }
    word = 0;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      place();
      lines += 1;
      used = 0;
    } else if (c === 32 || c === 9 || c === 13 || c === 0xa0) place();
    else word += 1;
  }
  place();
  return lines;
}

interface Block {
  /** Height in mm. */
  h: number;
  /** True: printed whole on one page when it fits (break-inside: avoid). */
  keep: boolean;
}

/** Lays the blocks onto pages of `pageH` mm with `gap` mm between them; returns the pages used. */
function paginate(blocks: Block[], pageH: number, gap: number): number {
  let pages = 1;
  let used = 0;
  for (const b of blocks) {
    const start = used === 0 ? 0 : used + gap;
    if (start + b.h <= pageH) {
      used = start + b.h;
      continue;
    }
    if (b.keep && b.h <= pageH) {
      pages += 1;
      used = b.h;
      continue;
    }
    // Flows on: fills this page, then as many pages as it needs.
    let rest = b.h - (pageH - start);
    while (rest > pageH) {
      pages += 1;
      rest -= pageH;
    }
    pages += 1;
    used = rest;
  }
  return pages;
}

/** Lines of a text known only by its length and its number of lines (a row's words are not read). */
function sizedLines(chars: number, lines: number, pt: number, widthMm: number): number {
  if (chars === 0) return 0;
  const perLine = Math.max(10, Math.floor(widthMm / (pt * PT * CHAR_EM)));
  // Each paragraph ends half a line short on average, and word wrap leaves about 5 % of a line empty.
  return Math.max(lines, Math.ceil((chars / perLine) * 1.05 + lines / 2));
}

/** A one-line row (report.css .rp-row): one line of 8.5 pt, whatever its words (they are cut to the line). */
function rowBlock(): Block {
  return { h: lineMm(8.5) + 1, keep: true };
}

/** As the entry would print in full: from its own words when the model has them, else from their size. */
function fullBlock(e: ReportEntry, width: number): Block {
  if (e.shown !== 'row' || !e.fullSize) return entryBlock(e, 'full', width);
  const size = e.fullSize;
  const base = entryBlock({ ...e, title: size.title ? 'x'.repeat(size.title) : null, body: null, outcome: null }, 'full', width);
  let h = base.h;
  if (size.body) h += 1.5 + sizedLines(size.body, size.bodyLines, 10, width) * lineMm(10);
  if (size.outcome) h += 1.5 + sizedLines(size.outcome + 9, 1, 9.5, width) * lineMm(9.5);
  return { h, keep: true };
}

function entryBlock(e: ReportEntry, detail: EntryDetail, width: number): Block {
  if (e.shown === 'row' && detail === 'full') return rowBlock();
  const full = detail === 'full';
  const title = full && e.title ? e.title : '';
  const flags = (e.flagged ? 15 : 0) + (e.safety ? 16 : 0);
  let h = 2.5 + wrappedLines(`Wed, 3 Apr 2024, 20:12 — ${title}${' '.repeat(flags)}`, 10.5, width) * lineMm(10.5, HEADING_LINE);
  // The facts: people, patterns, areas, balance, scores — each a row of 9pt text beside its label.
  // Where the exact words do not change the length, a typical line of the same width stands in.
  const factWidth = width - 20;
  const facts: string[] = [];
  if (e.people.length) facts.push(e.people.join(', '));
  if (e.patterns.length) facts.push(e.patterns.map((p) => `+ ${p.label}`).join('; '));
  if (e.domains.length) facts.push(e.domains.join(', '));
  if (e.balance !== null) facts.push('−2 (they held more power)');
  if ([e.intensity, e.heard, e.respected, e.valued, e.involved].some((v) => v !== null)) facts.push('Intensity 3/5 · Heard 2/5 · Respected 2/5 · Valued 2/5');
  if (facts.length) h += 1.5 + facts.reduce((n, f) => n + wrappedLines(f, 9, factWidth), 0) * lineMm(9) + (facts.length - 1) * 0.4;
  if (full && e.body) h += 1.5 + wrappedLines(e.body, 10, width) * lineMm(10);
  if (full && e.outcome) h += 1.5 + wrappedLines(`Outcome: ${e.outcome}`, 9.5, width) * lineMm(9.5);
  return { h, keep: true };
}

const SECTION_HEADING = lineMm(12, HEADING_LINE) + 1 + 2.5;
const TABLE_ROW = lineMm(9.5) + 2.4;
const TABLE_HEAD = lineMm(8.5) + 2.4;

/**
 * The height of page one's content in mm, its lists as long as fits one page of `room` mm (the
 * document lists fewer flagged entries and safety concerns, never fewer than one, rather than run
 * onto a second page); it can still be more than a page (long questions).
 */
function firstPageHeight(m: ReportModel, width: number, room: number): number {
  let h = 0;
  for (let cut = 0; cut <= 2 * (FIRST_PAGE_LISTED - 1); cut++) {
    h = firstPageHeightListing(m, width, pageOneListed(cut));
    if (h <= room) break;
  }
  return h;
}

function firstPageHeightListing(m: ReportModel, width: number, listing: { flagged: number; safety: number }): number {
  const parts: number[] = [];
  // Kicker, title, the period line, who it is about, the rule under them (typical words stand in for the length).
  let head = lineMm(8.5) + lineMm(18, HEADING_LINE) + lineMm(9) * 2 + lineMm(10) * wrappedLines(m.people.map((p) => `${p.name} (romantic)`).join(', ') + 'About everyone I wrote about:', 10, width) + 4 * 1.2 + 3;
  if (!m.compared) head += lineMm(9) + 1.2;
  parts.push(head);
  if (m.safety.total > 0 && (m.summary || m.safety.items.length > 0)) {
    const shown = Math.min(listing.safety, m.safety.items.length);
    parts.push(5 + lineMm(12, HEADING_LINE) + lineMm(10) * (1 + shown + (m.safety.items.length > shown ? 1 : 0) + (m.safety.items.length < m.safety.total ? 1 : 0)) + 1.2 * (1 + shown));
  }
  if (m.summary) parts.push(SECTION_HEADING + 2 * (lineMm(8.5) + lineMm(17, 1.1) + 2 * lineMm(8.5) + 4) + 2.5 + lineMm(8.5) * 2);
  if (m.topPatterns.length) parts.push(SECTION_HEADING + TABLE_HEAD + m.topPatterns.length * TABLE_ROW);
  if (m.areas.length) parts.push(lineMm(10) * wrappedLines(`Areas of life: ${m.areas.map((a) => `${a.domain} (${a.entries})`).join(', ')}`, 10, width));
  if (m.questions !== null && m.questions.trim() !== '') parts.push(SECTION_HEADING + 2 + wrappedLines(m.questions.trim(), 10.5, width - 5) * lineMm(10.5));
  if (m.flagged.total > 0) {
    const listed = m.flagged.items.slice(0, listing.flagged);
    const lines = listed.reduce((n, e) => n + wrappedLines(`Wed, 3 Apr 2024 — ${e.title ?? ''} · ${e.people.join(', ')} · ${e.patterns.slice(0, 2).map((p) => p.label).join('; ')}`, 10, width - 5), 0);
    parts.push(SECTION_HEADING + lineMm(10) * (Math.max(1, lines) + (m.flagged.items.length > listing.flagged ? 1 : 0) + (m.flagged.items.length < m.flagged.total ? 1 : 0)));
  }
  return parts.reduce((a, b) => a + b, 0) + 4 * (parts.length - 1);
}

/** The detail after page one (charts, patterns table, check-ins, entries) as blocks. */
function detailBlocks(m: ReportModel, detail: EntryDetail, width: number, allFull: boolean): Block[] {
  const blocks: Block[] = [];
  // A heading stays with what follows it (break-after: avoid): it is added to the next block.
  let pending = 0;
  const section = () => SECTION_HEADING + (blocks.length ? 7 : 0);
  const push = (h: number, keep: boolean) => {
    blocks.push({ h: h + pending, keep });
    pending = 0;
  };
  if (m.charts) {
    pending = section();
    // A chart card (report.css): its title, the key and its note, the drawing, a two-line summary, its margin.
    const fig = (px: number, noteLines: number) => push(lineMm(10.5, HEADING_LINE) + 1.5 + lineMm(8.5) * (1 + noteLines) + 1.5 + px * PX + 1.5 + 2 * lineMm(9) + 4, true);
    if ((m.summary?.entries.value ?? m.charts.domains.total) > 0 || m.charts.domains.total > 0) {
      fig(CHART_PX.patterns, 1);
      fig(CHART_PX.balance, 2);
      fig(CHART_PX.scores, 1);
      if (m.charts.domains.items.length) fig(areasPx(m.charts.domains.items.length), 1);
    } else push(lineMm(10), false);
  }
  if (m.patterns) {
    pending = section();
    if (m.patterns.length === 0) push(lineMm(10), false);
    else {
      push(TABLE_HEAD + TABLE_ROW, true);
      for (let i = 1; i < m.patterns.length; i++) push(TABLE_ROW, true);
      const categories = new Set(m.patterns.map((p) => p.category)).size;
      push(categories * (lineMm(8.5) * 2 + 0.6), false);
    }
  }
  if (m.checkins) {
    pending = section();
    if (m.checkins.people.length === 0) push(lineMm(10), false);
    for (const p of m.checkins.people) {
      const measures = Object.values(p.mean).filter((v) => v !== null).length;
      push(lineMm(10.5, HEADING_LINE) + 1.5 + TABLE_HEAD + measures * Math.max(TABLE_ROW, 22 * PX + 2.4), true);
    }
    if (m.checkins.notes.length) {
      pending += lineMm(10.5, HEADING_LINE) + 2.5;
      for (const n of m.checkins.notes) push(wrappedLines(`Week of 12 April 2024, ${n.name}: ${n.note}`, 10, width - 5) * lineMm(10) + 1, false);
    }
  }
  if (m.entries) {
    pending = section();
    if (m.entries.length === 0) push(lineMm(10), false);
    for (const e of m.entries) {
      if (e.shown === 'row' && !allFull && detail === 'full') {
        // The line saying which entries are rows and how to print them whole comes before the first.
        if (e === m.entries.find((x) => x.shown === 'row')) pending += 2 + lineMm(9.5) * wrappedLines('x'.repeat(260), 9.5, width);
        push(rowBlock().h, true);
      } else push((allFull && detail === 'full' ? fullBlock(e, width) : entryBlock(e, detail, width)).h + 2.5, true);
    }
  }
  return blocks;
}

/**
 * Pages the report prints to; `detail` overrides how the entries are shown ("what if they were
 * summaries?"), `allFull` prints the rows whole ("what if every entry were in full?" — from the
 * rows' `fullSize`, so the model must have been built with `rowSizes`).
 */
export function estimatePages(m: ReportModel, detail: EntryDetail = m.detail, allFull = false): number {
  const { w: width, h: height } = printAreaMm(m.pageSize);
  const blocks = detailBlocks(m, detail, width, allFull);
  // The verification at the end (renderer/report/Verification.tsx): the head and what is left out —
  // right after page one when there is no detail — then per included entry its revision hash (7.5 pt
  // monospace) and its proof (6 pt monospace), which are not split across pages.
  const intro = SECTION_HEADING + 7 + lineMm(10) * (wrappedLines('x'.repeat(330), 10, width) + wrappedLines('x'.repeat(230), 10, width)) + 4;
  // Without detail it is one line under page one (the same text in small print, no heading).
  const first = Math.max(1, Math.ceil((firstPageHeight(m, width, height) + (blocks.length ? 0 : lineMm(8) * wrappedLines('x'.repeat(200), 8, width) + 3)) / height));
  if (blocks.length) {
    blocks.push({ h: intro, keep: false });
    const proofHashes = Math.ceil(Math.log2(Math.max(2, m.ledgerRevisions)));
    // Entries printed as rows are listed by their revision's code, two to a line (.rp-proof-rows).
    const rows = allFull ? 0 : (m.entries ?? []).filter((e) => e.shown === 'row').length;
    for (let i = 0; i < (m.entries?.length ?? 0) - rows; i++) {
      blocks.push({ h: lineMm(7.5) * monoLines(110, 7.5, width - 6) + lineMm(6) * monoLines(7 + proofHashes * 65, 6, width - 6) + 1.2, keep: true });
    }
    if (rows > 0) {
      blocks.push({ h: lineMm(10) * wrappedLines('x'.repeat(200), 10, width) + 2, keep: false });
      for (let i = 0; i < Math.ceil(rows / 2); i++) blocks.push({ h: lineMm(7.5), keep: true });
    }
  }
  // The detail starts on a page of its own (break-before: page), sections 7 mm apart.
  return first + (blocks.length ? paginate(blocks, height, 0) : 0);
}
