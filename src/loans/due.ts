import type { Msg } from '../i18n/index.js';
import { readDate } from '../rota/dates.js';
import { instantOf, localDate } from '../time/zone.js';

/**
 * The due time someone writes with a loan ("tot morgen", "until 16:00", "tot zaterdag 10 uur", "voor
 * 3 dagen", "for 2 hours"), as an instant in the complex's zone. Dates are read by the rota's date
 * reader (Dutch and English, chrono-node behind it). A date without a time means that evening
 * (20:00); a time without a date means today. Whether the result is acceptable (not past, not too far)
 * is the decider's call, so the answer can name the time that was understood.
 */

/** `timed`: the text named a time of day or a length, not only a day. */
export type DueReading = { kind: 'none' } | { kind: 'at'; dueAt: Date; timed: boolean } | { kind: 'invalid'; problem: Msg };

/** A date without a time: the evening of that day. */
export const EVENING = { hour: 20, minute: 0 };

const HOUR = 3_600_000;
const NUMBER: Record<string, number> = { een: 1, 'één': 1, a: 1, an: 1, one: 1, twee: 2, two: 2, drie: 3, three: 3, vier: 4, four: 4, vijf: 5, five: 5 };
const UNIT_HOURS: [RegExp, number][] = [[/^(uur|uurtje|uurtjes|hours?|hrs?|h)$/, 1], [/^(dag|dagen|days?)$/, 24], [/^(week|weken|weeks?)$/, 168], [/^(minuten|minuut|min|minutes?)$/, 1 / 60]];

function durationHours(t: string): number | null {
  const m = /\b(?:voor|for)\s+(?:een\s+|an?\s+)?(\d{1,3}|een|één|an?|one|twee|two|drie|three|vier|four|vijf|five)?\s*(uur|uurtje|uurtjes|hours?|hrs?|h|dag|dagen|days?|week|weken|weeks?|minuten|minuut|min|minutes?)\b/.exec(t)
    ?? /\b(\d{1,3})\s*(dagen|days|weken|weeks|minuten|minutes)\b/.exec(t);
  if (!m) return null;
  const n = m[1] ? Number(m[1]) || NUMBER[m[1]] || 1 : 1;
  const unit = UNIT_HOURS.find(([re]) => re.test(m[2]!));
  return unit ? n * unit[1] : null;
}

/** "4pm" as [text, hour, minutes, am/pm], the shape of the HH:MM match. */
function ampm(m: RegExpExecArray | null): (string | undefined)[] | null {
  return m ? [m[0], m[1], undefined, m[2]] : null;
}

function clock(t: string): { hour: number; minute: number; text: string } | null {
  const m = /\b(\d{1,2})[:.](\d{2})\s*(am|pm)?\b/.exec(t)
    ?? ampm(/\b(\d{1,2})\s*(am|pm)\b/.exec(t))
    // "10 uur" is a clock time here: "voor 2 uur" (a duration) was read before this.
    ?? /\b(\d{1,2})\s*(?:uur|u)\b/.exec(t);
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? '0');
  if (m[3] === 'pm' && hour < 12) hour += 12;
  if (m[3] === 'am' && hour === 12) hour = 0;
  if (hour > 23 || minute > 59) return null;
  return { hour, minute, text: m[0] ?? '' };
}

export function readDue(text: string, now: Date, tz: string): DueReading {
  const t = ` ${text.toLowerCase().replace(/\s+/g, ' ')} `;
  const hours = durationHours(t);
  if (hours !== null) return { kind: 'at', dueAt: new Date(now.getTime() + hours * HOUR), timed: true };
  const time = clock(t);
  const withoutTime = time ? t.replace(time.text, ' ') : t;
  const date = readDate(withoutTime, now, tz);
  if (date.invalid) return { kind: 'invalid', problem: date.invalid };
  if (!date.range && !time) return { kind: 'none' };
  const day = date.range?.from ?? localDate(now, tz);
  const [year, month, d] = day.split('-').map(Number) as [number, number, number];
  const at = time ?? EVENING;
  return { kind: 'at', dueAt: instantOf({ year, month, day: d, hour: at.hour, minute: at.minute }, tz), timed: time !== null };
}

export type WindowReading = { kind: 'window'; startsAt: Date; endsAt: Date } | { kind: 'none' } | { kind: 'invalid'; problem: Msg };

/**
 * A reservation window: "zaterdag 10:00 tot 14:00", "12 dec 9:00 - 13 dec 18:00", "saturday 10:00
 * until 14:00". An end without a date is on the start's day.
 */
export function readWindow(text: string, now: Date, tz: string): WindowReading {
  const parts = /^(.*?)\s+(?:tot|t\/m|until|till|to|-|–)\s+(.*)$/i.exec(text.trim());
  if (!parts) return { kind: 'none' };
  const start = readDue(parts[1]!, now, tz);
  if (start.kind !== 'at') return start;
  const endText = parts[2]!;
  const hasDate = readDate(` ${endText.toLowerCase()} `.replace(/\b\d{1,2}[:.]\d{2}\b/g, ' '), now, tz).range !== null;
  const [y, m, d] = localDate(start.dueAt, tz).split('-');
  const end = readDue(hasDate ? endText : `${d}-${m}-${y} ${endText}`, now, tz);
  if (end.kind !== 'at') return end;
  return { kind: 'window', startsAt: start.dueAt, endsAt: end.dueAt };
}
