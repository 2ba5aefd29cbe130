import { randomBytes } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { pendingActions } from '../db/schema/index.js';

export type PendingAction = typeof pendingActions.$inferSelect;

/**
 * Stores state that is too long (or too sensitive) for a button behind a short random id, scoped
 * to a complex and optionally a person. Used for confirmations ("import this plan?").
 */
export async function createPending(db: Db, opts: {
  action: string; payload: unknown; complexId: number | null; personId?: number | null; now: Date; ttlMinutes?: number;
}): Promise<string> {
  const id = randomBytes(6).toString('base64url');
  await db.insert(pendingActions).values({
    id, action: opts.action, payload: opts.payload, complexId: opts.complexId, personId: opts.personId ?? null,
    expiresAt: new Date(opts.now.getTime() + (opts.ttlMinutes ?? 60) * 60_000),
  });
  return id;
}

export async function getPending(db: Db, id: string, now: Date): Promise<PendingAction | null> {
  const [row] = await db.select().from(pendingActions)
    .where(and(eq(pendingActions.id, id), eq(pendingActions.used, false), gt(pendingActions.expiresAt, now)));
  return row ?? null;
}

/** Marks it used; returns false when someone else used it first (double press, two instances). */
export async function consumePending(db: Db, id: string): Promise<boolean> {
  const rows = await db.update(pendingActions).set({ used: true })
    .where(and(eq(pendingActions.id, id), eq(pendingActions.used, false))).returning({ id: pendingActions.id });
  return rows.length > 0;
}
