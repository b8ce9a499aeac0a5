import type { IncomingMessage } from 'node:http';

/**
 * Reads a request's body as it arrives, at most `limit` bytes, handing each network chunk to `take`
 * with the bytes received so far. Resolves true at the body's end, and false as soon as it is known
 * to be larger than `limit` (by its declared length, or by the bytes counted): nothing more is read
 * then, and the caller answers and lets the connection close.
 */
export function readWithin(req: IncomingMessage, limit: number, take: (chunk: Buffer, received: number) => void): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) return resolve(false);
    let received = 0;
    req.on('data', (c: Buffer) => {
      received += c.length;
      if (received > limit) {
        req.removeAllListeners('data');
        req.pause();
        resolve(false);
      } else take(c, received);
    });
    req.on('end', () => resolve(true));
    req.on('error', reject);
  });
}
