import Holidays from 'date-holidays';
import { instantOf, wallTime } from '../time/zone.js';

const zonedParts = (at: Date, tz: string) => wallTime(at, tz);
const zonedTime = (year: number, month: number, day: number, minutes: number, tz: string): Date =>
  instantOf({ year, month, day, hour: Math.floor(minutes / 60), minute: minutes % 60 }, tz);

/**
 * The SLA clock: "within 24 hours" in clock hours, or — when the complex's beheerplan sets
 * business hours — counting only working time: Monday to Friday between start and end, not on Dutch
 * public holidays (from date-holidays), in the complex's time zone (so a DST day has its real length).
 */

export interface BusinessHours { start: string; end: string }
export interface Clock { timezone: string; businessHours: BusinessHours | null }

const HOUR = 3_600_000;
const holidays = new Holidays('NL');

/** Whether a calendar date (in the zone) is a working day: not a weekend, not a public holiday. */
export function isWorkingDay(y: number, m: number, d: number): boolean {
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  // date-holidays reads a plain date string as a local calendar date of the country.
  const found = holidays.isHoliday(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')} 12:00`);
  return !(found && found.some((h) => h.type === 'public'));
}

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The working window [open, close) of the calendar day containing `at`, or null on a day off. */
function windowOf(y: number, m: number, d: number, clock: Clock & { businessHours: BusinessHours }): [Date, Date] | null {
  if (!isWorkingDay(y, m, d)) return null;
  const open = zonedTime(y, m, d, minutesOf(clock.businessHours.start), clock.timezone);
  const close = zonedTime(y, m, d, minutesOf(clock.businessHours.end), clock.timezone);
  return [open, close];
}

function nextDay(y: number, m: number, d: number): [number, number, number] {
  const t = new Date(Date.UTC(y, m - 1, d + 1));
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
}

/** The moment `hours` of (working) time after `from`. */
export function addClockHours(from: Date, hours: number, clock: Clock): Date {
  if (!clock.businessHours) return new Date(from.getTime() + hours * HOUR);
  const bh = { ...clock, businessHours: clock.businessHours };
  let left = hours * HOUR;
  let cursor = from;
  let [y, m, d] = (({ year, month, day }) => [year, month, day])(zonedParts(from, clock.timezone));
  for (let guard = 0; guard < 3660; guard++) {
    const w = windowOf(y, m, d, bh);
    if (w) {
      const start = cursor > w[0] ? cursor : w[0];
      if (start < w[1]) {
        const available = w[1].getTime() - start.getTime();
        if (left <= available) return new Date(start.getTime() + left);
        left -= available;
      }
    }
    [y, m, d] = nextDay(y, m, d);
    cursor = zonedTime(y, m, d, 0, clock.timezone);
  }
  throw new Error('SLA deadline beyond ten years');
}

/** Working time (ms) between two moments. */
export function clockTimeBetween(from: Date, to: Date, clock: Clock): number {
  if (to <= from) return 0;
  if (!clock.businessHours) return to.getTime() - from.getTime();
  const bh = { ...clock, businessHours: clock.businessHours };
  let total = 0;
  let [y, m, d] = (({ year, month, day }) => [year, month, day])(zonedParts(from, clock.timezone));
  for (let guard = 0; guard < 3660; guard++) {
    const dayStart = zonedTime(y, m, d, 0, clock.timezone);
    if (dayStart >= to) break;
    const w = windowOf(y, m, d, bh);
    if (w) {
      const a = Math.max(w[0].getTime(), from.getTime());
      const b = Math.min(w[1].getTime(), to.getTime());
      if (b > a) total += b - a;
    }
    [y, m, d] = nextDay(y, m, d);
  }
  return total;
}

/**
 * When an SLA is breached: `hours` of clock time after `since`, plus the time the clock stood still
 * (waiting for the reporter). Null while it stands still now: no deadline can pass then.
 */
export function slaDeadline(since: Date, hours: number, paused: { pausedMs: number; waitingSince: Date | null }, clock: Clock): Date | null {
  if (paused.waitingSince) return null;
  return addClockHours(since, hours + paused.pausedMs / HOUR, clock);
}
