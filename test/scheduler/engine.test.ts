import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { asc, sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import { chats, complexes, outbox, scheduledEffects, schedulerCursors } from '../../src/db/schema/index.js';
import { silentLogger } from '../../src/log.js';
import { createScheduler, type JobKind } from '../../src/scheduler/engine.js';
import { localDate, wallTimesInWindow, zonedTime } from '../../src/scheduler/time.js';
import { secondInstance, testDatabase, type TestDatabase } from '../support/db.js';
import { dailyReminderJob, queued, seedComplexes } from '../support/scheduler-kit.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('DST rule for local times', () => {
  it('02:30 on spring-forward day is 03:30 CEST; on fall-back day the first 02:30 (CEST)', () => {
    const tz = 'Europe/Amsterdam';
    expect(zonedTime('2026-03-28', '02:30', tz).toISOString()).toBe('2026-03-28T01:30:00.000Z');
    expect(zonedTime('2026-03-29', '02:30', tz).toISOString()).toBe('2026-03-29T01:30:00.000Z'); // = 03:30 CEST
    expect(zonedTime('2026-03-30', '02:30', tz).toISOString()).toBe('2026-03-30T00:30:00.000Z');
    expect(zonedTime('2026-10-25', '02:30', tz).toISOString()).toBe('2026-10-25T00:30:00.000Z'); // first 02:30
    expect(zonedTime('2026-10-26', '02:30', tz).toISOString()).toBe('2026-10-26T01:30:00.000Z');
    expect(zonedTime('2026-06-01', '10:00', 'America/New_York').toISOString()).toBe('2026-06-01T14:00:00.000Z');
    expect(localDate(new Date('2026-10-24T22:30:00Z'), tz)).toBe('2026-10-25');
  });

  it('the wall times a short tick window covers include the skipped times just after spring forward', () => {
    const tz = 'Europe/Amsterdam';
    expect(wallTimesInWindow(tz, new Date('2026-11-23T08:59:00Z'), new Date('2026-11-23T09:00:00Z'))).toEqual(new Set(['10:00']));
    const spring = wallTimesInWindow(tz, new Date('2026-03-29T01:29:00Z'), new Date('2026-03-29T01:30:00Z'))!;
    expect([...spring].sort()).toContain('02:30'); // 02:30 did not exist: it happens at 03:30 CEST = 01:30 UTC
    expect(spring.has('03:30')).toBe(true);
    expect(wallTimesInWindow(tz, new Date('2026-10-25T00:29:00Z'), new Date('2026-10-25T00:30:00Z'))).toEqual(new Set(['02:30']));
    expect(wallTimesInWindow(tz, new Date('2026-11-23T00:00:00Z'), new Date('2026-11-23T12:00:00Z'))).toBeNull();
  });
});

describe('scheduler engine against PostgreSQL', () => {
  let database: TestDatabase;
  let second: Database;
  beforeAll(async () => {
    database = await testDatabase();
    second = await secondInstance(database);
  });
  afterAll(async () => {
    if (second !== database) await second.close();
    await database.close();
  });
  beforeEach(async () => {
    const db = database.db;
    await db.delete(outbox);
    await db.delete(scheduledEffects);
    await db.delete(schedulerCursors);
    await db.delete(chats);
    await db.delete(complexes);
  });

  it('two instances ticking over a simulated week: every effect exactly once', async () => {
    const start = new Date('2026-11-23T00:00:00Z');
    const [first] = await seedComplexes(database.db, 6, new Date(start.getTime() - 7 * 86_400_000));
    const jobs = () => [
      dailyReminderJob({ kind: 'morning', time: '08:00', maxLateMs: 2 * HOUR }),
      dailyReminderJob({ kind: 'evening', time: '19:30', maxLateMs: 2 * HOUR }),
    ];
    const a = createScheduler({ db: database.db, log: silentLogger, platforms: new Map(), jobs: jobs(), firstLookbackMs: 0 });
    const b = createScheduler({ db: second.db, log: silentLogger, platforms: new Map(), jobs: jobs(), firstLookbackMs: 0 });
    // Both tick every hour; sometimes at the same instant, sometimes b runs 20 minutes behind.
    for (let t = start.getTime(); t < start.getTime() + 7 * 86_400_000; t += HOUR) {
      const skew = (t / HOUR) % 3 === 0 ? 0 : 20 * MIN;
      await Promise.all([a.tick(new Date(t)), b.tick(new Date(t + skew)), a.tick(new Date(t))]);
    }
    const rows = await queued(database.db);
    expect(rows).toHaveLength(6 * 7 * 2);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
    const effects = await database.db.select().from(scheduledEffects);
    expect(effects).toHaveLength(6 * 7 * 2);
    expect(effects.filter((e) => e.state !== 'done')).toEqual([]);
    // Messages were queued at their local time (08:00 CET), or by the instance whose tick came 20 minutes later.
    const morning = rows.filter((r) => r.key.startsWith(`morning:${first}:`)).map((r) => Date.parse(r.at));
    const expected = ['23', '24', '25', '26', '27', '28', '29'].map((d) => Date.parse(`2026-11-${d}T07:00:00.000Z`));
    expect(morning.map((at, i) => at - expected[i]!).every((d) => d === 0 || d === 20 * MIN)).toBe(true);
  });

  it('restart after 6 hours of downtime: late-but-useful effects run late, stale ones are skipped and listed', async () => {
    const created = new Date('2026-11-20T00:00:00Z');
    const [c1, c2] = await seedComplexes(database.db, 2, created);
    const jobs = [
      dailyReminderJob({ kind: 'reminder', time: '08:00', maxLateMs: 2 * HOUR }), // stale after 2 h: skip
      dailyReminderJob({ kind: 'poll-open', time: '09:00', maxLateMs: 72 * HOUR }), // useful for 3 days: run late
    ];
    const s = createScheduler({ db: database.db, log: silentLogger, platforms: new Map(), jobs, firstLookbackMs: 0 });
    // Up at 06:00 (07:00 local), down until 12:00 UTC.
    for (let t = Date.parse('2026-11-23T05:00:00Z'); t <= Date.parse('2026-11-23T06:00:00Z'); t += MIN) await s.tick(new Date(t));
    expect(await queued(database.db)).toEqual([]);
    const restart = new Date('2026-11-23T12:00:00Z');
    const result = await s.tick(restart);
    expect(result).toEqual({ planned: 4, ran: 2, late: 2, skipped: 2, failed: 0 });
    const effects = await database.db.select({ key: scheduledEffects.key, state: scheduledEffects.state, outcome: scheduledEffects.outcome })
      .from(scheduledEffects).orderBy(asc(scheduledEffects.key));
    expect(effects).toEqual([
      { key: `poll-open:${c1}:2026-11-23`, state: 'done', outcome: 'late' },
      { key: `poll-open:${c2}:2026-11-23`, state: 'done', outcome: 'late' },
      { key: `reminder:${c1}:2026-11-23`, state: 'skipped', outcome: 'skipped_stale' },
      { key: `reminder:${c2}:2026-11-23`, state: 'skipped', outcome: 'skipped_stale' },
    ]);
    // (Two complexes, two runners: their messages may be queued in either order.)
    expect((await queued(database.db)).map((r) => r.key.split(':').slice(0, 3).join(':')).sort())
      .toEqual([`poll-open:${c1}:2026-11-23`, `poll-open:${c2}:2026-11-23`]);
    // Ticking again, or a second instance starting, changes nothing.
    expect(await s.tick(new Date(restart.getTime() + MIN))).toEqual({ planned: 0, ran: 0, late: 0, skipped: 0, failed: 0 });
  });

  it('runners in parallel: each takes its own share of the complexes, so one complex keeps its planning order', async () => {
    const ids = await seedComplexes(database.db, 8, new Date('2026-11-20T00:00:00Z'));
    const ran: string[] = [];
    let running = 0;
    let mostAtOnce = 0;
    // Two kinds due at the same minute in every complex; the first planned must run first (a reminder before
    // the auto-assignment). Each run takes a moment, so the two runners overlap.
    const job = (kind: string): JobKind => ({
      ...dailyReminderJob({ kind, time: '10:00', maxLateMs: HOUR }),
      async run(_tx, effect) {
        running++;
        mostAtOnce = Math.max(mostAtOnce, running);
        await new Promise((r) => setTimeout(r, 5));
        ran.push(`${effect.complexId}:${kind}`);
        running--;
      },
    });
    const s = createScheduler({ db: database.db, log: silentLogger, platforms: new Map(), firstLookbackMs: 0, batchSize: 1, parallel: 2,
      jobs: [job('remind'), job('assign')] });
    await s.tick(new Date('2026-11-23T08:59:00Z'));
    expect((await s.tick(new Date('2026-11-23T09:00:00Z'))).ran).toBe(16);
    expect(mostAtOnce).toBe(2);
    for (const id of ids) expect(ran.filter((r) => r.startsWith(`${id}:`))).toEqual([`${id}:remind`, `${id}:assign`]);
  });

  it('a 02:30 daily reminder on the DST days: once per local day, at the documented instant', async () => {
    await seedComplexes(database.db, 1, new Date('2026-03-01T00:00:00Z'));
    const s = createScheduler({ db: database.db, log: silentLogger, platforms: new Map(), firstLookbackMs: 0,
      jobs: [dailyReminderJob({ kind: 'dst', time: '02:30', maxLateMs: HOUR })] });
    const run = async (fromIso: string, toIso: string) => {
      for (let t = Date.parse(fromIso); t <= Date.parse(toIso); t += 15 * MIN) await s.tick(new Date(t));
    };
    await run('2026-03-27T22:00:00Z', '2026-03-30T04:00:00Z');
    await database.db.delete(schedulerCursors);
    await run('2026-10-23T22:00:00Z', '2026-10-26T04:00:00Z');
    const rows = await queued(database.db);
    expect(rows.map((r) => [r.key.split(':')[2], r.at])).toEqual([
      ['2026-03-28', '2026-03-28T01:30:00.000Z'], // 02:30 CET
      ['2026-03-29', '2026-03-29T01:30:00.000Z'], // 02:30 does not exist: 03:30 CEST
      ['2026-03-30', '2026-03-30T00:30:00.000Z'], // 02:30 CEST
      ['2026-10-24', '2026-10-24T00:30:00.000Z'], // 02:30 CEST
      ['2026-10-25', '2026-10-25T00:30:00.000Z'], // 02:30 happens twice: the first (CEST) only
      ['2026-10-26', '2026-10-26T01:30:00.000Z'], // 02:30 CET
    ]);
    const [count] = await database.db.select({ n: sql<number>`count(*)::int` }).from(scheduledEffects);
    expect(count!.n).toBe(6);
  });
});
