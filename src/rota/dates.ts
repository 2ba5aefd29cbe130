import * as chrono from 'chrono-node';
import { msg, type Msg } from '../i18n/index.js';
import { addDays, isoDate, localDate, offsetMinutes, weekdayOf } from '../time/zone.js';
import { dayNumbersAsDigits, HOLIDAYS, MONTH_WORD, monthOf, NUMBERS, ORD, weekdayWord } from './date-words.js';

/**
 * Dates in Dutch and English free text, as a local-date range in the complex's zone. Deterministic
 * patterns first (numeric `12-12`, `5/12`, `za 5/12`; `12 dec`, `the 12th`; `a.s. zaterdag`,
 * `volgende week zaterdag`, `over twee weken`, `this saturday`; weekday typos), chrono-node after
 * that. A date that is named but cannot exist ("31 februari", "13/13") is returned as `invalid`, so
 * the bot names it back instead of silently using another date.
 */

export interface DateRange { from: string; to: string }
export interface DateReading { range: DateRange | null; invalid?: Msg }

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function mondayOf(date: string): string {
  return addDays(date, -((weekdayOf(date) + 6) % 7));
}

/** Picks the year of a day and month without one: this year, or next year when that is well past. */
function withYear(day: number, month: number, year: number | undefined, today: string): { date: string } | { bad: true; year: number } {
  const nowYear = Number(today.slice(0, 4));
  let y = year ?? nowYear;
  if (y < 100) y += 2000;
  if (year === undefined && isoDate(y, month, Math.min(day, daysIn(y, month))) < addDays(today, -30)) y += 1;
  if (day > daysIn(y, month)) return { bad: true, year: y };
  return { date: isoDate(y, month, day) };
}

function single(date: string): DateRange {
  return { from: date, to: date };
}

/** The next date (today included) with that weekday. */
function upcoming(today: string, day: number, strictlyAfter = false): string {
  let diff = (day - weekdayOf(today) + 7) % 7;
  if (diff === 0 && strictlyAfter) diff = 7;
  return addDays(today, diff);
}

const STRIP_DURATIONS = /\d+(?:[.,]\d+)?\s*(min|mins|minuten|minuut|minutes|minute|uur|u|hours|hour|hrs|hr|h)\b/g;

/** Chat shorthand for date words: "volg. week", "vlg wk". */
function expandShorthand(t: string): string {
  return t.replace(/\b(volg|vlg)\.?(?=\s)/g, 'volgende').replace(/\bwk\b/g, 'week');
}

/**
 * Reads the date a text names. `past`: the text reports something done, so a bare weekday is the
 * latest one up to today ("zaterdag de trap gedaan" on a Wednesday is last Saturday).
 */
export function readDate(text: string, now: Date, tz: string, opts: { past?: boolean } = {}): DateReading {
  const today = localDate(now, tz);
  const t = ` ${dayNumbersAsDigits(expandShorthand(text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[’‘`´]/g, "'")
    .replace(STRIP_DURATIONS, ' ').replace(/\s+/g, ' ')))} `;

  const holiday = HOLIDAYS.find(([re]) => re.test(t));
  if (holiday) {
    const got = withYear(holiday[2], holiday[1], undefined, today);
    if ('date' in got) return { range: single(got.date) };
  }

  // Numeric: 12-12, 12/12, 5/12, 5-12-2026, with an optional weekday before it ("za 5/12").
  const noTimes = t.replace(/\b\d{1,2}:\d{2}\b/g, ' ');
  const numeric = new RegExp(`(?:\\b([a-z]{2,9})\\.?\\s+)?\\b(\\d{1,2})\\s*[-/.]\\s*(\\d{1,2})(?:\\s*[-/.]\\s*(\\d{4}|\\d{2}))?(?![\\d:])(?!\\s*${MONTH_WORD}\\b)`).exec(noTimes);
  if (numeric) {
    const [day, month] = [Number(numeric[2]), Number(numeric[3])];
    const year = numeric[4] ? Number(numeric[4]) : undefined;
    const said = numeric[0].trim();
    if (month < 1 || month > 12 || day < 1) return { range: null, invalid: msg('rota.error.badDate', { text: said }) };
    const got = withYear(day, month, year, today);
    if ('bad' in got) return { range: null, invalid: msg('rota.error.noSuchDate', { day, month: msg(`rota.monthLong.${month}` as 'rota.monthLong.1') }) };
    const wd = numeric[1] ? weekdayWord(numeric[1], true) : undefined;
    if (wd !== undefined && wd !== weekdayOf(got.date)) return { range: null, invalid: msg('rota.error.weekdayMismatch', { text: said, date: dayMsgOf(got.date) }) };
    return { range: single(got.date) };
  }

  // Day and month name: "12 dec", "12 december 2026", "12th of December", "December 12th", "1-3 aug".
  const dm = new RegExp(`\\b(\\d{1,2})${ORD}(?:\\s*(?:-|t/m|tot|to|until)\\s*(\\d{1,2})${ORD})?\\s+(?:of\\s+)?${MONTH_WORD}\\b\\.?(?:\\s+(\\d{4}))?`).exec(t)
    ?? new RegExp(`\\b${MONTH_WORD}\\.?\\s+(?:the\\s+)?(\\d{1,2})${ORD}\\b(?:,?\\s+(\\d{4}))?`).exec(t)?.map((v, i, a) => (i === 1 ? a[2] : i === 2 ? undefined : i === 3 ? a[1] : i === 4 ? a[3] : v));
  if (dm) {
    const [day, dayTo, month, year] = [Number(dm[1]), dm[2] ? Number(dm[2]) : undefined, monthOf(dm[3]!)!, dm[4] ? Number(dm[4]) : undefined];
    const got = withYear(day, month, year, today);
    if (day < 1 || 'bad' in got) return { range: null, invalid: msg('rota.error.noSuchDate', { day, month: msg(`rota.monthLong.${month}` as 'rota.monthLong.1') }) };
    if (dayTo !== undefined) {
      const end = withYear(dayTo, month, year ?? Number(got.date.slice(0, 4)), today);
      if ('bad' in end) return { range: null, invalid: msg('rota.error.noSuchDate', { day: dayTo, month: msg(`rota.monthLong.${month}` as 'rota.monthLong.1') }) };
      return { range: { from: got.date, to: end.date < got.date ? got.date : end.date } };
    }
    return { range: single(got.date) };
  }

  // "de 14e", "the 14th", "zaterdag 12th", "doen 26e": the next such day (the last one, when reporting), before any weekday.
  const nth = /(?:^|\s)(\d{1,2})(?:e|ste|de|st|nd|rd|th)\b(?!\s+(?:keer|week|weken|helft|verdieping|etage|deel|ronde|plaats|beurt|time|times|floor|half|place|turn|kerstdag))/.exec(t);
  if (nth) {
    const day = Number(nth[1]);
    if (day < 1 || day > 31) return { range: null, invalid: msg('rota.error.badDate', { text: nth[0].trim() }) };
    for (let i = 0; i < 62; i++) {
      const d = addDays(today, opts.past ? -i : i);
      if (Number(d.slice(8)) === day) return { range: single(d) };
    }
  }

  const part = monthPart(t, today);
  if (part) return { range: part };

  const relative = relativeDate(t, today, opts.past === true);
  if (relative) return { range: relative };
  return { range: chronoDate(text.replace(STRIP_DURATIONS, ' '), now, tz, today, opts.past !== true) };
}

/** "eind december", "begin januari", "medio jan", "late December"; "week 51": parts of the calendar. */
function monthPart(t: string, today: string): DateRange | null {
  const m = new RegExp(`\\b(begin|eind|einde|half|medio|midden|early|late|mid|end of|beginning of|start of)\\s+${MONTH_WORD}\\b`).exec(t);
  if (m) {
    const month = monthOf(m[2]!)!;
    const start = withYear(1, month, undefined, today);
    if (!('date' in start)) return null;
    const [y, mm] = [Number(start.date.slice(0, 4)), month];
    const [from, to] = /^(begin|early|beginning of|start of)$/.test(m[1]!) ? [1, 10] : /^(half|medio|midden|mid)$/.test(m[1]!) ? [10, 20] : [20, daysIn(y, mm)];
    return { from: isoDate(y, mm, from), to: isoDate(y, mm, to) };
  }
  const w = /\b(?:week|wk)\s*(\d{1,2})\b/.exec(t);
  if (!w || Number(w[1]) < 1 || Number(w[1]) > 53) return null;
  // ISO week: week 1 holds 4 January; a week number already past means next year's.
  const isoMonday = (year: number) => addDays(mondayOf(isoDate(year, 1, 4)), 7 * (Number(w[1]) - 1));
  const year = Number(today.slice(0, 4));
  const monday = addDays(isoMonday(year), 6) < today ? isoMonday(year + 1) : isoMonday(year);
  return { from: monday, to: addDays(monday, 6) };
}

/** A date message for a local date (weekday, day, month), as rota messages show it. */
function dayMsgOf(date: string): Msg {
  return msg('rota.day', { wd: msg(`rota.wd.${weekdayOf(date)}` as 'rota.wd.0'), day: Number(date.slice(8)), mon: msg(`rota.mon.${Number(date.slice(5, 7))}` as 'rota.mon.1') });
}

/** The latest date before today (or up to today, with `orToday`) with that weekday. */
function latest(today: string, day: number, orToday: boolean): string {
  const diff = (weekdayOf(today) - day + 7) % 7;
  return addDays(today, -(diff === 0 && !orToday ? 7 : diff));
}

function relativeDate(t: string, today: string, past: boolean): DateRange | null {
  if (/\b(eergisteren|day before yesterday)\b/.test(t)) return single(addDays(today, -2));
  if (/\b(gisteren|gisteravond|gistermiddag|gisterochtend|yesterday|last night)\b/.test(t)) return single(addDays(today, -1));
  if (/\b(overmorgen|day after tomorrow)\b/.test(t)) return single(addDays(today, 2));
  if (/\b(morgen|morgenochtend|morgenmiddag|morgenavond|tomorrow|tmrw|tmw|2morrow)\b/.test(t)) return single(addDays(today, 1));
  if (/\b(vandaag|vanavond|vanmiddag|vanochtend|vanmorgen|today|tonight|this (morning|afternoon|evening))\b/.test(t)) return single(today);

  // The weekday named, if any: full names and typos anywhere, short forms next to a relative word or "op".
  const words = t.trim().split(/[^a-z0-9.'/]+/).filter(Boolean);
  let weekday: number | undefined;
  let weekdayAt = -1;
  words.forEach((w, i) => {
    if (weekday !== undefined) return;
    const prev = words[i - 1] ?? '';
    const tinyOk = /^(op|on|a\.s\.?|as|aanstaande|komende|volgende|next|this|deze|coming|zat|za|week|vorige|afgelopen|last)$/.test(prev) && w.length <= 3 && !/^(do)$/.test(w)
      || /^(op|a\.s\.?|aanstaande|komende|volgende|vorige|afgelopen)$/.test(prev);
    const d = weekdayWord(w, tinyOk);
    if (d !== undefined) { weekday = d; weekdayAt = i; }
  });

  const nWeeks = /\b(?:over|in|na)\s+(\d|een|één|a|one|twee|two|drie|three|vier|four)\s+(weken|week|weeks)\b/.exec(t);
  const nDays = /\b(?:over|in)\s+(\d{1,2}|een|één|a|one|twee|two|drie|three|vier|four|vijf|five|zes|six)\s+(dagen|dag|days|day)\b/.exec(t);
  if (nDays) return single(addDays(today, Number(nDays[1]) || NUMBERS[nDays[1]!] || 1));
  if (nWeeks) {
    const n = Number(nWeeks[1]) || NUMBERS[nWeeks[1]!] || 1;
    const monday = mondayOf(addDays(today, 7 * n));
    if (weekday !== undefined) return single(addDays(monday, (weekday + 6) % 7));
    return { from: monday, to: addDays(monday, 6) };
  }
  const nextWeek = /\b(volgende week|volgend week|komende week|next week|week erna|de week daarna|the week after)\b/.test(t);
  const thisWeek = /\b(deze week|this week)\b/.test(t);
  const lastWeek = /\b(vorige week|afgelopen week|last week|the week before)\b/.test(t);
  if (weekday !== undefined) {
    if (nextWeek) return single(addDays(mondayOf(today), 7 + (weekday + 6) % 7));
    if (thisWeek) return single(addDays(mondayOf(today), (weekday + 6) % 7));
    if (lastWeek) return single(addDays(mondayOf(today), -7 + (weekday + 6) % 7));
    const before = words[weekdayAt - 1] ?? '';
    const before2 = words[weekdayAt - 2] ?? '';
    // "afgelopen zaterdag", "last sunday": the one before today; reporting something done, a bare weekday is past too.
    if (/^(vorige|afgelopen|last|past|jl\.?|j\.l\.?)$/.test(before)) return single(latest(today, weekday, false));
    if (past) return single(latest(today, weekday, true));
    // "next saturday" / "volgende zaterdag": the coming one, never today; "over een week" after it adds a week.
    if (/\bafter next\b/.test(t)) return single(addDays(upcoming(today, weekday, true), 7));
    if (/^(next|volgende|komende)$/.test(before) || (before2 === 'this' && before === 'coming')) return single(upcoming(today, weekday, true));
    const date = upcoming(today, weekday);
    // A bare "zondag" said on a Sunday: today's turn if it is still ahead, else next Sunday's.
    if (date === today && !/^(a\.s\.?|as|aanstaande|this|deze)$/.test(before)) return { from: today, to: addDays(today, 7) };
    return single(date);
  }
  if (nextWeek || lastWeek) {
    const from = addDays(mondayOf(today), nextWeek ? 7 : -7);
    return { from, to: addDays(from, 6) };
  }
  if (thisWeek) return { from: today, to: addDays(mondayOf(today), 6) };
  if (/\b(volgend weekend|next weekend)\b/.test(t)) {
    const sat = addDays(today, 7 - ((weekdayOf(today) + 1) % 7));
    return { from: sat, to: addDays(sat, 1) };
  }
  if (/\b(dit weekend|this weekend|weekend|het weekend|in het weekend)\b/.test(t)) {
    const sat = addDays(today, (6 - weekdayOf(today) + 7) % 7);
    return weekdayOf(today) === 0 ? single(today) : { from: sat, to: addDays(sat, 1) };
  }
  if (/\b(deze maand|this month)\b/.test(t)) {
    const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
    return { from: today, to: isoDate(y, m, daysIn(y, m)) };
  }
  if (/\b(volgende maand|next month)\b/.test(t)) {
    const y = Number(today.slice(0, 4));
    const m = Number(today.slice(5, 7));
    const [ny, nm] = m === 12 ? [y + 1, 1] : [y, m + 1];
    return { from: isoDate(ny, nm, 1), to: isoDate(ny, nm, daysIn(ny, nm)) };
  }
  return null;
}

const BARE = /^(ma|di|wo|do|vr|vrij|za|zo|mon|tue|wed|thu|fri|sat|sun|may|mei|march|maart|now|nu)$/i;

/** chrono-node, both languages, for what the patterns above do not cover. */
function chronoDate(text: string, now: Date, tz: string, today: string, forward: boolean): DateRange | null {
  const ref = { instant: now, timezone: offsetMinutes(now, tz) };
  let best: chrono.ParsedResult | undefined;
  for (const parser of [chrono.nl, chrono.en]) {
    const usable = (r: chrono.ParsedResult) => !BARE.test(r.text.trim()) && (r.start.isCertain('day') || r.start.isCertain('weekday'));
    let result: chrono.ParsedResult | undefined;
    try {
      const plain = parser.parse(text, ref).find(usable);
      result = plain && (plain.start.isCertain('month') || !forward) ? plain : parser.parse(text, ref, { forwardDate: true }).find(usable);
    } catch {
      result = undefined;
    }
    if (result && (!best || result.text.length > best.text.length)) best = result;
  }
  if (!best) return null;
  const from = isoDate(best.start.get('year') ?? 0, best.start.get('month') ?? 1, best.start.get('day') ?? 1);
  const to = best.end ? isoDate(best.end.get('year') ?? 0, best.end.get('month') ?? 1, best.end.get('day') ?? 1) : from;
  if (!best.end && from === today && !best.start.isCertain('day')) return { from, to: addDays(today, 7) };
  return { from, to: to < from ? from : to };
}
