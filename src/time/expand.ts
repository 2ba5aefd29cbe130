import rrulePkg from 'rrule';
import { instantOf, offsetMinutes, wallTime } from './zone.js';

const { RRule } = rrulePkg;

/**
 * The one recurrence expander, for rota tasks, poll schedules and scheduler jobs. A rule is expanded
 * on floating wall times in the complex's zone (10:00 stays 10:00 across DST) and every wall time is
 * then turned into an instant by the zone's DST rule (see zone.ts).
 *
 * - DTSTART is the anchor date at the time of day; nothing comes before it.
 * - INTERVAL counts from the anchor: for WEEKLY rules without an explicit WKST the week starts on the
 *   anchor's weekday, so "every 2 weeks on Monday" anchored on a Sunday starts the next day. An
 *   explicit WKST is honoured as RFC 5545 says.
 * - UNTIL is inclusive (RFC 5545): a UTC UNTIL (…Z) is the instant, compared in the zone; a date-only
 *   UNTIL includes that whole local day; a floating UNTIL is a local wall time.
 * - BYHOUR/BYMINUTE (e.g. from a cron schedule) override the time of day.
 */

export interface Occurrence { date: string; at: Date }

/** A floating date (wall time stored as UTC fields). */
function floating(y: number, m: number, d: number, hh = 0, mm = 0, ss = 0): Date {
  return new Date(Date.UTC(y, m - 1, d, hh, mm, ss));
}

/** UNTIL of a rule as a floating wall time in `tz`, per the rules above. */
function untilOf(raw: string, tz: string): Date | undefined {
  const m = /(?:^|;)UNTIL=(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?/i.exec(raw);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (m[4] === undefined) return floating(y, mo, d, 23, 59, 59);
  const [hh, mi, ss] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (!m[7]) return floating(y, mo, d, hh, mi, ss);
  const w = wallTime(new Date(Date.UTC(y, mo - 1, d, hh, mi, ss)), tz);
  return floating(w.year, w.month, w.day, w.hour, w.minute, ss);
}

/** Occurrences of `rrule` from `anchorDate` at `time` (HH:MM) in `tz` whose instant is in (from, to]. */
export function expandRule(rrule: string, anchorDate: string, time: string, tz: string, from: Date, to: Date): Occurrence[] {
  const raw = rrule.trim().replace(/^RRULE:/i, '').split(';').filter((p) => p.trim()).join(';');
  const [y, m, d] = anchorDate.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const dtstart = floating(y, m, d, hh, mm);
  const options = RRule.parseString(raw.replace(/(^|;)UNTIL=[^;]*/i, ''));
  if (options.freq === RRule.WEEKLY && (options.interval ?? 1) > 1 && options.wkst == null) {
    options.wkst = (dtstart.getUTCDay() + 6) % 7;
  }
  const until = untilOf(raw, tz);
  const rule = new RRule({ ...options, dtstart, ...(until ? { until } : {}) });
  // Floating bounds, widened by a day on each side; exact bounds are checked on real instants.
  const floatFrom = new Date(from.getTime() + offsetMinutes(from, tz) * 60_000 - 86_400_000);
  const floatTo = new Date(to.getTime() + offsetMinutes(to, tz) * 60_000 + 86_400_000);
  const lower = floatFrom < dtstart ? dtstart : floatFrom;
  if (floatTo < lower) return [];
  return rule.between(lower, floatTo, true).flatMap((f) => {
    const at = instantOf({ year: f.getUTCFullYear(), month: f.getUTCMonth() + 1, day: f.getUTCDate(), hour: f.getUTCHours(), minute: f.getUTCMinutes() }, tz);
    return at > from && at <= to ? [{ date: f.toISOString().slice(0, 10), at }] : [];
  });
}
