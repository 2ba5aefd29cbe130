import { capabilities } from '../../src/capabilities.js';
import { sections } from '../support/plan.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chats, complexes, corporations, rotaOccurrences, scheduledEffects } from '../../src/db/schema/index.js';
import { and, eq } from 'drizzle-orm';
import { schedulerJobs } from '../../src/scheduler/jobs.js';
import { saveTask } from '../../src/rota/tasks-store.js';
import { ensurePerson, setRole } from '../../src/tenancy/queries.js';
import { anna, bram, chloe, createHarness, daan, type Harness } from '../support/harness.js';
import { machinery } from '../support/complex-kit.js';

describe('one simulated week for a complex (fixed clock, 30-minute ticks)', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness({ now: new Date('2026-11-23T00:00:00Z') }); });
  afterAll(async () => { await h.close(); });

  it('sends exactly these messages, in this order, at these times', { timeout: 90_000 }, async () => {
    const db = h.database.db;
    const [corp] = await db.insert(corporations).values({ name: 'Woonstede' }).returning();
    const [complex] = await db.insert(complexes).values({ name: 'De Linde', corporationId: corp!.id, createdAt: new Date('2026-11-01T00:00:00Z') }).returning();
    await db.insert(chats).values({ platform: 'fake', platformChatId: 'g', complexId: complex!.id, title: 'Bewoners De Linde' });
    h.fake.group('g', 'Bewoners De Linde');
    const ids = new Map<string, number>();
    for (const [key, u] of [['anna', anna], ['bram', bram], ['chloe', chloe], ['daan', daan]] as const) {
      const { person } = await ensurePerson(db, { platform: 'fake', userId: u.id, displayName: u.name, username: u.username, language: u.language });
      await setRole(db, complex!.id, person.id, key === 'anna' ? 'coordinator' : 'resident');
      ids.set(key, person.id);
    }
    await db.transaction((tx) => sections.get('polls')!.apply(tx, [{ name: 'Trappenhuis', question: 'Hoe schoon is het trappenhuis?',
      options: ['1', '2', '3', '4', '5'], area: 'trappenhuis', schedule: 'elke maandag', time: '10:00', window_hours: 48, threshold: 3 }],
    { complexId: complex!.id, now: h.clock.now, actorPersonId: null }));
    // Three real rota tasks: the garden needs two (Chloé has one place), the bins are auto-assigned a day
    // ahead to the one resident who opted in (Daan), Bram has the stairs.
    const base = { durationMinutes: 30, points: 1, paused: false, area: null, description: null };
    const tasks = [
      { name: 'Tuin bijhouden', recurrence: 'elke 2 weken op donderdag', time: '14:00', people: 2, autoAssignHoursBefore: null },
      { name: 'Containers buiten zetten', recurrence: 'elke 2 weken op woensdag', time: '19:00', people: 1, autoAssignHoursBefore: 24 },
      { name: 'Trappenhuis vegen', recurrence: 'elke 2 weken op zaterdag', time: '10:00', people: 1, autoAssignHoursBefore: null },
    ];
    const occurrenceOf = async (taskId: number, dueAt: string) => (await db.select().from(rotaOccurrences)
      .where(and(eq(rotaOccurrences.taskId, taskId), eq(rotaOccurrences.dueAt, new Date(dueAt)))))[0]!.id;
    const [tuin, , trap] = await Promise.all(tasks.map(async (t) => (await saveTask(db, complex!.id, { ...base, ...t }, h.clock.now)).task.id));
    await h.fake.press(chloe, 'g', `rota:c:${await occurrenceOf(tuin!, '2026-11-26T13:00:00Z')}`);
    await h.fake.press(bram, 'g', `rota:c:${await occurrenceOf(trap!, '2026-11-28T09:00:00Z')}`);
    await h.fake.say(daan, 'g', '/automatisch aan');
    const m = machinery(h, schedulerJobs(capabilities));

    await h.fake.say(anna, 'g', '/mededeling om 2026-11-25 18:00 De glasbak wordt woensdag geleegd.');
    const log: string[] = [];
    let seen = h.fake.sent.length;
    for (let t = Date.parse('2026-11-23T00:00:00Z'); t <= Date.parse('2026-11-30T00:00:00Z'); t += 30 * 60_000) {
      h.clock.now = new Date(t);
      await m.tick();
      for (const s of h.fake.sent.slice(seen)) {
        log.push(`${h.clock.now.toISOString().slice(5, 16)} ${s.toUser ? `dm:${s.toUser}` : s.chatId}${s.edited ? ' (edit)' : ''} ${s.text.replace(/\n+/g, ' | ')}${s.buttons.length ? ` [${s.buttons.flat().map((b) => b.label).join(' / ')}]` : ''}`);
      }
      seen = h.fake.sent.length;
    }
    expect(log).toEqual([
      '11-23T09:00 g 📋 Hoe schoon is het trappenhuis? | Stemmen kan tot woensdag 25 november om 10:00. Je kunt je stem veranderen. [1 / 2 / 3 / 4 / 5]',
      '11-23T13:00 g 🙋 Tuin bijhouden op donderdag 26 november om 14:00 heeft nog 1 helper nodig. Wie pakt het op? [Ik doe het]',
      '11-24T09:00 g ⏰ Nog een dag om te stemmen: Hoe schoon is het trappenhuis? (0 stemmen tot nu toe).',
      '11-24T18:00 dm:u-daan 📌 Niemand had Containers buiten zetten op woensdag 25 november om 19:00 opgepakt, dus die staat nu op jouw naam. Lukt het niet? Druk op Vrijgeven of Weggeven. [Gedaan / Vrijgeven / Weggeven]',
      '11-25T09:00 g 📊 Uitslag: Hoe schoon is het trappenhuis? | Niemand heeft gestemd.',
      '11-25T13:00 dm:u-chloe 🔔 Reminder: Tuin bijhouden is yours on Thursday 26 November at 14:00. [Done / Release / Give away]',
      '11-25T17:00 g 📢 Mededeling van Anna de Vries | De glasbak wordt woensdag geleegd. [Gelezen ✓ (0)]',
      '11-25T20:00 dm:u-daan Is Containers buiten zetten van woensdag 25 november om 19:00 gelukt? [Ja, gedaan ✓ / Nee]',
      '11-26T15:00 dm:u-chloe Did Tuin bijhouden on Thursday 26 November at 14:00 get done? [Yes, done ✓ / No]',
      '11-27T09:00 dm:u-bram 🔔 Herinnering: Trappenhuis vegen staat voor jou op zaterdag 28 november om 10:00. [Gedaan / Vrijgeven / Weggeven]',
      '11-27T17:00 dm:u-bram Heb je deze mededeling al gelezen? Tik op "Gelezen ✓" als dat zo is. | 📢 Mededeling van Anna de Vries | De glasbak wordt woensdag geleegd. [Gelezen ✓ (0)]',
      '11-27T17:00 dm:u-chloe Have you read this announcement? Tap "Read ✓" if you have. | 📢 Announcement from Anna de Vries | De glasbak wordt woensdag geleegd. [Read ✓ (0)]',
      '11-27T17:00 dm:u-daan Heb je deze mededeling al gelezen? Tik op "Gelezen ✓" als dat zo is. | 📢 Mededeling van Anna de Vries | De glasbak wordt woensdag geleegd. [Gelezen ✓ (0)]',
      '11-28T11:00 dm:u-bram Is Trappenhuis vegen van zaterdag 28 november om 10:00 gelukt? [Ja, gedaan ✓ / Nee]',
    ]);
    const effects = await db.select().from(scheduledEffects);
    expect(effects.filter((e) => e.state === 'failed')).toEqual([]);
  });
});
