import { describe, expect, it } from 'vitest';
import { render, type Lang } from '../../src/i18n/index.js';
import { describeRecurrence, describeRRule } from '../../src/rota/describe-rule.js';

const both = (text: string): Record<Lang, string> => {
  const m = describeRecurrence(text);
  return { nl: render('nl', m), en: render('en', m) };
};

describe('recurrences in plain words', () => {
  it.each([
    ['FREQ=WEEKLY;BYDAY=SA', 'elke zaterdag', 'every Saturday'],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', 'elke 2 weken op maandag', 'every 2 weeks on Monday'],
    ['FREQ=WEEKLY;BYDAY=TH,MO', 'elke maandag en donderdag', 'every Monday and Thursday'],
    ['FREQ=WEEKLY;BYDAY=FR,MO,WE', 'elke maandag, woensdag en vrijdag', 'every Monday, Wednesday and Friday'],
    ['FREQ=WEEKLY', 'elke week', 'every week'],
    ['FREQ=WEEKLY;INTERVAL=3', 'elke 3 weken', 'every 3 weeks'],
    ['FREQ=MONTHLY;BYDAY=-1SA', 'laatste zaterdag van de maand', 'last Saturday of the month'],
    ['RRULE:FREQ=MONTHLY;BYDAY=1MO', 'eerste maandag van de maand', 'first Monday of the month'],
    ['FREQ=MONTHLY;BYDAY=+3WE', 'derde woensdag van de maand', 'third Wednesday of the month'],
    ['FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU', 'tweede dinsdag van elke 2 maanden', 'second Tuesday of every 2 months'],
    ['FREQ=MONTHLY;BYMONTHDAY=15', 'elke maand op de 15e', 'every month on day 15'],
    ['FREQ=MONTHLY;BYMONTHDAY=-1', 'laatste dag van de maand', 'last day of the month'],
    ['FREQ=MONTHLY', 'elke maand', 'every month'],
    ['FREQ=DAILY', 'elke dag', 'every day'],
    ['FREQ=DAILY;INTERVAL=3', 'om de 3 dagen', 'every 3 days'],
  ])('%s → "%s" / "%s"', (rule, nl, en) => {
    expect(both(rule)).toEqual({ nl, en });
  });

  it('describes the Dutch and English forms the same way as their RRULE', () => {
    expect(both('every saturday')).toEqual({ nl: 'elke zaterdag', en: 'every Saturday' });
    expect(both('laatste vrijdag van de maand')).toEqual({ nl: 'laatste vrijdag van de maand', en: 'last Friday of the month' });
    expect(both('om de week op zondag')).toEqual({ nl: 'elke 2 weken op zondag', en: 'every 2 weeks on Sunday' });
  });

  it('falls back to the text as written for shapes it does not describe', () => {
    for (const rule of ['FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=1', 'FREQ=WEEKLY;BYDAY=SA;COUNT=4', 'FREQ=MONTHLY;BYDAY=SA;BYSETPOS=-1',
      'FREQ=MONTHLY;BYMONTHDAY=1,15', 'af en toe']) {
      expect(both(rule)).toEqual({ nl: rule, en: rule });
    }
    expect(describeRRule('FREQ=MONTHLY;BYDAY=5SA')).toBeNull();
    expect(describeRRule('FREQ=WEEKLY;INTERVAL=0;BYDAY=SA')).toBeNull();
  });
});
