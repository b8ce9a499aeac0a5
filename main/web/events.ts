import type { ServerResponse } from 'node:http';
import type { AppEvent } from '../../shared/api.js';

/**
 * Server-sent events to every open page (`GET /api/events`). The page reads the stream with fetch,
 * not EventSource, so that it can send the Authorization header.
 */
export class EventStreams {
  private readonly clients = new Set<ServerResponse>();
  private heartbeat: NodeJS.Timeout | null = null;

  add(res: ServerResponse): void {
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
    // A comment line first, so the client knows the stream is open; then one every 15 s, so that
    // nothing between (there is nothing between on loopback, but proxies in dev setups) times it out.
    res.write(': open\n\n');
    if (!this.heartbeat) {
      this.heartbeat = setInterval(() => {
        for (const c of this.clients) c.write(': keep-alive\n\n');
      }, 15_000);
      this.heartbeat.unref();
    }
  }

  emit(event: AppEvent): void {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    for (const c of this.clients) c.write(frame);
  }

  get size(): number {
    return this.clients.size;
  }

  closeAll(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    for (const c of this.clients) c.end();
    this.clients.clear();
  }
}
