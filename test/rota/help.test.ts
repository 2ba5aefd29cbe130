import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anna, bram, chloe, createHarness, type Harness } from '../support/harness.js';
import { GROUP, linkedComplex } from './setup.js';

describe('rota commands in /help', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    await linkedComplex(h);
  });
  afterAll(async () => { await h.close(); });

  it('lists the rota commands in the reader’s language; /gemist only for coordinators', async () => {
    const [nl] = await h.fake.say(bram, GROUP, '/hulp');
    for (const name of ['/rooster', '/mijntaken', '/neem', '/vrijgeven', '/weggeven', '/ruilen', '/overdragen', '/gedaan', '/afwezig', '/mijnbijdrage', '/automatisch', '/agenda', '/taak']) {
      expect(nl!.text).toContain(`${name} – `);
    }
    expect(nl!.text).not.toContain('/gemist');
    const [en] = await h.fake.say(chloe, 'dm:u-chloe', '/help');
    expect(en!.text).toContain('/claim – take a turn, e.g. /claim stairs saturday.');
    const [coordinator] = await h.fake.say(anna, GROUP, '/hulp');
    expect(coordinator!.text).toContain('/gemist – markeer een beurt als gemist');
  });
});
