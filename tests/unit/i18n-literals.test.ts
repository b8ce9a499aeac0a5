/**
 * No user-visible English in components: JSX text, the user-visible attributes (aria-label, title,
 * placeholder, alt) and the label props of our own components, and string literals shown directly
 * in JSX (`{busy ? 'Saving…' : 'Save'}`) must come from the catalogues. Scanned with TypeScript's
 * own parser, so formatting cannot hide a literal.
 *
 * NOT_YET_IN_CATALOGUES lists the screens whose words are still inline English, each with its count of
 * literals: the list must match exactly, so a converted file has to leave it (and a new file with
 * literals — or more literals in a listed one — fails here, naming the file and the words).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RENDERER = path.join(ROOT, 'renderer');

/** Attributes a person sees or hears (screen readers read aria-label and title). */
const VISIBLE_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-valuetext', 'title', 'placeholder', 'alt', 'label', 'legend', 'hint', 'confirmLabel', 'cancelLabel', 'what', 'low', 'high']);
/** Words that are the same in every language (the product's name). */
const UNTRANSLATED = new Set(['Fulcrum']);

const isWords = (s: string): boolean => /\p{L}{2,}/u.test(s) && !UNTRANSLATED.has(s.trim());

export function literalsIn(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const at = (node: ts.Node, what: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    found.push(`${line + 1}: ${what.replace(/\s+/g, ' ').trim().slice(0, 80)}`);
  };
  /** String literals a JSX expression shows as they are: directly, or as a branch of ?:, || or ??. */
  const shown = (e: ts.Expression | undefined, node: ts.Node) => {
    if (!e) return;
    if (ts.isParenthesizedExpression(e)) return shown(e.expression, node);
    if ((ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) && isWords(e.text)) at(node, e.text);
    if (ts.isTemplateExpression(e) && isWords(e.head.text + e.templateSpans.map((s) => s.literal.text).join(''))) at(node, e.getText(source));
    if (ts.isConditionalExpression(e)) {
      shown(e.whenTrue, node);
      shown(e.whenFalse, node);
    }
    if (ts.isBinaryExpression(e) && [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.AmpersandAmpersandToken].includes(e.operatorToken.kind)) shown(e.right, node);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && isWords(node.text)) at(node, node.text);
    if (ts.isJsxExpression(node) && node.parent && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) shown(node.expression, node);
    if (ts.isJsxAttribute(node) && VISIBLE_ATTRIBUTES.has(node.name.getText(source))) {
      const init = node.initializer;
      if (init && ts.isStringLiteral(init) && isWords(init.text)) at(node, `${node.name.getText(source)}="${init.text}"`);
      if (init && ts.isJsxExpression(init)) shown(init.expression, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function components(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    return d.isDirectory() ? components(full) : d.name.endsWith('.tsx') ? [full] : [];
  });
}

/** Screens still to be moved into the catalogues (renderer-relative path → literals left). */
const NOT_YET_IN_CATALOGUES: Record<string, number> = {
};

describe('no inline English in components', () => {
  it('finds JSX text, visible attributes and shown literals (the scanner itself)', () => {
    const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fulcrum-i18n-')), 'Sample.tsx');
    fs.writeFileSync(
      tmp,
      `export const A = ({ busy, t }: { busy: boolean; t: (id: string) => string }) => (
        <div title="Hello there" aria-label={t('x')}>
          Plain words
          {busy ? 'Saving…' : t('save')}
          <input placeholder={\`Type \${1}\`} />
          <span>{t('fine')} ✕ {'→'}</span>
          <b>Fulcrum</b>
        </div>
      );`,
    );
    try {
      expect(literalsIn(tmp).map((l) => l.replace(/^\d+: /, ''))).toEqual(['title="Hello there"', 'Plain words', 'Saving…', '`Type ${1}`']);
    } finally {
      fs.rmSync(path.dirname(tmp), { recursive: true, force: true });
    }
  });

  it('every component takes its words from the catalogues (or is listed, with its exact count, as not yet done)', () => {
    const report: Record<string, number> = {};
    const details: string[] = [];
    for (const file of components(RENDERER)) {
      const rel = path.relative(RENDERER, file).split(path.sep).join('/');
      const found = literalsIn(file);
      if (found.length === 0) continue;
      report[rel] = found.length;
      if (NOT_YET_IN_CATALOGUES[rel] !== found.length) details.push(`${rel} (${found.length}):\n  ${found.join('\n  ')}`);
    }
    // On failure this names every file whose literals differ from the list, with each literal and its line.
    expect(details.join('\n\n'), 'Files with inline English (move the words into renderer/i18n/messages)').toBe(
      Object.keys(NOT_YET_IN_CATALOGUES)
        .filter((f) => report[f] === undefined)
        .map((f) => `${f}: listed as not yet done, but has no literals left — take it off NOT_YET_IN_CATALOGUES`)
        .join('\n'),
    );
    expect(report).toEqual(NOT_YET_IN_CATALOGUES);
  });
});
