import { describe, expect, it } from 'vitest';
import { guessCategory, looksLikeProblem } from '../../src/reports/problem-words.js';
import { statusQuestion } from '../../src/reports/status.js';

/** Which free text addressed to the bot starts a report (the rest goes to the rota, loans or the general answer). */
describe('a problem told to the bot', () => {
  it.each([
    // broken, not working, stuck, not closing
    'de lamp in hal B is kapot', 'de deur van de berging hangt los', 'de voordeur is beschadigd', 'geen licht in portiek C',
    'de deur van de berging klemt', 'de voordeur sluit niet', 'De voordeur sluit niet meer goed', 'de lift doet het niet',
    'de lift staat al twee dagen stil', 'de verlichting in de hal is uit', 'het licht in de fietsenkelder gaat niet meer aan',
    'de bel werkt al weken niet', 'het slot van de fietsenstalling zit vast', 'de afvoer in de wasruimte is verstopt',
    // litter lying somewhere, dirt
    'er ligt glas in de fietsenstalling', 'Er ligt weer afval bij de containers', 'er ligt grofvuil bij de containers', 'er ligt rommel in het trappenhuis',
    'er ligt poep bij de voordeur', 'er staat een matras bij de containers', 'er liggen scherven op het pad', 'hondenpoep op het grasveld',
    'er zijn vuilniszakken neergezet naast de container', 'het trappenhuis is smerig', 'er staat graffiti op de muur van de berging',
    // smells
    'het stinkt in de kelder', 'het stinkt in de fietsenberging', 'het ruikt naar gas in portiek B', 'er hangt een rioollucht in de wasruimte',
    // leaks, damp, mould
    'lekkage bij de voordeur', 'er zit schimmel in de berging', 'er zit schimmel in de douche', 'het plafond in de gang lekt', 'er druppelt water uit de lamp',
    // vermin
    'er lopen muizen in de kelder', 'ratten bij de containers', 'er zit een wespennest onder de dakrand',
    // nuisance
    'de buren maken veel lawaai', 'er hangen jongeren rond in de portiek', 'elke nacht harde muziek op 3 hoog', 'veel overlast van de hangplek',
    // English
    'there is broken glass in the bike shed', 'the front door doesn\'t close', 'the front door doesn’t close properly', 'it smells in the basement',
    'water leaking in the hallway', 'someone dumped rubbish next to the bins', 'the front door lock is damaged', 'no heating in the community room',
    'the lift is out of order', 'there is rubbish lying by the entrance', 'the lights in the hall are out', 'there are mice in the storage room',
    'de container puilt uit', 'de buitendeur staat steeds open', 'the bins are overflowing',
    'rats near the bins', 'the neighbours play loud music every night', 'the shed door is stuck', 'the lift won\'t open', 'there is mould in the laundry room',
    'the stairwell is filthy', 'there is dog poo on the path',
  ])('"%s" is a problem', (text) => {
    expect(looksLikeProblem(text)).toBe(true);
  });

  it.each([
    'ik doe zaterdag het trappenhuis', 'mag ik de ladder lenen tot morgen', 'wie heeft de schuursleutel?', 'wie heeft de ladder?',
    'kan iemand mijn beurt overnemen', 'ramen zijn klaar', 'I will do the stairs on saturday', 'hoi',
    'ik heb glas naar de glasbak gebracht', 'de tuin ziet er mooi uit', 'ik doe zaterdag de trap', 'de containers zijn buiten gezet',
    'er ligt nog een pakketje voor je bij mij', 'er liggen nog dozen voor je bij mij', 'ik heb het afval bij de container gezet', 'ik breng het glas morgen weg',
    'wanneer komt de glasbak?', 'heeft iemand zin om zaterdag te helpen in de tuin?', 'ik sluit niet uit dat ik later kom', 'ik heb een stuk taart over',
    'hoe staat het met mijn melding?', 'het licht doet het weer, dank je', 'I took the rubbish out', 'the garden looks lovely', 'who has the ladder?',
    'the bins are out', 'there is a parcel for you at my place', 'dank je wel!', 'de lamp is vervangen',
  ])('"%s" is not', (text) => {
    expect(looksLikeProblem(text)).toBe(false);
  });

  it.each([
    ['er ligt glas in de fietsenstalling', 'cleaning'], ['de lamp in hal B is kapot', 'maintenance'], ['lekkage bij de voordeur', 'maintenance'],
    ['de buren maken veel lawaai', 'nuisance'], ['het ruikt naar gas in portiek B', 'safety'], ['the front door is stuck', 'maintenance'],
    ['there is rubbish lying by the entrance', 'cleaning'], ['er lopen muizen in de kelder', null],
  ])('"%s" suggests the category %s', (text, category) => {
    expect(guessCategory(text)).toBe(category);
  });
});

describe('a question after one\'s reports', () => {
  it.each([
    ['hoe staat het met mijn melding?', null], ['is mijn melding al opgepakt?', null], ['wat is er met mijn melding gebeurd', null],
    ['any news on my report?', null], ['what\'s the status of my report?', null], ['Is er al nieuws over mijn meldingen?', null],
    ['ik heb de lekkage gemeld, is er al iets gebeurd?', null], ['hoe staat het met melding 3', 3], ['status of report 3', 3],
    ['hoe staat het met melding #12?', 12], ['any update on report #4?', 4], ['is melding 7 al opgelost?', 7],
  ])('"%s" asks after %s', (text, number) => {
    expect(statusQuestion(text)).toEqual({ number });
  });

  it.each([
    'ik wil een melding maken', 'melding: de lamp in hal B is kapot', 'I want to report broken glass', 'hoe staat het rooster?',
    'hoe staat het met de containers?', 'de lamp in hal B is kapot', 'I want to report what happened in the hallway last night',
  ])('"%s" does not', (text) => {
    expect(statusQuestion(text)).toBeNull();
  });
});
