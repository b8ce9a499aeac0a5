/**
 * Side effects behind small ports (STYLE.md): Electron implements them in main/app, the browser-mode
 * host in main/web, and tests pass simple in-memory ones. Core never imports 'electron'.
 */
export interface Ports {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Logs go to stderr only, and never carry journal content (names, text, tags). */
  log(level: 'info' | 'warn' | 'error', message: string): void;
}

export function defaultPorts(): Ports {
  return {
    now: () => Date.now(),
    log: (level, message) => {
      if (level !== 'info' || process.env.FULCRUM_DEBUG) process.stderr.write(`[fulcrum] ${level}: ${message}\n`);
    },
  };
}
