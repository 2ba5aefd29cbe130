import rrulePkg from 'rrule';
import { instantOf, offsetMinutes } from '../time/zone.js';

const { RRule } = rrulePkg;

/**
 * Recurrence: an RFC 5545 RRULE, or a simple Dutch/English form turned into one ("elke zaterdag",
 * "every 2 weeks on saturday", "eerste maandag van de maand"). Expansion happens on floating wall
 * times in the complex's zone, so a task at 10:00 stays at 10:00 across DST changes.
 */

const DAYS: [string, string[]][] = [
  ['MO', ['maandag', 'maandags', 'ma', 'monday', 'mondays', 'mon']],
  ['TU', ['dinsdag', 'dinsdags', 'di', 'tuesday', 'tuesdays', 'tue', 'tues']],
  ['WE', ['woensdag', 'woensdags', 'wo', 'wednesday', 'wednesdays', 'wed']],
  ['TH', ['donderdag', 'donderdags', 'do', 'thursday', 'thursdays', 'thu', 'thur', 'thurs']],
  ['FR', ['vrijdag', 'vrijdags', 'vr', 'friday', 'fridays', 'fri']],
  ['SA', ['zaterdag', 'zaterdags', 'za', 'saturday', 'saturdays', 'sat']],
  ['SU', ['zondag', 'zondags', 'zo', 'sunday', 'sundays', 'sun']],
];
const ORDINALS: Record<string, number> = {
  eerste: 1, first: 1, '1e': 1, '1ste': 1, '1st': 1, tweede: 2, second: 2, '2e': 2, '2de': 2, '2nd': 2,
  derde: 3, third: 3, '3e': 3, '3de': 3, '3rd': 3, vierde: 4, fourth: 4, '4e': 4, '4de': 4, '4th': 4,
  laatste: -1, last: -1,
};
const NUMBER_WORDS: Record<string, number> = { een: 1, one: 1, twee: 2, two: 2, drie: 3, three: 3, vier: 4, four: 4, vijf: 5, five: 5, zes: 6, six: 6 };

function normalise(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[,;]/g, ' ')
    .replace(/\s+/g, ' ').trim();
}

function dayCode(word: string): string | undefined {
  return DAYS.find(([, names]) => names.includes(word))?.[0];
}

function num(word: string | undefined): number | undefined {
  if (!word) return undefined;
  if (/^\d+$/.test(word)) return Number(word);
  return NUMBER_WORDS[word];
}

/** The RRULE for a recurrence text, or null when it is neither an RRULE nor a form we understand. */
export function toRRule(input: string): string | null {
  const raw = input.trim().replace(/^RRULE:/i, '');
  if (/^FREQ=/i.test(raw)) return validRRule(raw.toUpperCase());
  const text = normalise(input);
  if (!text) return null;
  const words = text.split(' ');
  if (/^(elke dag|iedere dag|dagelijks|every day|daily)$/.test(text)) return 'FREQ=DAILY';
  if (/(laatste dag van de maand|last day of (the |every |each )?month)/.test(text)) return 'FREQ=MONTHLY;BYMONTHDAY=-1';

  // "eerste maandag van de maand", "last friday of the month"
  const nth = /(eerste|tweede|derde|vierde|laatste|first|second|third|fourth|last|\d(?:e|ste|de|st|nd|rd|th))\s+(\w+)\s+(?:van|of)\s+(?:de |the |elke |every |each )?(?:maand|month)/.exec(text);
  if (nth) {
    const ord = ORDINALS[nth[1]!];
    const day = dayCode(nth[2]!);
    if (ord !== undefined && day) return `FREQ=MONTHLY;BYDAY=${ord}${day}`;
  }
  // "elke maand op de 15e", "the 15th of every month", "maandelijks op de 1e"
  const monthDay = /(?:op de |on the |de |the )?(\d{1,2})(?:e|ste|de|st|nd|rd|th)?\s*(?:van (?:de |elke )?maand|of (?:the |every |each )?month)/.exec(text)
    ?? (/(elke maand|iedere maand|maandelijks|every month|monthly)/.test(text) ? /(?:op de|on the)\s+(\d{1,2})(?:e|ste|de|st|nd|rd|th)?\b/.exec(text) : null);
  if (monthDay) {
    const d = Number(monthDay[1]);
    if (d >= 1 && d <= 31) return `FREQ=MONTHLY;BYMONTHDAY=${d}`;
  }
  if (/^(elke maand|iedere maand|maandelijks|every month|monthly)$/.test(text)) return 'FREQ=MONTHLY';

  const days = [...new Set(words.map(dayCode).filter((d): d is string => d !== undefined))];
  let interval = 1;
  const every = /(?:elke|iedere|every)\s+(\w+)\s+(?:weken|weeks)/.exec(text);
  const omDe = /om de\s+(?:(\w+)\s+)?(?:week|weken)/.exec(text);
  if (every) interval = num(every[1]) ?? 0;
  else if (omDe) interval = omDe[1] ? num(omDe[1]) ?? 0 : 2;
  else if (/(tweewekelijks|biweekly|fortnightly|every other|elke andere|om de andere)/.test(text)) interval = 2;
  if (interval < 1 || interval > 52) return null;
  const weekly = /(elke|iedere|every|wekelijks|weekly|week|weken|weeks|op|on|om de)/.test(text) || words.every((w) => dayCode(w) || w === 'en' || w === 'and');
  if (weekly && (days.length > 0 || /(wekelijks|weekly|elke week|every week|weken|weeks|om de)/.test(text))) {
    const parts = ['FREQ=WEEKLY'];
    if (interval > 1) parts.push(`INTERVAL=${interval}`);
    if (days.length > 0) parts.push(`BYDAY=${days.join(',')}`);
    return parts.join(';');
  }
  return null;
}

function validRRule(rule: string): string | null {
  try {
    const options = RRule.parseString(rule);
    if (options.freq === undefined || options.dtstart) return null;
    // Sub-daily rules would flood the rota.
    if (options.freq > RRule.DAILY) return null;
    return new RRule(options).toString().replace(/^RRULE:/, '');
  } catch {
    return null;
  }
}

export interface RuleTiming { rrule: string; anchorDate: string; timeOfDay: string }

/** Due instants of a task in (from, to], in the zone `tz`. */
export function expand(rule: RuleTiming, tz: string, from: Date, to: Date): Date[] {
  const [y, m, d] = rule.anchorDate.split('-').map(Number) as [number, number, number];
  const [hh, mm] = rule.timeOfDay.split(':').map(Number) as [number, number];
  const dtstart = new Date(Date.UTC(y, m - 1, d, hh, mm));
  const options = RRule.parseString(rule.rrule);
  // "Every 2 weeks on Saturday" counts weeks from the anchor day, so the first Saturday on or after it comes first.
  if (options.freq === RRule.WEEKLY && (options.interval ?? 1) > 1 && options.wkst == null) options.wkst = (dtstart.getUTCDay() + 6) % 7;
  const r = new RRule({ ...options, dtstart });
  // Floating bounds, widened by a day on each side; exact bounds are checked on real instants.
  const floatFrom = new Date(from.getTime() + offsetMinutes(from, tz) * 60_000 - 86_400_000);
  const floatTo = new Date(to.getTime() + offsetMinutes(to, tz) * 60_000 + 86_400_000);
  return r.between(floatFrom, floatTo, true)
    .map((f) => instantOf({ year: f.getUTCFullYear(), month: f.getUTCMonth() + 1, day: f.getUTCDate(), hour: f.getUTCHours(), minute: f.getUTCMinutes() }, tz))
    .filter((i) => i > from && i <= to);
}
