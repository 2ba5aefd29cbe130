import cron from 'node-cron';
import type { Db } from '../db/client.js';
import type { Logger } from '../log.js';
import type { ChatPlatform } from '../platform.js';
import { createScheduler, type JobKind } from './engine.js';
import type { Capability } from '../capability.js';
import { schedulerJobs } from './jobs.js';

export interface StartSchedulerOptions {
  db: Db;
  log: Logger;
  platforms: Map<string, ChatPlatform>;
  /** Cron expression of the tick (default every minute; SCHEDULER_CRON). */
  cron?: string;
  /** The capabilities whose jobs (and retention rules) run. */
  capabilities: readonly Capability[];
  /** The job kinds to run instead (tests). */
  jobs?: JobKind[];
  /** Runners per tick, each on its own share of the complexes (default 2; see SchedulerOptions.parallel). */
  parallel?: number;
  /** Called after a tick queued messages, e.g. to wake the outbox worker. */
  afterTick?: () => void;
}

/**
 * node-cron fires the tick in every running instance; the work itself is in PostgreSQL
 * (scheduled_effects), so running it in several instances does each effect once.
 */
export function startScheduler(opts: StartSchedulerOptions): { stop(): Promise<void>; tickNow(): Promise<void> } {
  const scheduler = createScheduler({ db: opts.db, log: opts.log, platforms: opts.platforms, parallel: opts.parallel, jobs: opts.jobs ?? schedulerJobs(opts.capabilities) });
  let running: Promise<void> | null = null;
  const tickNow = async (): Promise<void> => {
    if (running) return running; // a slow tick is not overlapped by the next one
    running = (async () => {
      try {
        const result = await scheduler.tick(new Date());
        if (result.ran + result.skipped + result.failed > 0) opts.log.info(result, 'scheduler tick');
        opts.afterTick?.();
      } catch (err) {
        opts.log.error({ err }, 'scheduler tick failed');
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const task = cron.schedule(opts.cron ?? '* * * * *', tickNow, { noOverlap: true, name: 'zelfbeheer-scheduler' });
  void tickNow(); // catch up at start-up instead of waiting for the first minute
  return {
    tickNow,
    async stop() {
      await task.stop();
      await running;
    },
  };
}
