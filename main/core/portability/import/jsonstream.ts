/**
 * A JSON journal export read from its bytes a piece at a time (source.ts → text → JsonScanner):
 * first a check of the whole file that keeps only its skeleton (everything but the entries), then,
 * as often as needed, its entries one by one. Memory holds one piece of the file and one entry, not
 * the file.
 */
import type { ImportLimits } from '../../../../shared/portability.js';
import { JsonScanner, type ListPath } from './jsonscan.js';
import { decodePieces, watched, type ByteSource, type Seen } from './source.js';

type Limits = Pick<ImportLimits, 'maxDepth' | 'maxStringChars'>;

export interface JsonSkeleton {
  /** The file parsed with its entry lists read as `[]`. */
  skeleton: unknown;
  /** The number of entries of each list when the file has it exactly once (else null: read the file whole). */
  lists: Record<ListPath, number | null>;
  /** What the bytes were, for the readings after this one. */
  seen: Seen;
}

/**
 * Checks the whole file as JSON (the errors of checkJson) and keeps its skeleton. Null, having read
 * only its first piece, when the text does not start with '{' or '[' (it is not JSON).
 */
export async function scanJsonFile(source: ByteSource, limits: Limits, pause: () => Promise<void>): Promise<JsonSkeleton | null> {
  const seen = { value: null as Seen | null };
  const scanner = new JsonScanner({ limits, skeleton: true });
  let looked = false;
  for await (const text of decodePieces(watched(source, seen))) {
    if (!looked) {
      const first = /\S/.exec(text);
      if (first) {
        if (first[0] !== '{' && first[0] !== '[') return null;
        looked = true;
      }
    }
    scanner.write(text);
    await pause();
  }
  scanner.end();
  return {
    skeleton: JSON.parse(scanner.skeleton()) as unknown,
    lists: { 'journal.entries': scanner.listLength('journal.entries'), entries: scanner.listLength('entries') },
    seen: seen.value!,
  };
}

/**
 * The elements of the list at `path`, parsed, in the file's order — from the same file the scan
 * read (its length and SHA-256 are checked; a changed file fails at its end).
 */
export async function* jsonElements(source: ByteSource, limits: Limits, path: ListPath, expect: Seen): AsyncGenerator<unknown> {
  const ready: string[] = [];
  const scanner = new JsonScanner({ limits, elementsOf: path, onElement: (text) => ready.push(text) });
  const unused = { value: null as Seen | null };
  for await (const text of decodePieces(watched(source, unused, expect))) {
    scanner.write(text);
    for (const element of ready.splice(0)) yield JSON.parse(element) as unknown;
  }
  scanner.end();
  for (const element of ready.splice(0)) yield JSON.parse(element) as unknown;
}
