import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseRotaText, type RotaIntent } from '../../src/rota/text-parse.js';

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
  ['', true, ['none', []]],
];

describe('free-text parser: Dutch and English phrasings', () => {
  it('has at least 40 rows', () => { expect(TABLE.length).toBeGreaterThanOrEqual(40); });

  it.each(TABLE)('%j (addressed: %s)', (text, addressed, [kind, tasks, from, to]) => {
    const intent = parseRotaText(text, TASKS, NOW, TZ, { addressed });
    expect(intent.kind).toBe(kind);
    if (intent.kind === 'none' || intent.kind === 'badDate') return;
    expect(intent.tasks.map((t) => t.taskId).sort()).toEqual(tasks);
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
