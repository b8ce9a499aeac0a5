/**
 * Awaits a promise that only a timer of the core will settle (the automatic backup, AUTO_BACKUP_DELAY_MS
 * after an unlock): the core's timers never keep the process alive, so with nothing else pending Node
 * would exit before it fires. This holds the process open until it settles. (A module of its own, with
 * no journal code: the bench's child processes import it too.)
 */
export async function keptAlive<T>(p: Promise<T>): Promise<T> {
  const alive = setInterval(() => {}, 1_000);
  try {
    return await p;
  } finally {
    clearInterval(alive);
  }
}
