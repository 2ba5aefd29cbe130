import { describe, expect, it } from 'vitest';
import { catalogue, LANGUAGES, langFromTag, msg, render, t, type MessageKey } from '../src/i18n/index.js';

const placeholders = (text: string): string[] => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
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
