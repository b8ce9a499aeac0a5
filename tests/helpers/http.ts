import http from 'node:http';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json(): unknown;
}

/**
 * A raw HTTP request with full control of every header (fetch forbids setting Host; this does not),
 * for testing the browser-mode host's guards.
 */
export function rawRequest(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: { Host: `127.0.0.1:${port}`, ...opts.headers },
        setHost: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/**
 * Trades a browser-mode launch URL (or its bare token) for a session secret, as the page does on
 * first load; the launch token is used up.
 */
export async function sessionFor(port: number, launch: string): Promise<string> {
  const token = launch.includes('#token=') ? launch.slice(launch.indexOf('#token=') + '#token='.length) : launch;
  const r = await rawRequest(port, { method: 'POST', path: '/api/session', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } });
  const reply = r.json() as { ok: boolean; value?: { session: string } };
  if (r.status !== 200 || !reply.ok || !reply.value) throw new Error(`the launch token was refused (${r.status}): ${r.text}`);
  return reply.value.session;
}
