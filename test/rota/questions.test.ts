import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anna, bram, chloe, createHarness, type Harness } from '../support/harness.js';
import { addTasks, GROUP, linkedComplex, stairsAndHall } from './setup.js';

/**
 * An answer to a question replaces the question (edit), so its Yes/No or other choices are gone:
 * a later "No" would otherwise say nothing changed while it did. A plain rota button does not
 * replace the rota it sits under.
 */
describe('rota: pressing an answer under a question replaces the question', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    const complexId = await linkedComplex(h);
    await addTasks(h, complexId, stairsAndHall());
  });
  afterAll(async () => { await h.close(); });

  it('free-text Yes, a which-one choice, a free-text give-away and a hand-over answer all edit their question', async () => {
    const [ask] = await h.fake.say(bram, GROUP, 'ik doe de hal zondag @bot');
    expect(ask!.buttons.flat().map((b) => b.action)).toEqual([expect.stringMatching(/^rota:cy:\d+$/), 'rota:no']);
    const [claimed] = await h.fake.pressLabel(bram, GROUP, 'Ja, ik neem hem');
    expect(claimed).toMatchObject({ edited: true, messageId: ask!.messageId, text: 'Bram Jansen doet Hal dweilen, zo 29 nov 10:00. Dank je wel!', buttons: [] });

    // Chloé writes in English; the group's questions and answers stay in the group's language.
    const [which] = await h.fake.say(chloe, GROUP, 'I will do the stairs on saturday @bot');
    expect(which!.text).toBe('Welke bedoel je?');
    const [chosen] = await h.fake.pressLabel(chloe, GROUP, 'Trappenhuis B vegen');
    expect(chosen).toMatchObject({ edited: true, messageId: which!.messageId, text: 'Chloé Martin doet Trappenhuis B vegen, za 28 nov 10:00. Dank je wel!' });

    const [confirm] = await h.fake.say(bram, GROUP, 'kan iemand zondag de hal doen? ik niet');
    const [offer] = await h.fake.pressLabel(bram, GROUP, 'Ja');
    // The question becomes the offer to the group, with its own button.
    expect(offer).toMatchObject({ edited: true, messageId: confirm!.messageId, text: 'Bram Jansen zoekt iemand die Hal dweilen, zo 29 nov 10:00 overneemt.' });
    expect(offer!.buttons.flat().map((b) => b.label)).toEqual(['Ik neem het over']);

    await h.fake.say(chloe, GROUP, '/handover stairs to @anna');
    const question = h.fake.dmsTo(anna.id).at(-1)!;
    const [accepted] = await h.fake.pressLabel(anna, `dm:${anna.id}`, 'Accepteren');
    expect(accepted).toMatchObject({ edited: true, messageId: question.messageId, buttons: [] });
    expect(accepted!.text).toBe('Anna de Vries neemt Trappenhuis B vegen, za 28 nov 10:00 over van Chloé Martin. Dank je!');
  });

  it('a claim button under the rota answers with a new message and redraws the rota in place: the turn is taken, its button gone', async () => {
    const [rota] = await h.fake.say(bram, GROUP, '/rooster');
    const button = rota!.buttons.flat()[0]!;
    const [claimed, redrawn] = await h.fake.press(bram, GROUP, button.action, rota!.messageId);
    expect(claimed).toMatchObject({ edited: false });
    expect(claimed!.text).toMatch(/^Bram Jansen doet .+\. Dank je wel!$/);
    expect(claimed!.messageId).not.toBe(rota!.messageId);
    expect(redrawn).toMatchObject({ edited: true, messageId: rota!.messageId });
    expect(redrawn!.text).toContain('Bram Jansen');
    expect(redrawn!.buttons.flat().map((b) => b.label)).not.toContain(button.label);
  });
});
