import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { people, rotaClaims, rotaOffers } from '../../src/db/schema/index.js';
import { bram, chloe, createHarness, daan, type Harness } from '../support/harness.js';
import { addTasks, GROUP, linkedComplex, stairsAndHall } from './setup.js';

describe('rota: ambiguous text, giving away by free text, handing over, /mijntaken', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    const complexId = await linkedComplex(h);
    await addTasks(h, complexId, stairsAndHall());
  });
  afterAll(async () => { await h.close(); });

  const holders = async () => (await h.database.db.select({ name: people.displayName }).from(rotaClaims)
    .innerJoin(people, eq(people.id, rotaClaims.personId)).where(isNull(rotaClaims.releasedAt))).map((r) => r.name).sort();

  it('an ambiguous request offers the candidates as buttons; "No" changes nothing', async () => {
    const [which] = await h.fake.say(bram, GROUP, 'ik doe de trap zaterdag');
    expect(which!.text).toBe('Welke bedoel je?');
    expect(which!.buttons.flat().map((b) => b.label)).toEqual([
      'Trappenhuis A vegen, za 28 nov 10:00', 'Trappenhuis B vegen, za 28 nov 10:00', 'Nee']);
    const [no] = await h.fake.pressLabel(bram, GROUP, 'Nee');
    expect(no!.text).toBe('Oké, ik heb niets veranderd.');
    expect(await holders()).toEqual([]);
    await h.fake.pressLabel(bram, GROUP, 'Trappenhuis B vegen, za 28 nov 10:00');
    expect(await holders()).toEqual(['Bram Jansen']);
  });

  it('free text in a DM works the same; /mijntaken lists your turns with action buttons', async () => {
    const [ask] = await h.fake.say(daan, `dm:${daan.id}`, 'ik doe de hal zondag 29 november');
    expect(ask!.text).toBe('Bedoel je Hal dweilen, zo 29 nov 10:00? Zal ik je indelen?');
    await h.fake.pressLabel(daan, `dm:${daan.id}`, 'Ja, ik neem hem');
    const [mine] = await h.fake.say(daan, GROUP, '/mijntaken');
    expect(mine!.toUser).toBe(daan.id);
    expect(mine!.text).toBe('Jouw beurten:\n• Hal dweilen, zo 29 nov 10:00');
    const [menu] = await h.fake.pressLabel(daan, `dm:${daan.id}`, 'Hal dweilen, zo 29 nov 10:00');
    expect(menu!.buttons.flat().map((b) => b.label)).toEqual(['Gedaan', 'Vrijgeven', 'Weggeven', 'Ruilen']);
  });

  it('"kan iemand zondag de hal doen? ik niet" → confirm → the group is asked → a neighbour takes it over', async () => {
    const [confirm] = await h.fake.say(daan, GROUP, 'kan iemand zondag de hal doen? ik niet');
    expect(confirm!.text).toBe('Zal ik de groep vragen wie Hal dweilen, zo 29 nov 10:00 van je overneemt?');
    const [offer] = await h.fake.pressLabel(daan, GROUP, 'Ja');
    expect(offer!.text).toBe('Daan Bakker zoekt iemand die Hal dweilen, zo 29 nov 10:00 overneemt.');
    const [taken] = await h.fake.pressLabel(bram, GROUP, 'Ik neem het over');
    expect(taken!.text).toBe('Bram Jansen neemt Hal dweilen, zo 29 nov 10:00 over van Daan Bakker. Dank je!');
    expect(await holders()).toEqual(['Bram Jansen', 'Bram Jansen']);
  });

  it('a hand-over to a named neighbour needs their acceptance; a decline keeps the turn', async () => {
    const sent = (await h.fake.say(bram, GROUP, '/overdragen hal zondag @chloe')).find((m) => !m.toUser);
    expect(sent!.text).toBe('Ik heb Chloé Martin gevraagd of die Hal dweilen, zo 29 nov 10:00 overneemt.');
    const dm = h.fake.dmsTo(chloe.id).at(-1)!;
    expect(dm.text).toBe('Bram Jansen would like to hand Hal dweilen, Sun 29 Nov 10:00 over to you. Will you take it?');
    const [notYou] = await h.fake.press(daan, GROUP, dm.buttons[0]![0]!.action);
    expect(notYou!.text).toBe('Dit aanbod is voor iemand anders bedoeld.');
    const accepted = await h.fake.pressLabel(chloe, `dm:${chloe.id}`, 'Accept');
    expect(accepted.map((s) => s.text)).toEqual([
      'Chloé Martin takes over Hal dweilen, Sun 29 Nov 10:00 from Bram Jansen. Thank you!',
      'Chloé Martin heeft Hal dweilen, zo 29 nov 10:00 van Bram Jansen overgenomen.',
    ]);
    expect(await holders()).toEqual(['Bram Jansen', 'Chloé Martin']);

    await h.fake.say(chloe, GROUP, '/handover hall sunday to daan');
    const declined = await h.fake.pressLabel(daan, `dm:${daan.id}`, 'Weigeren');
    expect(declined.map((s) => s.text)).toEqual([
      'Oké, ik laat Chloé Martin weten dat je niet kunt.',
      'Daan Bakker cannot take over Hal dweilen, Sun 29 Nov 10:00. The turn stays yours.',
    ]);
    expect(await holders()).toEqual(['Bram Jansen', 'Chloé Martin']);
    const offers = await h.database.db.select().from(rotaOffers).where(and(eq(rotaOffers.kind, 'handover')));
    expect(offers.map((o) => o.status)).toEqual(['accepted', 'declined']);
  });
});
