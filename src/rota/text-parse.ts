import * as chrono from 'chrono-node';
import type { Lang } from '../i18n/index.js';
import { bestMatches, matchTasks, normalise, type MatchableTask, type TaskMatch } from './match.js';
import { addDays, isoDate, localDate, offsetMinutes, weekdayOf } from '../time/zone.js';

/**
 * The free-text parser: a pure function from what someone wrote to what they want with the rota.
 * It never decides on its own: the handler shows what it understood and asks for a button press.
 * 'none' means the text is not about the rota (the bot stays silent).
 */

export type IntentKind = 'claim' | 'release' | 'giveaway' | 'done';
export interface DateRange { from: string; to: string }
export type RotaIntent =
  | { kind: 'none' }
  /** About the rota (a claim verb, a task name) but not enough to act on: say what we can do. */
  | { kind: 'unclear'; tasks: TaskMatch[] }
  | { kind: IntentKind; tasks: TaskMatch[]; range: DateRange | null; minutes?: number };

const SOMEONE = /\b(iemand|wie kan|wie wil|someone|anyone|anybody|who can|who wants)\b/;
const NEGATION = /\b(ik (kan|doe|ga|pak|neem)\b[^.?!]*\bniet|ik niet|kan niet|lukt( me| mij)? niet|niet meer|i can'?t|i cannot|can'?t make|not me|i won'?t|i'?m not able|unable)\b/;
const RELEASE = /\b(vrijgeven|geef\b[^.?!]*\bvrij|afmelden|meld\b[^.?!]*\baf|release|cancel|drop|unclaim)\b/;
const DONE = /\b(gedaan|klaar|af hebben|done|finished|completed|i did|i'?ve done|i have done)\b/;
const CLAIM = /\b(ik (doe|pak|neem|wil|kan|ga)|doe ik|pak ik|neem ik|wil ik|mag ik|kan ik|zet mij|zet me|schrijf mij|i'?ll|i will|i can|i take|i'?m taking|i do|let me|i want|sign me up|put me|me for)\b/;

function durationMinutes(text: string): number | undefined {
  const min = /(\d{1,3})\s*(min|mins|minuten|minuut|minutes|minute)\b/.exec(text);
  if (min) return Number(min[1]);
  const hours = /(\d{1,2}(?:[.,]\d{1,2})?)\s*(uur|u|hours|hour|hrs|hr|h)\b/.exec(text);
  if (hours) return Math.round(Number(hours[1]!.replace(',', '.')) * 60);
  if (/\b(half uur|half an hour|halfuur)\b/.test(text)) return 30;
  return undefined;
}

/** Monday of the week of a date. */
function mondayOf(date: string): string {
  return addDays(date, -((weekdayOf(date) + 6) % 7));
}

/** Dates as a local-date range, in the complex's zone; null when the text names none. */
export function parseDateRange(text: string, now: Date, tz: string): DateRange | null {
  const t = normalise(text);
  const today = localDate(now, tz);
  if (/\b(volgende week|next week|komende week)\b/.test(t)) {
    const from = addDays(mondayOf(today), 7);
    return { from, to: addDays(from, 6) };
  }
  if (/\b(deze week|this week)\b/.test(t)) return { from: today, to: addDays(mondayOf(today), 6) };
  if (/\b(volgend weekend|next weekend)\b/.test(t)) {
    const sat = addDays(today, 7 - ((weekdayOf(today) + 1) % 7));
    return { from: sat, to: addDays(sat, 1) };
  }
  if (/\b(dit weekend|this weekend|weekend)\b/.test(t)) {
    const sat = addDays(today, (6 - weekdayOf(today) + 7) % 7);
    return weekdayOf(today) === 0 ? { from: today, to: today } : { from: sat, to: addDays(sat, 1) };
  }
  if (/\b(overmorgen|day after tomorrow)\b/.test(t)) {
    const d = addDays(today, 2);
    return { from: d, to: d };
  }
  // "de 14e", "op de 14de", "the 14th", "on the 3rd": the next such day of a month.
  const nth = /\b(?:de|the|op de|on the)\s+(\d{1,2})(?:e|ste|de|st|nd|rd|th)\b/.exec(t);
  if (nth) {
    const day = Number(nth[1]);
    if (day >= 1 && day <= 31) {
      for (let i = 0; i < 62; i++) {
        const d = addDays(today, i);
        if (Number(d.slice(8)) === day) return { from: d, to: d };
      }
    }
  }
  const ref = { instant: now, timezone: offsetMinutes(now, tz) };
  // Durations ("40 min", "1,5 uur") are not dates.
  const dateText = text.replace(/\d+(?:[.,]\d+)?\s*(min|mins|minuten|minuut|minutes|minute|uur|u|hours|hour|hrs|hr|h)\b/gi, ' ');
  // Both languages; the longest date mention wins. Bare abbreviations ("do" in "I can do", "vrij")
  // and mentions without a day ("40 min") are not dates.
  let best: chrono.ParsedResult | undefined;
  for (const parser of [chrono.nl, chrono.en]) {
    // An explicit date ("21 november") stays where it is, even in the past; a weekday means the next one.
    const usable = (r: chrono.ParsedResult) => !BARE.test(r.text.trim()) && (r.start.isCertain('day') || r.start.isCertain('weekday'));
    const plain = parser.parse(dateText, ref).find(usable);
    const result = plain && plain.start.isCertain('month') ? plain : parser.parse(dateText, ref, { forwardDate: true }).find(usable);
    if (result && (!best || result.text.length > best.text.length)) best = result;
  }
  if (!best) return null;
  const from = isoDate(best.start.get('year') ?? 0, best.start.get('month') ?? 1, best.start.get('day') ?? 1);
  const to = best.end ? isoDate(best.end.get('year') ?? 0, best.end.get('month') ?? 1, best.end.get('day') ?? 1) : from;
  // "zondag" said on a Sunday: today's turn if it is still ahead, else next Sunday's.
  if (!best.end && from === today && !best.start.isCertain('day')) return { from, to: addDays(today, 7) };
  return { from, to: to < from ? from : to };
}

const BARE = /^(ma|di|wo|do|vr|vrij|za|zo|mon|tue|wed|thu|fri|sat|sun|may|mei|march|maart)$/i;

function kindOf(t: string): IntentKind | null {
  if (SOMEONE.test(t)) return 'giveaway';
  if (NEGATION.test(t) || RELEASE.test(t)) return 'release';
  if (DONE.test(t)) return 'done';
  if (CLAIM.test(t)) return 'claim';
  return null;
}

/**
 * What a message means for the rota. `addressed`: a mention, a reply to the bot or a DM; other group
 * text is only taken up when it clearly names both an action and a task.
 */
export function parseRotaText(text: string, tasks: MatchableTask[], now: Date, tz: string, opts: { addressed?: boolean; lang?: Lang } = {}): RotaIntent {
  if (typeof text !== 'string' || text.length > 500 || text.trim().startsWith('/')) return { kind: 'none' };
  const t = normalise(text).replace(/\s+/g, ' ');
  const kind = kindOf(t);
  const matched = bestMatches(matchTasks(t, tasks));
  if (!kind) return opts.addressed && matched.length > 0 && /\?|\b(rooster|rota)\b/.test(t) ? { kind: 'unclear', tasks: matched } : { kind: 'none' };
  if (matched.length === 0) {
    // A claim verb without a task: only worth an answer when the text was meant for the bot.
    return opts.addressed && /\b(beurt|taak|rooster|turn|task|rota|shift)\b|\b(ik doe|ik pak|ik neem|i'?ll take|i'?ll do)\b/.test(t)
      ? { kind: 'unclear', tasks: [] } : { kind: 'none' };
  }
  let range: DateRange | null = null;
  try {
    range = parseDateRange(text, now, tz);
  } catch {
    range = null;
  }
  const minutes = kind === 'done' ? durationMinutes(t) : undefined;
  return { kind, tasks: matched, range, ...(minutes !== undefined ? { minutes } : {}) };
}
