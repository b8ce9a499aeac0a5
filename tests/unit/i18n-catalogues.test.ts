/**
 * The message catalogues: every language has exactly English's keys, every message is valid ICU
 * MessageFormat with the same arguments as English, and every key is used by the renderer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { en } from '../../renderer/i18n/messages/en.js';
import { CATALOGUES } from '../../renderer/i18n/translate.js';
import { LANGUAGES } from '../../shared/locales.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The argument names a message uses ({name}, {count, plural, …}), nested ones included. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) into.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      into.add(el.value);
      for (const option of Object.values(el.options)) argumentsOf(option.value, into);
    }
    if (el.type === TYPE.tag) argumentsOf(el.children, into);
  }
  return into;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === 'messages' ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(d.name) ? [full] : [];
  });
}

describe('message catalogues', () => {
  const keys = Object.keys(en).sort();

  it.each(LANGUAGES)('%s has every key of English and no other', (language) => {
    expect(Object.keys(CATALOGUES[language]).sort()).toEqual(keys);
  });

  it.each(LANGUAGES)('%s: every message parses as ICU and uses the same arguments as English', (language) => {
    const problems: string[] = [];
    for (const key of keys) {
      const message = (CATALOGUES[language] as Record<string, string>)[key] ?? '';
      if (!message.trim()) problems.push(`${key}: empty`);
      try {
        const mine = [...argumentsOf(parse(message))].sort();
        const english = [...argumentsOf(parse((en as Record<string, string>)[key]!))].sort();
        if (mine.join() !== english.join()) problems.push(`${key}: arguments ${mine.join()} ≠ English ${english.join()}`);
      } catch (e) {
        problems.push(`${key}: ${(e as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every plural in Arabic names the forms Arabic needs', () => {
    const missing: string[] = [];
    for (const [key, message] of Object.entries(CATALOGUES.ar)) {
      const walk = (els: MessageFormatElement[]) => {
        for (const el of els) {
          if (el.type === TYPE.plural && !el.pluralType?.startsWith('ordinal')) {
            const options = Object.keys(el.options);
            const exact = options.some((o) => o.startsWith('='));
            if (!exact && !['one', 'two', 'few', 'many', 'other'].every((o) => options.includes(o))) missing.push(key);
          }
          if (el.type === TYPE.plural || el.type === TYPE.select) for (const o of Object.values(el.options)) walk(o.value);
        }
      };
      walk(parse(message));
    }
    expect(missing).toEqual([]);
  });

  it('every key is used by the renderer, and the renderer asks for no key English lacks', () => {
    const sources = sourceFiles(path.join(ROOT, 'renderer')).map((f) => fs.readFileSync(f, 'utf8'));
    const all = sources.join('\n');
    const unused = keys.filter((k) => !all.includes(`'${k}'`));
    expect(unused).toEqual([]);
    // t('…') / translate('…') with a literal id: the id must exist (TypeScript checks this too).
    const asked = [...all.matchAll(/\b(?:t|translate|translateIn\([^,]+,)\(\s*'([a-zA-Z][\w.]*)'/g)].map((m) => m[1]!);
    expect(asked.filter((k) => !(k in en))).toEqual([]);
  });
});
