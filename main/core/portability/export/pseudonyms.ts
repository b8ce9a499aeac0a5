/**
 * Pseudonyms: a person's name replaced by the alias the user chose ("Partner", "Manager") everywhere
 * in an export — their name field, and every whole-word mention of their name or a part of it in any
 * text (titles, entries, outcomes, notes, pattern labels). The report builder uses the same class.
 *
 * Matching is case-insensitive on whole words, so "alex" and "ALEX" go too; a name part of one letter
 * is not matched on its own (it would replace every "A"). It cannot catch a nickname or a misspelling:
 * the UI asks the user to read the output before sharing it.
 */
import type { Person } from '../../../../shared/schemas.js';

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const fold = (s: string) => s.normalize('NFC').toLocaleLowerCase();

export class Pseudonymiser {
  private readonly aliasById = new Map<number, string>();
  private readonly aliasByWord = new Map<string, string>();
  private readonly pattern: RegExp | null;

  constructor(people: readonly Pick<Person, 'id' | 'name'>[], pseudonyms: Readonly<Record<string, string>>) {
    const words: string[] = [];
    // Longer names first, so "Alex Morgan" wins over "Alex" and each part maps to its own person's alias.
    const chosen = people.filter((p) => pseudonyms[String(p.id)] !== undefined).sort((a, b) => b.name.length - a.name.length);
    for (const p of chosen) {
      const alias = pseudonyms[String(p.id)]!.trim();
      this.aliasById.set(p.id, alias);
      const name = p.name.normalize('NFC').trim();
      const parts = [name, ...name.split(/[\s\-–]+/u)].filter((w) => Array.from(w).length >= 2);
      for (const w of parts) {
        const key = fold(w);
        if (!this.aliasByWord.has(key)) {
          this.aliasByWord.set(key, alias);
          words.push(w);
        }
      }
    }
    words.sort((a, b) => b.length - a.length);
    this.pattern = words.length
      ? new RegExp(`(?<![\\p{L}\\p{N}\\p{M}])(?:${words.map(escapeRe).join('|')})(?![\\p{L}\\p{N}\\p{M}])`, 'giu')
      : null;
  }

  get active(): boolean {
    return this.aliasById.size > 0;
  }

  /** The name to print for a person. */
  name(person: Pick<Person, 'id' | 'name'>): string {
    return this.aliasById.get(person.id) ?? person.name;
  }

  /** Free text with every mention of a pseudonymised person replaced by their alias. */
  text(s: string): string {
    if (!this.pattern || s === '') return s;
    return s.normalize('NFC').replace(this.pattern, (m) => this.aliasByWord.get(fold(m)) ?? m);
  }
}
