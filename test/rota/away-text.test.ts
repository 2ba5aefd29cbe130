import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { people, rotaAbsences } from '../../src/db/schema/index.js';
import { bram, chloe, createHarness, daan, type Harness } from '../support/harness.js';
import { addTasks, GROUP, linkedComplex, task } from './setup.js';

/** Absences and swaps said in plain words, through the real bot: what the resident sees, and the rows after the button. */
describe('free text: absences and "kan ik ruilen?" through the real bot', () => {
  let h: Harness;
  let complexId: number;
  beforeAll(async () => {
    h = await createHarness({ now: new Date('2026-11-23T08:00:00Z') });
    complexId = await linkedComplex(h);
    await addTasks(h, complexId, [task('Tuin bijhouden', 'elke 2 weken op zaterdag'), task('Trappenhuis A vegen', 'elke zaterdag', { area: 'Trappenhuis A' })]);
    h.clock.now = new Date('2026-12-02T10:00:00Z'); // Wednesday
  });
  afterAll(async () => { await h.close(); });

  const personId = async (name: string) => (await h.database.db.select().from(people).where(eq(people.displayName, name)))[0]!.id;
  const absencesOf = async (name: string) => h.database.db.select({ from: rotaAbsences.fromDate, to: rotaAbsences.toDate, complexId: rotaAbsences.complexId })
    .from(rotaAbsences).where(eq(rotaAbsences.personId, await personId(name))).orderBy(asc(rotaAbsences.fromDate));

  it('a holiday told in a DM is asked back with Yes/No; Yes records it as /afwezig, once', async () => {
    const dm = `dm:${bram.id}`;
    const [ask] = await h.fake.say(bram, dm, 'ik ben op vakantie van 10 tot 20 december');
    expect(ask!.text).toBe('Zal ik noteren dat je afwezig bent van do 10 dec tot en met zo 20 dec? Dan deel ik je in die tijd niet automatisch in.');
    expect(ask!.buttons.flat().map((b) => b.label)).toEqual(['Ja', 'Nee']);
    expect(await absencesOf(bram.name)).toEqual([]);
    const yes = ask!.buttons[0]![0]!.action;
    const [done] = await h.fake.press(bram, dm, yes, ask!.messageId);
    expect(done!.text).toBe('Genoteerd: je bent afwezig van do 10 dec tot en met zo 20 dec. Dan deel ik je niet automatisch in.');
    await h.fake.press(bram, dm, yes, ask!.messageId);
    expect(await absencesOf(bram.name)).toEqual([{ from: '2026-12-10', to: '2026-12-20', complexId }]);
    // The same as the command would list.
    const [list] = await h.fake.say(bram, dm, '/afwezig');
    expect(list!.text).toBe('Jouw afwezigheid:\n• Bram Jansen: do 10 dec t/m zo 20 dec');
  });

  it('turns held in that time are named: an absence does not release them', async () => {
    const dm = `dm:${bram.id}`;
    const [claim] = await h.fake.say(bram, dm, 'ik doe de tuin op 12-12');
    await h.fake.press(bram, dm, claim!.buttons[0]![0]!.action, claim!.messageId);
    const [ask] = await h.fake.say(bram, dm, 'ik ben weg van 11 t/m 13 december');
    expect(ask!.text).toContain('Zal ik noteren dat je afwezig bent van vr 11 dec tot en met zo 13 dec?');
    expect(ask!.text).toContain('Let op: je houdt deze beurten in die tijd.');
    expect(ask!.text).toContain('• Tuin bijhouden, za 12 dec 10:00');
    const [no] = await h.fake.press(bram, dm, ask!.buttons[0]![1]!.action, ask!.messageId);
    expect(no!.text).toBe('Oké, ik heb niets veranderd.');
    expect((await absencesOf(bram.name)).length).toBe(1);
  });

  it('English, next week, a group mention; chatter in the group stays silent; no dates: asked for them', async () => {
    const [en] = await h.fake.say(chloe, `dm:${chloe.id}`, "I'm on holiday from 3 to 17 July");
    expect(en!.text).toBe('Shall I note that you are away from Sat 3 Jul to Sat 17 Jul inclusive? Then I will not assign you automatically in that time.');
    await h.fake.press(chloe, `dm:${chloe.id}`, en!.buttons[0]![0]!.action, en!.messageId);
    expect(await absencesOf(chloe.name)).toEqual([{ from: '2027-07-03', to: '2027-07-17', complexId }]);
    expect(await h.fake.say(daan, GROUP, 'ik ben volgende week op vakantie hoor!')).toEqual([]);
    const [next] = await h.fake.say(daan, GROUP, '@bot volgende week ben ik er niet');
    expect(next!.text).toContain('afwezig bent van ma 7 dec tot en met zo 13 dec?');
    // A neighbour pressing Daan's Yes in the group records nothing for anyone.
    const [notYours] = await h.fake.press(bram, GROUP, next!.buttons[0]![0]!.action, next!.messageId);
    expect(notYours!.text).toBe('Deze knop is niet (meer) voor jou of voor deze groep bedoeld.');
    expect((await absencesOf(bram.name)).length).toBe(1);
    await h.fake.press(daan, GROUP, next!.buttons[0]![0]!.action, next!.messageId);
    expect(await absencesOf(daan.name)).toEqual([{ from: '2026-12-07', to: '2026-12-13', complexId }]);
    const [when] = await h.fake.say(daan, `dm:${daan.id}`, 'ik ben er de hele kerstvakantie niet');
    expect(when!.text).toBe('Van wanneer tot wanneer ben je weg? Schrijf bijvoorbeeld: ik ben weg van 1 t/m 14 augustus (of /afwezig 1-14 aug).');
  });

  it('asking someone to take over stays a giveaway; a forged button is refused', async () => {
    const [give] = await h.fake.say(bram, `dm:${bram.id}`, 'kan iemand mijn beurt overnemen, ik ben weg');
    expect(give!.text).toContain('Tuin bijhouden, za 12 dec');
    expect(give!.buttons.flat()[0]!.action).toMatch(/^rota:gy:/);
    const [bad] = await h.fake.press(bram, `dm:${bram.id}`, `rota:aw:${complexId}:${await personId(bram.name)}:2026-12-20:2026-12-10`);
    expect(bad!.text).toBe('Deze knop werkt niet meer. Vraag het opnieuw aan.');
    const [other] = await h.fake.press(bram, `dm:${bram.id}`, `rota:aw:999:${await personId(bram.name)}:2026-12-10:2026-12-20`);
    expect(other!.text).toBe('Deze knop is niet (meer) voor jou of voor deze groep bedoeld.');
    expect((await absencesOf(bram.name)).length).toBe(1);
  });

  it('"kan ik ruilen?" without turns: a plain answer; with one: the swap question', async () => {
    const [none] = await h.fake.say(chloe, `dm:${chloe.id}`, 'kan ik ruilen?');
    expect(none!.text).toBe('You have no turns right now. See /rota for open ones.');
    const [noneNl] = await h.fake.say(daan, `dm:${daan.id}`, 'wil iemand met mij ruilen?');
    expect(noneNl!.text).toBe('Je hebt nu geen beurten. Kijk in /rooster wat er open is.');
    const [swap] = await h.fake.say(bram, `dm:${bram.id}`, 'kan ik ruilen?');
    expect(swap!.text).toContain('Tuin bijhouden, za 12 dec');
    expect(swap!.buttons.flat()[0]!.action).toMatch(/^rota:sy:/);
    expect(await h.fake.say(daan, GROUP, 'kan ik ruilen?')).toEqual([]);
  });
});
