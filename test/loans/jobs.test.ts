import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, like } from 'drizzle-orm';
import { loanItems, scheduledEffects } from '../../src/db/schema/index.js';
import { machinery } from '../support/complex-kit.js';
import { anna, bram, chloe, createHarness, daan, type Harness } from '../support/harness.js';
import { GROUP, linkedComplex } from '../rota/setup.js';
import { addItems } from './setup.js';

/**
 * A week with a fixed clock and two scheduler instances (each with its own outbox worker) on one
 * database: every loan notice is sent once, at its time, in the addressee's language.
 */
describe('loan notices over a simulated week (two scheduler instances)', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness({ now: new Date('2026-11-22T10:00:00Z') }); });
  afterAll(async () => { await h.close(); });

  it('due-soon, overdue, coordinator alert and reservation start: each once; returned and renewed loans get no stale notices', { timeout: 120_000 }, async () => {
    const complexId = await linkedComplex(h);
    const ids = await addItems(h, complexId);
    await h.fake.say(bram, GROUP, '/leen ladder');            // due Mon 23 Nov 11:00 local
    await h.fake.say(chloe, GROUP, '/leen schuursleutel');    // 4 hours: due Sun 22 Nov 15:00 local, never returned
    await h.fake.say(daan, GROUP, '/leen bladblazer');        // due Mon 11:00, renewed to Tue 11:00
    await h.fake.say(daan, GROUP, '/verleng bladblazer');
    await h.fake.say(anna, GROUP, '/reserveer grasmaaier dinsdag 10:00 tot 12:00');
    const m1 = machinery(h);
    const m2 = machinery(h);
    const log: string[] = [];
    let seen = h.fake.sent.length;
    for (let t = Date.parse('2026-11-22T11:00:00Z'); t <= Date.parse('2026-11-26T12:00:00Z'); t += 60 * 60_000) {
      h.clock.now = new Date(t);
      if (t === Date.parse('2026-11-23T12:00:00Z')) await h.fake.press(bram, 'dm:u-bram', `loan:rc:${ids.get('Ladder')}:ok`);
      await Promise.all([m1.tick(), m2.tick()]);
      for (const s of h.fake.sent.slice(seen)) {
        if (!s.toUser) continue;
        log.push(`${h.clock.now.toISOString().slice(5, 16)} ${s.toUser} ${s.text}${s.buttons.length ? ` [${s.buttons.flat().map((b) => b.action).join(' ')}]` : ''}`);
      }
      seen = h.fake.sent.length;
    }
    expect(log).toEqual([
      '11-22T12:00 u-chloe ⏳ Please bring Schuursleutel back by Sunday 22 November at 15:00. [loan:r:1 loan:rn:1]',
      '11-22T14:00 u-chloe ❗ Schuursleutel was due back at Sunday 22 November at 15:00. Could you return it? [loan:r:1 loan:rn:1]',
      '11-23T08:00 u-bram ⏳ Denk je eraan Ladder om maandag 23 november om 11:00 terug te brengen? [loan:r:3 loan:rn:3]',
      '11-23T10:00 u-bram ❗ Ladder had om maandag 23 november om 11:00 terug moeten zijn. Breng je het terug? [loan:r:3 loan:rn:3]',
      // The blower was extended to Tuesday before its first notice: only the new due time counts.
      '11-24T08:00 u-daan ⏳ Denk je eraan Bladblazer om dinsdag 24 november om 11:00 terug te brengen? [loan:r:5 loan:rn:5]',
      '11-24T09:00 u-anna 📅 Je reservering van Grasmaaier begint nu (tot dinsdag 24 november om 12:00). [loan:b:2:29925300 loan:w:2 loan:rx:1]',
      '11-24T10:00 u-daan ❗ Bladblazer had om dinsdag 24 november om 11:00 terug moeten zijn. Breng je het terug? [loan:r:5 loan:rn:5]',
      // 48 hours (reminders.loan_overdue_alert_hours) after the due time; the ladder was back by then.
      '11-24T14:00 u-anna ⚠️ Schuursleutel is al sinds zondag 22 november om 15:00 te laat (geleend door Chloé Martin).',
      '11-26T10:00 u-anna ⚠️ Bladblazer is al sinds dinsdag 24 november om 11:00 te laat (geleend door Daan Bakker).',
    ]);
    const effects = await h.database.db.select({ key: scheduledEffects.key, state: scheduledEffects.state }).from(scheduledEffects)
      .where(like(scheduledEffects.kind, 'loan:%')).orderBy(asc(scheduledEffects.dueAt), asc(scheduledEffects.key));
    expect(effects.map((e) => `${e.key} ${e.state}`)).toEqual([
      'loan:2:29922600:due-soon done', 'loan:2:29922600:overdue done', 'loan:1:29923800:due-soon done', 'loan:1:29923800:overdue done',
      'loan:3:29925240:due-soon done', 'reservation:1:start done', 'loan:3:29925240:overdue done', 'loan:2:29922600:alert done', 'loan:3:29925240:alert done',
    ]);
  });

  it('a waitlist hold that runs out unused passes to the next in line, once', { timeout: 120_000 }, async () => {
    const ladder = (await h.database.db.select().from(loanItems)).find((i) => i.name === 'Grasmaaier')!;
    h.clock.now = new Date('2026-11-27T09:00:00Z');
    await h.fake.say(bram, GROUP, '/leen grasmaaier');
    await h.fake.press(chloe, GROUP, `loan:q:${ladder.id}`);
    await h.fake.press(daan, GROUP, `loan:q:${ladder.id}`);
    const seen = h.fake.sent.length;
    await h.fake.press(bram, 'dm:u-bram', `loan:rc:${ladder.id}:ok`);
    const m1 = machinery(h);
    const m2 = machinery(h);
    await m1.flush();
    const dms = () => h.fake.sent.slice(seen).filter((s) => s.toUser && s.toUser !== 'u-bram').map((s) => `${s.toUser} ${s.text}`);
    expect(dms()).toEqual(['u-chloe 🔔 Grasmaaier is back! It is kept for you until Fri 27 Nov 12:00.']);
    // Chloé does not come; two hours later Daan is told, once, whatever instances run.
    for (const t of ['2026-11-27T10:30:00Z', '2026-11-27T11:01:00Z', '2026-11-27T11:30:00Z']) {
      h.clock.now = new Date(t);
      await Promise.all([m1.tick(), m2.tick()]);
    }
    expect(dms()).toEqual([
      'u-chloe 🔔 Grasmaaier is back! It is kept for you until Fri 27 Nov 12:00.',
      'u-daan 🔔 Grasmaaier is terug! Het ligt tot vr 27 nov 14:01 voor je klaar.',
    ]);
    expect((await h.fake.say(chloe, GROUP, '/leen grasmaaier')).map((s) => s.text).join(' ')).toContain('Daan Bakker');
  });
});
