import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { people, rotaClaims, rotaOccurrences } from '../../src/db/schema/index.js';
import { anna, bram, chloe, createHarness, daan, type Harness } from '../support/harness.js';
import { addTasks, GROUP, linkedComplex, task } from './setup.js';

async function holder(h: Harness, occurrenceId: number): Promise<string[]> {
  const rows = await h.database.db.select({ name: people.displayName }).from(rotaClaims).innerJoin(people, eq(people.id, rotaClaims.personId))
    .where(and(eq(rotaClaims.occurrenceId, occurrenceId), isNull(rotaClaims.releasedAt)));
  return rows.map((r) => r.name);
}

describe('rota scenario through the fake platform', () => {
  let h: Harness;
  let complexId: number;
  let trap: number;
  beforeAll(async () => {
    h = await createHarness();
    complexId = await linkedComplex(h);
    [trap] = await addTasks(h, complexId, [
      task('Trappenhuis A vegen', 'elke zaterdag', { area: 'Trappenhuis A', points: 2 }),
      task('Tuin bijhouden', 'elke 2 weken op zondag', { durationMinutes: 90, points: 3 }),
      task('Containers buiten zetten', 'elke maandag', { time: '19:00', durationMinutes: 10 }),
    ]) as [number];
  });
  afterAll(async () => { await h.close(); });

  it('/rooster shows the coming weeks with open slots and a claim button per open turn', async () => {
    const [view] = await h.fake.say(bram, GROUP, '/rooster');
    expect(view!.text).toContain('Rooster tot en met');
    expect(view!.text).toContain('• za 28 nov 10:00 — Trappenhuis A vegen: open (1)');
    expect(view!.text).toContain('• ma 23 nov 19:00 — Containers buiten zetten: open (1)');
    expect(view!.buttons.flat()[0]!.label).toBe('Neem: Containers buiten zetten, ma 23 nov 19:00');
  });

  it('claim by free text → confirm → release → swap accepted by another resident → done with minutes → stats by DM', async () => {
    // Free text: the bot answers with what it understood and Yes/No; nothing is stored yet.
    const [ask] = await h.fake.say(bram, GROUP, 'ik doe de trap zaterdag @bot');
    expect(ask!.text).toBe('Bedoel je Trappenhuis A vegen, za 28 nov 10:00? Zal ik je indelen?');
    expect(ask!.buttons.flat().map((b) => b.label)).toEqual(['Ja, ik neem hem', 'Nee']);
    const [occ] = await h.database.db.select().from(rotaOccurrences).where(eq(rotaOccurrences.taskId, trap)).orderBy(rotaOccurrences.dueAt).limit(1);
    expect(await holder(h, occ!.id)).toEqual([]);
    const [claimed] = await h.fake.pressLabel(bram, GROUP, 'Ja, ik neem hem');
    expect(claimed!.text).toBe('Bram Jansen doet Trappenhuis A vegen, za 28 nov 10:00. Dank je wel!');
    expect(await holder(h, occ!.id)).toEqual(['Bram Jansen']);

    // Release, inside the 48-hour window? No: it is six days ahead, so no "open again" call.
    const released = await h.fake.say(bram, GROUP, '/vrijgeven trap');
    expect(released.map((s) => s.text)).toEqual(['Bram Jansen heeft Trappenhuis A vegen, za 28 nov 10:00 vrijgegeven.']);
    expect(await holder(h, occ!.id)).toEqual([]);

    // Chloé (English) takes it again by free text, then offers it for a swap. She writes in English;
    // the group reads the group's language.
    const [askEn] = await h.fake.say(chloe, GROUP, "I'll take the stairs on saturday @bot");
    expect(askEn!.text).toBe('Bedoel je Trappenhuis A vegen, za 28 nov 10:00? Zal ik je indelen?');
    await h.fake.pressLabel(chloe, GROUP, 'Ja, ik neem hem');
    // Daan holds the bins on Monday; he will swap it for the stairs.
    await h.fake.say(daan, GROUP, '/neem containers');
    const [offer] = await h.fake.say(chloe, GROUP, '/swap stairs');
    expect(offer!.text).toContain('Chloé Martin wil Trappenhuis A vegen, za 28 nov 10:00 ruilen');
    const [own] = await h.fake.pressLabel(chloe, GROUP, 'Ruilen');
    expect(own!.text).toContain('Dit is je eigen aanbod');
    const [swapped] = await h.fake.pressLabel(daan, GROUP, 'Ruilen');
    expect(swapped!.text).toBe('Geruild: Daan Bakker doet Trappenhuis A vegen, za 28 nov 10:00; Chloé Martin doet Containers buiten zetten, ma 23 nov 19:00.');
    expect(await holder(h, occ!.id)).toEqual(['Daan Bakker']);
    const [again] = await h.fake.pressLabel(bram, GROUP, 'Ruilen');
    expect(again!.text).toBe('Dit aanbod is niet meer geldig.');

    // After Saturday: Daan reports it done with minutes; the statistics come by DM, totals in the group.
    h.clock.now = new Date('2026-11-28T12:00:00Z');
    const [done] = await h.fake.say(daan, GROUP, '/gedaan trap 40 alles geveegd');
    expect(done!.text).toBe('Top, Trappenhuis A vegen, za 28 nov 10:00 is gedaan (40 minuten). Dank je wel, Daan Bakker!');
    const [claim] = await h.database.db.select().from(rotaClaims).where(and(eq(rotaClaims.occurrenceId, occ!.id), isNull(rotaClaims.releasedAt)));
    expect(claim).toMatchObject({ minutes: 40, note: 'alles geveegd' });
    const stats = await h.fake.say(daan, GROUP, '/mijnbijdrage');
    const group = stats.find((s) => !s.toUser)!;
    const dm = stats.find((s) => s.toUser === daan.id)!;
    expect(group.text).toContain('Samen in de afgelopen 90 dagen: 1 beurt, 2 punten en 0,7 uur, door 1 bewoner.');
    expect(group.text).not.toContain('Daan');
    expect(dm.text).toContain('Jouw bijdrage in de afgelopen 90 dagen: 1 beurt, 2 punten, 0,7 uur.');
    h.clock.now = new Date('2026-11-22T10:00:00Z');
  });

  it('a coordinator reports an unclaimed past turn done; a resident cannot', async () => {
    h.clock.now = new Date('2026-11-30T20:00:00Z');
    const [refused] = await h.fake.say(bram, GROUP, '/gedaan containers 23 nov');
    expect(refused!.text).toBe('Je hebt geen beurt van Containers buiten zetten op ma 23 nov. Met /mijntaken zie je jouw beurten.');
    const [done] = await h.fake.say(anna, GROUP, '/gedaan containers 30 nov');
    expect(done!.text).toBe('Top, Containers buiten zetten, ma 30 nov 19:00 is gedaan. Dank je wel, Anna de Vries!');
    const [notCoordinator] = await h.fake.say(bram, GROUP, '/gemist containers 23 nov');
    expect(notCoordinator!.text).toContain('Dit kan alleen een coördinator');
    const [future] = await h.fake.say(anna, GROUP, '/gemist containers 7 dec');
    expect(future!.text).toBe('Containers buiten zetten, ma 7 dec 19:00 is nog niet voorbij; gemist melden kan pas daarna.');
    const [missed] = await h.fake.say(anna, GROUP, '/gemist containers 23 nov');
    expect(missed!.text).toBe('Containers buiten zetten, ma 23 nov 19:00 is gemarkeerd als gemist.');
    const [view] = await h.fake.say(anna, GROUP, '/rooster');
    expect(view!.text).not.toContain('23 nov');
    h.clock.now = new Date('2026-11-22T10:00:00Z');
  });

  it('anna (coordinator) can put someone else down; a resident cannot', async () => {
    const [refused] = await h.fake.say(bram, GROUP, '/neem tuin @chloe');
    expect(refused!.text).toBe('Alleen een coördinator kan iemand anders indelen. Vraag Chloé Martin om het zelf te doen.');
    const [ok] = await h.fake.say(anna, GROUP, '/neem tuin @chloe');
    expect(ok!.text).toMatch(/^Chloé Martin is ingedeeld voor Tuin bijhouden, zo \d+ (nov|dec) 10:00 \(door Anna de Vries\)\.$/);
  });
});
