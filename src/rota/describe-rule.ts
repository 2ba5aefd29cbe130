import { msg, type Msg } from '../i18n/index.js';
import { toRRule } from './recurrence.js';
import type { TaskRow } from './generate.js';
import type { TaskInput } from './tasks-store.js';

/**
 * A recurrence in plain words for task lists and previews ("laatste zaterdag van de maand" /
 * "last Saturday of the month") instead of the raw RRULE a beheerplan may carry. Only the common
 * shapes are described; anything else is shown as written, which is never wrong.
 */

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
type Weekday = typeof WEEKDAYS[number];
const ORDINAL_KEYS = { 1: 'rota.rule.ord.1', 2: 'rota.rule.ord.2', 3: 'rota.rule.ord.3', 4: 'rota.rule.ord.4', [-1]: 'rota.rule.ord.-1' } as const;

function dayMsg(day: Weekday): Msg {
  return msg(`rota.rule.day.${day}`);
}

/** "maandag", "maandag en donderdag", "maandag, woensdag en vrijdag". */
function dayList(days: Weekday[]): Msg {
  const [first, ...rest] = days.map(dayMsg);
  if (!first) throw new Error('dayList needs a day');
  if (rest.length === 0) return first;
  const last = rest.pop()!;
  const head = rest.reduce((acc, d) => msg('rota.rule.comma', { a: acc, b: d }), first);
  return msg('rota.rule.and', { a: head, b: last });
}

function parts(rrule: string): Map<string, string> {
  return new Map(rrule.split(';').map((p) => {
    const [k = '', v = ''] = p.split('=');
    return [k.toUpperCase(), v.toUpperCase()];
  }));
}

/** The plain-language Msg for an RRULE, or null for a shape we do not describe. */
export function describeRRule(rrule: string): Msg | null {
  const p = parts(rrule.replace(/^RRULE:/i, ''));
  const freq = p.get('FREQ');
  const interval = Number(p.get('INTERVAL') ?? '1');
  if (!Number.isSafeInteger(interval) || interval < 1) return null;
  const known = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'WKST']);
  if ([...p.keys()].some((k) => !known.has(k))) return null;
  const byDay = p.get('BYDAY');
  const byMonthDay = p.get('BYMONTHDAY');

  if (freq === 'DAILY' && !byDay && !byMonthDay) return interval === 1 ? msg('rota.rule.daily') : msg('rota.rule.dailyN', { n: interval });
  if (freq === 'WEEKLY' && !byMonthDay) {
    if (!byDay) return interval === 1 ? msg('rota.rule.weekly') : msg('rota.rule.weeklyN', { n: interval });
    const codes = byDay.split(',');
    if (!codes.every((c): c is Weekday => (WEEKDAYS as readonly string[]).includes(c))) return null;
    const days = WEEKDAYS.filter((d) => codes.includes(d));
    return interval === 1 ? msg('rota.rule.weeklyOn', { days: dayList(days) }) : msg('rota.rule.weeklyNOn', { n: interval, days: dayList(days) });
  }
  if (freq === 'MONTHLY') {
    if (byDay && !byMonthDay) {
      const m = /^([+-]?\d)(MO|TU|WE|TH|FR|SA|SU)$/.exec(byDay);
      if (!m) return null;
      const key = ORDINAL_KEYS[Number(m[1]) as keyof typeof ORDINAL_KEYS] as (typeof ORDINAL_KEYS)[keyof typeof ORDINAL_KEYS] | undefined;
      if (!key) return null;
      const params = { ord: msg(key), day: dayMsg(m[2] as Weekday) };
      return interval === 1 ? msg('rota.rule.monthlyNth', params) : msg('rota.rule.monthlyNNth', { ...params, n: interval });
    }
    if (interval !== 1 || byDay) return null;
    if (!byMonthDay) return msg('rota.rule.monthly');
    const day = Number(byMonthDay);
    if (day === -1) return msg('rota.rule.monthLastDay');
    if (Number.isSafeInteger(day) && day >= 1 && day <= 31) return msg('rota.rule.monthDay', { n: day });
  }
  return null;
}

/** A task's recurrence text (Dutch/English words or an RRULE) in plain words, else as written. */
export function describeRecurrence(recurrence: string): Msg {
  const rrule = toRRule(recurrence);
  return (rrule ? describeRRule(rrule) : null) ?? msg('rota.rule.raw', { text: recurrence });
}

/** One task line for lists and previews, its recurrence in plain words. */
export function describeTask(t: TaskInput | TaskRow): Msg {
  const input = 'timeOfDay' in t ? { ...t, time: t.timeOfDay } : t;
  return msg(input.paused ? 'rota.task.linePaused' : 'rota.task.line', {
    name: input.name, rule: describeRecurrence(input.recurrence), time: input.time, minutes: input.durationMinutes, people: input.people, points: input.points,
    area: input.area ? msg('rota.task.area', { area: input.area }) : '',
  });
}
