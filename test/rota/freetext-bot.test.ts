import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rotaClaims } from '../../src/db/schema/index.js';
import { bram, createHarness, type Harness } from '../support/harness.js';
import { addTasks, GROUP, linkedComplex, task } from './setup.js';

describe('free text through the real bot: a reply or silence, never a crash, never a commit', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    const complexId = await linkedComplex(h);
    await addTasks(h, complexId, [task('Trappenhuis A vegen', 'elke zaterdag'), task('Tuin bijhouden', 'elke 2 weken op zondag'),
      task('Containers buiten zetten', 'elke maandag', { people: 2 })]);
  });
  afterAll(async () => { await h.close(); });

  it('random and rota-like texts', async () => {
    const piece = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('ik doe', 'ik pak', "I'll take", 'kan iemand', 'ik kan niet', 'gedaan',
      'de trap', 'tuin', 'the bins', 'zaterdag', 'morgen', 'volgende week', 'de 31e', 'the 14th', '30 februari', '1-14 aug', 'gisteren',
      '12/13', 'in 2099', '@bot', '?', '45 min'));
    await fc.assert(fc.asyncProperty(fc.array(piece, { maxLength: 7 }), fc.boolean(), async (pieces, dm) => {
      const text = pieces.join(' ');
      if (text.trim().startsWith('/')) return;
      const sent = await h.fake.say(bram, dm ? `dm:${bram.id}` : GROUP, text);
      for (const s of sent) expect(s.text).not.toContain('er ging iets mis');
      expect(sent.length).toBeLessThanOrEqual(1);
    }), { numRuns: 150 });
    // Nothing is ever claimed without a button press.
    expect(await h.database.db.select().from(rotaClaims)).toEqual([]);
  });
});
