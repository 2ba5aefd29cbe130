import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { scheduledEffects } from '../db/schema/index.js';
import type { Logger } from '../log.js';
import type { ChatPlatform } from '../platform.js';
import type { EffectRow, JobKind, RunContext, TickResult } from './engine.js';

type Outcome = 'on_time' | 'late' | 'skipped_stale' | 'skipped_obsolete';

/**
 * A runner's share of the effects: those of the complexes whose id modulo `of` is `index` (effects of no
 * complex belong to share 0). One complex's effects stay with one runner, so they keep their order.
 */
export interface Share { index: number; of: number }

interface RunnerOptions {
  db: Db;
  log: Logger;
  platforms: Map<string, ChatPlatform>;
  jobs: JobKind[];
  graceMs: number;
  maxAttempts: number;
  batchSize: number;
}

/** Consecutive effects of one kind, so a batch keeps the planning order between kinds. */
function segments(rows: EffectRow[]): EffectRow[][] {
  const out: EffectRow[][] = [];
  for (const row of rows) {
    const last = out.at(-1);
    if (last && last[0]!.kind === row.kind) last.push(row);
    else out.push([row]);
  }
  return out;
}

/**
 * Runs due effects: claims a batch with FOR UPDATE SKIP LOCKED (two instances never take the same
 * rows), applies each kind's missed rule, runs the effects (set-based where the kind can) and marks
 * them, all in one short transaction. The unique effect key made each effect exist once; the row
 * lock and the state change make it run once.
 */
export function effectRunner(opts: RunnerOptions) {
  const { db, log, platforms, graceMs, maxAttempts, batchSize } = opts;
  const byKind = new Map(opts.jobs.map((j) => [j.kind, j]));
  const kinds = [...byKind.keys()];

  /** The longest prefix in which no kind has more effects than its own batch size. */
  function withinKindLimits(rows: EffectRow[]): EffectRow[] {
    const seen = new Map<string, number>();
    const end = rows.findIndex((row, i) => {
      const n = (seen.get(row.kind) ?? 0) + 1;
      seen.set(row.kind, n);
      return i > 0 && n > (byKind.get(row.kind)!.batchSize ?? batchSize);
    });
    return end < 0 ? rows : rows.slice(0, end);
  }

  const dueNow = (now: Date, id?: number, share?: Share) => and(
    eq(scheduledEffects.state, 'pending'), lte(scheduledEffects.dueAt, now), inArray(scheduledEffects.kind, kinds),
    or(isNull(scheduledEffects.notBefore), lte(scheduledEffects.notBefore, now)),
    id === undefined ? undefined : eq(scheduledEffects.id, id),
    share === undefined || share.of < 2 ? undefined : sql`coalesce(${scheduledEffects.complexId}, 0) % ${share.of} = ${share.index}`,
  );

  async function runClaimed(tx: Db, rows: EffectRow[], ctx: RunContext): Promise<Map<number, Outcome>> {
    const outcomes = new Map<number, Outcome>();
    for (const segment of segments(rows)) {
      const job = byKind.get(segment[0]!.kind)!;
      const toRun: EffectRow[] = [];
      for (const effect of segment) {
        const late = ctx.now.getTime() - effect.dueAt.getTime() > graceMs;
        if (late && job.missed(effect, ctx.now) === 'skip') {
          outcomes.set(effect.id, 'skipped_stale');
          log.info({ key: effect.key, dueAt: effect.dueAt, rule: job.missedRule }, 'scheduled effect missed: skipped by rule');
        } else {
          toRun.push(effect);
        }
      }
      const obsolete = job.runBatch && toRun.length > 1 ? await job.runBatch(tx, toRun, ctx) : new Set<number>();
      for (const effect of toRun) {
        if (!job.runBatch || toRun.length === 1) {
          if ((await job.run(tx, effect, ctx)) === 'obsolete') obsolete.add(effect.id);
        }
        const late = ctx.now.getTime() - effect.dueAt.getTime() > graceMs;
        outcomes.set(effect.id, obsolete.has(effect.id) ? 'skipped_obsolete' : late ? 'late' : 'on_time');
      }
    }
    return outcomes;
  }

  /** One statement per outcome marks the whole batch. */
  async function mark(tx: Db, outcomes: Map<number, Outcome>, now: Date): Promise<void> {
    const groups = new Map<Outcome, number[]>();
    for (const [id, outcome] of outcomes) groups.set(outcome, [...(groups.get(outcome) ?? []), id]);
    for (const [outcome, ids] of groups) {
      await tx.update(scheduledEffects).set({ state: outcome.startsWith('skipped') ? 'skipped' : 'done', outcome, doneAt: now })
        .where(inArray(scheduledEffects.id, ids));
    }
  }

  function count(result: TickResult, outcomes: Map<number, Outcome>): void {
    for (const outcome of outcomes.values()) {
      if (outcome.startsWith('skipped')) result.skipped++;
      else {
        result.ran++;
        if (outcome === 'late') result.late++;
      }
    }
  }

  /** Claims and runs up to `limit` due effects (or the one given) in one transaction; returns how many it claimed. */
  async function claimAndRun(now: Date, limit: number, id?: number, share?: Share): Promise<{ claimed: EffectRow[]; outcomes: Map<number, Outcome> }> {
    let claimed: EffectRow[] = [];
    const outcomes = await db.transaction(async (tx) => {
      claimed = await tx.select().from(scheduledEffects).where(dueNow(now, id, share))
        .orderBy(asc(scheduledEffects.dueAt), asc(scheduledEffects.id)).limit(limit).for('update', { skipLocked: true });
      if (claimed.length === 0) return new Map<number, Outcome>();
      const ctx = { now, log, platforms };
      // An effect that calls a platform runs alone; the rest of the batch stays for the next round.
      const alone = claimed.findIndex((e) => byKind.get(e.kind)!.callsPlatform?.(ctx));
      if (alone >= 0) claimed = claimed.slice(0, Math.max(1, alone));
      claimed = withinKindLimits(claimed);
      const result = await runClaimed(tx, claimed, ctx);
      await mark(tx, result, now);
      return result;
    }).catch((err: unknown) => {
      throw Object.assign(new Error('batch failed'), { cause: err, claimed });
    });
    return { claimed, outcomes };
  }

  /** A failed effect: the attempt is counted and it is retried later with backoff. */
  async function recordFailure(effect: EffectRow, err: unknown, now: Date, result: TickResult): Promise<void> {
    const attempts = effect.attempts + 1;
    log.error({ err, key: effect.key, attempts }, 'scheduled effect failed');
    result.failed++;
    await db.update(scheduledEffects).set({
      attempts, lastError: err instanceof Error ? err.message : String(err),
      state: attempts >= maxAttempts ? 'failed' : 'pending',
      notBefore: new Date(now.getTime() + 60_000 * 2 ** (attempts - 1)),
    }).where(eq(scheduledEffects.id, effect.id));
  }

  async function runBatch(now: Date, result: TickResult, share?: Share): Promise<boolean> {
    try {
      const { claimed, outcomes } = await claimAndRun(now, batchSize, undefined, share);
      count(result, outcomes);
      return claimed.length > 0;
    } catch (batchErr) {
      const claimed = (batchErr as { claimed: EffectRow[] }).claimed;
      if (claimed.length === 0) throw (batchErr as Error).cause;
      if (claimed.length === 1) {
        await recordFailure(claimed[0]!, (batchErr as Error).cause, now, result);
        return true;
      }
      // The batch rolled back: each of its effects on its own, so only the bad one fails.
      for (const effect of claimed) {
        try {
          count(result, (await claimAndRun(now, 1, effect.id)).outcomes);
        } catch (err) {
          await recordFailure(effect, (err as Error).cause ?? err, now, result);
        }
      }
      return true;
    }
  }

  return { runBatch };
}
