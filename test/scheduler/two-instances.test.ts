import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { capabilities } from '../../src/capabilities.js';
import type { Database } from '../../src/db/client.js';
import { outbox, pollInstances, rotaOccurrences, scheduledEffects } from '../../src/db/schema/index.js';
import { silentLogger } from '../../src/log.js';
import { createScheduler, type TickResult } from '../../src/scheduler/engine.js';
import { schedulerJobs } from '../../src/scheduler/jobs.js';
import { FaultyPlatform } from '../support/faulty-platform.js';
import { secondInstance, testDatabase, type TestDatabase } from '../support/db.js';
import { claimTenPercent, seedRotaAndPolls } from '../support/scheduler-seed.js';

const COMPLEXES = 40;

/**
 * Two scheduler instances (two connection pools, as two processes would have) tick at the same
 * instants over real PostgreSQL with the capabilities' real jobs, in small batches so they take
 * turns on the same due effects: every effect runs exactly once, every message is queued once.
 */
describe('two scheduler instances in parallel on PostgreSQL', () => {
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

  it('catch-up, an ordinary tick and a busy tick: each effect once, by one of the two, and both did work', async () => {
    const db = database.db;
    await seedRotaAndPolls(db, 1, COMPLEXES);
    const fake = new FaultyPlatform('telegram', () => new Date());
    const make = (d: Database) => createScheduler({
      db: d.db, log: silentLogger, platforms: new Map([['telegram', fake]]), jobs: schedulerJobs(capabilities),
      firstLookbackMs: 86_400_000, batchSize: 7,
    });
    const a = make(database);
    const b = make(second);
    const totals: TickResult[] = [];
    const both = async (at: string) => totals.push(...await Promise.all([a.tick(new Date(at)), b.tick(new Date(at))]));

    await both('2026-11-30T07:30:00Z'); // after a day of downtime: generation, late polls
    await claimTenPercent(db);
    await both('2026-12-01T08:59:00Z');
    await both('2026-12-01T09:00:00Z'); // a poll opens in every complex, reminders for the claimed turns

    const effects = await db.select().from(scheduledEffects);
    expect(effects.filter((e) => e.state !== 'done' && e.state !== 'skipped')).toEqual([]);
    const sum = (k: keyof TickResult) => totals.reduce((n, t) => n + t[k], 0);
    expect(sum('failed')).toBe(0);
    // Every effect was run (or skipped by its rule) by exactly one tick of one instance.
    expect(sum('ran') + sum('skipped')).toBe(effects.length);
    const ranBy = (i: number) => totals.filter((_, j) => j % 2 === i).reduce((n, t) => n + t.ran + t.skipped, 0);
    expect(ranBy(0)).toBeGreaterThan(0);
    expect(ranBy(1)).toBeGreaterThan(0);

    // Turns generated once per task and date (8 weeks of 10 weekly tasks), polls opened once per period.
    const turns = await db.select({ n: sql<number>`count(*)::int`, distinct: sql<number>`count(distinct (task_id, due_at))::int` }).from(rotaOccurrences);
    expect(turns[0]!.n).toBe(turns[0]!.distinct);
    expect(turns[0]!.n).toBeGreaterThanOrEqual(COMPLEXES * 10 * 8);
    const opened = await db.select().from(pollInstances).where(eq(pollInstances.period, '2026-12-01'));
    expect(opened.filter((i) => i.question === 'Hoe schoon is ruimte 3?')).toHaveLength(COMPLEXES); // the 10:00 poll
    // The busy minute's reminders: one DM to each of the 4 residents who claimed, once.
    const dms = await db.select().from(outbox).where(eq(outbox.targetKind, 'user'));
    expect(dms.filter((m) => m.idempotencyKey.startsWith('rota:remind:')).map((m) => m.targetId).sort())
      .toEqual(['u10', 'u20', 'u30', 'u40']);
    // Each poll instance was posted to its complex's group exactly once.
    const posts = await db.select({ key: outbox.idempotencyKey, target: outbox.targetId }).from(outbox).where(sql`${outbox.idempotencyKey} like 'poll:%:chat:%'`);
    const instances = await db.select().from(pollInstances);
    expect(posts).toHaveLength(instances.length);
    expect(new Set(posts.map((p) => p.key)).size).toBe(posts.length);
  });
});
