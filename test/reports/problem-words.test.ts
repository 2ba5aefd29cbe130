import { describe, expect, it } from 'vitest';
import { looksLikeProblem } from '../../src/reports/freetext.js';

/** Which free text addressed to the bot starts a report (the rest goes to the rota, loans or the general answer). */
describe('a problem told to the bot', () => {
  it.each([
    'de lamp in hal B is kapot', 'er ligt grofvuil bij de containers', 'het stinkt in de fietsenberging',
    'de deur van de berging hangt los', 'de voordeur is beschadigd', 'geen licht in portiek C', 'er zit schimmel in de douche',
    'someone dumped rubbish next to the bins', 'the front door lock is damaged', 'no heating in the community room',
    'the lift is out of order',
  ])('"%s" is a problem', (text) => {
    expect(looksLikeProblem(text)).toBe(true);
  });

  it.each([
    'ik doe zaterdag het trappenhuis', 'mag ik de ladder lenen tot morgen', 'wie heeft de schuursleutel?',
    'kan iemand mijn beurt overnemen', 'ramen zijn klaar', 'I will do the stairs on saturday', 'hoi',
  ])('"%s" is not', (text) => {
    expect(looksLikeProblem(text)).toBe(false);
  });
});
