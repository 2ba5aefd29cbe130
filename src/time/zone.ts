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

/** The wall-clock time of an instant in a zone by Intl (slow: formatToParts). */
function wallTimeByIntl(instant: Date, tz: string): WallTime & { weekday: number } {
  const parts: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(instant)) parts[p.type] = p.value;
  return {
    year: Number(parts.year), month: Number(parts.month), day: Number(parts.day),
    hour: Number(parts.hour), minute: Number(parts.minute), weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
  };
}

function offsetByIntl(ms: number, tz: string): number {
  const w = wallTimeByIntl(new Date(ms), tz);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  return Math.round((asUtc - Math.floor(ms / 60_000) * 60_000) / 60_000);
}

/**
 * Offsets per zone and quarter hour. Expanding the turns of thousands of complexes asks for the
 * same few offsets millions of times, and formatToParts costs microseconds each (seconds of a
 * blocked event loop). A quarter is cached only when its start and end have the same offset, so
 * a transition inside it (none happen more than once in 15 minutes) is computed exactly.
 */
const QUARTER = 900_000;
const offsetCache = new Map<string, number | null>();

function cachedOffset(ms: number, tz: string): number {
  const quarter = Math.floor(ms / QUARTER);
  const key = `${tz}|${quarter}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    if (offsetCache.size > 200_000) offsetCache.clear();
    const start = offsetByIntl(quarter * QUARTER, tz);
    offset = start === offsetByIntl((quarter + 1) * QUARTER - 60_000, tz) ? start : null;
    offsetCache.set(key, offset);
  }
  return offset ?? offsetByIntl(ms, tz);
}

/** The wall-clock time of an instant in a zone, with weekday (0 = Sunday). */
export function wallTime(instant: Date, tz: string): WallTime & { weekday: number } {
  const ms = instant.getTime();
  // Before 1970 zones had offsets in seconds (local mean time): Intl, uncached.
  if (!(ms >= 0)) return wallTimeByIntl(instant, tz);
  const local = new Date(Math.floor(ms / 60_000) * 60_000 + cachedOffset(ms, tz) * 60_000);
  return {
    year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate(),
    hour: local.getUTCHours(), minute: local.getUTCMinutes(), weekday: local.getUTCDay(),
  };
}

/** Offset of the zone from UTC at an instant, in minutes (Amsterdam: 60 or 120). */
export function offsetMinutes(instant: Date, tz: string): number {
  const ms = instant.getTime();
  return ms >= 0 ? cachedOffset(ms, tz) : offsetByIntl(ms, tz);
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

// A formatter takes far longer to make than to use; a reminder batch formats thousands of times.
const longFormatters = new Map<string, Intl.DateTimeFormat>();

/** A date and time as people read it in messages: "zaterdag 28 november om 10:00" / "Saturday 28 November at 10:00". */
export function formatLongDateTime(at: Date, tz: string, lang: string): string {
  const locale = lang === 'en' ? 'en-GB' : 'nl-NL';
  const key = `${locale}|${tz}`;
  let f = longFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone: tz, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });
    longFormatters.set(key, f);
  }
  return f.format(at);
}
