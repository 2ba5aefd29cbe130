import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { inboundUpdates } from '../db/schema/index.js';

/** Stores a batch of updates in one statement (a redelivered one is already there). */
export async function queueInbound(db: Db, platform: string, updates: { id: number; payload: unknown }[]): Promise<void> {
  if (updates.length === 0) return;
  await db.insert(inboundUpdates).values(updates.map((u) => ({ platform, updateId: u.id, payload: u.payload })))
    .onConflictDoNothing();
}

/** Forgets handled updates, in one statement. */
export async function finishInbound(db: Db, platform: string, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.delete(inboundUpdates).where(and(eq(inboundUpdates.platform, platform), inArray(inboundUpdates.updateId, ids)));
}

/** Updates stored but not handled yet, oldest first (after a crash or an outage). */
export async function pendingInbound(db: Db, platform: string, limit = 500): Promise<{ id: number; payload: unknown }[]> {
  const rows = await db.select({ id: inboundUpdates.updateId, payload: inboundUpdates.payload }).from(inboundUpdates)
    .where(eq(inboundUpdates.platform, platform)).orderBy(asc(inboundUpdates.updateId)).limit(limit);
  return rows;
}
