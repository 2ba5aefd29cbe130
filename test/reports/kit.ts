import { Writable } from 'node:stream';
import { asc, eq } from 'drizzle-orm';
import { createBot } from '../../src/bot.js';
import { capabilities } from '../../src/capabilities.js';
import { reportEvents, reports } from '../../src/db/schema/index.js';
import { createLogger } from '../../src/log.js';
import { createOutboxWorker } from '../../src/outbox/worker.js';
import { createScheduler } from '../../src/scheduler/engine.js';
import { schedulerJobs } from '../../src/scheduler/jobs.js';
import { testDatabase } from '../support/db.js';
import { FakePlatform } from '../support/fake-platform.js';
import type { Harness } from '../support/harness.js';

/**
 * The scenario harness of test/support/harness.ts, but with a real pino logger at trace level whose
 * lines are kept, and a scheduler on the same logger: privacy tests read everything that was logged.
 */
export async function loggedHarness(now: Date): Promise<Harness & { logLines: string[]; tick(): Promise<void> }> {
  const database = await testDatabase();
  const clock = { now };
  const logLines: string[] = [];
  const sink = new Writable({ write(chunk, _enc, done) { logLines.push(String(chunk)); done(); } });
  const log = createLogger('trace', sink);
  const bot = createBot({ db: database.db, log, capabilities, now: () => clock.now });
  const fake = new FakePlatform(bot, 'fake', {});
  const platforms = new Map([['fake', fake]]);
  const worker = createOutboxWorker({ db: database.db, log, platforms, clock: () => clock.now, limits: {}, concurrency: 1, sentMarks: bot.sentMarks });
  const scheduler = createScheduler({ db: database.db, log, platforms, jobs: schedulerJobs(capabilities), firstLookbackMs: 0 });
  const flush = async () => {
    for (let i = 0; i < 100; i++) {
      const { sent, nextAt } = await worker.runOnce();
      if (sent === 0 && (!nextAt || nextAt > clock.now)) return;
    }
  };
  return {
    database, bot, fake, clock, logLines, flush, close: async () => { await bot.flush(); await database.close(); },
    async tick() { await scheduler.tick(clock.now); await flush(); },
  };
}

/** A report's audit trail as 'from→to action (role)'. */
export async function trail(h: Harness, reportId: number): Promise<string[]> {
  const rows = await h.database.db.select().from(reportEvents).where(eq(reportEvents.reportId, reportId)).orderBy(asc(reportEvents.id));
  return rows.map((e) => `${e.fromState}→${e.toState} ${e.action} (${e.actorRole})${e.note ? `: ${e.note}` : ''}`);
}

export async function reportRow(h: Harness, complexId: number, number: number) {
  const rows = await h.database.db.select().from(reports).where(eq(reports.complexId, complexId));
  return rows.find((r) => r.number === number)!;
}
