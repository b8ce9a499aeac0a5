/**
 * A JSON syntax check that runs before JSON.parse: one pass, no recursion, so it cannot overflow the
 * stack on 10 000 nested brackets. It refuses nesting deeper than the limit and any string longer than
 * the limit before a single object is built, and names the line of a syntax error without quoting
 * the file (V8's own messages include a piece of the content, which must not reach a log or the UI).
 */
import type { ImportLimits } from '../../../../shared/portability.js';
import { invalid, lineAt } from './text.js';

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

type Expect = 'value' | 'key' | 'colon' | 'commaOrEnd' | 'valueOrEnd' | 'keyOrEnd';

export function checkJson(text: string, limits: Pick<ImportLimits, 'maxDepth' | 'maxStringChars'>): void {
  const stack: number[] = []; // 0x7b '{' or 0x5b '['
  let expect = 'value' as Expect;
  let i = 0;
  const n = text.length;
  const fail = (what: string, at = i): never => {
    const line = lineAt(text, at);
    throw invalid(`The file is not valid JSON: ${what} on line ${line}.`, { line });
  };
  const truncated = (): never => {
    throw invalid(`The file ends in the middle of its data (line ${lineAt(text, n)}): it looks cut off. Export it again.`, { line: lineAt(text, n) });
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (WS.has(c)) {
      i++;
      continue;
    }
    if (stack.length === 0 && expect === 'commaOrEnd') fail('more data after the end');

    if (expect === 'colon') {
      if (c !== 0x3a) fail("a ':' is missing after a name");
      i++;
      expect = 'value';
      continue;
    }
    if (expect === 'commaOrEnd') {
      const top = stack[stack.length - 1];
      if (c === 0x2c) {
        i++;
        expect = top === 0x7b ? 'key' : 'value';
      } else if ((c === 0x7d && top === 0x7b) || (c === 0x5d && top === 0x5b)) {
        stack.pop();
        i++;
        expect = 'commaOrEnd'; // a ',' or the container's end; at the top level, nothing more
      } else fail(top === 0x7b ? "a ',' or '}' is missing" : "a ',' or ']' is missing");
      continue;
    }
    if ((expect === 'valueOrEnd' && c === 0x5d) || (expect === 'keyOrEnd' && c === 0x7d)) {
      stack.pop();
      i++;
      expect = 'commaOrEnd'; // a ',' or the container's end; at the top level, nothing more
      continue;
    }
    if (expect === 'key' || expect === 'keyOrEnd') {
      if (c !== 0x22) fail('a name in quotes was expected');
      i = scanString(i);
      expect = 'colon';
      continue;
    }
    // A value.
    if (c === 0x7b || c === 0x5b) {
      if (stack.length >= limits.maxDepth) {
        throw invalid(`The file is nested more than ${limits.maxDepth} levels deep (line ${lineAt(text, i)}): it is not a journal export.`, {
          line: lineAt(text, i),
        });
      }
      stack.push(c);
      i++;
      expect = c === 0x7b ? 'keyOrEnd' : 'valueOrEnd';
      continue;
    }
    if (c === 0x22) {
      i = scanString(i);
      expect = 'commaOrEnd'; // a ',' or the container's end; at the top level, nothing more
      continue;
    }
    if (c === 0x2d || isDigit(c)) {
      i = scanNumber(i);
      expect = 'commaOrEnd'; // a ',' or the container's end; at the top level, nothing more
      continue;
    }
    const word = text.startsWith('true', i) ? 4 : text.startsWith('null', i) ? 4 : text.startsWith('false', i) ? 5 : 0;
    if (word) {
      i += word;
      expect = 'commaOrEnd'; // a ',' or the container's end; at the top level, nothing more
      continue;
    }
    if (n - i < 5 && ('true'.startsWith(text.slice(i)) || 'false'.startsWith(text.slice(i)) || 'null'.startsWith(text.slice(i)))) truncated();
    fail('an unexpected character');
  }
  if (stack.length > 0 || expect !== 'commaOrEnd') truncated();

  function scanString(start: number): number {
    let j = start + 1;
    for (;;) {
      if (j >= n) truncated();
      const ch = text.charCodeAt(j);
      if (ch === 0x22) break;
      if (ch === 0x5c) {
        if (j + 1 >= n) truncated();
        const e = text.charCodeAt(j + 1);
        if (e === 0x75) {
          if (j + 6 > n) truncated();
          for (let k = j + 2; k < j + 6; k++) if (!isHex(text.charCodeAt(k))) fail('a broken \\u escape', k);
          j += 6;
        } else if ('"\\/bfnrt'.includes(String.fromCharCode(e))) j += 2;
        else fail('a broken escape sequence', j);
      } else if (ch < 0x20) {
        fail('a line break or control character inside a quoted text', j);
      } else j++;
      if (j - start > limits.maxStringChars) {
        throw invalid(
          `A text on line ${lineAt(text, start)} is longer than ${limits.maxStringChars.toLocaleString('en')} characters: the file is not a journal export, or it is damaged.`,
          { line: lineAt(text, start) },
        );
      }
    }
    return j + 1;
  }

  function scanNumber(start: number): number {
    let j = start;
    if (text.charCodeAt(j) === 0x2d) j++;
    if (j >= n) truncated();
    if (text.charCodeAt(j) === 0x30) j++;
    else if (isDigit(text.charCodeAt(j))) while (j < n && isDigit(text.charCodeAt(j))) j++;
    else fail('a broken number', j);
    if (text.charCodeAt(j) === 0x2e) {
      j++;
      if (!isDigit(text.charCodeAt(j))) (j >= n ? truncated : () => fail('a broken number', j))();
      while (j < n && isDigit(text.charCodeAt(j))) j++;
    }
    const e = text.charCodeAt(j);
    if (e === 0x65 || e === 0x45) {
      j++;
      const s = text.charCodeAt(j);
      if (s === 0x2b || s === 0x2d) j++;
      if (!isDigit(text.charCodeAt(j))) (j >= n ? truncated : () => fail('a broken number', j))();
      while (j < n && isDigit(text.charCodeAt(j))) j++;
    }
    return j;
  }
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

/**
 * Where the array at `journal.entries` of a Fulcrum export lies in text that checkJson has passed:
 * `[start, end)` from its '[' to just after its ']'. Null when the top level is not an object with a
 * `journal` object holding an `entries` array, or when either name is given twice (JSON.parse would
 * keep the last one; the whole-file reading is left to decide such a file).
 */
export function entriesArraySpan(text: string): { start: number; end: number } | null {
  const top = skipWs(text, 0);
  if (text.charCodeAt(top) !== 0x7b) return null;
  const journal = uniqueMember(text, top, 'journal');
  if (journal === null || text.charCodeAt(journal) !== 0x7b) return null;
  const entries = uniqueMember(text, journal, 'entries');
  if (entries === null || text.charCodeAt(entries) !== 0x5b) return null;
  return { start: entries, end: skipValue(text, entries) };
}

/** Each element of the array whose '[' is at `start`, as `[from, to)` in checked JSON text. */
export function* arrayElements(text: string, start: number): Generator<[number, number]> {
  let i = skipWs(text, start + 1);
  if (text.charCodeAt(i) === 0x5d) return;
  while (i < text.length) {
    const end = skipValue(text, i);
    yield [i, end];
    i = skipWs(text, end);
    if (text.charCodeAt(i) === 0x5d) return;
    i = skipWs(text, i + 1); // past the ','
  }
}

/** The start of the value of the member `name` of the object whose '{' is at `open`; null when absent or repeated. */
function uniqueMember(text: string, open: number, name: string): number | null {
  let found: number | null = null;
  let i = skipWs(text, open + 1);
  if (text.charCodeAt(i) === 0x7d) return null;
  for (;;) {
    if (text.charCodeAt(i) !== 0x22) return null;
    const keyEnd = skipString(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    const value = skipWs(text, skipWs(text, keyEnd) + 1); // past the ':'
    if (key === name) {
      if (found !== null) return null;
      found = value;
    }
    i = skipWs(text, skipValue(text, value));
    if (text.charCodeAt(i) === 0x7d) return found;
    i = skipWs(text, i + 1); // past the ','
  }
}

function skipWs(text: string, i: number): number {
  while (i < text.length && WS.has(text.charCodeAt(i))) i++;
  return i;
}

/** Past the string whose opening quote is at `i`. */
function skipString(text: string, i: number): number {
  let j = i + 1;
  // Bounded all the same, so that text which was not checked cannot make it loop forever.
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 0x22) return j + 1;
    j += c === 0x5c ? 2 : 1;
  }
  return text.length;
}

/** Past the value that starts at `i` (checked JSON: every bracket is closed, every string ends). */
function skipValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 0x22) return skipString(text, i);
  if (c !== 0x7b && c !== 0x5b) {
    let j = i;
    while (j < text.length) {
      const d = text.charCodeAt(j);
      if (d === 0x2c || d === 0x7d || d === 0x5d || WS.has(d)) break;
      j++;
    }
    return j;
  }
  let depth = 0;
  let j = i;
  while (j < text.length) {
    const d = text.charCodeAt(j);
    if (d === 0x22) {
      j = skipString(text, j);
      continue;
    }
    if (d === 0x7b || d === 0x5b) depth++;
    else if (d === 0x7d || d === 0x5d) {
      depth--;
      if (depth === 0) return j + 1;
    }
    j++;
  }
  return text.length;
}
