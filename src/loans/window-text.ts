import type { Msg } from '../i18n/index.js';
import { readDate } from '../rota/dates.js';
import { MONTH_WORD } from '../rota/date-words.js';
import { instantOf, localDate } from '../time/zone.js';
import { EVENING, readWindow } from './due.js';

/**
 * When a reservation asked in plain words is for: "zaterdag van 10 tot 14", "saturday from 10am to 2pm",
 * "za 10:00-14:00 uur" (hours on one day, the day read from the rest, today when none), "van 10 tot 12
 * december" (whole days: 09:00 on the first to the evening of the last), "voor zaterdag" (one day: the
 * caller picks the hours, as for "mag ik de ladder zaterdag lenen?"). Pure; the decider checks the window.
 */
export type FreeWindow =
  | { kind: 'window'; startsAt: Date; endsAt: Date }
  | { kind: 'day'; date: string }
  | { kind: 'none' }
  | { kind: 'invalid'; problem: Msg };

/** Start of a whole-day reservation. */
export const DAY_START = { hour: 9, minute: 0 };

const T = '(\\d{1,2})(?:[:.](\\d{2}))?\\s*(am|pm|uur|u)?';
// "van 10 tot 14", "10 tot 14", or a clock on either side ("10:00-14:00", "10-14 uur"); a bare "5-12" is a date, "10 tot 20 december" days.
const SPAN = new RegExp(`(?:\\b(van|from|between|tussen)\\s+)?\\b${T}\\s*(tot|t/m|-|–|until|till|to|and|en)\\s*${T}(?![\\d:])(?!\\s*${MONTH_WORD}\\b)`);

function hourOf(h: string, m: string | undefined, suffix: string | undefined): { hour: number; minute: number } | null {
  let hour = Number(h);
  const minute = Number(m ?? '0');
  if (suffix === 'pm' && hour < 12) hour += 12;
  if (suffix === 'am' && hour === 12) hour = 0;
  return hour <= 23 && minute <= 59 ? { hour, minute } : null;
}

function at(date: string, time: { hour: number; minute: number }, tz: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return instantOf({ year, month, day, hour: time.hour, minute: time.minute }, tz);
}

export function readFreeWindow(text: string, now: Date, tz: string): FreeWindow {
  const t = ` ${text.toLowerCase().replace(/\s+/g, ' ')} `;
  const span = SPAN.exec(t);
  const clocked = span && (span[1] || span[3] || span[4] || /^[a-z]/.test(span[5]!) || span[7] || span[8]);
  if (span && clocked) {
    const start = hourOf(span[2]!, span[3], span[4]);
    const end = hourOf(span[6]!, span[7], span[8] ?? (span[4] === 'pm' ? 'pm' : undefined));
    if (start && end) {
      // "van 10 tot 2": two in the afternoon.
      if (end.hour * 60 + end.minute <= start.hour * 60 + start.minute && !span[8] && end.hour + 12 <= 23) end.hour += 12;
      const rest = readDate(t.replace(span[0], ' '), now, tz);
      if (rest.invalid) return { kind: 'invalid', problem: rest.invalid };
      const day = rest.range?.from ?? localDate(now, tz);
      return { kind: 'window', startsAt: at(day, start, tz), endsAt: at(day, end, tz) };
    }
  }
  // "12 dec 9:00 tot 13 dec 18:00": as /reserveer reads it.
  if (/\d[:.]\d{2}\b.*\b(tot|until|till|to|-|–)\b.*\d[:.]\d{2}/.test(t)) {
    const window = readWindow(text, now, tz);
    if (window.kind !== 'none') return window;
  }
  const date = readDate(text, now, tz);
  if (date.invalid) return { kind: 'invalid', problem: date.invalid };
  if (!date.range) return { kind: 'none' };
  // A bare "zondag" on a Sunday reads as today-or-next-week: one day is meant unless a span was written.
  const days = /\b(tot|t\/m|until|till|to|through|week|weekend)\b|\d\s*[-–]\s*\d/.test(t);
  if (date.range.from === date.range.to || !days) return { kind: 'day', date: date.range.from };
  return { kind: 'window', startsAt: at(date.range.from, DAY_START, tz), endsAt: at(date.range.to, EVENING, tz) };
}
