import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { veraEndpoints, veraHandoffs } from '../db/schema/index.js';
import { corporationOf } from './notices.js';
import type { ReportRow } from './queries.js';
import { veraIdExtern } from './vera.js';

/**
 * Queues the hand-off of an escalated report to its corporation's system, in the escalation's own
 * transaction: the chat flow commits and answers at once, a scheduler job (vera-handoff.ts) posts
 * the verzoek afterwards and retries until it arrives. Nothing is queued when the corporation has no
 * VERA endpoint, while an earlier hand-off of the report is still followed (unless it was reopened), or for a nuisance report:
 * that is about neighbours, not maintenance, and stays with the people who see it in chat (AVG).
 */
export async function queueHandoff(tx: Db, report: ReportRow, now: Date, opts: { reopened?: boolean } = {}): Promise<boolean> {
  if (report.category === 'nuisance') return false;
  const corporationId = await corporationOf(tx, report.complexId);
  if (corporationId === null) return false;
  const [endpoint] = await tx.select({ id: veraEndpoints.corporationId }).from(veraEndpoints).where(eq(veraEndpoints.corporationId, corporationId));
  if (!endpoint) return false;
  const earlier = await tx.select({ id: veraHandoffs.id, state: veraHandoffs.state }).from(veraHandoffs).where(eq(veraHandoffs.reportId, report.id));
  // Not yet delivered: it will carry the report as it is by then.
  if (earlier.some((h) => h.state === 'pending')) return false;
  const followed = earlier.filter((h) => h.state === 'sent');
  if (followed.length > 0 && !opts.reopened) return false;
  // Reopened ("is it fixed?" no): the corporation gets a new verzoek that refers to the earlier one,
  // which is no longer followed (its status would otherwise resolve the reopened report again).
  if (followed.length > 0) await tx.update(veraHandoffs).set({ state: 'done' }).where(inArray(veraHandoffs.id, followed.map((h) => h.id)));
  // A report escalated again after its verzoek was cancelled gets a new verzoek, with its own key.
  const base = veraIdExtern(report.complexId, report.number);
  const idExtern = earlier.length === 0 ? base : `${base}:${earlier.length + 1}`;
  const inserted = await tx.insert(veraHandoffs).values({ reportId: report.id, corporationId, idExtern, nextAt: now, createdAt: now })
    .onConflictDoNothing().returning({ id: veraHandoffs.id });
  return inserted.length > 0;
}

/** Hand-offs still at work (being delivered or followed), for the admin command. */
export async function activeHandoffs(db: Db): Promise<(typeof veraHandoffs.$inferSelect)[]> {
  return db.select().from(veraHandoffs).where(inArray(veraHandoffs.state, ['pending', 'sent', 'failed'])).orderBy(veraHandoffs.id);
}

/** The operator's retry of a failed hand-off: from where it stopped, at once. */
export async function retryHandoff(db: Db, id: number, now: Date): Promise<boolean> {
  const rows = await db.update(veraHandoffs).set({
    state: sql`case when ${veraHandoffs.verzoekId} is null then 'pending' else 'sent' end`, attempts: 0, nextAt: now, step: sql`${veraHandoffs.step} + 1`,
  }).where(and(eq(veraHandoffs.id, id), eq(veraHandoffs.state, 'failed'))).returning({ id: veraHandoffs.id });
  return rows.length > 0;
}
