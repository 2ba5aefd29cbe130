/**
 * Time-zone arithmetic with Intl only: wall-clock times in a complex's zone ↔ instants.
 * Recurrences are expanded on "floating" wall times (encoded as UTC) and converted here, which
 * keeps 10:00 at 10:00 across DST changes.
 */

export interface WallTime { year: number; month: number; day: number; hour: number; minute: number }

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short',
    });
    formatters.set(tz, f);
  }
  return f;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The wall-clock time of an instant in a zone, with weekday (0 = Sunday). */
export function wallTime(instant: Date, tz: string): WallTime & { weekday: number } {
  const parts: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(instant)) parts[p.type] = p.value;
  return {
    year: Number(parts.year), month: Number(parts.month), day: Number(parts.day),
    hour: Number(parts.hour), minute: Number(parts.minute), weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
  };
}

/** Offset of the zone from UTC at an instant, in minutes (Amsterdam: 60 or 120). */
export function offsetMinutes(instant: Date, tz: string): number {
  const w = wallTime(instant, tz);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/**
 * The instant of a wall-clock time in a zone. A time that does not exist (the skipped hour in
 * March) moves forward by the gap; an ambiguous one (October) takes the first, summer-time, instant.
 */
export function instantOf(w: WallTime, tz: string): Date {
  const guess = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  // The offsets in force a few hours either side cover both sides of a transition.
  const offsets = [-3, 3].map((h) => offsetMinutes(new Date(guess + h * 3_600_000), tz));
  const candidates = offsets.map((o) => guess - o * 60_000);
  const valid = candidates.filter((c) => {
    const back = wallTime(new Date(c), tz);
    return back.hour === w.hour && back.minute === w.minute && back.day === w.day;
  });
  if (valid.length > 0) return new Date(Math.min(...valid));
  // Skipped by a DST gap: the same distance after the gap's start, i.e. later by the gap.
  return new Date(Math.max(...candidates));
}

/** 'YYYY-MM-DD' of an instant in a zone. */
export function localDate(instant: Date, tz: string): string {
  const w = wallTime(instant, tz);
  return isoDate(w.year, w.month, w.day);
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Adds days to a 'YYYY-MM-DD' date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Weekday (0 = Sunday) of a 'YYYY-MM-DD' date. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** Start of a local day as an instant. */
export function startOfLocalDay(date: string, tz: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return instantOf({ year: y, month: m, day: d, hour: 0, minute: 0 }, tz);
}

/** A date and time as people read it in messages: "zaterdag 28 november om 10:00" / "Saturday 28 November at 10:00". */
export function formatLongDateTime(at: Date, tz: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-NL', {
    timeZone: tz, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit',
  }).format(at);
}
