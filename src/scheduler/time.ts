import { toRRule } from '../rota/recurrence.js';
import { expandRule } from '../time/expand.js';
import { instantOf, localDate, offsetMinutes, wallTime } from '../time/zone.js';

/**
 * Wall-clock time in a complex's time zone, DST-correct.
 * The rule for a local time that does not exist (spring forward, e.g. 02:30 on the last Sunday of
 * March in Europe/Amsterdam) is: it happens at the same distance after the jump (03:30 CEST).
 * A local time that exists twice (fall back, 02:30 on the last Sunday of October) happens once, at
 * the first of the two (02:30 CEST = 00:30 UTC). Effects are keyed by local date, so never twice.
 */

/** 'YYYY-MM-DD' of an instant in a time zone. */
export { localDate };

/** The instant of local date + HH:MM in a time zone, by the DST rule above. */
export function zonedTime(date: string, time: string, tz: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  return instantOf({ year: year!, month: month!, day: day!, hour: hour!, minute: minute! }, tz);
}

/**
 * A schedule as an RRULE: RFC 5545 text or the simple Dutch/English forms tasks use ('elke zaterdag',
 * 'every 2 weeks on monday', …). For a poll "monthly" means on the first of the month — the start of a
 * reporting period — rather than on the day the poll was made. Null when not understood.
 */
export function scheduleToRRule(schedule: string): string | null {
  const s = schedule.trim().toLowerCase();
  if (/^(maandelijks|monthly|elke maand|every month|(elke|iedere) eerste van de maand|(on the )?first of (every|each) month)$/.test(s)) {
    return 'FREQ=MONTHLY;BYMONTHDAY=1';
  }
  return toRRule(schedule);
}

/**
 * The local dates of a schedule whose instant falls in (from, to], with those instants: the one
 * expander of src/time/expand.ts. `anchor` (e.g. when the schedule was made, or its start date)
 * fixes INTERVAL and plain WEEKLY/MONTHLY rules.
 */
export function occurrencesBetween(rrule: string, time: string, tz: string, anchor: Date | string, from: Date, to: Date):
{ date: string; at: Date }[] {
  return expandRule(rrule, typeof anchor === 'string' ? anchor : localDate(anchor, tz), time, tz, from, to);
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
    const w = wallTime(new Date(u), tz);
    const wall = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
    times.add(hhmm(wall));
    // Just after a spring-forward jump, the skipped wall times happen now (02:30 → 03:30).
    const jump = (offsetMinutes(new Date(u), tz) - offsetMinutes(new Date(u - 2 * 3_600_000), tz)) * 60_000;
    if (jump > 0) for (let back = 60_000; back <= jump; back += 60_000) times.add(hhmm(wall - back));
  }
  return times;
}
