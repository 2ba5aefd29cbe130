import { describe, expect, it } from 'vitest';
import { IntlMessageFormat } from 'intl-messageformat';
import { isIcu } from '../src/i18n/icu.js';
import { catalogue, LANGUAGES, langFromTag, msg, render, t, type MessageKey } from '../src/i18n/index.js';

interface Node { type: number; value?: string; options?: Record<string, { value: Node[] }> }
const argNames = (nodes: Node[]): string[] => nodes.flatMap((n) => [
  ...(n.type !== 0 && n.type !== 7 && n.value ? [n.value] : []),
  ...Object.values(n.options ?? {}).flatMap((o) => argNames(o.value)),
]);
/** `{name}` and the argument of ICU constructs (`{count, plural, …}`). */
const placeholders = (text: string): string[] => !isIcu(text)
  ? [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort()
  : [...new Set(argNames(new IntlMessageFormat(text, 'en', undefined, { ignoreTag: true }).getAst()))].sort();
const keys = Object.keys(catalogue) as MessageKey[];

describe('message catalogue', () => {
  it('has a catalogue of real size', () => {
    expect(keys.length).toBeGreaterThan(50);
  });

  it.each(keys)('%s has Dutch and English text with the same {placeholders}', (key) => {
    const entry = catalogue[key] as Record<string, unknown>;
    expect(Object.keys(entry).sort()).toEqual([...LANGUAGES].sort());
    for (const lang of LANGUAGES) {
      const text = entry[lang];
      expect(typeof text, `${key}.${lang}`).toBe('string');
      expect((text as string).trim(), `${key}.${lang} is empty`).not.toBe('');
    }
    expect(placeholders(catalogue[key].en), key).toEqual(placeholders(catalogue[key].nl));
  });

  it('keys are namespaced by area', () => {
    for (const key of keys) expect(key).toMatch(/^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_-]+)+$/);
  });
});

describe('rendering', () => {
  it('fills placeholders, nests messages in the same language and escapes only user text', () => {
    const line = msg('onboarding.role.already', { name: '<b>Anna</b>', role: msg('core.role.coordinator') });
    expect(render('nl', line)).toBe('<b>Anna</b> is al coördinator.');
    expect(render('en', line, (s) => s.replace(/</g, '&lt;'))).toBe('&lt;b>Anna&lt;/b> is already coordinator.');
  });

  it('leaves a missing parameter visible rather than inventing text', () => {
    expect(t('en', 'onboarding.welcome')).toBe('Welcome {name}! Type /help to see what I can do for you.');
  });

  it('maps platform language tags to a supported language', () => {
    expect(langFromTag('nl-BE')).toBe('nl');
    expect(langFromTag('en_US')).toBe('en');
    expect(langFromTag('de')).toBeUndefined();
    expect(langFromTag(undefined)).toBeUndefined();
  });
});

/** Parameters that hold a count somewhere in the catalogue. */
const NUMERIC = new Set(['n', 'count', 'limit', 'max', 'min', 'chats', 'uses', 'people', 'open', 'minutes', 'days', 'turns', 'points',
  'hours', 'avg', 'attempts', 'votes', 'missing', 'expected', 'kb', 'id', 'threshold', 'average']);
/** Nouns that have a singular form: "1 <plural>" is a bug. */
const PLURAL_NOUNS = /\b1 (beurten|punten|bewoners|dagen|weken|maanden|minuten|helpers|stemmen|pogingen|tekens|onderdelen|chats|turns|points|residents|days|weeks|months|minutes|hours|helpers|votes|attempts|characters|entries|uses|people)\b/;

describe('plurals (ICU) in every message', () => {
  it.each(keys)('%s reads right with 0, 1 and 2', (key) => {
    for (const lang of LANGUAGES) {
      for (const n of [0, 1, 2]) {
        const params = Object.fromEntries(placeholders(catalogue[key][lang]).map((p) => [p, NUMERIC.has(p) ? n : 'x']));
        const text = t(lang, key, params);
        expect(text, `${key}.${lang} n=${n}`).not.toMatch(PLURAL_NOUNS);
        expect(text, `${key}.${lang} n=${n}`).not.toMatch(/\w\((s|en|men)\)/);
        expect(text, `${key}.${lang} n=${n}: a construct left unrendered`).not.toMatch(/\{\w+, (plural|select)/);
      }
    }
  });

  it('picks the form by the language\'s rules and escapes only user values', () => {
    const share = (lang: 'nl' | 'en', n: number) => t(lang, 'rota.share.group', { days: 90, turns: n, points: n, hours: 0.5, people: n }, (s) => s.toUpperCase());
    expect(share('nl', 1)).toContain('1 beurt, 1 punt en 0,5 uur, door 1 bewoner.');
    expect(share('en', 1)).toContain('1 turn, 1 point and 0.5 hours, by 1 resident.');
    expect(share('en', 2)).toContain('2 turns, 2 points and 0.5 hours, by 2 residents.');
    expect(t('en', 'scheduler.rota.openCall', { task: 'a<b', when: 'x', missing: 1 }, (s) => s.replace(/</g, '&lt;')))
      .toBe('🙋 a&lt;b on x still needs 1 helper. Who takes it?');
    expect(t('nl', 'rota.rule.weeklyNOn', { n: 2, days: 'zaterdag' })).toBe('elke 2 weken op zaterdag');
  });
});
