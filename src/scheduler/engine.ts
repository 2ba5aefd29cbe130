import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { scheduledEffects, schedulerCursors } from '../db/schema/index.js';
import type { Logger } from '../log.js';
import type { ChatPlatform } from '../platform.js';
import { effectRunner } from './run.js';
import { jsonRows, rowsOf } from '../db/bulk.js';

/** Effects stored per statement while planning (one JSON parameter each). */
const PLAN_CHUNK = 2000;

export type EffectRow = typeof scheduledEffects.$inferSelect;

/** One thing to do at one time, e.g. open poll 3 for 2026-12-01. The key makes it happen once. */
export interface Effect {
  key: string;
  dueAt: Date;
  complexId?: number | null;
  payload?: Record<string, unknown>;
}

/** What to do with an effect found late (after downtime or a slow tick). */
export type MissedDecision = 'run' | 'skip';

export interface RunContext {
  now: Date;
  log: Logger;
  platforms: Map<string, ChatPlatform>;
}

export interface JobKind {
  kind: string;
  /**
   * Effects due in (from, to]: `from` is where the previous tick of any instance stopped, so after
   * downtime the window covers everything missed. Jobs driven by rows (send-later, poll close) may
   * ignore the window and return every row that is due by `to`.
   */
  due(db: Db, window: { from: Date; to: Date }): Promise<Effect[]>;
  /** The documented rule for an effect whose time passed more than a tick ago. */
  missed(effect: EffectRow, now: Date): MissedDecision;
  /** Human description of the missed rule (README, admin output). */
  missedRule: string;
  /**
   * Does the work inside the effect's transaction (queue outbox rows, update state). Return
   * 'obsolete' when there is nothing to do any more (e.g. the poll was deleted).
   */
  run(tx: Db, effect: EffectRow, ctx: RunContext): Promise<void | 'obsolete'>;
  /**
   * The same for many effects of this kind at once, set-based (a few statements for hundreds of
   * complexes). Returns the ids that were obsolete. Optional: without it each effect runs on its own.
   */
  runBatch?(tx: Db, effects: EffectRow[], ctx: RunContext): Promise<Set<number>>;
  /**
   * True when run() calls a platform itself (a native poll): such an effect runs alone in its
   * transaction, since rolling back a batch around it would repeat the call.
   */
  callsPlatform?(ctx: RunContext): boolean;
  /** At most this many effects of the kind in one transaction (default: the engine's batch size). */
  batchSize?: number;
}

export interface SchedulerOptions {
  db: Db;
  log: Logger;
  platforms: Map<string, ChatPlatform>;
  jobs: JobKind[];
  /** Late by more than this counts as missed (default 2 minutes: one tick plus slack). */
  graceMs?: number;
  /** Where planning starts on a fresh database (default: one day back). */
  firstLookbackMs?: number;
  maxAttempts?: number;
  /**
   * Runners at once, each in its own transactions (SKIP LOCKED keeps them apart), each taking the
   * effects of its own share of the complexes (complex id modulo `parallel`). One complex's effects
   * due at the same instant keep their planning order, which some rules rely on (a reminder before the
   * auto-assignment at the same minute). Default 2: a busy minute uses the database's second core.
   */
  parallel?: number;
  /**
   * Effects claimed (SKIP LOCKED) and run in one short transaction; their marks are one statement
   * per outcome. A batch that fails is rolled back and its effects rerun one by one, so one bad
   * effect costs only its own retry.
   */
  batchSize?: number;
}

export interface TickResult { planned: number; ran: number; late: number; skipped: number; failed: number }
/** Where a tick's time went (for logs and the bench). */
export interface TickTiming { planMs: number; runMs: number; planMsByKind: Record<string, number> }

/** One scheduler tick: plan effects into PostgreSQL, then run the due ones, each exactly once. */
export function createScheduler(opts: SchedulerOptions): { tick(now: Date): Promise<TickResult>; lastTiming: TickTiming } {
  const { db, log, platforms, jobs } = opts;
  const graceMs = opts.graceMs ?? 120_000;
  const firstLookbackMs = opts.firstLookbackMs ?? 86_400_000;
  const maxAttempts = opts.maxAttempts ?? 5;
  const runner = effectRunner({ db, log, platforms, jobs, graceMs, maxAttempts, batchSize: opts.batchSize ?? 200 });

  async function plan(job: JobKind, now: Date): Promise<number> {
    const [cursor] = await db.select().from(schedulerCursors).where(eq(schedulerCursors.kind, job.kind));
    const from = cursor?.plannedUntil ?? new Date(now.getTime() - firstLookbackMs);
    const effects = from < now ? await job.due(db, { from, to: now }) : [];
    let planned = 0;
    for (let i = 0; i < effects.length; i += PLAN_CHUNK) {
      const chunk = effects.slice(i, i + PLAN_CHUNK).map((e) => ({ key: e.key, complex_id: e.complexId ?? null, due_at: e.dueAt, payload: e.payload ?? {} }));
      const [row] = rowsOf<{ n: number }>(await db.execute(sql`with inserted as (
          insert into scheduled_effects (key, kind, complex_id, due_at, payload, created_at)
          select x.key, ${job.kind}, x.complex_id, x.due_at, x.payload, ${now.toISOString()}::timestamptz
          from jsonb_to_recordset(${jsonRows(chunk)}) as x(key text, complex_id integer, due_at timestamptz, payload jsonb)
          on conflict do nothing returning 1)
        select count(*)::int as n from inserted`));
      planned += Number(row?.n ?? 0);
    }
    // Only after the effects are stored: a crash before this line plans the same window again (harmless).
    await db.insert(schedulerCursors).values({ kind: job.kind, plannedUntil: now }).onConflictDoUpdate({
      target: schedulerCursors.kind, set: { plannedUntil: sql`greatest(${schedulerCursors.plannedUntil}, excluded.planned_until)` },
    });
    return planned;
  }

  async function tick(now: Date): Promise<TickResult> {
    const result: TickResult = { planned: 0, ran: 0, late: 0, skipped: 0, failed: 0 };
    const started = performance.now();
    const planMsByKind: Record<string, number> = {};
    for (const job of jobs) {
      const jobStarted = performance.now();
      try {
        result.planned += await plan(job, now);
      } catch (err) {
        log.error({ err, kind: job.kind }, 'planning scheduled effects failed');
      }
      planMsByKind[job.kind] = performance.now() - jobStarted;
    }
    const planned = performance.now();
    const of = opts.parallel ?? 2;
    await Promise.all(Array.from({ length: of }, async (_, index) => {
      while (await runner.runBatch(now, result, { index, of })) { /* until nothing of this share is due */ }
    }));
    self.lastTiming = { planMs: planned - started, runMs: performance.now() - planned, planMsByKind };
    return result;
  }

  const self: { tick: typeof tick; lastTiming: TickTiming } = { tick, lastTiming: { planMs: 0, runMs: 0, planMsByKind: {} } };
  return self;
}

/** Missed rule helper: run late up to `maxLateMs` after the due time, skip when later. */
export function runIfLateBy(maxLateMs: number): (effect: EffectRow, now: Date) => MissedDecision {
  return (effect, now) => (now.getTime() - effect.dueAt.getTime() <= maxLateMs ? 'run' : 'skip');
}
