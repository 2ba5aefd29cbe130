import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, openReport } from '../../src/reports/service.js';
import { anna, bram, createHarness, daan, type Harness } from '../support/harness.js';
import { liaisonUser, seedCorporation } from '../support/complex-kit.js';

/** `/melding <nr>` for a liaison who is not a member of the complex: among what their corporation holds. */
describe('/melding by a liaison outside the complex', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ now: new Date('2026-12-01T09:00:00Z') });
    const { complexA, complexB, personIds } = await seedCorporation(h, { a: [anna, bram], coordinatorsA: [anna], b: [daan], liaison: liaisonUser });
    const db = h.database.db;
    const open = (complexId: number, reporter: number, text: string, visibility: 'public' | 'private') => db.transaction(async (tx) => (await openReport(tx, {
      complexId, reporterPersonId: reporter, text, category: 'maintenance', location: null, visibility, source: 'direct', now: h.clock.now,
    })).report);
    const a1 = await open(complexA, personIds.get(bram.id)!, 'De lift in blok A staat stil', 'private');
    const b1 = await open(complexB, personIds.get(daan.id)!, 'Daklekkage boven de berging', 'public');
    await open(complexA, personIds.get(bram.id)!, 'Het gras is lang', 'public'); // #2 in A, not escalated
    for (const r of [a1, b1]) await db.transaction((tx) => act(tx, r.id, 'escalate', { personId: null, role: 'system' }, null, h.clock.now));
  });
  afterAll(async () => { await h.close(); });

  it('a number held in two complexes asks which; with the complex it shows the report and its history', async () => {
    const which = await h.fake.say(liaisonUser, 'dm:u-lotte', '/melding 1');
    expect(which[0]!.text).toBe('Melding #1 is er in meer complexen: De Linde, De Eik. Noem het complex, bv. /melding De Linde 1');
    const shown = await h.fake.say(liaisonUser, 'dm:u-lotte', '/melding de linde #1');
    expect(shown[0]!.text.split('\n').slice(0, 3)).toEqual(['🏠 De Linde', '#1 · Onderhoud: De lift in blok A staat stil', expect.stringContaining('bij de corporatie')]);
    // In the corporation's liaison chat too.
    const inChat = await h.fake.say(liaisonUser, 'liaison', '/melding De Eik 1');
    expect(inChat[0]!.text.split('\n').slice(0, 2)).toEqual(['🏠 De Eik', '#1 · Onderhoud: Daklekkage boven de berging']);
  });

  it('a report the corporation does not hold, an unknown complex or bad input: a clear answer, nothing shown', async () => {
    expect((await h.fake.say(liaisonUser, 'dm:u-lotte', '/melding 2'))[0]!.text).toBe('Melding #2 ken ik niet. Zie /meldingen.');
    expect((await h.fake.say(liaisonUser, 'dm:u-lotte', '/melding De Beuk 1'))[0]!.text).toBe('Melding #1 ken ik niet. Zie /meldingen.');
    expect((await h.fake.say(liaisonUser, 'dm:u-lotte', '/melding'))[0]!.text).toBe('Gebruik: /melding <nummer> of /melding <complex> <nummer>, bv. /melding De Linde 3');
    // Not a liaison and not in a complex: as before.
    expect((await h.fake.say({ id: 'u-vreemd', name: 'Vreemde' }, 'dm:u-vreemd', '/melding 1'))[0]!.text)
      .toBe('Ik weet niet bij welk complex je hoort. Stuur dit bericht in de groep van je complex.');
  });
});
