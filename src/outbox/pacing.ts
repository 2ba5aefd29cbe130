import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { outboxPace } from '../db/schema/index.js';

export interface RateLimit { limit: number; windowMs: number }
export interface PlatformLimits { global?: RateLimit; perChat?: RateLimit; perUser?: RateLimit }

/**
 * Documented platform limits. Telegram: ~30 messages/s per bot, 20/min per group, ~1/s per private
 * chat. Discord: 50 requests/s global, and the message route per channel allows 5 per 5 s.
 */
export const DEFAULT_LIMITS: Record<string, PlatformLimits> = {
  telegram: {
    global: { limit: 30, windowMs: 1000 }, perChat: { limit: 20, windowMs: 60_000 }, perUser: { limit: 1, windowMs: 1000 },
  },
  discord: {
    global: { limit: 50, windowMs: 1000 }, perChat: { limit: 5, windowMs: 5000 }, perUser: { limit: 5, windowMs: 5000 },
  },
};

interface Check { key: string; limit: RateLimit | undefined }

/**
 * Reserves one send slot for a chat and for the platform as a whole, or says when to try again.
 * Sliding log per key, shared by every instance in PostgreSQL: the key rows are locked (chat row
 * first, then the global row, always in that order, so no deadlock), so in every window of
 * `windowMs` at most `limit` sends start. Bottleneck would need Redis to share this state.
 */
export async function reserveSlot(db: Db, platform: string, targetKey: string, limits: PlatformLimits, clock: () => Date):
Promise<{ ok: true; at: number; startBy: number } | { ok: false; retryAt: Date; global: boolean }> {
  const perTarget = targetKey.startsWith('user:') ? limits.perUser : limits.perChat;
  const checks: Check[] = [{ key: targetKey, limit: perTarget }, { key: 'global', limit: limits.global }];
  let t = 0;
  let marginMs = Infinity;
  return db.transaction(async (tx) => {
    const updates: { key: string; recent: number[] }[] = [];
    for (const check of checks) {
      if (!check.limit && check.key === 'global') continue;
      const lock = () => tx.select().from(outboxPace)
        .where(and(eq(outboxPace.platform, platform), eq(outboxPace.key, check.key))).for('update');
      let [row] = await lock();
      if (!row) {
        await tx.insert(outboxPace).values({ platform, key: check.key }).onConflictDoNothing();
        [row] = await lock();
      }
      // The time is read after the lock is held, so every key's log is written in time order.
      t = Math.max(t, clock().getTime(), ...(row?.recent ?? []));
      if (row?.blockedUntil && row.blockedUntil.getTime() > t) {
        return { ok: false as const, retryAt: row.blockedUntil, global: check.key === 'global' };
      }
      if (!check.limit) continue;
      const { limit } = check.limit;
      // A small margin absorbs the jitter between reserving a slot and the request reaching the
      // platform; 5 % (at most 50 ms) keeps a broadcast above 0.9 of the limit.
      const margin = Math.min(50, check.limit.windowMs * 0.05);
      const windowMs = check.limit.windowMs + margin;
      marginMs = Math.min(marginMs, margin);
      const recent = (row?.recent ?? []).filter((s) => s > t - windowMs);
      if (recent.length >= limit) {
        return { ok: false as const, retryAt: new Date(recent[recent.length - limit]! + windowMs), global: check.key === 'global' };
      }
      updates.push({ key: check.key, recent: [...recent, t].slice(-limit) });
    }
    for (const u of updates) {
      u.recent[u.recent.length - 1] = t;
      await tx.update(outboxPace).set({ recent: u.recent })
        .where(and(eq(outboxPace.platform, platform), eq(outboxPace.key, u.key)));
    }
    // The margin only covers sends that start within it: a later start must take a new slot.
    return { ok: true as const, at: t, startBy: t + (Number.isFinite(marginMs) ? marginMs : Infinity) };
  });
}

/**
 * A send the platform refused with a 429 delivered nothing, so it gives its place in the
 * platform-wide log back (one entry): a share of refused sends does not slow every other chat down.
 * The refused chat itself stays blocked for retry_after (blockTarget).
 */
export async function releaseGlobalSlot(db: Db, platform: string, at: number): Promise<void> {
  await releaseSlot(db, platform, ['global'], at);
}

/** Gives a reserved slot back in the logs of the given keys (in reserveSlot's lock order: chat, then global). */
export async function releaseSlot(db: Db, platform: string, keys: string[], at: number): Promise<void> {
  await db.transaction(async (tx) => {
    for (const key of keys) {
      const where = and(eq(outboxPace.platform, platform), eq(outboxPace.key, key));
      const [row] = await tx.select().from(outboxPace).where(where).for('update');
      const i = row?.recent.indexOf(at) ?? -1;
      if (i < 0) continue;
      await tx.update(outboxPace).set({ recent: row!.recent.filter((_, j) => j !== i) }).where(where);
    }
  });
}

/** A 429 for a chat: nobody sends to it again before retry_after has passed. */
export async function blockTarget(db: Db, platform: string, targetKey: string, until: Date): Promise<void> {
  await db.insert(outboxPace).values({ platform, key: targetKey, blockedUntil: until })
    .onConflictDoUpdate({
      target: [outboxPace.platform, outboxPace.key],
      set: { blockedUntil: sql`greatest(coalesce(${outboxPace.blockedUntil}, excluded.blocked_until), excluded.blocked_until)` },
    });
}
