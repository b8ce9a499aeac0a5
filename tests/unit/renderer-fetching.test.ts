/**
 * Data reaches the screens through TanStack Query (renderer/lib/queries.ts), not through effects
 * that call the back end and set state: such an effect has no guard against an older answer
 * arriving after a newer one, and nothing else learns when its data changes. This scans every
 * renderer file with TypeScript's own parser and fails, naming the file and line, when a
 * `useEffect`/`useLayoutEffect` body calls `call(...)` or `unwrap(...)` — directly, in a function
 * it defines, or through a function of the same file it calls (`reload()` declared above it).
 *
 * ALLOWED lists the effects that are not loading data (a heartbeat, a one-way notice to main), each
 * with its count; the list must match exactly. A file being converted would be listed in NOT_YET
 * with its count (none is now), so a new offence there fails too.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RENDERER = path.join(ROOT, 'renderer');

const BACK_END_CALLS = new Set(['call', 'unwrap']);
const EFFECTS = new Set(['useEffect', 'useLayoutEffect']);

/**
 * Effects that talk to main without loading anything to show: the quick-exit key (it locks), the
 * activity heartbeat (auto-lock), and the gate's first look at the vault, which picks the screen
 * (welcome, unlock, journal) before any journal data exists and runs again after every lock.
 */
const ALLOWED: Record<string, number> = {
  'renderer/App.tsx': 3,
};

/**
 * Files still loading the old way while they are converted, each with its count, so none is added
 * there meanwhile. None is left: every screen reads through queries.
 */
const NOT_YET: Record<string, number> = {};

export function effectCallsIn(file: string, text = fs.readFileSync(file, 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  // The file's own named functions (declarations, arrows, useCallback(...)), to follow calls into them.
  const local = new Map<string, ts.Node>();
  const collect = (node: ts.Node) => {
    if (ts.isFunctionDeclaration(node) && node.name && node.body) local.set(node.name.text, node.body);
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const init = node.initializer;
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) local.set(node.name.text, init.body);
      else if (ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'useCallback' && init.arguments[0]) local.set(node.name.text, init.arguments[0]);
    }
    ts.forEachChild(node, collect);
  };
  collect(source);
  const callsBackEnd = (node: ts.Node, seen: Set<string>): ts.Node | null => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      if (BACK_END_CALLS.has(name)) return node;
      const body = ts.isIdentifier(callee) ? local.get(name) : undefined;
      if (body && !seen.has(name) && callsBackEnd(body, new Set([...seen, name]))) return node;
    }
    let hit: ts.Node | null = null;
    ts.forEachChild(node, (child) => {
      hit ??= callsBackEnd(child, seen);
    });
    return hit;
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && EFFECTS.has(node.expression.text)) {
      const body = node.arguments[0];
      const hit = body ? callsBackEnd(body, new Set()) : null;
      if (hit) {
        const { line } = source.getLineAndCharacterOfPosition(hit.getStart(source));
        found.push(`${line + 1}: ${hit.getText(source).replace(/\s+/g, ' ').slice(0, 70)}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function rendererFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return rendererFiles(p);
    return /\.tsx?$/.test(d.name) ? [p] : [];
  });
}

describe('renderer data fetching', () => {
  it('the scan finds a load in an effect, directly or through a function of the file', () => {
    const direct = `useEffect(() => {\n  call('entries.get', { id }).then(setEntry);\n}, [id]);`;
    const through = `const reload = useCallback(async () => setItems(await unwrap(x)), []);\nfunction go() { void reload(); }\nuseEffect(() => go(), []);`;
    const listener = `useEffect(() => subscribe(() => setCount((n) => n + 1)), []);`;
    expect(effectCallsIn('a.tsx', direct)).toEqual([`2: call('entries.get', { id })`]);
    expect(effectCallsIn('b.tsx', through)).toEqual(['3: go()']);
    expect(effectCallsIn('c.tsx', listener)).toEqual([]);
  });

  it('no effect loads data from the back end by hand', () => {
    const offences: Record<string, string[]> = {};
    for (const file of rendererFiles(RENDERER)) {
      const found = effectCallsIn(file);
      if (found.length > 0) offences[path.relative(ROOT, file)] = found;
    }
    const counts = Object.fromEntries(Object.entries(offences).map(([f, list]) => [f, list.length]));
    const expected = { ...ALLOWED, ...NOT_YET };
    // On failure the offences are listed by file and line.
    expect(counts, JSON.stringify(offences, null, 2)).toEqual(expected);
  });
});
