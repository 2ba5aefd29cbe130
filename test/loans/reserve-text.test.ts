import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { loanReservations, people } from '../../src/db/schema/index.js';
import { bram, chloe, createHarness, daan, type Harness } from '../support/harness.js';
import { GROUP, linkedComplex } from '../rota/setup.js';
import { addItems } from './setup.js';

const texts = (sent: { text: string }[]) => sent.map((s) => s.text);

/** Reservations asked in plain words (Sunday 22 Nov 2026, 11:00): a question with a Yes button, then what /reserveer does. */
describe('free text: reserving an item through the real bot', () => {
  let h: Harness;
  let ids: Map<string, number>;
  beforeAll(async () => {
    h = await createHarness();
    const complexId = await linkedComplex(h);
    ids = await addItems(h, complexId);
  });
  afterAll(async () => { await h.close(); });

  const rows = async () => {
    const all = await h.database.db.select({ itemId: loanReservations.itemId, who: people.displayName, startsAt: loanReservations.startsAt, endsAt: loanReservations.endsAt })
      .from(loanReservations).innerJoin(people, eq(people.id, loanReservations.personId)).orderBy(asc(loanReservations.id));
    return all.map((r) => ({ ...r, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString() }));
  };
  const yes = async (u: typeof bram, chat: string, asked: { buttons: { action: string }[][]; messageId: string }[]) =>
    h.fake.press(u, chat, asked[0]!.buttons[0]![0]!.action, asked[0]!.messageId);

  it('"ik wil de ladder reserveren voor zaterdag": the day with the usual hours, reserved on Yes; a neighbour\'s overlap is refused', async () => {
    const dm = `dm:${bram.id}`;
    const asked = await h.fake.say(bram, dm, 'ik wil de ladder reserveren voor zaterdag');
    expect(texts(asked)).toEqual(['Ladder voor je reserveren van za 28 nov 09:00 tot za 28 nov 22:00?']);
    expect(asked[0]!.buttons.flat().map((b) => b.label)).toEqual(['Ja, reserveren', 'Nee']);
    expect(await rows()).toEqual([]);
    expect(texts(await yes(bram, dm, asked))).toEqual(['📅 Ladder is voor Bram Jansen gereserveerd van za 28 nov 09:00 tot za 28 nov 22:00.']);
    expect(await rows()).toEqual([{ itemId: ids.get('Ladder'), who: bram.name, startsAt: '2026-11-28T08:00:00.000Z', endsAt: '2026-11-28T21:00:00.000Z' }]);
    // The existing future-loan phrasing asks the very same question.
    const loan = await h.fake.say(chloe, `dm:${chloe.id}`, 'mag ik de ladder zaterdag lenen?');
    expect(texts(loan)).toEqual(['Reserve Ladder for you from Sat 28 Nov 09:00 until Sat 28 Nov 22:00?']);
    expect(texts(await yes(chloe, `dm:${chloe.id}`, loan))).toEqual([
      'Ladder is already reserved by Bram Jansen from Sat 28 Nov 09:00 until Sat 28 Nov 22:00. Pick another time.',
    ]);
    expect((await rows()).length).toBe(1);
  });

  it('hours in words ("van 10 tot 14", "van 12 tot 3") are the window; English "reserve … for friday"', async () => {
    const asked = await h.fake.say(daan, GROUP, 'kan ik de grasmaaier zaterdag van 10 tot 14 reserveren? @bot');
    expect(texts(asked)).toEqual(['Grasmaaier voor je reserveren van za 28 nov 10:00 tot za 28 nov 14:00?']);
    expect(texts(await yes(daan, GROUP, asked))).toEqual(['📅 Grasmaaier is voor Daan Bakker gereserveerd van za 28 nov 10:00 tot za 28 nov 14:00.']);
    const later = await h.fake.say(bram, `dm:${bram.id}`, 'mag ik de grasmaaier zaterdag van 12 tot 3 lenen?');
    expect(texts(later)).toEqual(['Grasmaaier voor je reserveren van za 28 nov 12:00 tot za 28 nov 15:00?']);
    const refused = texts(await yes(bram, `dm:${bram.id}`, later));
    expect(refused).toEqual(['Grasmaaier is al gereserveerd door Daan Bakker van za 28 nov 10:00 tot za 28 nov 14:00. Kies een andere tijd.']);
    const drill = await h.fake.say(chloe, `dm:${chloe.id}`, 'reserve the drill for friday');
    expect(texts(drill)).toEqual(['Reserve Boormachine for you from Fri 27 Nov 09:00 until Fri 27 Nov 22:00?']);
    expect(texts(await yes(chloe, `dm:${chloe.id}`, drill))).toEqual(['📅 Boormachine is reserved for Chloé Martin from Fri 27 Nov 09:00 until Fri 27 Nov 22:00.']);
    expect((await rows()).map((r) => [r.itemId, r.who, r.startsAt, r.endsAt])).toEqual([
      [ids.get('Ladder'), bram.name, '2026-11-28T08:00:00.000Z', '2026-11-28T21:00:00.000Z'],
      [ids.get('Grasmaaier'), daan.name, '2026-11-28T09:00:00.000Z', '2026-11-28T13:00:00.000Z'],
      [ids.get('Boormachine'), chloe.name, '2026-11-27T08:00:00.000Z', '2026-11-27T21:00:00.000Z'],
    ]);
  });

  it('no day: asked for one; whole days from 09:00 to the evening; No changes nothing', async () => {
    expect(texts(await h.fake.say(bram, `dm:${bram.id}`, 'ik wil de bladblazer reserveren'))).toEqual([
      'Voor wanneer wil je Bladblazer reserveren? Schrijf bijvoorbeeld: Bladblazer zaterdag van 10 tot 14 reserveren.',
    ]);
    const asked = await h.fake.say(bram, `dm:${bram.id}`, 'kan ik de bladblazer van 1 tot 3 december reserveren?');
    expect(texts(asked)).toEqual(['Bladblazer voor je reserveren van di 1 dec 09:00 tot do 3 dec 20:00?']);
    await h.fake.press(bram, `dm:${bram.id}`, asked[0]!.buttons[0]![1]!.action, asked[0]!.messageId);
    expect((await rows()).length).toBe(3);
  });
});
