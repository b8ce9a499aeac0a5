/* global process */
// TEST ONLY: loaded with `node --import` into the browser-mode host the canary journey spawns. It
// lets the host listen and talk to itself over loopback, and records (then refuses) every attempt to
// reach anything else: TCP/TLS connects, DNS lookups of other names, UDP sends. Attempts are appended
// synchronously to FULCRUM_NET_GUARD_LOG, so even a host killed with -9 leaves its record.
import dgram from 'node:dgram';
import dns from 'node:dns';
import fs from 'node:fs';
import net from 'node:net';

const LOG = process.env.FULCRUM_NET_GUARD_LOG;
const LOOPBACK_NAMES = new Set(['localhost', 'localhost.', '127.0.0.1', '::1', '[::1]']);
const isLoopback = (host) => host === undefined || host === null || LOOPBACK_NAMES.has(String(host).toLowerCase()) || /^127\./.test(String(host)) || String(host).startsWith('::ffff:127.');

function attempt(what, detail) {
  const line = `${JSON.stringify({ what, detail, at: Date.now() })}\n`;
  if (LOG) fs.appendFileSync(LOG, line);
  const error = new Error(`network guard: ${what} ${detail} refused (browser mode must not reach the network)`);
  error.code = 'ENETUNREACH';
  return error;
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const opts = typeof first === 'object' && first !== null ? first : { port: first, host: typeof args[1] === 'string' ? args[1] : undefined };
  if (opts.path === undefined && !isLoopback(opts.host)) {
    const error = attempt('connect', `${opts.host}:${opts.port}`);
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return connect.apply(this, args);
};

const lookup = dns.lookup;
dns.lookup = function (hostname, ...rest) {
  if (!isLoopback(hostname)) {
    const cb = rest.find((a) => typeof a === 'function');
    const error = attempt('dns.lookup', hostname);
    if (cb) process.nextTick(() => cb(error));
    return undefined;
  }
  return lookup.call(this, hostname, ...rest);
};
const plookup = dns.promises.lookup;
dns.promises.lookup = function (hostname, ...rest) {
  if (!isLoopback(hostname)) return Promise.reject(attempt('dns.promises.lookup', hostname));
  return plookup.call(this, hostname, ...rest);
};
for (const name of ['resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveTxt', 'resolveSrv', 'reverse']) {
  const original = dns[name];
  if (typeof original !== 'function') continue;
  dns[name] = function (hostname, ...rest) {
    const cb = rest.find((a) => typeof a === 'function');
    const error = attempt(`dns.${name}`, hostname);
    if (cb) process.nextTick(() => cb(error));
  };
}
const send = dgram.Socket.prototype.send;
dgram.Socket.prototype.send = function (...args) {
  const host = args.find((a, i) => i > 0 && typeof a === 'string');
  if (!isLoopback(host)) throw attempt('udp.send', String(host));
  return send.apply(this, args);
};
