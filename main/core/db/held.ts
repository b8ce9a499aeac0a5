/**
 * Read snapshots held open by backups in progress (see snapshot.ts). An explicit checkpoint would wait
 * on them for the busy timeout, so whoever checkpoints releases them first; each copy then stops at
 * its next step.
 */
const held = new Set<() => void>();

export function holdSnapshot(release: () => void): () => void {
  held.add(release);
  return () => void held.delete(release);
}

/** Are copies being taken right now? (The idle checkpoint leaves the journal alone meanwhile.) */
export const snapshotsHeld = (): boolean => held.size > 0;

/** Ends every snapshot in progress. Called before any explicit checkpoint. */
export function releaseSnapshots(): void {
  for (const release of [...held]) release();
}
