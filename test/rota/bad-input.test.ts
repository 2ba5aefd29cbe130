import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { rotaClaims, rotaOccurrences } from '../../src/db/schema/index.js';
import { anna, bram, chloe, createHarness, daan, type Harness } from '../support/harness.js';
import { addTasks, GROUP, linkedComplex, task } from './setup.js';

describe('rota: bad input gets a specific, translated answer and changes nothing', () => {
  let h: Harness;
  let otherOccurrence: number;
  beforeAll(async () => {
    h = await createHarness();
    const complexId = await linkedComplex(h);
    await addTasks(h, complexId, [task('Trappenhuis A vegen', 'elke zaterdag'), task('Tuin bijhouden', 'elke zondag')]);
    const otherId = await linkedComplex(h, 'Het Hof', 'g2', []);
    const [otherTask] = await addTasks(h, otherId, [task('Hal dweilen', 'elke zaterdag')]);
    const [occ] = await h.database.db.select().from(rotaOccurrences).where(eq(rotaOccurrences.taskId, otherTask!)).limit(1);
    otherOccurrence = occ!.id;
  });
  afterAll(async () => { await h.close(); });

  const claimCount = async () => (await h.database.db.select().from(rotaClaims)).length;
  const answer = async (u: typeof anna, text: string, chat = GROUP) => (await h.fake.say(u, chat, text)).map((s) => s.text).join('\n');

  it('unknown task, past date, beyond the horizon', async () => {
    expect(await answer(bram, '/neem fietsenstalling zaterdag')).toBe(
      'Ik ken geen taak die lijkt op "fietsenstalling zaterdag". Taken: Trappenhuis A vegen, Tuin bijhouden.');
    expect(await answer(chloe, '/claim bike shed', 'dm:u-chloe')).toBe('I know no task like "bike shed". Tasks: Trappenhuis A vegen, Tuin bijhouden.');
    expect(await answer(bram, '/neem trap 21 november')).toBe('za 21 nov is al geweest. Kies een datum vanaf vandaag.');
    expect(await answer(chloe, '/claim stairs 21 November', 'dm:u-chloe')).toBe('Sat 21 Nov is in the past. Choose a date from today on.');
    expect(await answer(bram, '/neem trap 6 maart')).toBe('za 6 mrt is te ver weg: het rooster loopt tot zo 17 jan.');
    expect(await answer(bram, '/neem trap maandag')).toBe('Ik vind geen open beurt van Trappenhuis A vegen op ma 23 nov. Kijk in /rooster.');
    expect(await answer(bram, '/neem')).toBe('Welke taak? De taken zijn: Trappenhuis A vegen, Tuin bijhouden. (neem een beurt, bijv. /neem trap zaterdag. Of zeg gewoon: "ik doe de trap zaterdag")');
    expect(await claimCount()).toBe(0);
  });

  it('free text with a past date is answered, not committed', async () => {
    expect(await answer(bram, 'ik doe de trap op 21 november @bot')).toBe('za 21 nov is al geweest. Kies een datum vanaf vandaag.');
    expect(await claimCount()).toBe(0);
  });

  it('claiming for someone else without being a coordinator; a double claim', async () => {
    expect(await answer(bram, '/neem trap zaterdag @daan')).toBe('Alleen een coördinator kan iemand anders indelen. Vraag Daan Bakker om het zelf te doen.');
    expect(await answer(bram, '/neem trap zaterdag @niemand')).toBe('Ik vind niemand met de naam niemand in dit complex.');
    expect(await claimCount()).toBe(0);
    expect(await answer(bram, '/neem trap zaterdag')).toBe('Bram Jansen doet Trappenhuis A vegen, za 28 nov 10:00. Dank je wel!');
    expect(await answer(daan, '/neem trap zaterdag')).toBe('Ik vind geen open beurt van Trappenhuis A vegen op za 28 nov. Kijk in /rooster.');
    expect(await answer(anna, '/neem trap zaterdag @bram')).toBe('Ik vind geen open beurt van Trappenhuis A vegen op za 28 nov. Kijk in /rooster.');
    const [occ] = await h.database.db.select().from(rotaClaims);
    const [pressed] = await h.fake.press(bram, GROUP, `rota:c:${occ!.occurrenceId}`);
    expect(pressed!.text).toBe('Je staat al ingedeeld voor Trappenhuis A vegen, za 28 nov 10:00.');
    const [full] = await h.fake.press(daan, GROUP, `rota:c:${occ!.occurrenceId}`);
    expect(full!.text).toBe('Trappenhuis A vegen, za 28 nov 10:00 is al vol. Kijk in /rooster wat er nog open is.');
    expect(await claimCount()).toBe(1);
  });

  it('releasing what you do not hold', async () => {
    expect(await answer(daan, '/vrijgeven trap zaterdag')).toBe('Je hebt geen beurt van Trappenhuis A vegen op za 28 nov. Met /mijntaken zie je jouw beurten.');
    expect(await answer(chloe, '/release garden', 'dm:u-chloe')).toBe('You do not hold a turn of Tuin bijhouden. /mytasks shows your turns.');
    const [claim] = await h.database.db.select().from(rotaClaims);
    const [pressed] = await h.fake.press(daan, GROUP, `rota:r:${claim!.id}`);
    expect(pressed!.text).toBe('Deze beurt is niet (meer) van jou.');
    expect((await h.database.db.select().from(rotaClaims))[0]!.releasedAt).toBeNull();
  });

  it('a button with another complex’s occurrence id is refused, in the group and by DM', async () => {
    const [inGroup] = await h.fake.press(bram, GROUP, `rota:c:${otherOccurrence}`);
    expect(inGroup!.text).toBe('Deze knop is niet (meer) voor jou of voor deze groep bedoeld.');
    const [inDm] = await h.fake.press(bram, `dm:${bram.id}`, `rota:c:${otherOccurrence}`);
    expect(inDm!.text).toBe('Deze knop is niet (meer) voor jou of voor deze groep bedoeld.');
    const [missing] = await h.fake.press(bram, GROUP, 'rota:c:999999');
    expect(missing!.text).toBe('Deze knop werkt niet meer. Vraag het opnieuw aan.');
    expect(await h.database.db.select().from(rotaClaims).where(eq(rotaClaims.occurrenceId, otherOccurrence))).toHaveLength(0);
  });

  it('text that is not about the rota is ignored silently', async () => {
    expect(await h.fake.say(bram, GROUP, 'wat een mooie tuin hebben we')).toEqual([]);
    expect(await h.fake.say(daan, GROUP, 'ik doe de boodschappen zaterdag')).toEqual([]);
    // Addressed to the bot, a claim it cannot place is answered with what it can do.
    expect(await answer(daan, '@bot ik doe de boodschappen zaterdag')).toBe('Welke taak bedoel je? De taken zijn: Trappenhuis A vegen, Tuin bijhouden.');
    expect(await answer(daan, 'ik doe de boodschappen', `dm:${daan.id}`)).toBe('Welke taak bedoel je? De taken zijn: Trappenhuis A vegen, Tuin bijhouden.');
    expect(await claimCount()).toBe(1);
  });
});
