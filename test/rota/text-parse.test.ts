import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseRotaText, type RotaIntent } from '../../src/rota/text-parse.js';
import { readDate } from '../../src/rota/dates.js';

const TASKS = [
  { id: 1, name: 'Trappenhuis A vegen', area: 'Trappenhuis A' },
  { id: 2, name: 'Trappenhuis B vegen', area: 'Trappenhuis B' },
  { id: 3, name: 'Tuin bijhouden', area: 'Tuin' },
  { id: 4, name: 'Containers buiten zetten', area: null },
  { id: 5, name: 'Hal dweilen', area: 'Hal' },
  { id: 6, name: 'Ramen lappen', area: null },
];
// Sunday: "next week" is Mon 23–Sun 29, "this week"/"this weekend" is today, "zondag" is today or the next.
const NOW = new Date('2026-11-22T10:00:00Z');
const TZ = 'Europe/Amsterdam';

type Expect = [kind: RotaIntent['kind'], tasks: number[], from?: string, to?: string];
// tasks: the candidate task ids; more than one means the bot must ask which.
const TABLE: [string, boolean, Expect][] = [
  ['ik doe de trap zaterdag', true, ['claim', [1, 2], '2026-11-28']],
  ['ik doe trappenhuis A zaterdag', true, ['claim', [1], '2026-11-28']],
  ['ik doe trap a zaterdag', false, ['claim', [1], '2026-11-28']],
  ['ik pak de tuin volgende week', true, ['claim', [3], '2026-11-23', '2026-11-29']],
  ['ik neem de containers morgen', true, ['claim', [4], '2026-11-23']],
  ['doe ik wel, de hal op woensdag', true, ['claim', [5], '2026-11-25']],
  ['ik wil de ramen doen op 5 december', true, ['claim', [6], '2026-12-05']],
  ['ik doe de tuin op de 14e', true, ['claim', [3], '2026-12-14']],
  ['ik kan de hal dweilen deze week', true, ['claim', [5], '2026-11-22', '2026-11-22']],
  ['zet mij maar op de containers', true, ['claim', [4]]],
  ['ik pak de tuni zaterdag', true, ['claim', [3], '2026-11-28']],
  ['mag ik de ramen dit weekend?', true, ['claim', [6], '2026-11-22', '2026-11-22']],
  ['ik doe de hal overmorgen', true, ['claim', [5], '2026-11-24']],
  ['ik doe trappenhuis B op 12/12', true, ['claim', [2], '2026-12-12']],
  ["I'll take the bins on the 14th", true, ['claim', [4], '2026-12-14']],
  ["I'll do the garden next week", true, ['claim', [3], '2026-11-23', '2026-11-29']],
  ['I can do the hall on saturday', true, ['claim', [5], '2026-11-28']],
  ['I will take the windows tomorrow', true, ['claim', [6], '2026-11-23']],
  ["i'll take stairs B on Dec 5", true, ['claim', [2], '2026-12-05']],
  ['let me do the stairs', true, ['claim', [1, 2]]],
  ['I take the trash on monday', true, ['claim', [4], '2026-11-23']],
  ['sign me up for the garden next weekend', true, ['claim', [3], '2026-11-28', '2026-11-29']],
  ['kan iemand zondag de hal doen? ik niet', true, ['giveaway', [5], '2026-11-22', '2026-11-29']],
  ['wil iemand de tuin van me overnemen zaterdag', true, ['giveaway', [3], '2026-11-28']],
  ['can someone take the bins on monday?', true, ['giveaway', [4], '2026-11-23']],
  ['anyone for the windows next week? not me', true, ['giveaway', [6], '2026-11-23', '2026-11-29']],
  ['ik kan zaterdag toch niet de trap doen', true, ['release', [1, 2], '2026-11-28']],
  ['de tuin lukt me niet zondag', true, ['release', [3], '2026-11-22', '2026-11-29']],
  ['ik geef de hal vrij', true, ['release', [5]]],
  // A day without a task: one's own turns that day (which one, or "no turns").
  ['ik kan zaterdag toch niet', true, ['release', [], '2026-11-28']],
  ['ik kan zaterdag toch niet', false, ['none', []]],
  // Who does what: the rota of those days.
  ['wie doet er deze week wat?', true, ['ask', [], '2026-11-22', '2026-11-22']],
  ['who does what next week?', true, ['ask', [], '2026-11-23', '2026-11-29']],
  ['wie doet er deze week wat?', false, ['none', []]],
  ["I can't do the garden on sunday", true, ['release', [3], '2026-11-22', '2026-11-29']],
  ['please release my stairs A turn', true, ['release', [1]]],
  ['de trap A is gedaan, 40 min', true, ['done', [1]]],
  ['ik heb de tuin gedaan', true, ['done', [3]]],
  ['ramen zijn klaar', true, ['done', [6]]],
  ['done with the bins, took 15 minutes', true, ['done', [4]]],
  ['I finished the hall', true, ['done', [5]]],
  // Not about the rota, or not enough: silence (or, when addressed, a short "what I can do").
  ['hallo allemaal', true, ['none', []]],
  ['wie heeft de sleutel van de schuur?', false, ['none', []]],
  ['ik doe de boodschappen zaterdag', false, ['none', []]],
  ['ik doe de boodschappen zaterdag', true, ['unclear', []]],
  ['mooi weer vandaag', false, ['none', []]],
  ['wat een mooie tuin', false, ['none', []]],
  ['the garden looks great', false, ['none', []]],
  ['/rooster', true, ['none', []]],
  // One's own share of the work, not a turn (addressed only; in the group it is neighbours' talk).
  ['hoeveel punten heb ik?', true, ['contribution', []]],
  ['wat is mijn bijdrage', true, ['contribution', []]],
  ['hoeveel beurten heb ik al gedaan?', true, ['contribution', []]],
  ['hoe vaak heb ik de trap gedaan dit jaar', true, ['contribution', []]],
  ['how many points do I have', true, ['contribution', []]],
  ['how much have I contributed?', true, ['contribution', []]],
  ['hoeveel punten heb ik?', false, ['none', []]],
  ['how many turns have I done?', true, ['contribution', []]],
  ['hoeveel beurten zijn er nog open?', true, ['ask', []]],
  ['', true, ['none', []]],
  // Away for a while, no task named: an absence to confirm (as /afwezig); in the group unaddressed it is chatter.
  ['ik ben op vakantie van 10 tot 20 december', true, ['away', [], '2026-12-10', '2026-12-20']],
  ['ik ben weg van 1 t/m 14 augustus', true, ['away', [], '2027-08-01', '2027-08-14']],
  ['volgende week ben ik er niet', true, ['away', [], '2026-11-23', '2026-11-29']],
  ["I'm away next week", true, ['away', [], '2026-11-23', '2026-11-29']],
  ["I'm on holiday from 3 to 17 July", true, ['away', [], '2027-07-03', '2027-07-17']],
  ['I will be away from 1 to 14 August', true, ['away', [], '2027-08-01', '2027-08-14']],
  ['ik ben er de hele kerstvakantie niet', true, ['away', []]],
  ['ik ben volgende week op vakantie hoor!', false, ['none', []]],
  ['ik ben er niet zeker van', true, ['unclear', []]],
  ["I won't be around next week", true, ['away', [], '2026-11-23', '2026-11-29']],
  ['ik ben morgen niet thuis', true, ['none', []]],
  // With a task or asking someone to take over, being away stays a release or a giveaway.
  ['ik kan zaterdag niet de trap doen', true, ['release', [1, 2], '2026-11-28']],
  ['ik ben zaterdag weg, de tuin lukt niet', true, ['release', [3], '2026-11-28']],
  ['kan iemand mijn beurt overnemen, ik ben weg', true, ['giveaway', []]],
  // A swap without a task is about one's own turns (none: a plain answer).
  ['kan ik ruilen?', true, ['swap', []]],
  ['wil iemand met mij ruilen?', true, ['swap', []]],
  ['kan ik ruilen?', false, ['none', []]],
];

describe('free-text parser: Dutch and English phrasings', () => {
  it('has at least 40 rows', () => { expect(TABLE.length).toBeGreaterThanOrEqual(40); });

  it.each(TABLE)('%j (addressed: %s)', (text, addressed, [kind, tasks, from, to]) => {
    const intent = parseRotaText(text, TASKS, NOW, TZ, { addressed });
    expect(intent.kind).toBe(kind);
    if (intent.kind === 'none' || intent.kind === 'badDate' || intent.kind === 'contribution') return;
    expect('tasks' in intent ? intent.tasks.map((t) => t.taskId).sort() : []).toEqual(tasks);
    if (intent.kind === 'unclear') return;
    if (from) expect(intent.range).toEqual({ from, to: to ?? from });
    else expect(intent.range).toBeNull();
  });

  it('reads minutes from a done message', () => {
    expect(parseRotaText('de trap A is gedaan, 40 min', TASKS, NOW, TZ, { addressed: true })).toMatchObject({ minutes: 40 });
    expect(parseRotaText('tuin gedaan, kostte 1,5 uur', TASKS, NOW, TZ, { addressed: true })).toMatchObject({ minutes: 90 });
  });
});

describe('free-text parser: properties', () => {
  it('any string gives an intent or silence, never an exception', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), fc.boolean(), (text, addressed) => {
      const intent = parseRotaText(text, TASKS, NOW, TZ, { addressed });
      expect(['none', 'unclear', 'ask', 'badDate', 'claim', 'release', 'giveaway', 'swap', 'done']).toContain(intent.kind);
    }), { numRuns: 1500 });
  });

  it('rota-like sentences with random dates and names never throw and keep dates well-formed', () => {
    const word = fc.constantFrom('ik doe', 'ik pak', "I'll take", 'kan iemand', 'ik kan niet', 'gedaan', 'trap', 'tuin', 'bins', 'hal',
      'zaterdag', 'morgen', 'volgende week', 'de 31e', 'the 14th', '30 februari', '1-14 aug', '99/99', '2026', 'op', '?', '@bot');
    fc.assert(fc.property(fc.array(word, { maxLength: 8 }), fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (words, now) => {
      const intent = parseRotaText(words.join(' '), TASKS, now, TZ, { addressed: true });
      if ('range' in intent && intent.range) {
        expect(intent.range.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(intent.range.to >= intent.range.from).toBe(true);
      }
    }), { numRuns: 1000 });
  });
});

// Cases found by the free-text corpus (test/data/freetext-corpus.tsv), on Wednesday 2 December.
const WED = new Date('2026-12-02T10:00:00Z');
const FROM_CORPUS: [string, boolean, Expect][] = [
  // Typos and chat shorthand.
  ['ik doe de trp b zatedag', true, ['claim', [2], '2026-12-05']],
  ['ik doe trappenhuis B volg. week za', true, ['claim', [2], '2026-12-12']],
  // Compounds of a task word and "beurt".
  ['kan iemand mijn containerbeurt van maandag overnemen?', true, ['giveaway', [4], '2026-12-07']],
  ['kan iemand mijn tuinbeurt overnemen', true, ['giveaway', [3]]],
  // Questions about one's own turns or what is open, and offers to help without a task.
  ['wat moet ik deze week doen?', true, ['ask', [], '2026-12-02', '2026-12-06']],
  ['ik wil helpen, wat kan ik doen?', true, ['ask', []]],
  ['wat kan ik nog oppakken deze maand', true, ['ask', [], '2026-12-02', '2026-12-31']],
  ['mijn taken deze maand', true, ['ask', [], '2026-12-02', '2026-12-31']],
  ['show me the rota', true, ['ask', []]],
  ['open turns?', true, ['ask', []]],
  ['ik wil wel iets doen zaterdag', true, ['ask', [], '2026-12-05']],
  ['When do I have to put the bins out?', true, ['ask', [4]]],
  // Release phrasings.
  ["bins monday isn't going to work for me", true, ['release', [4], '2026-12-07']],
  ['mag ik de ramen teruggeven', true, ['release', [6]]],
  ['I can no longer do the hall', true, ['release', [5]]],
  ['haal me van de tuin af voor 12 december', true, ['release', [3], '2026-12-12']],
  ['please unassign me from the hall this sunday', true, ['release', [5], '2026-12-06']],
  ['geef mijn ramen beurt maar weg', true, ['release', [6]]],
  // Done: a weekday in a report is the last one, not the next one.
  ['maandag de containers buiten gezet', true, ['done', [4], '2026-11-30']],
  ['afgelopen zaterdag trappenhuis A geveegd', true, ['done', [1], '2026-11-28']],
  ['vorige week zaterdag trap a gedaan', true, ['done', [1], '2026-11-28']],
  ['did the stairs on saturday', true, ['done', [1, 2], '2026-11-28']],
  ['containers staan aan de straat', true, ['done', [4]]],
  // Group chatter that mentions a task: praise, questions to neighbours, other verbs.
  ['wie heeft de trap zo mooi gedaan?', false, ['none', []]],
  ['Mooi gedaan met de tuin Daan!', false, ['none', []]],
  ['thanks to whoever cleaned the stairs!', false, ['none', []]],
  ['is de hal al gedweild? het is echt vies', false, ['none', []]],
  ['Heeft iemand een ladder? Ik wil de ramen lappen', false, ['none', []]],
  ['Does anyone know when the garbage truck comes?', false, ['none', []]],
  ['Iemand een idee waarom de containers niet geleegd zijn?', false, ['none', []]],
  ['ik zet mijn fiets wel in de hal vannacht', false, ['none', []]],
  ['ik zet maandag 14/12 de containers buiten', false, ['claim', [4], '2026-12-14']],
  ['kun je de verwarming hoger zetten?', true, ['none', []]],
  ['hoe voeg ik iemand toe aan de groep?', true, ['none', []]],
  ['kan de verwarming in de hal hoger?', true, ['unclear', [5]]],
  ['de ramen van de hal zijn gelapt zag ik, top!', false, ['none', []]],
  ['Super dat de hal weer schoon is!', false, ['none', []]],
  // Third round: subject-less Dutch, "zal ik", withdrawals, Dutch "is schoon", klusjes.
  ['wil de tuin wel doen 26e', true, ['claim', [3], '2026-12-26']],
  ['zal ik trap A doen op 19 dec?', true, ['claim', [1], '2026-12-19']],
  ['ik trek me terug voor de containers maandag', true, ['release', [4], '2026-12-07']],
  ['not able to do the bins monday', true, ['release', [4], '2026-12-07']],
  ['Hal is schoon', true, ['done', [5]]],
  ['the bins went out on monday', true, ['done', [4], '2026-11-30']],
  ['welke klusjes moeten er nog gebeuren?', true, ['ask', []]],
  // Fourth round: glued marks, more phrasings, ticks.
  ['trapB zaterdag doe ik', true, ['claim', [2], '2026-12-05']],
  ["I'm not going to make it for the bins on Monday", true, ['release', [4], '2026-12-07']],
  ['wissel trap A 5 dec', true, ['swap', [1], '2026-12-05']],
  ['Containers staan weer buiten', true, ['done', [4]]],
  ['trappenhuis a: check ✅', true, ['done', [1]]],
  ['Wat moet er nog gebeuren deze maand?', true, ['ask', [], '2026-12-02', '2026-12-31']],
  ['ik heb gisteren de containers buitengezet', true, ['done', [4], '2026-12-01']],
  // Fifth round.
  ['zou ik over 2 weken zaterdag trap A mogen doen?', true, ['claim', [1], '2026-12-19']],
  ['Helaas, ik moet de trap van zaterdag laten gaan', true, ['release', [1, 2], '2026-12-05']],
  ['ruiltje? tuin 12 dec', true, ['swap', [3], '2026-12-12']],
  ['Ik ga vandaag de ramen van mijn eigen huis lappen', false, ['none', []]],
  // Sixth round.
  ['Is er al iemand voor trappenhuis B zaterdag?', true, ['ask', [2], '2026-12-05']],
  ['kan ik zien wanneer ik moet?', true, ['ask', []]],
  ['nog iets open?', true, ['ask', []]],
  ['Ik heb per ongeluk de ramen op maandag genomen, kan dat eraf?', true, ['release', [6], '2026-12-07']],
  ['Ik laat de containers maandag aan een ander over', true, ['giveaway', [4], '2026-12-07']],
  ['ik stop met de ramen', true, ['release', [6]]],
  ['maandag ben ik er niet voor de vuilnis bakken', true, ['release', [4], '2026-12-07']],
  ['Containers zijn buiten', true, ['done', [4]]],
];

describe('free-text parser: cases from the corpus', () => {
  it.each(FROM_CORPUS)('%j (addressed: %s)', (text, addressed, [kind, tasks, from, to]) => {
    const intent = parseRotaText(text, TASKS, WED, TZ, { addressed });
    expect(intent.kind).toBe(kind);
    if (intent.kind === 'none' || intent.kind === 'badDate' || intent.kind === 'contribution') return;
    expect('tasks' in intent ? intent.tasks.map((t) => t.taskId).sort() : []).toEqual(tasks);
    if (intent.kind === 'unclear') return;
    if (from) expect(intent.range).toEqual({ from, to: to ?? from });
    else expect(intent.range).toBeNull();
  });

  it('asks about one\'s own turns only when the question is about them', () => {
    expect(parseRotaText('wat moet ik deze week doen?', TASKS, WED, TZ, { addressed: true })).toMatchObject({ mine: true });
    expect(parseRotaText('ik wil helpen, wat kan ik doen?', TASKS, WED, TZ, { addressed: true })).toMatchObject({ mine: false });
    expect(parseRotaText('show me the rota', TASKS, WED, TZ, { addressed: true })).toMatchObject({ mine: false });
  });

  it('reads past and month words as dates, and "maand" is no Monday', () => {
    const on = (text: string, past = false) => readDate(text, WED, TZ, { past }).range;
    expect(on('gisteren')).toEqual({ from: '2026-12-01', to: '2026-12-01' });
    expect(on('eergisteren')).toEqual({ from: '2026-11-30', to: '2026-11-30' });
    expect(on('last sunday')).toEqual({ from: '2026-11-29', to: '2026-11-29' });
    expect(on('vorige week')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(on('zaterdag')).toEqual({ from: '2026-12-05', to: '2026-12-05' });
    expect(on('zaterdag', true)).toEqual({ from: '2026-11-28', to: '2026-11-28' });
    expect(on('woensdag', true)).toEqual({ from: '2026-12-02', to: '2026-12-02' });
    expect(on('deze maand')).toEqual({ from: '2026-12-02', to: '2026-12-31' });
    expect(on('vlg wk')).toEqual({ from: '2026-12-07', to: '2026-12-13' });
    expect(on('maand')).toBeNull();
  });

  it('reads day numbers in words, ordinals next to weekdays, named days, parts of months and week numbers', () => {
    const on = (text: string) => readDate(text, WED, TZ).range;
    const day = (d: string) => ({ from: d, to: d });
    expect(on('zaterdag twaalf december')).toEqual(day('2026-12-12'));
    expect(on('vierentwintig december')).toEqual(day('2026-12-24'));
    expect(on('the twenty-first of december')).toEqual(day('2026-12-21'));
    expect(on('the twelfth')).toEqual(day('2026-12-12'));
    expect(on('zaterdag de twaalfde')).toEqual(day('2026-12-12'));
    expect(on('Saturday 12th')).toEqual(day('2026-12-12'));
    expect(on('wil de tuin wel doen 26e')).toEqual(day('2026-12-26'));
    expect(on('ik doe de 2e keer')).toBeNull();
    expect(on('2e kerstdag')).toEqual(day('2026-12-26'));
    expect(on('boxing day')).toEqual(day('2026-12-26'));
    expect(on('the saturday after next')).toEqual(day('2026-12-12'));
    expect(on('eind december')).toEqual({ from: '2026-12-20', to: '2026-12-31' });
    expect(on('begin januari')).toEqual({ from: '2027-01-01', to: '2027-01-10' });
    expect(on('wk 51')).toEqual({ from: '2026-12-14', to: '2026-12-20' });
    expect(on('week 1')).toEqual({ from: '2027-01-04', to: '2027-01-10' });
    expect(readDate('de 28e gedaan', WED, TZ, { past: true }).range).toEqual(day('2026-11-28'));
  });
});
