import { describe, expect, it } from 'vitest';
import { expand, toRRule } from '../../src/rota/recurrence.js';
import { instantOf, wallTime } from '../../src/time/zone.js';

const AMS = 'Europe/Amsterdam';
const local = (d: Date) => {
  const w = wallTime(d, AMS);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')} ${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
};

describe('recurrence forms', () => {
  it.each([
    ['elke zaterdag', 'FREQ=WEEKLY;BYDAY=SA'],
    ['every saturday', 'FREQ=WEEKLY;BYDAY=SA'],
    ['every 2 weeks on saturday', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=SA'],
    ['elke 2 weken op zaterdag', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=SA'],
    ['om de week op zaterdag', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=SA'],
    ['om de 3 weken op dinsdag', 'FREQ=WEEKLY;INTERVAL=3;BYDAY=TU'],
    ['every other sunday', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=SU'],
    ['eerste maandag van de maand', 'FREQ=MONTHLY;BYDAY=1MO'],
    ['elke eerste maandag van de maand', 'FREQ=MONTHLY;BYDAY=1MO'],
    ['last friday of the month', 'FREQ=MONTHLY;BYDAY=-1FR'],
    ['laatste dag van de maand', 'FREQ=MONTHLY;BYMONTHDAY=-1'],
    ['elke maand op de 31e', 'FREQ=MONTHLY;BYMONTHDAY=31'],
    ['elke maandag en donderdag', 'FREQ=WEEKLY;BYDAY=MO,TH'],
    ['dagelijks', 'FREQ=DAILY'],
    ['FREQ=WEEKLY;BYDAY=SA', 'FREQ=WEEKLY;BYDAY=SA'],
    ['RRULE:FREQ=MONTHLY;BYDAY=-1SU', 'FREQ=MONTHLY;BYDAY=-1SU'],
  ])('%s → %s', (text, rule) => {
    expect(toRRule(text)).toBe(rule);
  });

  it.each(['hallo', 'elke', 'FREQ=HOURLY', 'FREQ=BOGUS', 'elke 0 weken op zaterdag', ''])('refuses %j', (text) => {
    expect(toRRule(text)).toBeNull();
  });
});

describe('expansion in Europe/Amsterdam', () => {
  it('keeps 10:00 local across the last Sunday of March and of October', () => {
    const rule = { rrule: 'FREQ=WEEKLY;BYDAY=SU', anchorDate: '2026-03-01', timeOfDay: '10:00' };
    const march = expand(rule, AMS, new Date('2026-03-20T00:00Z'), new Date('2026-04-06T00:00Z'));
    expect(march.map((d) => d.toISOString())).toEqual(['2026-03-22T09:00:00.000Z', '2026-03-29T08:00:00.000Z', '2026-04-05T08:00:00.000Z']);
    expect(march.map(local)).toEqual(['2026-03-22 10:00', '2026-03-29 10:00', '2026-04-05 10:00']);
    const october = expand(rule, AMS, new Date('2026-10-18T00:00Z'), new Date('2026-11-02T00:00Z'));
    expect(october.map((d) => d.toISOString())).toEqual(['2026-10-18T08:00:00.000Z', '2026-10-25T09:00:00.000Z', '2026-11-01T09:00:00.000Z']);
  });

  it('moves a time in the skipped hour forward and takes the first of a repeated hour', () => {
    const rule = { rrule: 'FREQ=MONTHLY;BYDAY=-1SU', anchorDate: '2026-01-01', timeOfDay: '02:30' };
    const [march] = expand(rule, AMS, new Date('2026-03-01T00:00Z'), new Date('2026-03-31T00:00Z'));
    expect(local(march!)).toBe('2026-03-29 03:30');
    const [october] = expand(rule, AMS, new Date('2026-10-01T00:00Z'), new Date('2026-10-31T00:00Z'));
    expect(october!.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(instantOf({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, AMS).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('handles month ends: the 31st skips short months, the last day lands on 28/29/30/31', () => {
    const on31 = expand({ rrule: 'FREQ=MONTHLY;BYMONTHDAY=31', anchorDate: '2026-01-01', timeOfDay: '18:00' }, AMS,
      new Date('2026-01-01T00:00Z'), new Date('2026-07-01T00:00Z'));
    expect(on31.map(local)).toEqual(['2026-01-31 18:00', '2026-03-31 18:00', '2026-05-31 18:00']);
    const last = expand({ rrule: toRRule('laatste dag van de maand')!, anchorDate: '2028-01-01', timeOfDay: '18:00' }, AMS,
      new Date('2028-01-01T00:00Z'), new Date('2028-05-01T00:00Z'));
    expect(last.map(local)).toEqual(['2028-01-31 18:00', '2028-02-29 18:00', '2028-03-31 18:00', '2028-04-30 18:00']);
  });

  it('counts intervals from the anchor date', () => {
    const rule = { rrule: toRRule('elke 2 weken op zaterdag')!, anchorDate: '2026-11-22', timeOfDay: '09:30' };
    const got = expand(rule, AMS, new Date('2026-11-22T00:00Z'), new Date('2027-01-10T00:00Z'));
    expect(got.map(local)).toEqual(['2026-11-28 09:30', '2026-12-12 09:30', '2026-12-26 09:30', '2027-01-09 09:30']);
    const monthlyFirst = expand({ rrule: toRRule('eerste maandag van de maand')!, anchorDate: '2026-11-22', timeOfDay: '19:00' }, AMS,
      new Date('2026-11-22T00:00Z'), new Date('2027-02-10T00:00Z'));
    expect(monthlyFirst.map(local)).toEqual(['2026-12-07 19:00', '2027-01-04 19:00', '2027-02-01 19:00']);
  });
});
