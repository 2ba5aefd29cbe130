import { capabilities } from '../../src/capabilities.js';
import { sql } from 'drizzle-orm';
import { silentLogger } from '../../src/log.js';
import { createScheduler } from '../../src/scheduler/engine.js';
import { schedulerJobs } from '../../src/scheduler/jobs.js';
import type { ChatPlatform } from '../../src/platform.js';
import { benchDatabase } from './bench-db.js';

/**
 * A scheduler tick at 1k and 10k complexes, each with one group chat and 10 scheduled items
 * (daily quality polls at 08:00…17:00, standing in for tasks until the rota is merged).
 * "quiet": a minute when nothing is due (pure planning cost); "busy": 10:00, when every complex
 * opens one poll (planning + one effect per complex, each queueing a message in the outbox).
 */
async function seed(db: Awaited<ReturnType<typeof benchDatabase>>['db'], from: number, n: number): Promise<void> {
  await db.execute(sql`insert into complexes (id, name, created_at) select g, 'Complex ' || g, '2026-11-01T00:00:00Z'
    from generate_series(${from}::int, ${from + n - 1}::int) g`);
  await db.execute(sql`insert into chats (platform, platform_chat_id, complex_id) select 'fake', 'g' || g, g
    from generate_series(${from}::int, ${from + n - 1}::int) g`);
  await db.execute(sql`insert into poll_definitions (complex_id, name, question, options, schedule, time, window_hours, created_at)
    select g, 'item ' || i, 'Hoe schoon is ruimte ' || i || '?', '["1","2","3","4","5"]'::jsonb, 'FREQ=DAILY',
      lpad((7 + i)::text, 2, '0') || ':00', 24, '2026-11-01T00:00:00Z'
    from generate_series(${from}::int, ${from + n - 1}::int) g, generate_series(1, 10) i`);
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export async function run(): Promise<void> {
  const database = await benchDatabase();
  const { db } = database;
  const fake = { name: 'fake' } as unknown as ChatPlatform;
  const results: Record<string, { quiet: number; busy: number; ranBusy: number }> = {};
  try {
    let seeded = 0;
    const sizes = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
    for (const complexes of sizes) {
      await seed(db, seeded + 1, complexes - seeded);
      seeded = complexes;
      await db.execute(sql`truncate scheduled_effects, scheduler_cursors, outbox, poll_instances cascade`);
      await db.execute(sql`analyze`);
      const parallel = Number(process.env.BENCH_PARALLEL ?? 1);
      const scheduler = createScheduler({ db, log: silentLogger, platforms: new Map([['fake', fake]]), jobs: schedulerJobs(capabilities), firstLookbackMs: 60_000, parallel });
      await scheduler.tick(new Date('2026-12-01T07:30:00Z')); // warm-up, sets the cursors
      const quiet = await time(() => scheduler.tick(new Date('2026-12-01T07:31:00Z')));
      await scheduler.tick(new Date('2026-12-01T08:59:00Z'));
      let ranBusy = 0;
      const busy = await time(async () => { ranBusy = (await scheduler.tick(new Date('2026-12-01T09:00:00Z'))).ran; });
      const { planMs, runMs } = scheduler.lastTiming;
      results[complexes] = { quiet, busy, ranBusy };
      console.log(`${complexes} complexes × 10 items (${parallel} effect(s) at once): quiet tick ${quiet.toFixed(0)} ms; busy tick ${busy.toFixed(0)} ms (planning ${planMs.toFixed(0)} ms, running ${ranBusy} effects ${runMs.toFixed(0)} ms)`);
    }
    const a = results[sizes[0]!]!;
    const b = results[sizes.at(-1)!]!;
    if (sizes.length > 1) console.log(`ratio ${sizes.at(-1)}/${sizes[0]}: quiet ${(b.quiet / a.quiet).toFixed(1)}×, busy ${(b.busy / a.busy).toFixed(1)}× (linear would be 10×)`);
  } finally {
    await database.stop();
  }
}
