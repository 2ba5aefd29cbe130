import rrulePkg from 'rrule';

const { RRule } = rrulePkg;

/**
 * Wall-clock time in a complex's time zone, DST-correct.
 * The rule for a local time that does not exist (spring forward, e.g. 02:30 on the last Sunday of
 * March in Europe/Amsterdam) is: it happens at the same distance after the jump (03:30 CEST).
 * A local time that exists twice (fall back, 02:30 on the last Sunday of October) happens once, at
 * the first of the two (02:30 CEST = 00:30 UTC). Effects are keyed by local date, so never twice.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

export interface LocalParts { year: number; month: number; day: number; hour: number; minute: number; second: number }

export function localParts(instant: Date, tz: string): LocalParts {
  const out: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(instant)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour! % 24, minute: out.minute!, second: out.second! };
}

/** 'YYYY-MM-DD' of an instant in a time zone. */
export function localDate(instant: Date, tz: string): string {
  const p = localParts(instant, tz);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

function wallMs(p: LocalParts): number {
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
}

function offsetAt(instantMs: number, tz: string): number {
  return wallMs(localParts(new Date(instantMs), tz)) - Math.floor(instantMs / 1000) * 1000;
}

/** The instant of local date + HH:MM in a time zone, by the DST rule above. */
export function zonedTime(date: string, time: string, tz: string): Date {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const wall = Date.UTC(y!, mo! - 1, d, h, mi);
  const before = wall - offsetAt(wall - 86_400_000, tz);
  const after = wall - offsetAt(wall + 86_400_000, tz);
  const valid = [before, after].filter((t) => wallMs(localParts(new Date(t), tz)) === wall);
  // Both valid: ambiguous (take the first); none valid: in the gap (the pre-jump offset lands after it).
  return new Date(valid.length > 0 ? Math.min(...valid) : before);
}

const WEEKDAYS: Record<string, string> = {
  maandag: 'MO', dinsdag: 'TU', woensdag: 'WE', donderdag: 'TH', vrijdag: 'FR', zaterdag: 'SA', zondag: 'SU',
  monday: 'MO', tuesday: 'TU', wednesday: 'WE', thursday: 'TH', friday: 'FR', saturday: 'SA', sunday: 'SU',
};

/**
 * A schedule as an RRULE: RFC 5545 text ('FREQ=WEEKLY;BYDAY=SA') or a simple Dutch/English form:
 * 'dagelijks'/'elke dag'/'daily', 'elke zaterdag'/'every saturday', 'wekelijks'/'weekly',
 * 'maandelijks'/'elke eerste van de maand'/'monthly'/'first of every month'. Null when not understood.
 */
export function scheduleToRRule(schedule: string): string | null {
  const s = schedule.trim().toLowerCase().replace(/^rrule:/, '');
  if (/^freq=/.test(s)) {
    try {
      RRule.parseString(s.toUpperCase());
      return s.toUpperCase();
    } catch {
      return null;
    }
  }
  if (/^(dagelijks|elke dag|iedere dag|daily|every day)$/.test(s)) return 'FREQ=DAILY';
  if (/^(wekelijks|weekly|elke week|every week)$/.test(s)) return 'FREQ=WEEKLY';
  if (/^(maandelijks|monthly|elke maand|every month|elke eerste van de maand|iedere eerste van de maand|(on the )?first of (every|each) month)$/.test(s)) {
    return 'FREQ=MONTHLY;BYMONTHDAY=1';
  }
  const weekly = /^(?:elke|iedere|every|each)\s+(\p{L}+)$/u.exec(s);
  const day = weekly ? WEEKDAYS[weekly[1]!] : undefined;
  return day ? `FREQ=WEEKLY;BYDAY=${day}` : null;
}

/**
 * The local dates of a schedule whose HH:MM instant falls in (from, to], with those instants.
 * `anchor` (e.g. when the schedule was made) fixes INTERVAL and plain WEEKLY/MONTHLY rules.
 */
export function occurrencesBetween(rrule: string, time: string, tz: string, anchor: Date, from: Date, to: Date):
{ date: string; at: Date }[] {
  const day = (d: Date) => { const p = localParts(d, tz); return new Date(Date.UTC(p.year, p.month - 1, p.day)); };
  const rule = new RRule({ ...RRule.parseString(rrule), dtstart: day(anchor) });
  const start = new Date(day(from).getTime() - 86_400_000);
  const end = new Date(day(to).getTime() + 86_400_000);
  return rule.between(start, end, true).flatMap((d) => {
    const date = d.toISOString().slice(0, 10);
    const at = zonedTime(date, time, tz);
    return at > from && at <= to ? [{ date, at }] : [];
  });
}

/**
 * The HH:MM wall times whose instant (by the DST rule above) falls in (from, to], for a short
 * window (a tick): lets jobs select only the items scheduled at those times instead of evaluating
 * every schedule every minute. Null when the window is too long to be worth it (after downtime).
 */
export function wallTimesInWindow(tz: string, from: Date, to: Date): Set<string> | null {
  const span = to.getTime() - from.getTime();
  if (span > 6 * 3_600_000) return null;
  const times = new Set<string>();
  const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
  const first = Math.floor(from.getTime() / 60_000) * 60_000 + 60_000;
  for (let u = first; u <= to.getTime(); u += 60_000) {
    const wall = wallMs(localParts(new Date(u), tz));
    times.add(hhmm(wall));
    // Just after a spring-forward jump, the skipped wall times happen now (02:30 → 03:30).
    const jump = offsetAt(u, tz) - offsetAt(u - 2 * 3_600_000, tz);
    if (jump > 0) for (let back = 60_000; back <= jump; back += 60_000) times.add(hhmm(wall - back));
  }
  return times;
}
