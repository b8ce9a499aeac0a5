/**
 * A JSON syntax check that reads text a piece at a time: one pass, no recursion, so it cannot overflow
 * the stack on 10 000 nested brackets, and nothing of the file is kept but what is asked for. It
 * refuses nesting deeper than the limit and any string longer than the limit before a single object
 * is built, and names the line of a syntax error without quoting the file (V8's own messages include
 * a piece of the content, which must not reach a log or the UI).
 *
 * While it checks, it can hand out the parts of a journal export that are read separately: the
 * elements of the list at `journal.entries` (a Fulcrum export) or at `entries` (Day One), one at a
 * time as text, and the rest of the file (the "skeleton", where those lists read `[]`), which is small.
 */
import type { ImportLimits } from '../../../../shared/portability.js';
import { invalid } from './text.js';

const isWs = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

type Expect = 'value' | 'key' | 'colon' | 'commaOrEnd' | 'valueOrEnd' | 'keyOrEnd';
type Num = 'sign' | 'zero' | 'int' | 'dot' | 'frac' | 'exp' | 'expSign' | 'expDigits';

/** The lists whose elements are handed out one at a time, by their place in the file. */
export type ListPath = 'journal.entries' | 'entries';
const LIST_PATHS: ReadonlySet<string> = new Set<ListPath>(['journal.entries', 'entries']);
/** Objects whose member names the scanner reads (to find the lists above). */
const NAMED_OBJECTS: ReadonlySet<string> = new Set(['', 'journal']);
/** Names longer than this are none of the names looked for. */
const MAX_NAME = 64;

interface Frame {
  bracket: 0x7b | 0x5b;
  /** Where this container is: '' for the top, 'journal', 'journal.entries' …; null deeper down. */
  path: string | null;
  /** An object's current member name, when its names are read (NAMED_OBJECTS). */
  member: string | null;
}

export interface ScanOptions {
  limits: Pick<ImportLimits, 'maxDepth' | 'maxStringChars'>;
  /** Collect the skeleton (see `skeleton()`). */
  skeleton?: boolean;
  /** Hand each element of this list to `onElement` as text (checked JSON, ready for JSON.parse). */
  elementsOf?: ListPath;
  onElement?: (text: string) => void;
}

/**
 * The checker. `write` each piece of the text in order, then `end()`; a syntax error, a nesting or a
 * string over the limits throws at once (FulcrumError IMPORT_INVALID, naming the line).
 */
export class JsonScanner {
  private readonly limits: ScanOptions['limits'];
  private readonly stack: Frame[] = [];
  private expect: Expect = 'value';
  private line = 1;
  // A token that a piece may end in the middle of.
  private tok: 'none' | 'string' | 'number' | 'word' = 'none';
  private strLen = 0;
  /** 0: none; 1: after '\'; 2–5: inside "\u", that many hex digits still to come. */
  private esc = 0;
  private num: Num = 'int';
  private word = '';
  private wordAt = 0;
  /** A member name being read (in an object of NAMED_OBJECTS), or null when it is not kept. */
  private name: string | null = null;
  // What is kept of the text: the skeleton, or the current element, or nothing.
  private readonly wantSkeleton: boolean;
  private readonly elementsOf: ListPath | null;
  private readonly onElement: ((text: string) => void) | null;
  private mode: 'skeleton' | 'element' | 'skip';
  private readonly skeletonParts: string[] = [];
  private elementParts: string[] = [];
  private piece = '';
  private segStart = 0;
  /** How often each list and `journal` appeared, and whether as a list (an object for `journal`). */
  private readonly seen = new Map<string, { count: number; fits: boolean }>();
  private readonly counts = new Map<string, number>();

  constructor(opts: ScanOptions) {
    this.limits = opts.limits;
    this.wantSkeleton = opts.skeleton === true;
    this.elementsOf = opts.elementsOf ?? null;
    this.onElement = opts.onElement ?? null;
    this.mode = this.wantSkeleton ? 'skeleton' : 'skip';
  }

  /**
   * The file with each list of LIST_PATHS written as `[]`: JSON that parses to what the whole file
   * parses to, but for those lists' elements.
   */
  skeleton(): string {
    return this.skeletonParts.join('');
  }

  /**
   * The number of elements of the list at `path` when the file has exactly one such list (and, for
   * `journal.entries`, exactly one `journal` object holding it); null otherwise — JSON.parse keeps
   * the last of a repeated name, so such a file is left to be read whole.
   */
  listLength(path: ListPath): number | null {
    const list = this.seen.get(path);
    if (!list || list.count !== 1 || !list.fits) return null;
    if (path === 'journal.entries') {
      const journal = this.seen.get('journal');
      if (!journal || journal.count !== 1 || !journal.fits) return null;
    }
    return this.counts.get(path) ?? 0;
  }

  write(text: string): void {
    this.piece = text;
    this.segStart = 0;
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (this.tok === 'string') {
        i = this.inString(text, i);
        continue;
      }
      if (this.tok === 'number') {
        if (this.inNumber(c)) {
          i++;
          continue;
        }
        this.valueEnded(i); // the character after a number is read as what follows it
      }
      if (this.tok === 'word') {
        if (c !== this.word.charCodeAt(this.wordAt)) this.fail('an unexpected character');
        i++;
        if (++this.wordAt === this.word.length) {
          this.tok = 'none';
          this.valueEnded(i);
        }
        continue;
      }
      if (isWs(c)) {
        if (c === 0x0a) this.line++;
        i++;
        continue;
      }
      this.token(c, i);
      i++;
    }
    this.flush(n);
  }

  end(): void {
    if (this.tok === 'number') {
      if (this.num === 'sign' || this.num === 'dot' || this.num === 'exp' || this.num === 'expSign') this.truncated();
      this.valueEnded(this.piece.length);
    }
    if (this.tok !== 'none' || this.stack.length > 0 || this.expect !== 'commaOrEnd') this.truncated();
    this.flush(this.piece.length);
  }

  /** A character outside any string, number or word, that is not white space. */
  private token(c: number, i: number): void {
    const stack = this.stack;
    if (stack.length === 0 && this.expect === 'commaOrEnd') this.fail('more data after the end');
    if (this.expect === 'colon') {
      if (c !== 0x3a) this.fail("a ':' is missing after a name");
      this.expect = 'value';
      return;
    }
    const top = stack[stack.length - 1];
    if (this.expect === 'commaOrEnd') {
      if (c === 0x2c) this.expect = top!.bracket === 0x7b ? 'key' : 'value';
      else if ((c === 0x7d && top!.bracket === 0x7b) || (c === 0x5d && top!.bracket === 0x5b)) this.close(i);
      else this.fail(top!.bracket === 0x7b ? "a ',' or '}' is missing" : "a ',' or ']' is missing");
      return;
    }
    if ((this.expect === 'valueOrEnd' && c === 0x5d) || (this.expect === 'keyOrEnd' && c === 0x7d)) {
      this.close(i);
      return;
    }
    if (this.expect === 'key' || this.expect === 'keyOrEnd') {
      if (c !== 0x22) this.fail('a name in quotes was expected');
      this.name = top!.path !== null && NAMED_OBJECTS.has(top!.path) ? '"' : null;
      this.startString();
      return;
    }
    // A value.
    const path = this.valuePath();
    if (top?.path !== null && top?.path !== undefined && top.bracket === 0x5b && LIST_PATHS.has(top.path)) this.elementStarts(top.path, i);
    if (c === 0x7b || c === 0x5b) {
      if (stack.length >= this.limits.maxDepth) {
        throw invalid(`The file is nested more than ${this.limits.maxDepth} levels deep (line ${this.line}): it is not a journal export.`, { line: this.line });
      }
      if (path !== null && (LIST_PATHS.has(path) || path === 'journal')) {
        const s = this.seen.get(path) ?? { count: 0, fits: true };
        s.count++;
        s.fits &&= path === 'journal' ? c === 0x7b : c === 0x5b;
        this.seen.set(path, s);
      }
      stack.push({ bracket: c, path, member: null });
      this.expect = c === 0x7b ? 'keyOrEnd' : 'valueOrEnd';
      if (c === 0x5b && path !== null && LIST_PATHS.has(path)) this.switchTo('skip', i + 1);
      return;
    }
    this.noteScalar(path);
    if (c === 0x22) {
      this.name = null;
      this.startString();
      return;
    }
    if (c === 0x2d || isDigit(c)) {
      this.tok = 'number';
      this.num = c === 0x2d ? 'sign' : c === 0x30 ? 'zero' : 'int';
      return;
    }
    const word = c === 0x74 ? 'true' : c === 0x66 ? 'false' : c === 0x6e ? 'null' : '';
    if (!word) this.fail('an unexpected character');
    this.tok = 'word';
    this.word = word;
    this.wordAt = 1;
  }

  /** Where a value about to start lies: a path for the containers looked into, null elsewhere. */
  private valuePath(): string | null {
    const top = this.stack[this.stack.length - 1];
    if (!top) return '';
    if (top.bracket === 0x5b || top.path === null || top.member === null) return null;
    return top.path === '' ? top.member : `${top.path}.${top.member}`;
  }

  /** A list of LIST_PATHS or `journal` given as something else than a list (an object): it does not fit. */
  private noteScalar(path: string | null): void {
    if (path !== null && (LIST_PATHS.has(path) || path === 'journal')) {
      const s = this.seen.get(path) ?? { count: 0, fits: true };
      s.count++;
      s.fits = false;
      this.seen.set(path, s);
    }
  }

  private close(i: number): void {
    const frame = this.stack.pop()!;
    if (frame.bracket === 0x5b && frame.path !== null && LIST_PATHS.has(frame.path)) this.switchTo('skeleton', i);
    this.valueEnded(i + 1);
  }

  private startString(): void {
    this.tok = 'string';
    this.strLen = 1;
    this.esc = 0;
  }

  /** Reads string characters from `i`; returns where it stopped (after the closing quote, or the piece's end). */
  private inString(text: string, i: number): number {
    const n = text.length;
    const max = this.limits.maxStringChars;
    const from = i;
    while (i < n) {
      const ch = text.charCodeAt(i);
      if (this.esc === 1) {
        if (ch === 0x75) this.esc = 5;
        else if (ch === 0x22 || ch === 0x5c || ch === 0x2f || ch === 0x62 || ch === 0x66 || ch === 0x6e || ch === 0x72 || ch === 0x74) {
          this.esc = 0;
          this.strLen += 2;
        } else this.fail('a broken escape sequence');
      } else if (this.esc >= 2) {
        if (!isHex(ch)) this.fail('a broken \\u escape');
        if (--this.esc === 1) {
          this.esc = 0;
          this.strLen += 6;
        }
      } else if (ch === 0x22) {
        i++;
        this.keepName(text, from, i);
        this.tok = 'none';
        if (this.expect === 'key' || this.expect === 'keyOrEnd') this.nameEnded();
        else this.valueEnded(i);
        return i;
      } else if (ch === 0x5c) {
        this.esc = 1;
      } else if (ch < 0x20) {
        this.fail('a line break or control character inside a quoted text');
      } else this.strLen++;
      if (this.strLen > max) {
        throw invalid(`A text on line ${this.line} is longer than ${max.toLocaleString('en')} characters: the file is not a journal export, or it is damaged.`, { line: this.line });
      }
      i++;
    }
    this.keepName(text, from, n);
    return i;
  }

  private keepName(text: string, from: number, to: number): void {
    if (this.name === null) return;
    this.name += text.slice(from, to);
    if (this.name.length > MAX_NAME + 2) this.name = null;
  }

  private nameEnded(): void {
    const top = this.stack[this.stack.length - 1]!;
    // The name as JSON.parse reads it ("entr\u0069es" is "entries"); raw text checked just now.
    top.member = this.name === null ? null : (JSON.parse(this.name) as string);
    this.name = null;
    this.expect = 'colon';
  }

  /** One more number character? False when the number ended before `c` (or `c` breaks it). */
  private inNumber(c: number): boolean {
    const digit = isDigit(c);
    switch (this.num) {
      case 'sign':
        if (!digit) this.fail('a broken number');
        this.num = c === 0x30 ? 'zero' : 'int';
        return true;
      case 'zero':
      case 'int':
      case 'frac':
        if (digit && this.num !== 'zero') return true;
        if (c === 0x2e && this.num !== 'frac') {
          this.num = 'dot';
          return true;
        }
        if (c === 0x65 || c === 0x45) {
          this.num = 'exp';
          return true;
        }
        return false;
      case 'dot':
        if (!digit) this.fail('a broken number');
        this.num = 'frac';
        return true;
      case 'exp':
        if (c === 0x2b || c === 0x2d) {
          this.num = 'expSign';
          return true;
        }
        if (!digit) this.fail('a broken number');
        this.num = 'expDigits';
        return true;
      case 'expSign':
        if (!digit) this.fail('a broken number');
        this.num = 'expDigits';
        return true;
      case 'expDigits':
        return digit;
    }
  }

  /** A value ended just before `at` (in the current piece). */
  private valueEnded(at: number): void {
    this.tok = 'none';
    this.expect = 'commaOrEnd'; // a ',' or the container's end; at the top level, nothing more
    const top = this.stack[this.stack.length - 1];
    if (this.mode === 'element' && top && top.bracket === 0x5b && top.path === this.elementsOf) {
      this.flush(at);
      const text = this.elementParts.join('');
      this.elementParts = [];
      this.mode = 'skip';
      this.onElement?.(text);
    }
  }

  private elementStarts(path: string, at: number): void {
    this.counts.set(path, (this.counts.get(path) ?? 0) + 1);
    if (path === this.elementsOf && this.onElement) this.switchTo('element', at);
  }

  /** Keeps the text read since the last switch as the current mode says, and goes on in `mode` from `at`. */
  private switchTo(mode: 'skeleton' | 'element' | 'skip', at: number): void {
    this.flush(at);
    this.mode = mode === 'skeleton' && !this.wantSkeleton ? 'skip' : mode;
  }

  private flush(at: number): void {
    if (at > this.segStart) {
      if (this.mode === 'skeleton') this.skeletonParts.push(this.piece.slice(this.segStart, at));
      else if (this.mode === 'element') this.elementParts.push(this.piece.slice(this.segStart, at));
    }
    this.segStart = at;
  }

  private fail(what: string): never {
    throw invalid(`The file is not valid JSON: ${what} on line ${this.line}.`, { line: this.line });
  }

  private truncated(): never {
    throw invalid(`The file ends in the middle of its data (line ${this.line}): it looks cut off. Export it again.`, { line: this.line });
  }
}

/** Checks a whole text at once (see JsonScanner). */
export function checkJson(text: string, limits: Pick<ImportLimits, 'maxDepth' | 'maxStringChars'>): void {
  const scanner = new JsonScanner({ limits });
  scanner.write(text);
  scanner.end();
}

/** JSON.parse after checkJson has passed: cannot fail on syntax, depth or size. */
export function parseCheckedJson(text: string, limits: Pick<ImportLimits, 'maxDepth' | 'maxStringChars'>): unknown {
  checkJson(text, limits);
  try {
    return JSON.parse(text);
  } catch {
    throw invalid('The file is not valid JSON.');
  }
}
