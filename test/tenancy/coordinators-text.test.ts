import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complexMembers } from '../../src/db/schema/index.js';
import { asksForCoordinators } from '../../src/tenancy/coordinators-text.js';
import { anna, bram, chloe, createHarness, daan, type Harness } from '../support/harness.js';
import { seedCorporation } from '../support/complex-kit.js';

describe('asking who the coordinators are', () => {
  it.each(['wie is de coordinator?', 'Wie zijn de coördinatoren?', '@bot wie is hier de beheerder', 'wie zijn onze coordinatoren', 'who are the coordinators?', 'Who is the admin'])('%j asks', (text) => {
    expect(asksForCoordinators(text)).toBe(true);
  });
  it.each(['ik ben coordinator van de tuin', 'wie doet de trap?', 'wie heeft de ladder', 'de coordinator zei dat het goed was'])('%j does not', (text) => {
    expect(asksForCoordinators(text)).toBe(false);
  });
});

describe('who the coordinators are, through the real bot (fake platform, real PostgreSQL)', () => {
  let h: Harness;
  let complexA: number;
  beforeAll(async () => {
    h = await createHarness();
    ({ complexA } = await seedCorporation(h, { a: [anna, bram, chloe, daan], coordinatorsA: [anna, daan] }));
  });
  afterAll(async () => { await h.close(); });

  it('names them, in the group (addressed) and by DM in the asker\'s language; group chatter stays silent', async () => {
    expect((await h.fake.say(bram, 'gA1', '@bot wie zijn de coördinatoren?')).map((s) => s.text)).toEqual([
      'De coördinatoren van De Linde: Anna de Vries, Daan Bakker. Bij hen kun je terecht met vragen over het rooster, de spullen en de meldingen.',
    ]);
    expect((await h.fake.say(chloe, `dm:${chloe.id}`, 'who is the coordinator?')).map((s) => s.text)).toEqual([
      'The coordinators of De Linde: Anna de Vries, Daan Bakker. Ask them about the rota, the shared items and reports.',
    ]);
    expect(await h.fake.say(bram, 'gA1', 'wie is de coordinator eigenlijk?')).toEqual([]);
    await h.database.db.update(complexMembers).set({ role: 'resident' }).where(eq(complexMembers.complexId, complexA));
    expect((await h.fake.say(bram, `dm:${bram.id}`, 'wie is de coordinator?')).map((s) => s.text)).toEqual([
      'De Linde heeft nu geen coördinator. Vraag je corporatie of wie de bot beheert om er een aan te wijzen.',
    ]);
  });
});
