import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { outbox } from '../db/schema/index.js';
import type { OutboxRow } from './queue.js';

/**
 * One chat's messages go out in order: only its oldest unfinished row is eligible. Correlated, so
 * it is one probe of outbox_target_idx per row: right after a broadcast was queued the table's
 * statistics still say "a few rows", and the planner joined an uncorrelated `in (… group by)`
 * form as a nested loop, O(rows²) (300 ms per claim at 1000 queued rows).
 */
const headOfItsChat = sql`${outbox.id} = (select min(o2.id) from outbox o2 where o2.platform = ${outbox.platform}
  and o2.target_kind = ${outbox.targetKind} and o2.target_id = ${outbox.targetId} and o2.state in ('pending', 'sending'))`;

/**
 * Leases up to `batchSize` rows that are due now on these platforms (each its chat's oldest unfinished
 * one; pending and due, or leased by a worker whose lease ran out), skipping rows another worker holds.
 */
export async function claimDue(db: Db, platforms: string[], now: Date, opts: { batchSize: number; leaseMs: number }): Promise<OutboxRow[]> {
  if (platforms.length === 0) return [];
  return db.transaction(async (tx) => {
    const rows = await tx.select().from(outbox).where(and(
      inArray(outbox.platform, platforms),
      or(and(eq(outbox.state, 'pending'), lte(outbox.nextAttemptAt, now)),
        and(eq(outbox.state, 'sending'), lte(outbox.leaseUntil, now))),
      headOfItsChat,
    )).orderBy(asc(outbox.nextAttemptAt), asc(outbox.id)).limit(opts.batchSize).for('update', { skipLocked: true });
    if (rows.length === 0) return [];
    const token = randomUUID();
    await tx.update(outbox).set({ state: 'sending', claimToken: token, leaseUntil: new Date(now.getTime() + opts.leaseMs) })
      .where(inArray(outbox.id, rows.map((r) => r.id)));
    return rows.map((r) => ({ ...r, claimToken: token }));
  });
}

/** Per platform, when its next row becomes due (epoch ms): a pending row's next attempt or a lease running out. */
export async function nextDueByPlatform(db: Db, platforms: string[]): Promise<Map<string, number>> {
  const due = new Map<string, number>();
  if (platforms.length === 0) return due;
  const rows = await db.select({
    platform: outbox.platform,
    pending: sql<Date | string | null>`min(case when ${outbox.state} = 'pending' then ${outbox.nextAttemptAt} end)`,
    leased: sql<Date | string | null>`min(case when ${outbox.state} = 'sending' then ${outbox.leaseUntil} end)`,
  }).from(outbox).where(and(inArray(outbox.state, ['pending', 'sending']), inArray(outbox.platform, platforms), headOfItsChat))
    .groupBy(outbox.platform);
  for (const row of rows) {
    const times = [row.pending, row.leased].flatMap((d) => (d === null || d === undefined ? [] : [new Date(d).getTime()]));
    if (times.length) due.set(row.platform, Math.min(...times));
  }
  return due;
}
