/**
 * The browser-mode API from the test process, for setting a journal up quickly (the journeys
 * themselves go through the UI). Same HTTP calls the page makes: it trades a launch link of its own
 * (minted by the host, so the page's link stays unused) for a session secret, then calls with that.
 */
import type { Channel, InputOf, ResultOf } from '../../shared/api.js';
import type { Reply } from '../../shared/errors.js';

export interface HostAddress {
  /** A fresh single-use `http://127.0.0.1:PORT/#token=…` link (each launch link works once). */
  newLaunchUrl(): string | Promise<string>;
}

/** Trades a launch link for a session secret, as the page does on its first load. */
export async function sessionOf(launchUrl: string): Promise<string> {
  const url = new URL(launchUrl);
  const res = await fetch(`${url.origin}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${url.hash.replace(/^#token=/, '')}` },
  });
  const reply = (await res.json()) as Reply<{ session: string }>;
  if (!reply.ok) throw new Error(`the launch link was refused: ${reply.error.message}`);
  return reply.value.session;
}

export type ApiCall = <C extends Channel>(channel: C, input: InputOf<C>) => Promise<ResultOf<C>>;

export function apiOf(host: HostAddress): ApiCall {
  let opened: Promise<{ origin: string; session: string }> | null = null;
  const open = async () => {
    const url = await host.newLaunchUrl();
    return { origin: new URL(url).origin, session: await sessionOf(url) };
  };
  return async (channel, input) => {
    const { origin, session } = await (opened ??= open());
    const res = await fetch(`${origin}/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session}` },
      body: JSON.stringify(input),
    });
    const reply = (await res.json()) as Reply<ResultOf<typeof channel>>;
    if (!reply.ok) throw new Error(`${channel} failed: ${reply.error.code}: ${reply.error.message}`);
    if (channel === 'vault.create') await confirmRecoveryKey(origin, session, (reply.value as { recoveryKey: string }).recoveryKey);
    return reply.value;
  };
}

/**
 * A journal set up through the API counts its recovery key as written down (the test holds it), so
 * the UI under test opens straight into the journal instead of showing the key again. The journeys
 * that create a journal through the UI confirm it there.
 */
async function confirmRecoveryKey(origin: string, session: string, recoveryKey: string): Promise<void> {
  const res = await fetch(`${origin}/api/vault.confirmRecoveryKey`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session}` },
    body: JSON.stringify({ group: 1, typed: recoveryKey.split('-')[0] }),
  });
  const reply = (await res.json()) as Reply<null>;
  if (!reply.ok) throw new Error(`vault.confirmRecoveryKey failed: ${reply.error.code}`);
}

/** Pattern ids by label (built-in and custom, archived included). */
export async function tagIdsByLabel(call: ApiCall): Promise<Map<string, number>> {
  const tags = await call('tags.list', { includeArchived: true });
  return new Map(tags.map((t) => [t.label, t.id]));
}
