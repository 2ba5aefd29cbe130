import { describe, expect, it } from 'vitest';
import { addClockHours, clockTimeBetween, isWorkingDay, slaDeadline, type Clock } from '../../src/reports/sla.js';

const office: Clock = { timezone: 'Europe/Amsterdam', businessHours: { start: '08:00', end: '17:00' } };
const around: Clock = { timezone: 'Europe/Amsterdam', businessHours: null };
const HOUR = 3_600_000;

describe('SLA clock (working hours, Dutch public holidays, DST)', () => {
  it('knows weekends and Dutch public holidays (date-holidays)', () => {
    expect(isWorkingDay(2026, 12, 24)).toBe(true); // Thursday
    expect(isWorkingDay(2026, 12, 25)).toBe(false); // Eerste Kerstdag
    expect(isWorkingDay(2026, 12, 26)).toBe(false); // Tweede Kerstdag (a Saturday too)
    expect(isWorkingDay(2026, 4, 27)).toBe(false); // Koningsdag, a Monday
    expect(isWorkingDay(2026, 5, 14)).toBe(false); // Hemelvaartsdag
    expect(isWorkingDay(2026, 4, 28)).toBe(true);
  });

  it('8 working hours from Thursday 24 December 15:00 skip Christmas and the weekend: Monday 28 December 14:00', () => {
    const from = new Date('2026-12-24T14:00:00Z'); // 15:00 in Amsterdam (winter time)
    expect(addClockHours(from, 8, office).toISOString()).toBe('2026-12-28T13:00:00.000Z');
    expect(clockTimeBetween(from, new Date('2026-12-28T13:00:00Z'), office)).toBe(8 * HOUR);
    // Without working hours it is simply 8 hours later.
    expect(addClockHours(from, 8, around).toISOString()).toBe('2026-12-24T22:00:00.000Z');
  });

  it('starts counting at opening time when reported at night, and across Koningsdag', () => {
    // Friday 24 April 2026 20:00 (summer time) → 4 working hours: Monday is Koningsdag, so Tuesday 12:00.
    expect(addClockHours(new Date('2026-04-24T18:00:00Z'), 4, office).toISOString()).toBe('2026-04-28T10:00:00.000Z');
  });

  it('across the end of summer time (Sunday 25 October 2026): wall-clock working hours stay 08:00–17:00', () => {
    // Friday 23 October 16:00 CEST (14:00Z) + 2 working hours = Friday 16–17 and Monday 08–09 CET = 08:00Z.
    expect(addClockHours(new Date('2026-10-23T14:00:00Z'), 2, office).toISOString()).toBe('2026-10-26T08:00:00.000Z');
    // Counted in clock hours: the DST day has 25 hours, so 24 hours after Saturday 10:00 is Sunday 09:00 local.
    expect(addClockHours(new Date('2026-10-24T08:00:00Z'), 24, around).toISOString()).toBe('2026-10-25T08:00:00.000Z');
    expect(clockTimeBetween(new Date('2026-10-23T14:00:00Z'), new Date('2026-10-26T08:00:00Z'), office)).toBe(2 * HOUR);
  });

  it('stands still while waiting for the reporter, and moves the deadline by the paused working time', () => {
    const since = new Date('2026-12-01T08:00:00Z'); // Tuesday 09:00
    expect(slaDeadline(since, 4, { pausedMs: 0, waitingSince: new Date('2026-12-01T09:00:00Z') }, office)).toBeNull();
    expect(slaDeadline(since, 4, { pausedMs: 0, waitingSince: null }, office)!.toISOString()).toBe('2026-12-01T12:00:00.000Z');
    expect(slaDeadline(since, 4, { pausedMs: 6 * HOUR, waitingSince: null }, office)!.toISOString()).toBe('2026-12-02T09:00:00.000Z');
  });
});
