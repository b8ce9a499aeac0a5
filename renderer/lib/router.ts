/**
 * Hash routing without a library: `#/people`, `#/entry/12/edit`. The hash carries only page names
 * and ids, never journal content.
 */
import { useSyncExternalStore } from 'react';

function currentPath(): string {
  const h = window.location.hash.replace(/^#/, '');
  return h.startsWith('/') ? h : '/';
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath, () => '/');
}

export function navigate(path: string): void {
  if (currentPath() === path) return;
  window.location.hash = path;
}

/** Drops the route without adding a history entry (used when locking). */
export function resetRoute(): void {
  history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/`);
}

/** Matches '/entry/:id/edit' against '/entry/12/edit' → { id: '12' } (or null). */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const a = path.split('?')[0]!.split('/').filter(Boolean);
  if (p.length !== a.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const seg = p[i]!;
    const val = a[i]!;
    if (seg.startsWith(':')) params[seg.slice(1)] = decodeURIComponent(val);
    else if (seg !== val) return null;
  }
  return params;
}
