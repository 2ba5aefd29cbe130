import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readDue, readWindow } from '../../src/loans/due.js';
import { asksInventory, loanIntent } from '../../src/loans/freetext.js';
import { readFreeWindow } from '../../src/loans/window-text.js';
import { resolveItem } from '../../src/loans/match.js';

const TZ = 'Europe/Amsterdam';
const NOW = new Date('2026-11-22T10:00:00Z'); // Sunday 11:00 in Amsterdam
const at = (text: string, now = NOW) => {
  const r = readDue(text, now, TZ);
  return r.kind === 'at' ? r.dueAt.toISOString() : r.kind;
};

describe('due times in free text', () => {
  it('reads dates, clock times and durations in the complex time zone', () => {
    expect(at('mag ik de maaier lenen tot morgen')).toBe('2026-11-23T19:00:00.000Z');
    expect(at('/borrow mower until 16:00')).toBe('2026-11-22T15:00:00.000Z');
    expect(at('until 4pm')).toBe('2026-11-22T15:00:00.000Z');
    expect(at('tot zaterdag 10 uur')).toBe('2026-11-28T09:00:00.000Z');
    expect(at('voor 3 dagen')).toBe('2026-11-25T10:00:00.000Z');
    expect(at('for 2 hours')).toBe('2026-11-22T12:00:00.000Z');
    expect(at('ik heb de sleutel van de schuur even nodig')).toBe('none');
    expect(readDue('tot 31 februari', NOW, TZ).kind).toBe('invalid');
  });
  it('on the day summer time ends, "tot morgen 10:00" is 10:00 winter time (25 hours ahead)', () => {
    const saturday = new Date('2026-10-24T08:00:00Z'); // 10:00 CEST
    expect(at('tot morgen 10:00', saturday)).toBe('2026-10-25T09:00:00.000Z');
    expect(at('until tomorrow 18:00', saturday)).toBe('2026-10-25T17:00:00.000Z');
    const springSaturday = new Date('2026-03-28T09:00:00Z'); // 10:00 CET
    expect(at('tot morgen 10:00', springSaturday)).toBe('2026-03-29T08:00:00.000Z');
  });
  it('reads reservation windows; an end without a date is on the start day', () => {
    const w = readWindow('ladder zaterdag 10:00 tot 14:00', NOW, TZ);
    expect(w).toEqual({ kind: 'window', startsAt: new Date('2026-11-28T09:00:00Z'), endsAt: new Date('2026-11-28T13:00:00Z') });
    expect(readWindow('ladder', NOW, TZ).kind).toBe('none');
  });
  it('never throws on any input', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (s) => {
      expect(['at', 'none', 'invalid']).toContain(readDue(s, NOW, TZ).kind);
      expect(['window', 'none', 'invalid']).toContain(readWindow(s, NOW, TZ).kind);
      loanIntent(s);
    }), { numRuns: 300 });
  });
});

describe('which item is meant', () => {
  const items = [
    { id: 1, name: 'Schuursleutel', aliases: [] }, { id: 2, name: 'Grasmaaier', aliases: [] },
    { id: 3, name: 'Sleutel fietsenhok', aliases: [] }, { id: 4, name: 'Bladblazer', aliases: ['leaf blower'] },
  ];
  it('finds Dutch compounds split up, the last part of a compound, and English words', () => {
    expect(resolveItem('ik heb de sleutel van de schuur even nodig', items, 0.6)).toEqual({ kind: 'one', itemId: 1 });
    expect(resolveItem('schuur sleutel', items)).toEqual({ kind: 'one', itemId: 1 });
    expect(resolveItem('maaier', items)).toEqual({ kind: 'one', itemId: 2 });
    expect(resolveItem('can I borrow the mower', items, 0.6)).toEqual({ kind: 'one', itemId: 2 });
    expect(resolveItem('the leaf blower', items)).toEqual({ kind: 'one', itemId: 4 });
    expect(resolveItem('grasmaier', items)).toEqual({ kind: 'one', itemId: 2 });
  });
  it('several close names are a choice; nothing close is none', () => {
    expect(resolveItem('sleutel', items)).toEqual({ kind: 'choose', itemIds: [1, 3] });
    expect(resolveItem('fiets', items)).toMatchObject({ kind: 'none' });
    expect(resolveItem('ik doe de trap zaterdag', items, 0.6)).toMatchObject({ kind: 'none' });
  });
  it('tells loan intents from rota phrases', () => {
    expect(loanIntent('mag ik de maaier lenen tot morgen')).toBe('borrow');
    expect(loanIntent('wie heeft de schuursleutel?')).toBe('where');
    expect(loanIntent('ik breng de bladblazer terug')).toBe('return');
    expect(loanIntent('kan ik de ladder nog een dag langer houden')).toBe('renew');
    expect(loanIntent('ik doe de trap zaterdag')).toBeNull();
    expect(loanIntent('ik neem de tuin volgende week')).toBeNull();
  });
  it('tells a reservation from a loan, and cancelling one from making one', () => {
    expect(loanIntent('ik wil de ladder reserveren voor zaterdag')).toBe('reserve');
    expect(loanIntent('kan ik de grasmaaier zaterdag van 10 tot 14 reserveren?')).toBe('reserve');
    expect(loanIntent('reserve the drill for friday')).toBe('reserve');
    expect(loanIntent('can I book the mower on saturday?')).toBe('reserve');
    expect(loanIntent('mag ik de ladder zaterdag lenen?')).toBe('borrow');
    expect(loanIntent('ik wil mijn reservering van de ladder afzeggen')).toBeNull();
    expect(loanIntent('cancel my reservation of the ladder')).toBeNull();
  });
});

describe('reservation windows in free text (Sunday 22 Nov 2026)', () => {
  const TABLE: [string, string | [string, string]][] = [
    ['ik wil de ladder reserveren voor zaterdag', 'day 2026-11-28'],
    ['reserve the drill for friday', 'day 2026-11-27'],
    ['kan ik de grasmaaier zaterdag van 10 tot 14 reserveren?', ['2026-11-28T09:00:00.000Z', '2026-11-28T13:00:00.000Z']],
    ['grasmaaier zaterdag 10:00-14:00', ['2026-11-28T09:00:00.000Z', '2026-11-28T13:00:00.000Z']],
    ['maaier op za 10-14 uur', ['2026-11-28T09:00:00.000Z', '2026-11-28T13:00:00.000Z']],
    ['mag ik de maaier zaterdag van 12 tot 3 lenen?', ['2026-11-28T11:00:00.000Z', '2026-11-28T14:00:00.000Z']],
    ['reserve the mower on saturday from 10am to 2pm', ['2026-11-28T09:00:00.000Z', '2026-11-28T13:00:00.000Z']],
    ['ladder van 1 tot 3 december', ['2026-12-01T08:00:00.000Z', '2026-12-03T19:00:00.000Z']],
    ['ladder 12 dec 9:00 tot 13 dec 18:00', ['2026-12-12T08:00:00.000Z', '2026-12-13T17:00:00.000Z']],
    ['ladder op 5-12', 'day 2026-12-05'],
    ['ladder zondag', 'day 2026-11-22'],
    ['ik wil de ladder reserveren', 'none'],
    ['ladder op 31 februari', 'invalid'],
  ];
  it.each(TABLE)('%j', (text, expected) => {
    const w = readFreeWindow(text, NOW, TZ);
    const got = w.kind === 'window' ? [w.startsAt.toISOString(), w.endsAt.toISOString()] : w.kind === 'day' ? `day ${w.date}` : w.kind;
    expect(got).toEqual(expected);
  });
  it('never throws on any input', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (s) => {
      expect(['window', 'day', 'none', 'invalid']).toContain(readFreeWindow(s, NOW, TZ).kind);
    }), { numRuns: 300 });
  });
});

describe('asking what there is to borrow', () => {
  it.each(['welke spullen zijn er?', 'Wat kan ik lenen?', 'wat is er te lenen', 'wie heeft er nog iets geleend?', 'wat is er allemaal uitgeleend', 'what can I borrow?', 'which tools do we have', 'what is lent out'])('%j asks', (text) => {
    expect(asksInventory(text)).toBe(true);
  });
  it.each(['wie heeft de ladder?', 'mag ik de maaier lenen', 'welke taak is nog open', 'ik heb iets geleend van de buren'])('%j does not', (text) => {
    expect(asksInventory(text)).toBe(false);
  });
});
