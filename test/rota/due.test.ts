import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render } from '../../src/i18n/index.js';
import { autoAssignOne } from '../../src/rota/auto-assign.js';
import { rotaPort } from '../../src/rota/scheduler-port.js';
import { anna, bram, chloe, createHarness, daan, type Harness } from '../support/harness.js';
import { addTasks, GROUP, linkedComplex, task } from './setup.js';

describe('absences, auto-assignment and the rota as the scheduler sees it', () => {
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
    const [saved] = await h.fake.say(chloe, 'dm:u-chloe', '/away 1-14 Dec');
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
    const soon = await rotaPort.occurrencesDueBetween(h.database.db, h.clock.now, new Date(h.clock.now.getTime() + 48 * 3_600_000));
    const candidates = soon.filter((o) => o.autoAssignHoursBefore !== null && o.claimantPersonIds.length < o.peopleNeeded)
      .map((o) => ({ ...o, occurrenceId: o.id }));
    expect(candidates.map((c) => [c.taskName, c.dueAt.toISOString(), c.peopleNeeded - c.claimantPersonIds.length]))
      .toEqual([['Trappenhuis A vegen', '2026-12-05T09:00:00.000Z', 1]]);
    const result = await autoAssignOne(h.database.db, candidates[0]!.occurrenceId, h.clock.now);
    expect(result!.assigned.map((a) => a.name)).toEqual(['Bram Jansen']);
    const buttons = await rotaPort.claimantButtons(h.database.db, candidates[0]!.occurrenceId, result!.assigned[0]!.personId);
    expect(buttons.flat().map((b) => render('nl', b.label))).toEqual(['Gedaan', 'Vrijgeven', 'Weggeven']);
    // Running it again assigns nobody more; the candidate list is empty.
    expect((await autoAssignOne(h.database.db, candidates[0]!.occurrenceId, h.clock.now))!.assigned).toEqual([]);
    expect((await rotaPort.getOccurrence(h.database.db, candidates[0]!.occurrenceId))!.claimantPersonIds).toHaveLength(1);
  });

  it('ties go to the lowest person id; absent residents are skipped', async () => {
    // Sunday 6 Dec garden needs two: Chloé is away, Bram and Daan are both candidates.
    const open = await rotaPort.occurrencesDueBetween(h.database.db, h.clock.now, new Date('2026-12-07T00:00:00Z'));
    const garden = open.find((o) => o.taskName === 'Tuin bijhouden')!;
    expect(garden.peopleNeeded - garden.claimantPersonIds.length).toBe(2);
    const result = await autoAssignOne(h.database.db, garden.id, h.clock.now);
    expect(result!.assigned.map((a) => a.name).sort()).toEqual(['Bram Jansen', 'Daan Bakker']);
    expect(rotaPort.claimAction(garden.id)).toBe(`rota:c:${garden.id}`);
  });
});
