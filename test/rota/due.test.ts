import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render } from '../../src/i18n/index.js';
import { askDoneDue, askDoneMessage, autoAssignCandidates, autoAssignedMessages, autoAssignOne, openCallMessage, openToAnnounce,
  reminderMessage, remindersDue } from '../../src/rota/due.js';
import { anna, bram, chloe, createHarness, daan, type Harness } from '../support/harness.js';
import { addTasks, GROUP, linkedComplex, task } from './setup.js';

describe('scheduler queries, absences and auto-assignment', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ now: new Date('2026-11-22T10:00:00Z') });
    const complexId = await linkedComplex(h);
    await addTasks(h, complexId, [
      task('Trappenhuis A vegen', 'elke zaterdag', { autoAssignHoursBefore: 48, points: 2 }),
      task('Tuin bijhouden', 'elke zondag', { people: 2 }),
    ]);
  });
  afterAll(async () => { await h.close(); });

  it('absences are recorded and listed for coordinators; residents see only their own', async () => {
    const [saved] = await h.fake.say(chloe, GROUP, '/away 1-14 Dec');
    expect(saved!.text).toBe('Noted: you are away from Tue 1 Dec to Mon 14 Dec inclusive. I will not assign you automatically then.');
    await h.fake.say(daan, GROUP, '/afwezig 20-22 dec');
    const [list] = await h.fake.say(anna, GROUP, '/afwezig');
    expect(list!.toUser).toBe(anna.id);
    expect(list!.text).toBe('Afwezig:\n• Chloé Martin: di 1 dec t/m ma 14 dec\n• Daan Bakker: zo 20 dec t/m di 22 dec');
    const [own] = await h.fake.say(bram, GROUP, '/afwezig');
    expect(own!.text).toBe('Er is geen afwezigheid gemeld.');
    const [bad] = await h.fake.say(bram, GROUP, '/afwezig binnenkort');
    expect(bad!.text).toContain('Gebruik: /afwezig 1-14 aug');
  });

  it('auto-assigns to the opted-in, present resident with the lowest share', async () => {
    for (const u of [bram, chloe, daan]) await h.fake.say(u, GROUP, u === chloe ? '/autoassign on' : '/automatisch aan');
    // Daan does the stairs this Saturday, so his share is higher than Bram's.
    await h.fake.say(daan, GROUP, '/neem trap zaterdag');
    h.clock.now = new Date('2026-11-28T11:00:00Z');
    await h.fake.say(daan, GROUP, '/gedaan trap');
    // Thursday 3 Dec: Saturday 5 Dec 10:00 is 47 hours away, inside the 48-hour lead time.
    h.clock.now = new Date('2026-12-03T10:00:00Z');
    const candidates = await autoAssignCandidates(h.database.db, h.clock.now);
    expect(candidates.map((c) => [c.task, c.dueAt.toISOString(), c.openSlots, c.key.startsWith('rota:auto:')]))
      .toEqual([['Trappenhuis A vegen', '2026-12-05T09:00:00.000Z', 1, true]]);
    const result = await autoAssignOne(h.database.db, candidates[0]!.occurrenceId, h.clock.now);
    expect(result!.assigned.map((a) => a.name)).toEqual(['Bram Jansen']);
    const messages = await autoAssignedMessages(h.database.db, result!);
    expect(messages.map((m) => render('nl', m.body[0]!))).toEqual([
      'Je bent automatisch ingedeeld voor Trappenhuis A vegen, za 5 dec 10:00, omdat niemand hem nam. Lukt het niet? Druk op Vrijgeven of Weggeven.',
      'Bram Jansen is automatisch ingedeeld voor Trappenhuis A vegen, za 5 dec 10:00.',
    ]);
    // Running it again assigns nobody more; the candidate list is empty.
    expect((await autoAssignOne(h.database.db, candidates[0]!.occurrenceId, h.clock.now))!.assigned).toEqual([]);
    expect(await autoAssignCandidates(h.database.db, h.clock.now)).toEqual([]);
  });

  it('ties go to the lowest person id; absent residents are skipped', async () => {
    // Sunday 6 Dec garden needs two: Chloé is away, Bram and Daan are both candidates.
    const open = await openToAnnounce(h.database.db, h.clock.now);
    const garden = open.find((o) => o.task === 'Tuin bijhouden')!;
    expect(garden.openSlots).toBe(2);
    const result = await autoAssignOne(h.database.db, garden.occurrenceId, h.clock.now);
    expect(result!.assigned.map((a) => a.name).sort()).toEqual(['Bram Jansen', 'Daan Bakker']);
    expect(render('en', openCallMessage(garden).body[0]!)).toBe('Tuin bijhouden, Sun 6 Dec 10:00 is still open (2 slot(s)). Who will take it?');
  });

  it('reminders before the due time and "was it done?" after it, set-based with unique keys', async () => {
    const friday = new Date('2026-12-04T10:00:00Z');
    const reminders = await remindersDue(h.database.db, friday, { beforeDueHours: 24 });
    expect(reminders.map((r) => [r.task, r.dueAt.toISOString()])).toEqual([['Trappenhuis A vegen', '2026-12-05T09:00:00.000Z']]);
    expect(reminders[0]!.key).toBe(`rota:remind:${reminders[0]!.claimId}`);
    const reminder = reminderMessage(reminders[0]!);
    expect(reminder.buttons!.flat().map((b) => b.action)).toEqual([`rota:d:${reminders[0]!.claimId}`, `rota:r:${reminders[0]!.claimId}`, `rota:g:${reminders[0]!.claimId}`]);
    const after = new Date('2026-12-05T12:00:00Z');
    const ask = await askDoneDue(h.database.db, after, { askDoneAfterHours: 2 });
    expect(ask.map((r) => r.key)).toEqual([`rota:askdone:${reminders[0]!.claimId}`]);
    expect(render('nl', askDoneMessage(ask[0]!).body[0]!)).toContain('Is Trappenhuis A vegen, za 5 dec 10:00 gedaan?');
    expect(await askDoneDue(h.database.db, new Date('2026-12-05T10:30:00Z'), { askDoneAfterHours: 2 })).toEqual([]);
  });
});
