import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { api, CHANNELS, type Channel } from '../../shared/api.js';
import { ERROR_CODES } from '../../shared/errors.js';
import { createdService, testService } from '../helpers/journal.js';

/** Values that are wrong in every way a hostile or buggy caller could send. */
const hostile = fc.oneof(
  fc.anything({ maxDepth: 3, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true }),
  fc.record({ id: fc.oneof(fc.double(), fc.string(), fc.constant(-1), fc.constant(0), fc.constant(2 ** 60)) }),
  fc.record({ name: fc.string({ maxLength: 3 }), kind: fc.string(), color: fc.string() }),
  fc.record({ occurredAt: fc.oneof(fc.double(), fc.string(), fc.constant(Number.NaN)), timeZone: fc.string() }),
  fc.record({ passphrase: fc.oneof(fc.integer(), fc.constant(''), fc.constant('x'.repeat(5000))) }),
  fc.record({ filter: fc.anything({ maxDepth: 2 }), cursor: fc.anything({ maxDepth: 1 }), limit: fc.oneof(fc.integer(), fc.double()) }),
  fc.constant({ __proto__: { admin: true } }),
  fc.constant(JSON.parse('{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"x": 1}}}')),
  fc.string({ maxLength: 20 }),
);

/** How many rows there are and how many changes were ever made: proves nothing was written. */
function fingerprint(db: ReturnType<Awaited<ReturnType<typeof createdService>>['service']['vault']['database']>) {
  const counts = ['people', 'tags', 'entries', 'checkins', 'drafts', 'entry_tags', 'entry_people']
    .map((t) => db.prepare(`SELECT count(*) FROM ${t}`).pluck().get())
    .join(',');
  return `${counts}|${db.prepare('SELECT total_changes()').pluck().get()}`;
}

describe('dispatch', () => {
  it('answers every contract call fed malformed input with a typed error, never a throw, never a write', async () => {
    const { service } = await createdService();
    const before = fingerprint(service.vault.database());
    let checked = 0;
    for (const channel of CHANNELS) {
      await fc.assert(
        fc.asyncProperty(hostile, async (input: unknown) => {
          fc.pre(!api[channel].input.safeParse(input).success);
          checked++;
          const reply = await service.dispatch(channel, input);
          expect(reply.ok, `${channel} accepted malformed input`).toBe(false);
          if (!reply.ok) {
            expect(ERROR_CODES).toContain(reply.error.code);
            expect(reply.error.code).toBe('VALIDATION');
            expect(typeof reply.error.message).toBe('string');
          }
        }),
        { numRuns: 60 },
      );
    }
    expect(checked).toBeGreaterThan(CHANNELS.length * 30);
    expect(fingerprint(service.vault.database())).toBe(before);
    expect(service.vault.database().pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('refuses every call but create, unlock, status and strength while locked', async () => {
    const service = testService();
    const allowed: Channel[] = ['vault.status', 'vault.checkStrength', 'vault.create', 'vault.unlock', 'vault.lock', 'session.quickExit', 'safety.preferences', 'ui.language',
      // Restoring a backup must work when the journal cannot be opened (damaged, forgotten passphrase, new computer).
      'backup.pick', 'backup.list', 'backup.inspect', 'backup.restore'];
    for (const channel of CHANNELS) {
      const reply = await service.dispatch(channel, {});
      if (allowed.includes(channel)) continue;
      expect(reply, channel).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    }
    expect(CHANNELS.filter((c) => api[c].whileLocked).sort()).toEqual([...allowed].sort());
  });

  it('answers an unknown call and a non-string call name with UNKNOWN_CALL', async () => {
    const service = testService();
    await expect(service.dispatch('people.drop', {})).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    await expect(service.dispatch('__proto__', {})).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    await expect(service.dispatch('toString', {})).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    await expect(service.dispatch(42 as unknown as string, {})).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
  });

  it('never echoes the submitted values in a validation message', async () => {
    const { service } = await createdService();
    const secret = 'Hiddenwords Nevershown';
    const reply = await service.dispatch('people.create', { name: secret, kind: secret, color: secret });
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.message).not.toContain('Hiddenwords');
  });
});
