import { localDate, zonedTime } from '../scheduler/time.js';

export interface AnnounceRequest { pin: boolean; ack: boolean; sendAt: Date | null; text: string }
export type AnnounceParse = { ok: true; value: AnnounceRequest } | { ok: false; error: 'empty' | 'badTime' | 'past' | 'tooLong' };

/** Longer than any real notice; the adapters split long texts over several messages, nothing is cut. */
export const MAX_ANNOUNCEMENT_LENGTH = 12_000;

/**
 * Parses "/mededeling [pin] [zonder-gelezen] [om HH:MM | om YYYY-MM-DD HH:MM] tekst" (and the
 * English forms "pin", "no-ack", "at"). A bare time that has passed today means tomorrow.
 */
export function parseAnnounce(args: string, now: Date, tz: string): AnnounceParse {
  let rest = args.trim();
  let pin = false;
  let ack = true;
  let sendAt: Date | null = null;
  for (;;) {
    const flag = /^(pin|vastzetten|zonder-gelezen|no-ack)\b\s*/i.exec(rest);
    if (flag) {
      if (/^(pin|vastzetten)$/i.test(flag[1]!)) pin = true;
      else ack = false;
      rest = rest.slice(flag[0].length);
      continue;
    }
    const at = /^(?:om|at|op|on)\s+(?:(\d{4}-\d{2}-\d{2})\s+)?(\d{1,2})[:.](\d{2})\b\s*/i.exec(rest);
    if (at) {
      const [, date, hh, mm] = at;
      if (Number(hh) > 23 || Number(mm) > 59) return { ok: false, error: 'badTime' };
      const time = `${hh!.padStart(2, '0')}:${mm}`;
      if (date) {
        if (Number.isNaN(Date.parse(`${date}T00:00:00Z`))) return { ok: false, error: 'badTime' };
        sendAt = zonedTime(date, time, tz);
        if (sendAt <= now) return { ok: false, error: 'past' };
      } else {
        sendAt = zonedTime(localDate(now, tz), time, tz);
        if (sendAt <= now) sendAt = zonedTime(localDate(new Date(now.getTime() + 86_400_000), tz), time, tz);
      }
      rest = rest.slice(at[0].length);
      continue;
    }
    if (/^(?:om|at)\s+\S+/i.test(rest) && /^(?:om|at)\s+\d/i.test(rest)) return { ok: false, error: 'badTime' };
    break;
  }
  if (!rest) return { ok: false, error: 'empty' };
  if (rest.length > MAX_ANNOUNCEMENT_LENGTH) return { ok: false, error: 'tooLong' };
  return { ok: true, value: { pin, ack, sendAt, text: rest } };
}
