import rrulePkg from 'rrule';
import { expandRule } from '../time/expand.js';

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

const CRON_DAYS: Record<string, string> = { 0: 'SU', 1: 'MO', 2: 'TU', 3: 'WE', 4: 'TH', 5: 'FR', 6: 'SA', 7: 'SU',
  sun: 'SU', mon: 'MO', tue: 'TU', wed: 'WE', thu: 'TH', fri: 'FR', sat: 'SA' };
const CRON = /^(\d{1,2})\s+(\d{1,2})\s+(\S+)\s+(\S+)\s+(\S+)$/;

/** A cron schedule ("0 10 1 * *": minute hour day-of-month month day-of-week) as RRULE and time of day. */
export function cronSchedule(input: string): { rrule: string; time: string } | null {
  const m = CRON.exec(input.trim().toLowerCase());
  if (!m) return null;
  const [minute, hour] = [Number(m[1]), Number(m[2])];
  if (minute > 59 || hour > 23) return null;
  const list = (field: string, max: number, min = 1): number[] | null | undefined => {
    if (field === '*') return undefined;
    const parts = field.split(',').map(Number);
    return parts.every((n) => Number.isInteger(n) && n >= min && n <= max) ? parts : null;
  };
  const dom = list(m[3]!, 31);
  const month = list(m[4]!, 12);
  const dowField = m[5]!;
  const dow = dowField === '*' ? undefined : dowField.split(',').map((d) => CRON_DAYS[d]);
  if (dom === null || month === null || dow?.some((d) => !d)) return null;
  // Cron ORs day-of-month and day-of-week; that has no single RRULE, so it is refused.
  if (dom && dow) return null;
  const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  const by = [...(month ? [`BYMONTH=${month.join(',')}`] : [])];
  let rrule: string;
  if (dow) rrule = ['FREQ=WEEKLY', `BYDAY=${[...new Set(dow)].join(',')}`, ...by].join(';');
  else if (dom) rrule = [month ? 'FREQ=YEARLY' : 'FREQ=MONTHLY', ...by, `BYMONTHDAY=${dom.join(',')}`].join(';');
  else rrule = ['FREQ=DAILY', ...by].join(';');
  return { rrule, time };
}

const START = /(?:^|[\s,;]+)(?:vanaf|v\.a\.|met ingang van|m\.i\.v\.|beginnend(?: op)?|te beginnen(?: op)?|from|starting(?: on| from)?|beginning(?: on)?)\s+(.+)$/i;

/** "elke 2 weken op zaterdag vanaf 12 december" → the rule text and the start text ("12 december"). */
export function splitStart(input: string): { rule: string; start: string | null } {
  const m = START.exec(input);
  if (!m || m.index === 0) return { rule: input, start: null };
  return { rule: input.slice(0, m.index).trim(), start: m[1]!.trim() };
}

/** The RRULE for a recurrence text, or null when it is neither an RRULE, cron, nor a form we understand. */
export function toRRule(input: string): string | null {
  const cron = cronSchedule(input);
  if (cron) return cron.rrule;
  input = splitStart(input).rule;
  const raw = input.trim().replace(/^RRULE:/i, '').split(';').filter((p) => p.trim()).join(';');
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
    // UNTIL stays as written: a date-only or floating UNTIL means a local day or time (see time/expand.ts).
    const until = /(?:^|;)UNTIL=([0-9TZ]+)/.exec(rule)?.[1];
    const text = new RRule(options).toString().replace(/^RRULE:/, '');
    return until ? text.replace(/UNTIL=[0-9TZ]+/, `UNTIL=${until}`) : text;
  } catch {
    return null;
  }
}

export interface RuleTiming { rrule: string; anchorDate: string; timeOfDay: string }

/** Due instants of a task in (from, to], in the zone `tz` (the shared expander, src/time/expand.ts). */
export function expand(rule: RuleTiming, tz: string, from: Date, to: Date): Date[] {
  return expandRule(rule.rrule, rule.anchorDate, rule.timeOfDay, tz, from, to).map((o) => o.at);
}
