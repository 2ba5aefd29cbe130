import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expandRule } from '../src/time/expand.js';
import { expand, toRRule } from '../src/rota/recurrence.js';
import { occurrencesBetween, scheduleToRRule } from '../src/scheduler/time.js';
import { wallTime } from '../src/time/zone.js';

/** libical's vectors (test/data/icalrecur-vectors.txt): the expander must give exactly these instances. */
interface Vector { name: string; rrule: string; dtstart: string; instances: string[] }
const vectors: Vector[] = readFileSync(new URL('./data/icalrecur-vectors.txt', import.meta.url), 'utf8')
  .split(/\n\s*\n/).map((block) => block.split('\n').map((l) => l.trim()))
  .filter((lines) => lines.some((l) => l.startsWith('RRULE:')))
  .map((lines) => ({
    name: lines.find((l) => l.startsWith('#') && !l.includes('libical') && !l.startsWith('# Format'))?.slice(2) ?? '',
    rrule: lines.find((l) => l.startsWith('RRULE:'))!.slice(6),
    dtstart: lines.find((l) => l.startsWith('DTSTART:'))!.slice(8),
    instances: lines.find((l) => l.startsWith('INSTANCES:'))!.slice(10).split(','),
  }));

const stamp = (s: string): { date: string; time: string } =>
  ({ date: `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`, time: `${s.slice(9, 11)}:${s.slice(11, 13)}` });
const fmt = (d: Date) => d.toISOString().replace(/[-:]/g, '').slice(0, 15);

describe('the one expander against libical/RFC 5545 vectors (tz UTC)', () => {
  it('has the vectors', () => { expect(vectors.length).toBeGreaterThanOrEqual(20); });
  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const { date, time } = stamp(v.dtstart);
    const from = new Date(Date.parse(`${date}T${time}:00Z`) - 1);
    const to = new Date(Date.parse(`${stamp(v.instances.at(-1)!).date}T00:00:00Z`) + 3 * 366 * 86_400_000);
    const got = expandRule(v.rrule, date, time, 'UTC', from, to).map((o) => fmt(o.at));
    expect(got).toEqual(v.instances.map((i) => i.replace(/Z$/, '')));
  });
});

const AMS = 'Europe/Amsterdam';
const local = (d: Date) => { const w = wallTime(d, AMS); return `${w.month}-${w.day} ${w.hour}:${String(w.minute).padStart(2, '0')}`; };

describe('rota tasks, polls and the scheduler share it', () => {
  it('"elke 2 weken op maandag" anchored on a Sunday: the next day first, for tasks and for polls alike', () => {
    const rule = toRRule('elke 2 weken op maandag')!;
    const from = new Date('2026-03-15T00:00Z');
    const to = new Date('2026-04-07T00:00Z');
    const tasks = expand({ rrule: rule, anchorDate: '2026-03-15', timeOfDay: '10:00' }, AMS, from, to).map(local);
    const polls = occurrencesBetween(scheduleToRRule('elke 2 weken op maandag')!, '10:00', AMS, new Date('2026-03-15T12:00Z'), from, to).map((o) => local(o.at));
    expect(tasks).toEqual(['3-16 10:00', '3-30 10:00']);
    expect(polls).toEqual(tasks);
  });

  it.each(['UNTIL=20260328T090000Z', 'UNTIL=20260328', 'UNTIL=20260328T100000'])('UNTIL is inclusive: %s keeps the 10:00 turn of 28 March', (until) => {
    const got = expand({ rrule: `FREQ=WEEKLY;BYDAY=SA;${until}`, anchorDate: '2026-03-01', timeOfDay: '10:00' }, AMS,
      new Date('2026-03-01T00:00Z'), new Date('2026-05-01T00:00Z'));
    expect(got.map(local)).toEqual(['3-7 10:00', '3-14 10:00', '3-21 10:00', '3-28 10:00']);
  });

  it('an explicit WKST is honoured (RFC 5545), also in a zone', () => {
    const got = expand({ rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;WKST=MO', anchorDate: '2026-03-15', timeOfDay: '10:00' }, AMS,
      new Date('2026-03-15T00:00Z'), new Date('2026-04-07T00:00Z'));
    expect(got.map(local)).toEqual(['3-23 10:00', '4-6 10:00']);
  });
});

describe('an RRULE typed as a recurrence keeps its UNTIL as written', () => {
  it.each(['UNTIL=20260328', 'UNTIL=20260328T100000', 'UNTIL=20260328T090000Z'])('%s', (until) => {
    const rule = toRRule(`FREQ=WEEKLY;BYDAY=SA;${until}`)!;
    expect(rule).toContain(until);
    expect(expand({ rrule: rule, anchorDate: '2026-03-20', timeOfDay: '10:00' }, AMS, new Date('2026-03-20T00:00Z'), new Date('2026-05-01T00:00Z')).map(local))
      .toEqual(['3-21 10:00', '3-28 10:00']);
  });
});
