/** Guided writing through the real API: the writer's own templates (CRUD, order, bad input) and the prompt preference. */
import { describe, expect, it } from 'vitest';
import { MAX_WRITING_TEMPLATES, type WritingPreferences, type WritingTemplate } from '../../shared/writing.js';
import { createdService, filesContaining, PASSPHRASE } from '../helpers/journal.js';

async function journal() {
  const clock = { now: Date.UTC(2024, 4, 6, 12) };
  const j = await createdService(undefined, { ports: { now: () => clock.now, log: () => {} } });
  const fail = async (channel: string, input: unknown) => {
    const reply = await j.service.dispatch(channel, input);
    if (reply.ok) throw new Error(`${channel} unexpectedly succeeded`);
    return reply.error;
  };
  const list = async () => (await j.call<WritingTemplate[]>('writing.list')).map((t) => [t.name, t.position]);
  return { ...j, clock, fail, list };
}

describe('writing templates', () => {
  it('are created last in order, edited, and kept inside the encrypted journal across a lock', async () => {
    const j = await journal();
    expect(await j.call<WritingTemplate[]>('writing.list')).toEqual([]);
    const a = await j.call<WritingTemplate>('writing.create', { name: '  Evening review  ', body: 'What went well?\n\nWhat weighed on me?' });
    expect(a).toMatchObject({ name: 'Evening review', body: 'What went well?\n\nWhat weighed on me?', position: 0, createdAt: j.clock.now });
    j.clock.now += 1000;
    const b = await j.call<WritingTemplate>('writing.create', { name: 'مراجعة', body: 'ماذا حدث؟' });
    expect(b.position).toBe(1);
    j.clock.now += 1000;
    const edited = await j.call<WritingTemplate>('writing.update', { id: a.id, body: 'Zanzibar-heading: what went well?' });
    expect(edited).toMatchObject({ name: 'Evening review', body: 'Zanzibar-heading: what went well?', updatedAt: j.clock.now, createdAt: a.createdAt });
    const renamed = await j.call<WritingTemplate>('writing.update', { id: b.id, name: 'Review' });
    expect(renamed.body).toBe('ماذا حدث؟');

    await j.call('vault.lock');
    await j.call('vault.unlock', { passphrase: PASSPHRASE });
    expect(await j.list()).toEqual([
      ['Evening review', 0],
      ['Review', 1],
    ]);
    expect(filesContaining(j.dataDir, 'Zanzibar-heading')).toEqual([]);
  });

  it('reorder when every template is named once, and delete closes the gap', async () => {
    const j = await journal();
    const made: WritingTemplate[] = [];
    for (const name of ['One', 'Two', 'Three']) made.push(await j.call<WritingTemplate>('writing.create', { name, body: `${name} body` }));
    const [one, two, three] = made as [WritingTemplate, WritingTemplate, WritingTemplate];
    const after = await j.call<WritingTemplate[]>('writing.reorder', { ids: [three.id, one.id, two.id] });
    expect(after.map((t) => [t.name, t.position])).toEqual([
      ['Three', 0],
      ['One', 1],
      ['Two', 2],
    ]);
    await j.call('writing.delete', { id: three.id });
    expect(await j.list()).toEqual([
      ['One', 0],
      ['Two', 1],
    ]);
    // A new one goes after the others, not into the gap.
    await j.call('writing.create', { name: 'Four', body: 'x' });
    expect(await j.list()).toEqual([
      ['One', 0],
      ['Two', 1],
      ['Four', 2],
    ]);
  });

  it('refuse bad input plainly and leave what is saved as it was', async () => {
    const j = await journal();
    const one = await j.call<WritingTemplate>('writing.create', { name: 'One', body: 'Keep me' });
    const two = await j.call<WritingTemplate>('writing.create', { name: 'Two', body: 'Keep me too' });
    const before = await j.call<WritingTemplate[]>('writing.list');

    for (const bad of [
      { name: '   ', body: 'text' },
      { name: 'Name', body: '  \n ' },
      { name: 'Name' },
      { name: 'x'.repeat(121), body: 'text' },
      { name: 'Name', body: 'x'.repeat(20_001) },
      { name: 'Na\u0000me', body: 'text' },
      { name: 'Name', body: 'text', extra: 1 },
    ]) {
      expect(await j.fail('writing.create', bad), JSON.stringify(bad).slice(0, 60)).toMatchObject({ code: 'VALIDATION' });
    }
    expect(await j.fail('writing.update', { id: one.id })).toMatchObject({ code: 'VALIDATION' });
    expect(await j.fail('writing.update', { id: one.id, name: '' })).toMatchObject({ code: 'VALIDATION' });
    expect(await j.fail('writing.update', { id: 9999, name: 'Gone' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await j.fail('writing.delete', { id: 9999 })).toMatchObject({ code: 'NOT_FOUND' });
    // A reorder that repeats, leaves out or invents an id moves nothing.
    expect(await j.fail('writing.reorder', { ids: [one.id, one.id] })).toMatchObject({ code: 'VALIDATION' });
    expect(await j.fail('writing.reorder', { ids: [two.id] })).toMatchObject({ code: 'CONFLICT' });
    expect(await j.fail('writing.reorder', { ids: [two.id, 9999] })).toMatchObject({ code: 'CONFLICT' });
    expect(await j.fail('writing.reorder', { ids: [two.id, one.id, 9999] })).toMatchObject({ code: 'CONFLICT' });
    expect(await j.call<WritingTemplate[]>('writing.list')).toEqual(before);
  });

  it('stop at the most a journal keeps', async () => {
    const j = await journal();
    const db = j.service.vault.database();
    const insert = db.prepare('INSERT INTO writing_templates (name, body, position, created_at, updated_at) VALUES (?, ?, ?, 0, 0)');
    for (let i = 0; i < MAX_WRITING_TEMPLATES; i++) insert.run(`T${i}`, 'b', i);
    expect(await j.fail('writing.create', { name: 'One more', body: 'b' })).toMatchObject({ code: 'VALIDATION', detail: { max: MAX_WRITING_TEMPLATES } });
    expect(await j.call<WritingTemplate[]>('writing.list')).toHaveLength(MAX_WRITING_TEMPLATES);
  });

  it('are not readable while the journal is locked', async () => {
    const j = await journal();
    await j.call('vault.lock');
    expect(await j.fail('writing.list', {})).toMatchObject({ code: 'LOCKED' });
  });
});

describe('the prompt of the day preference', () => {
  it('is on by default, turns off, and stays off after a lock', async () => {
    const j = await journal();
    expect(await j.call<WritingPreferences>('writing.preferences')).toEqual({ promptOfTheDay: true });
    expect(await j.call<WritingPreferences>('writing.setPreferences', { promptOfTheDay: false })).toEqual({ promptOfTheDay: false });
    await j.call('vault.lock');
    await j.call('vault.unlock', { passphrase: PASSPHRASE });
    expect(await j.call<WritingPreferences>('writing.preferences')).toEqual({ promptOfTheDay: false });
    expect(await j.fail('writing.setPreferences', { promptOfTheDay: 'no' })).toMatchObject({ code: 'VALIDATION' });
    expect(await j.call<WritingPreferences>('writing.preferences')).toEqual({ promptOfTheDay: false });
  });

  it('falls back to on when the stored value no longer reads', async () => {
    const j = await journal();
    await j.call('writing.setPreferences', { promptOfTheDay: false });
    j.service.vault.database().prepare("UPDATE settings SET value = '{bad' WHERE key = 'writing.promptOfTheDay'").run();
    expect(await j.call<WritingPreferences>('writing.preferences')).toEqual({ promptOfTheDay: true });
  });
});
